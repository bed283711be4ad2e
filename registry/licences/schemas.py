"""Licence input/output schemas, including the action request with its cross-field rules."""
from marshmallow import Schema, ValidationError, fields, validate, validates_schema

from registry.common.fields import Country, Text
from registry.licences.lifecycle import ACTIONS
from watchlist.screening.schemas import FlagBrief, screening_status

SCOPES = ("land_based", "sea_based", "domestic", "land_and_sea", "other")


class LicenceIn(Schema):
    licence_no = fields.String(required=True, validate=[validate.Length(min=1, max=60),
                                                        validate.Regexp(r"^[\w./ -]+$", error="Letters, digits, space, '-', '/', '.' only.")])
    country = Country(metadata={"description": "Issuing country; defaults to the agency's"})
    authority = fields.String(required=True, validate=validate.Length(min=1, max=300))
    scope = fields.String(required=True, validate=validate.OneOf(SCOPES))
    destinations = fields.List(Country(), load_default=list, validate=validate.Length(max=250),
                               metadata={"description": "Authorised destination countries; empty means any"})
    issued_on = fields.Date()
    expires_on = fields.Date(required=True)
    pending = fields.Boolean(load_default=False, metadata={"description": "Create as pending instead of issuing now"})
    reason = Text(2000, allow_none=True)
    legal_basis = Text(500, allow_none=True)
    override = fields.Boolean(load_default=False, metadata={"description": "Issue even though the agency or its officers are banned (audited)"})
    override_reason = Text(2000, allow_none=True, metadata={"description": "Required with override"})

    @validates_schema
    def _dates(self, data, **kwargs):
        if data.get("issued_on") and data.get("expires_on") and data["expires_on"] <= data["issued_on"]:
            raise ValidationError("Must be after issued_on.", "expires_on")
        if data.get("override") and not (data.get("override_reason") or "").strip():
            raise ValidationError("An override needs its reason.", "override_reason")


class ActionIn(Schema):
    action = fields.String(required=True, validate=validate.OneOf(ACTIONS))
    reason = Text(2000, allow_none=True)
    legal_basis = Text(500, allow_none=True)
    effective_on = fields.Date(metadata={"description": "Defaults to today; never in the future"})
    until = fields.Date(allow_none=True, metadata={"description": "suspend only: end of the suspension (omit: indefinite)"})
    expires_on = fields.Date(metadata={"description": "renew only: the new expiry date"})
    ban = fields.Boolean(load_default=False, metadata={"description": "revoke only: permanent ban on the agency and its officers"})
    version = fields.Integer(validate=validate.Range(min=1), metadata={"description": "Optional: the licence version you read"})
    override = fields.Boolean(load_default=False, metadata={"description": "issue only: issue even though the agency or its officers are banned (audited)"})
    override_reason = Text(2000, allow_none=True, metadata={"description": "Required with override"})

    @validates_schema
    def _fields_fit_action(self, data, **kwargs):
        action = data.get("action")
        errors = {}
        if data.get("override") and action != "issue":
            errors["override"] = ["Only issuing a licence can be overridden."]
        elif data.get("override") and not (data.get("override_reason") or "").strip():
            errors["override_reason"] = ["An override needs its reason."]
        if data.get("until") and action != "suspend":
            errors["until"] = ["Only a suspension has an end date."]
        if data.get("expires_on") and action not in {"renew", "issue"}:
            errors["expires_on"] = ["Only 'renew' (or 'issue') sets an expiry date."]
        if action == "renew" and not data.get("expires_on"):
            errors["expires_on"] = ["A renewal needs the new expiry date."]
        if data.get("ban") and action != "revoke":
            errors["ban"] = ["Only a revocation can ban the agency."]
        if action in {"suspend", "revoke", "cancel"} and not (data.get("reason") or "").strip():
            errors["reason"] = ["Give the reason; workers and the agency will read it."]
        if data.get("until") and data.get("effective_on") and data["until"] <= data["effective_on"]:
            errors["until"] = ["Must be after effective_on."]
        if errors:
            raise ValidationError(errors)


class HistoryPublic(Schema):
    seq = fields.Integer()
    action = fields.String()
    from_state = fields.String()
    to_state = fields.String()
    effective_on = fields.Date()
    until = fields.Date(allow_none=True)
    expires_on = fields.Date(allow_none=True)
    reason = fields.String(allow_none=True)
    legal_basis = fields.String(allow_none=True)
    ban = fields.Boolean()


class HistoryRegulator(HistoryPublic):
    actor = fields.String()
    recorded_at = fields.DateTime()


class _AgencyRef(Schema):
    id = fields.Integer()
    name = fields.String()
    country = fields.String()


class LinkedRecord(Schema):
    record = fields.String(metadata={"description": "agency:<id>, officer:<id> or subject:<id>"})
    name = fields.String()
    adverse = fields.Boolean(metadata={"description": "Banned, an officer of a banned agency, or convicted / debarred"})
    standing = fields.String(allow_none=True)
    linked_from = fields.String(metadata={"description": "This agency or one of its officers"})
    reason = fields.String(allow_none=True)
    decided_by = fields.String()


class BannedOfficer(Schema):
    name = fields.String()
    banned_with = fields.String(metadata={"description": "The banned agency (or record) the officer is the same as"})
    via = fields.String(metadata={"enum": ["id_number", "link"]})


class AgencyStanding(Schema):
    """Whether a worker can trust the agency whatever its licence says."""

    banned = fields.Boolean()
    banned_on = fields.Date(allow_none=True)
    banned_officers = fields.List(fields.Nested(BannedOfficer))
    linked_to_adverse_record = fields.Boolean()
    linked_records = fields.List(fields.Nested(LinkedRecord), metadata={"description": "Records a regulator judged the same (flags decided 'same')"})


class LicencePublicSchema(Schema):
    """A licence as a worker sees it: the status on today's date, validity and history."""

    country = fields.String()
    licence_no = fields.String()
    status = fields.String(metadata={"enum": ["valid", "expired", "suspended", "revoked", "cancelled", "surrendered", "pending"]})
    valid = fields.Boolean()
    issued_on = fields.Date(allow_none=True)
    expires_on = fields.Date(allow_none=True)
    suspended_until = fields.Date(allow_none=True)
    authority = fields.String()
    scope = fields.String()
    destinations = fields.List(fields.String())
    agency = fields.Nested(_AgencyRef)
    history = fields.List(fields.Nested(HistoryPublic))
    version = fields.Integer()
    agency_standing = fields.Nested(AgencyStanding, metadata={"description": "The agency's ban and links to adverse records"})


class LicenceRegulatorSchema(LicencePublicSchema):
    history = fields.List(fields.Nested(HistoryRegulator))
    flags = fields.List(fields.Nested(FlagBrief), metadata={"description": "Repeat-offender flags raised when issuing (see /api/v1/flags)"})
    screening = screening_status("flags")


class LicenceOfAgencyPublic(LicencePublicSchema):
    class Meta:
        exclude = ("agency", "agency_standing")


class LicenceOfAgencyRegulator(LicenceRegulatorSchema):
    class Meta:
        exclude = ("agency", "agency_standing")


class LicenceBrief(Schema):
    country = fields.String()
    licence_no = fields.String()
    status = fields.String()
    valid = fields.Boolean()
    expires_on = fields.Date(allow_none=True)
