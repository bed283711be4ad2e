"""Case and event input/output schemas. Cases are only ever shown to verifiers, regulators and admins;
the public sees decided cases through the subject schemas."""
from marshmallow import Schema, ValidationError, fields, validate, validates_schema

from registry.common.fields import Country, Text
from watchlist.cases.lifecycle import EVENTS, SANCTIONING_EVENTS
from watchlist.schemas_common import WatchlistCompensationOut, WatchlistMoneyIn, WatchlistMoneyOut, one_of_list
from watchlist.subjects.schemas import SubjectIn
from watchlist.vocabulary import ILO_INDICATORS, OFFENCES, RESPONDENT_ROLES
from watchlist.screening.schemas import FlagBrief, screening_status

CASE_STATUSES = ("pending", "decided")


class CaseVictimsIn(Schema):
    """Counted in aggregate only: no victim's name or identity is ever stored."""

    total = fields.Integer(required=True, validate=validate.Range(min=0, max=1_000_000))
    women = fields.Integer(load_default=None, allow_none=True, validate=validate.Range(min=0))
    minors = fields.Integer(load_default=None, allow_none=True, validate=validate.Range(min=0))

    @validates_schema
    def _parts_within_total(self, data, **kwargs):
        errors = {k: ["Cannot be more than total."] for k in ("women", "minors")
                  if data.get(k) is not None and data.get("total") is not None and data[k] > data["total"]}
        if errors:
            raise ValidationError(errors)


class CaseRespondentIn(Schema):
    """An existing subject (`subject_id`, or `country` + `external_id`) or a new one given inline (`subject`)."""

    subject_id = fields.Integer(validate=validate.Range(min=1))
    country = Country()
    external_id = fields.String(validate=validate.Length(min=1, max=100))
    subject = fields.Nested(SubjectIn)
    role = fields.String(required=True, validate=validate.OneOf(RESPONDENT_ROLES))

    @validates_schema
    def _exactly_one_reference(self, data, **kwargs):
        given = [k for k in ("subject_id", "external_id", "subject") if k in data]
        if len(given) != 1:
            raise ValidationError("Give exactly one of subject_id, external_id (with country) or subject.", "subject_id")
        if "external_id" in data and "country" not in data:
            raise ValidationError("An external_id needs its country.", "country")


class CaseIn(Schema):
    case_no = fields.String(required=True, validate=validate.Length(min=1, max=100))
    jurisdiction = Country(required=True)
    authority = fields.String(required=True, validate=validate.Length(min=1, max=300),
                              metadata={"description": "Court, labour tribunal or ministry"})
    offences = one_of_list(OFFENCES, required=True)
    indicators = one_of_list(ILO_INDICATORS, load_default=list, metadata={"description": "ILO forced-labour indicators observed"})
    filed_on = fields.Date(required=True)
    respondents = fields.List(fields.Nested(CaseRespondentIn), required=True, validate=validate.Length(min=1, max=100))
    victims = fields.Nested(CaseVictimsIn, load_default=None, allow_none=True)
    sector = fields.String(allow_none=True, validate=validate.Length(max=100))
    destination_country = Country(allow_none=True)
    summary = Text(5000, allow_none=True)
    notes = Text(5000, allow_none=True, metadata={"description": "Internal; never public"})

    @validates_schema
    def _some_offence(self, data, **kwargs):
        if "offences" in data and not data["offences"]:
            raise ValidationError("Name at least one offence.", "offences")


class CaseSanctionsIn(Schema):
    imprisonment_months = fields.Integer(allow_none=True, validate=validate.Range(min=0, max=12000))
    fine = fields.Nested(WatchlistMoneyIn, allow_none=True)
    licence_revocation = fields.Boolean(load_default=False)
    debarment_until = fields.Date(allow_none=True)
    debarment_permanent = fields.Boolean(load_default=False)

    @validates_schema
    def _one_debarment(self, data, **kwargs):
        if data.get("debarment_permanent") and data.get("debarment_until"):
            raise ValidationError("A debarment is either until a date or permanent, not both.", "debarment_until")


class CaseCompensationIn(Schema):
    ordered = fields.Nested(WatchlistMoneyIn, allow_none=True)
    paid = fields.Nested(WatchlistMoneyIn, allow_none=True)


