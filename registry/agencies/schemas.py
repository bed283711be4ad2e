"""Agency input and output schemas; the public and regulator field sets are declared here once."""
from marshmallow import Schema, ValidationError, fields, pre_load, validate, validates_schema

from registry.agencies.models import NAME_KINDS, OFFICER_ROLES
from registry.common.fields import Country, Name, Text
from registry.common.pagination import page_schema
from watchlist.screening.schemas import FlagBrief, screening_status
from registry.ratings.schemas import dump_compliance, dump_rating
from registry.agencies.trust import agency_standing
from registry.licences.schemas import AgencyStanding, LicenceBrief, LicenceOfAgencyPublic, LicenceOfAgencyRegulator


class OtherNameIn(Schema):
    name = Name(required=True)
    kind = fields.String(load_default="other", validate=validate.OneOf(NAME_KINDS))

    @pre_load
    def _from_string(self, data, **kwargs):
        return {"name": data} if isinstance(data, str) else data


class OfficerIn(Schema):
    id = fields.Integer(validate=validate.Range(min=1), metadata={"description": "Existing officer to keep or edit"})
    name = Name(required=True)
    role = fields.String(load_default="director", validate=validate.OneOf(OFFICER_ROLES))
    id_number = fields.String(allow_none=True, validate=validate.Length(max=100),
                              metadata={"description": "National ID or passport number; stored for matching, never public"})
    started_on = fields.Date(allow_none=True)


class AgencyIn(Schema):
    name = Name(required=True, metadata={"description": "Legal name"})
    other_names = fields.List(fields.Nested(OtherNameIn), load_default=list, validate=validate.Length(max=50))
    registration_no = fields.String(allow_none=True, validate=validate.Length(max=100))
    country = Country(required=True)
    address = Text(500, allow_none=True)
    phone = fields.String(allow_none=True, validate=validate.Regexp(r"^\+?[0-9 ()./-]{5,30}$", error="Not a phone number."))
    email = fields.Email(allow_none=True, validate=validate.Length(max=254))
    website = fields.String(allow_none=True, validate=validate.Length(max=300))
    officers = fields.List(fields.Nested(OfficerIn), load_default=list, validate=validate.Length(max=100))


class AgencyPatch(Schema):
    """Every field optional; `version` (or an If-Match header) is required so stale writes are refused."""

    name = Name()
    other_names = fields.List(fields.Nested(OtherNameIn), validate=validate.Length(max=50))
    registration_no = AgencyIn._declared_fields["registration_no"]
    country = Country()
    address = Text(500, allow_none=True)
    phone = AgencyIn._declared_fields["phone"]
    email = AgencyIn._declared_fields["email"]
    website = AgencyIn._declared_fields["website"]
    officers = fields.List(fields.Nested(OfficerIn), validate=validate.Length(max=100))
    version = fields.Integer(validate=validate.Range(min=1), metadata={"description": "The version you read (or send If-Match)"})

    @validates_schema
    def _something(self, data, **kwargs):
        if not set(data) - {"version"}:
            raise ValidationError("Nothing to change.", "_schema")


class OfficerPublic(Schema):
    name = fields.String()
    role = fields.String()
    current = fields.Function(lambda o: o.ended_on is None)
    ended_on = fields.Date(allow_none=True)


class OfficerPrivate(OfficerPublic):
    id = fields.Integer()
    id_number = fields.String(allow_none=True)
    started_on = fields.Date(allow_none=True)


class OtherNameOut(Schema):
    name = fields.String()
    kind = fields.String()


class AgencySummary(Schema):
    id = fields.Integer()
    name = fields.String()
    country = fields.String()


class AgencyPublicSchema(AgencySummary):
    """What anyone may see about an agency."""

    other_names = fields.List(fields.Nested(OtherNameOut))
    registration_no = fields.String(allow_none=True)
    address = fields.String(allow_none=True)
    phone = fields.String(allow_none=True)
    email = fields.String(allow_none=True)
    website = fields.String(allow_none=True)
    officers = fields.List(fields.Nested(OfficerPublic))
    licences = fields.List(fields.Nested(LicenceOfAgencyPublic))
    banned = fields.Boolean(metadata={"description": "Permanently banned after a revocation"})
    banned_on = fields.Date(allow_none=True)
    standing = fields.Function(lambda a: AgencyStanding().dump(agency_standing(a)),
                               metadata={"description": "Ban, banned officers and records judged the same (decided flags)"})
    compliance = fields.Function(lambda a: dump_compliance(a), metadata={"description": "Compliance record from the registry (README: Agency record and rating)"})
    rating = fields.Function(lambda a: dump_rating(a), allow_none=True, metadata={"description": "0-5, each point traced to a record; null without a valid licence"})
    version = fields.Integer()


class AgencyRegulatorSchema(AgencyPublicSchema):
    """Regulators and admins also see officers' ID numbers, the actors in licence histories, and flags on writes."""

    officers = fields.List(fields.Nested(OfficerPrivate))
    licences = fields.List(fields.Nested(LicenceOfAgencyRegulator))
    created_at = fields.DateTime()
    updated_at = fields.DateTime()
    flags = fields.List(fields.Nested(FlagBrief), attribute="screening_flags",
                        metadata={"description": "Repeat-offender flags raised by this write (create/update only)"})
    screening = screening_status("screening_flags")


def _trust(agency) -> dict:
    """The standing of an ORM agency, or the one the ORM-free public search put on its row."""
    return agency["trust_standing"] if isinstance(agency, dict) else agency_standing(agency)


class AgencyListItem(AgencySummary):
    other_names = fields.List(fields.Nested(OtherNameOut))
    licences = fields.List(fields.Nested(LicenceBrief))
    banned = fields.Function(lambda a: _trust(a)["banned"])
    officers_banned = fields.Function(lambda a: bool(_trust(a)["banned_officers"]))
    linked_to_adverse_record = fields.Function(lambda a: _trust(a)["linked_to_adverse_record"])


class AgencySearchArgs(Schema):
    q = fields.String(validate=validate.Length(max=200))
    country = Country()
    status = fields.String(validate=validate.OneOf(("valid", "expired", "suspended", "revoked", "cancelled", "surrendered", "pending")))
    page = fields.Integer(load_default=1, validate=validate.Range(min=1, max=100000))
    per_page = fields.Integer(load_default=20, validate=validate.Range(min=1, max=100))


class Suggestion(Schema):
    agency_id = fields.Integer()
    name = fields.String()
    country = fields.String()
    matched_name = fields.String()
    score = fields.Float()


class AgencyPage(page_schema(AgencyListItem, "AgencyPageBase")):
    suggestions = fields.List(fields.Nested(Suggestion), metadata={"description": "'Did you mean' when nothing matched"})
