"""Accreditation and job order schemas (input rules and the public view)."""
from marshmallow import Schema, ValidationError, fields, validate, validates_schema

from registry.accreditation.lifecycle import ACTIONS, STATUSES
from registry.common.fields import Amount, Country, Currency, Text
from registry.common.pagination import PageArgs
from registry.fees.calculator import round_money
from registry.fees.vocabulary import SECTORS


class AccreditationIn(Schema):
    employer_id = fields.Integer(required=True, metadata={"description": "Watchlist subject id of the employer (an organisation)"})
    agency_id = fields.Integer(required=True)
    destination = Country(required=True)
    valid_from = fields.Date(required=True)
    valid_until = fields.Date(required=True)
    reason = Text(2000, allow_none=True)
    legal_basis = Text(500, allow_none=True)

    @validates_schema
    def _period(self, data, **kwargs):
        if data.get("valid_from") and data.get("valid_until") and data["valid_until"] <= data["valid_from"]:
            raise ValidationError("Must be after valid_from.", "valid_until")


class AccreditationActionIn(Schema):
    action = fields.String(required=True, validate=validate.OneOf(ACTIONS))
    effective_on = fields.Date(metadata={"description": "Defaults to today; never in the future"})
    valid_until = fields.Date(metadata={"description": "renew only: the new end of the accreditation"})
    reason = Text(2000, allow_none=True)
    legal_basis = Text(500, allow_none=True)
    version = fields.Integer(validate=validate.Range(min=1))


def action_errors(data: dict) -> dict:
    """Cross-field rules of an action; checked by the service after the caller's country scope, so a regulator of
    another country is told 403 rather than which fields to fix."""
    errors = {}
    if data.get("action") == "renew" and not data.get("valid_until"):
        errors["valid_until"] = ["A renewal needs the new end date."]
    if data.get("valid_until") and data.get("action") != "renew":
        errors["valid_until"] = ["Only 'renew' sets a new end date."]
    if data.get("action") in {"suspend", "revoke"} and not (data.get("reason") or "").strip():
        errors["reason"] = ["Give the reason; agencies and workers will read it."]
    return errors


class JobOrderIn(Schema):
    position = fields.String(required=True, validate=validate.Length(min=1, max=200))
    sector = fields.String(required=True, validate=validate.OneOf([s for s in SECTORS if s != "any"]))
    workers = fields.Integer(required=True, validate=validate.Range(min=1, max=100000))
    monthly_wage = Amount(required=True)
    currency = Currency(required=True)
    contract_months = fields.Integer(required=True, validate=validate.Range(min=1, max=120))
    approved_on = fields.Date(required=True)
    valid_until = fields.Date(required=True)

    @validates_schema
    def _period(self, data, **kwargs):
        if data.get("approved_on") and data.get("valid_until") and data["valid_until"] < data["approved_on"]:
            raise ValidationError("Must be on or after approved_on.", "valid_until")


class AccreditationArgs(PageArgs):
    agency_id = fields.Integer()
    employer_id = fields.Integer()
    destination = Country()


class AccreditationOnArgs(Schema):
    on = fields.Date(metadata={"description": "Status as of this date (default today)"})


class JobOrderOut(Schema):
    id = fields.Integer()
    position = fields.String()
    sector = fields.String()
    workers = fields.Integer()
    monthly_wage = fields.Method("_wage", metadata={"type": "string", "example": "1500.00"})
    currency = fields.String()
    contract_months = fields.Integer()
    approved_on = fields.Date()
    valid_until = fields.Date()

    def _wage(self, order):
        return str(round_money(order.monthly_wage, order.currency))


class AccreditationActionOut(Schema):
    seq = fields.Integer()
    action = fields.String()
    from_state = fields.String(allow_none=True)
    to_state = fields.String()
    effective_on = fields.Date()
    valid_until = fields.Date(allow_none=True)
    reason = fields.String(allow_none=True)
    legal_basis = fields.String(allow_none=True)


class _Party(Schema):
    id = fields.Integer()
    name = fields.String()
    country = fields.String()


class AccreditationOut(Schema):
    id = fields.Integer()
    employer = fields.Nested(_Party)
    agency = fields.Nested(_Party)
    destination = fields.String()
    status = fields.String(metadata={"enum": list(STATUSES)})
    valid_from = fields.Date()
    valid_until = fields.Date()
    version = fields.Integer()
    as_of = fields.Date()
    history = fields.List(fields.Nested(AccreditationActionOut))
    job_orders = fields.List(fields.Nested(JobOrderOut))
