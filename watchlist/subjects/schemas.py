"""Subject input and output schemas; the public and verifier/regulator field sets are declared here once."""
from marshmallow import Schema, ValidationError, fields, pre_load, validate, validates_schema

from registry.common.fields import Country, Name
from watchlist.schemas_common import WatchlistCompensationOut, WatchlistSanctionsOut
from watchlist.vocabulary import IDENTIFIER_KINDS, NAME_KINDS, STANDINGS, SUBJECT_KINDS


class SubjectNameIn(Schema):
    name = Name(required=True)
    kind = fields.String(load_default="alias", validate=validate.OneOf(NAME_KINDS))

    @pre_load
    def _from_string(self, data, **kwargs):
        return {"name": data} if isinstance(data, str) else data


class SubjectIdNumberIn(Schema):
    kind = fields.String(required=True, validate=validate.OneOf(IDENTIFIER_KINDS))
    value = fields.String(required=True, validate=validate.Length(min=1, max=100))


class SubjectOfficerOfIn(Schema):
    subject_id = fields.Integer(required=True, validate=validate.Range(min=1), metadata={"description": "The organisation"})
    role = fields.String(load_default="director", validate=validate.Length(min=1, max=50))


def _strings(max_length: int, **kwargs):
    return fields.List(fields.String(validate=validate.Length(min=1, max=max_length)), validate=validate.Length(max=20), **kwargs)


class SubjectIn(Schema):
    kind = fields.String(required=True, validate=validate.OneOf(SUBJECT_KINDS))
    name = Name(required=True, metadata={"description": "Primary (legal) name"})
    other_names = fields.List(fields.Nested(SubjectNameIn), load_default=list, validate=validate.Length(max=50),
                              metadata={"description": "Strings or {name, kind}; kind alias|former|trade|native_script"})
    country = Country(required=True)
    external_id = fields.String(allow_none=True, validate=validate.Length(min=1, max=100),
                                metadata={"description": "The regulator's own reference, unique per country"})
    registration_no = fields.String(allow_none=True, validate=validate.Length(max=100))
    tax_no = fields.String(allow_none=True, validate=validate.Length(max=100))
    id_numbers = fields.List(fields.Nested(SubjectIdNumberIn), load_default=list, validate=validate.Length(max=20),
                             metadata={"description": "Passport / national ID numbers; stored for matching, never public"})
    addresses = _strings(500, load_default=list)
    phones = _strings(50, load_default=list)
    emails = fields.List(fields.Email(validate=validate.Length(max=254)), load_default=list, validate=validate.Length(max=20))
    websites = _strings(300, load_default=list)
    agency_id = fields.Integer(allow_none=True, validate=validate.Range(min=1), metadata={"description": "Same legal person as this registry agency"})
    officer_of = fields.List(fields.Nested(SubjectOfficerOfIn), load_default=list, validate=validate.Length(max=50),
                             metadata={"description": "Persons only: organisations this person is an officer of"})

    @validates_schema
    def _persons_only(self, data, **kwargs):
        if data.get("officer_of") and data.get("kind", "person") != "person":
            raise ValidationError("Only a person can be an officer of an organisation.", "officer_of")


class SubjectPatch(SubjectIn):
    """Load with `partial=True`: every field optional; `version` (or If-Match) is required so stale writes are refused."""

    version = fields.Integer(validate=validate.Range(min=1), metadata={"description": "The version you read (or send If-Match)"})

    @validates_schema
    def _something(self, data, **kwargs):
        if not set(data) - {"version"}:
            raise ValidationError("Nothing to change.", "_schema")


class SubjectNameOut(Schema):
    name = fields.String()
    kind = fields.String()


class PublicCaseOfSubject(Schema):
    """A decided case as the public sees it: no notes, no victims, no other respondents."""

    case_no = fields.String()
    jurisdiction = fields.String()
    authority = fields.String()
    offences = fields.List(fields.String())
    decision = fields.String()
    decision_on = fields.Date()
    sanctions = fields.Nested(WatchlistSanctionsOut, allow_none=True)
    appeal = fields.String(allow_none=True, metadata={"description": "pending, upheld or overturned"})


class CaseOfSubject(PublicCaseOfSubject):
    """Verifiers and regulators also see pending cases, the role and the state."""

    case_id = fields.Integer()
    role = fields.String()
    state = fields.String()
    filed_on = fields.Date()
    indicators = fields.List(fields.String())
    compensation = fields.Nested(WatchlistCompensationOut, allow_none=True)


class SubjectPublicSchema(Schema):
    """What anyone may see about a subject whose standing is convicted or debarred."""

    id = fields.Integer()
    kind = fields.String()
    name = fields.String()
    other_names = fields.List(fields.Nested(SubjectNameOut))
    country = fields.String()
    standing = fields.String(metadata={"description": " | ".join(STANDINGS)})
    standing_on = fields.Date()
    cases = fields.List(fields.Nested(PublicCaseOfSubject), attribute="public_cases")


class SubjectIdNumberOut(Schema):
    kind = fields.String()
    value = fields.String()


class SubjectLinkOut(Schema):
    subject_id = fields.Integer()
    name = fields.String()
    role = fields.String()


class SubjectFullSchema(SubjectPublicSchema):
    """Verifiers, regulators and admins: identifiers, contacts, links and every case, pending ones included."""

    external_id = fields.String(allow_none=True)
    registration_no = fields.String(allow_none=True)
    tax_no = fields.String(allow_none=True)
    id_numbers = fields.List(fields.Nested(SubjectIdNumberOut))
    addresses = fields.List(fields.String())
    phones = fields.List(fields.String())
    emails = fields.List(fields.String())
    websites = fields.List(fields.String())
    agency_id = fields.Integer(allow_none=True)
    jurisdiction = fields.String(metadata={"description": "Country whose regulators keep this record (they may change it)"})
    officer_of = fields.List(fields.Nested(SubjectLinkOut))
    officers = fields.List(fields.Nested(SubjectLinkOut))
    cases = fields.List(fields.Nested(CaseOfSubject), attribute="all_cases")
    version = fields.Integer()
    created_at = fields.DateTime()
    updated_at = fields.DateTime()


class SubjectListItem(Schema):
    id = fields.Integer()
    kind = fields.String()
    name = fields.String()
    other_names = fields.List(fields.Nested(SubjectNameOut))
    country = fields.String()
    standing = fields.String()


class WatchlistItem(SubjectListItem):
    """A public watchlist entry with its decided cases (offences, sanctions) and how the engine found it."""

    cases = fields.List(fields.Nested(PublicCaseOfSubject), attribute="public_cases")
    score = fields.Float(allow_none=True, metadata={"description": "Similarity (0-100) when found by spelling; null: the name contains the query"})
    matched_name = fields.String(allow_none=True)


class WatchlistSuggestion(Schema):
    subject_id = fields.Integer()
    name = fields.String()
    country = fields.String()
    matched_name = fields.String()
    score = fields.Float()


class SubjectStandingArgs(Schema):
    on = fields.Date(metadata={"description": "Standing and cases as of this date (default today)"})


class WatchlistSearchArgs(Schema):
    q = fields.String(validate=validate.Length(max=200))
    country = Country()
    page = fields.Integer(load_default=1, validate=validate.Range(min=1, max=100000))
    per_page = fields.Integer(load_default=20, validate=validate.Range(min=1, max=100))


class SubjectSearchArgs(WatchlistSearchArgs):
    standing = fields.String(validate=validate.OneOf(STANDINGS))