class CaseEventIn(Schema):
    event = fields.String(required=True, validate=validate.OneOf(EVENTS))
    date = fields.Date(metadata={"description": "Defaults to today; never in the future, never before the last event"})
    respondent_id = fields.Integer(allow_none=True, validate=validate.Range(min=1),
                                   metadata={"description": "The respondent's subject id; omit for a stage event that applies to all"})
    reference = fields.String(allow_none=True, validate=validate.Length(max=200), metadata={"description": "Decision number"})
    note = Text(5000, allow_none=True, metadata={"description": "Internal; never public"})
    sanctions = fields.Nested(CaseSanctionsIn, allow_none=True)
    compensation = fields.Nested(CaseCompensationIn, allow_none=True)
    version = fields.Integer(validate=validate.Range(min=1), metadata={"description": "Optional: the case version you read"})

    @validates_schema
    def _fits_event(self, data, **kwargs):
        errors = {}
        for key in ("sanctions", "compensation"):
            if data.get(key) and data.get("event") not in SANCTIONING_EVENTS:
                errors[key] = [f"Only a conviction or a settlement carries {key}."]
        sanctions = data.get("sanctions") or {}
        if sanctions.get("debarment_until") and data.get("date") and sanctions["debarment_until"] <= data["date"]:
            errors["sanctions"] = {"debarment_until": ["Must be after the decision date."]}
        if errors:
            raise ValidationError(errors)


class CaseImportIn(CaseIn):
    """A case in a bulk import file: the API's shape plus its events in order."""

    events = fields.List(fields.Nested(CaseEventIn), load_default=list, validate=validate.Length(max=200))


class CaseRespondentOut(Schema):
    subject_id = fields.Integer()
    name = fields.String()
    kind = fields.String()
    country = fields.String()
    role = fields.String()
    state = fields.String()


class CaseEventSanctionsOut(Schema):
    imprisonment_months = fields.Integer(allow_none=True)
    fine = fields.Function(lambda e: {"amount": str(e.fine_amount), "currency": e.fine_currency} if e.fine_amount is not None else None)
    licence_revocation = fields.Boolean(allow_none=True)
    debarment_until = fields.Date(allow_none=True)
    debarment_permanent = fields.Boolean(allow_none=True)


class CaseEventOut(Schema):
    seq = fields.Integer()
    event = fields.String()
    date = fields.Date(attribute="effective_on")
    respondent_id = fields.Integer(attribute="subject_id", allow_none=True)
    reference = fields.String(allow_none=True)
    note = fields.String(allow_none=True)
    sanctions = fields.Function(lambda e: CaseEventSanctionsOut().dump(e) if e.has_sanctions else None)
    compensation = fields.Nested(WatchlistCompensationOut, allow_none=True)
    actor = fields.String()
    recorded_at = fields.DateTime()


class CaseSchema(Schema):
    """A case as verifiers, regulators and admins see it (internal notes included)."""

    id = fields.Integer()
    case_no = fields.String()
    jurisdiction = fields.String()
    authority = fields.String()
    offences = fields.List(fields.String())
    indicators = fields.List(fields.String())
    victims = fields.Dict()
    sector = fields.String(allow_none=True)
    destination_country = fields.String(allow_none=True)
    filed_on = fields.Date()
    summary = fields.String(allow_none=True)
    notes = fields.String(allow_none=True)
    status = fields.String(metadata={"description": "pending (some respondent's case is open) or decided"})
    respondents = fields.Function(lambda c: CaseRespondentOut(many=True).dump(
        [{**{k: getattr(r.subject, k) for k in ("name", "kind", "country")}, "subject_id": r.subject_id,
          "role": r.role, "state": r.state} for r in c.respondents]))
    events = fields.List(fields.Nested(CaseEventOut))
    version = fields.Integer()
    created_at = fields.DateTime()
    updated_at = fields.DateTime()
    flags = fields.List(fields.Nested(FlagBrief), attribute="screening_flags",
                        metadata={"description": "Repeat-offender flags raised when the case was created"})
    screening = screening_status("screening_flags")


class CaseListItem(Schema):
    id = fields.Integer()
    case_no = fields.String()
    jurisdiction = fields.String()
    authority = fields.String()
    offences = fields.List(fields.String())
    filed_on = fields.Date()
    status = fields.String()
    respondents = CaseSchema._declared_fields["respondents"]


class CaseSearchArgs(Schema):
    status = fields.String(validate=validate.OneOf(CASE_STATUSES + ("filed", "under_investigation", "prosecuted", "convicted",
                                                                     "acquitted", "dismissed", "settled", "withdrawn",
                                                                     "appealed", "overturned")),
                           metadata={"description": "pending | decided, or a respondent state"})
    country = Country(metadata={"description": "The case's jurisdiction"})
    page = fields.Integer(load_default=1, validate=validate.Range(min=1, max=100000))
    per_page = fields.Integer(load_default=20, validate=validate.Range(min=1, max=100))


__all__ = ["CaseIn", "CaseImportIn", "CaseEventIn", "CaseSchema", "CaseListItem", "CaseSearchArgs", "WatchlistMoneyOut"]
