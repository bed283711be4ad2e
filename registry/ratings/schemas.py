"""Output schemas of the compliance record and rating, used by the agency API (`compliance`, `rating` fields)."""
from marshmallow import Schema, fields


class ComplianceSchema(Schema):
    licensed_since = fields.Date(allow_none=True)
    years_licensed_without_sanction = fields.Float()
    last_sanction_on = fields.Date(allow_none=True)
    suspensions = fields.Integer()
    revocations = fields.Integer(metadata={"description": "Licences revoked or cancelled"})
    convictions = fields.Integer(allow_none=True, metadata={"description": "Of the agency or its officers; null if the watchlist is not installed"})
    complaints_received = fields.Integer()
    complaints_upheld = fields.Integer()


class RecordRef(Schema):
    type = fields.String(metadata={"description": "licence_action | complaint | case"})
    id = fields.Integer()


class RatingPoint(Schema):
    points = fields.Integer()
    code = fields.String()
    reason = fields.String()
    on = fields.Date(allow_none=True)
    record = fields.Nested(RecordRef, allow_none=True)


class RatingSchema(Schema):
    score = fields.Integer()
    out_of = fields.Integer()
    points = fields.List(fields.Nested(RatingPoint))


def _computed(agency) -> tuple[dict, dict | None]:
    cached = getattr(agency, "_compliance_and_rating", None)
    if cached is None:
        from registry.ratings.service import compliance_and_rating
        cached = compliance_and_rating(agency)
        agency._compliance_and_rating = cached
    return cached


def dump_compliance(agency) -> dict:
    return ComplianceSchema().dump(_computed(agency)[0])


def dump_rating(agency) -> dict | None:
    rating = _computed(agency)[1]
    return None if rating is None else RatingSchema().dump(rating)
