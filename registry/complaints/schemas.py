"""Complaint input and output schemas: what a worker sends, what anyone may read back (status only), what regulators see."""
from flask_babel import lazy_gettext
from marshmallow import Schema, fields, validate

from registry.common.fields import Amount, Country, Currency, Text
from registry.complaints.models import CATEGORIES, STATUSES


class PaymentIn(Schema):
    amount = Amount(required=True)
    currency = Currency(required=True, metadata={"example": "PHP"})
    purpose = Text(200, allow_none=True, metadata={"description": "What the money was for, in the worker's words"})


class ComplaintIn(Schema):
    agency_licence_no = Text(60, allow_none=True, metadata={"description": "The agency's licence number, if known"})
    agency_name = Text(300, allow_none=True, metadata={"description": "The agency's name as the worker knows it"})
    employer_name = Text(300, allow_none=True)
    employer_country = Country(allow_none=True)
    category = fields.String(required=True, validate=validate.OneOf(CATEGORIES, error=(
        "Must be one of: overcharging, contract_substitution, passport_retention, unpaid_wages, "
        "abuse_or_threats, deception, other.")))
    description = fields.String(required=True, validate=validate.Length(min=1, max=10000, error="Tell us what happened."),
                                metadata={"description": "What happened, in the worker's words"})
    payments = fields.List(fields.Nested(PaymentIn), load_default=list, validate=validate.Length(max=20))
    country = Country(required=True, metadata={"description": "The country where the worker was recruited"})
    contact = Text(300, allow_none=True, metadata={"description": "Phone or email for the regulator; never public"})
    anonymous = fields.Boolean(load_default=False, metadata={"description": "True: no contact is stored"})
    idempotency_key = fields.String(validate=validate.Length(min=8, max=100), metadata={
        "description": "Or the Idempotency-Key header: resending with the same key returns the first complaint"})


class ComplaintFiled(Schema):
    code = fields.String(metadata={"description": "Tracking code; keep it to follow the complaint"})
    status = fields.String()
    received_at = fields.DateTime(attribute="created_at")


class ComplaintStatus(Schema):
    """All that the tracking code reveals: the status and dates, never the content."""

    code = fields.String()
    status = fields.String(metadata={"enum": list(STATUSES)})
    received_at = fields.DateTime(attribute="created_at")
    updated_at = fields.DateTime()


class PaymentOut(Schema):
    amount = fields.Decimal(as_string=True)
    currency = fields.String()
    purpose = fields.String(allow_none=True)


class ComplaintEventOut(Schema):
    seq = fields.Integer()
    from_status = fields.String(allow_none=True)
    to_status = fields.String()
    note = fields.String(allow_none=True)
    case_id = fields.Integer(allow_none=True)
    actor = fields.String()
    at = fields.DateTime()


class ComplaintRegulator(Schema):
    id = fields.Integer()
    code = fields.String()
    country = fields.String()
    agency_id = fields.Integer(allow_none=True)
    agency_given = fields.String(allow_none=True)
    employer_name = fields.String(allow_none=True)
    employer_country = fields.String(allow_none=True)
    category = fields.String()
    description = fields.String()
    payments = fields.List(fields.Nested(PaymentOut))
    contact = fields.String(allow_none=True)
    anonymous = fields.Boolean()
    status = fields.String()
    case_id = fields.Integer(allow_none=True)
    events = fields.List(fields.Nested(ComplaintEventOut))
    version = fields.Integer()
    created_at = fields.DateTime()
    updated_at = fields.DateTime()


class TriageArgs(Schema):
    status = fields.String(validate=validate.OneOf(STATUSES))
    page = fields.Integer(load_default=1, validate=validate.Range(min=1, max=100000))
    per_page = fields.Integer(load_default=20, validate=validate.Range(min=1, max=100))


class StatusChangeIn(Schema):
    status = fields.String(validate=validate.OneOf(STATUSES))
    note = Text(5000, allow_none=True)
    case_id = fields.Integer(allow_none=True, validate=validate.Range(min=1))
    version = fields.Integer(validate=validate.Range(min=1))


CATEGORY_LABELS = {
    "overcharging": lazy_gettext("I was charged too much"),
    "contract_substitution": lazy_gettext("My contract was changed or replaced"),
    "passport_retention": lazy_gettext("My passport or ID was taken from me"),
    "unpaid_wages": lazy_gettext("I was not paid my wages"),
    "abuse_or_threats": lazy_gettext("I was abused or threatened"),
    "deception": lazy_gettext("I was lied to about the job"),
    "other": lazy_gettext("Something else"),
}
STATUS_LABELS = {
    "received": lazy_gettext("Received - waiting for the regulator"),
    "under_review": lazy_gettext("Under review by the regulator"),
    "referred": lazy_gettext("Sent to another authority (police, court or labour office)"),
    "resolved": lazy_gettext("Resolved - the complaint was upheld"),
    "dismissed": lazy_gettext("Closed without action"),
}
