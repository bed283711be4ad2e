"""Job-offer verification request and answer, the public summary and the verifier's list."""
from marshmallow import Schema, ValidationError, fields, validate, validates_schema

from registry.common.fields import Amount, Country, Currency, Text
from registry.common.pagination import PageArgs
from registry.fees.schemas import ChargeIn
from registry.fees.vocabulary import SECTORS


class AgencyRef(Schema):
    country = Country(required=True)
    licence_no = fields.String(validate=validate.Length(min=1, max=60))
    name = fields.String(validate=validate.Length(min=1, max=300))

    @validates_schema
    def _one_of(self, data, **kwargs):
        if not data.get("licence_no") and not data.get("name"):
            raise ValidationError("Give the agency's licence_no or its name.", "licence_no")


class EmployerRef(Schema):
    name = fields.String(required=True, validate=validate.Length(min=1, max=300))
    country = Country(required=True)
    registration_no = fields.String(validate=validate.Length(max=100))
    address = Text(500)
    phone = fields.String(validate=validate.Length(max=50))
    email = fields.Email(validate=validate.Length(max=254))


class OfferIn(Schema):
    agency = fields.Nested(AgencyRef, required=True)
    employer = fields.Nested(EmployerRef, required=True)
    position = fields.String(required=True, validate=validate.Length(min=1, max=200))
    sector = fields.String(load_default="any", validate=validate.OneOf(SECTORS))
    monthly_wage = Amount(required=True)
    currency = Currency(required=True)
    contract_months = fields.Integer(required=True, validate=validate.Range(min=1, max=120))
    origin = Country(required=True)
    destination = Country(required=True)
    date = fields.Date(metadata={"description": "Date of the offer / deployment (default today)"})
    charges = fields.List(fields.Nested(ChargeIn), load_default=list, validate=validate.Length(max=50))


class FindingOut(Schema):
    code = fields.String()
    severity = fields.String(metadata={"enum": ["info", "warning", "critical"]})
    message = fields.String()
    evidence = fields.Dict()


class VerificationOut(Schema):
    verdict = fields.String(metadata={"enum": ["clear", "caution", "reject"]})
    findings = fields.List(fields.Nested(FindingOut))
    reference = fields.String(metadata={"description": "Signed reference for the public summary and the printable page"})
    verified_at = fields.DateTime()
    links = fields.Dict(metadata={"description": "public summary (API) and printable page"})


class VerificationSummary(Schema):
    """What a worker or border officer may see: no findings, no personal data."""

    reference = fields.String()
    verdict = fields.String()
    verified_at = fields.DateTime()
    date = fields.Date(attribute="offer_date")
    agency = fields.Dict()
    employer = fields.Dict()
    position = fields.String()
    origin = fields.String()
    destination = fields.String()


class VerificationListItem(VerificationSummary):
    findings = fields.List(fields.Nested(FindingOut))


class MineArgs(PageArgs):
    mine = fields.Boolean(load_default=True, metadata={"description": "Only your own verifications (admins may set false)"})
