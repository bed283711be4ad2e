"""Request and response schemas for screening, comparison and the review queue."""
from flask import current_app
from marshmallow import Schema, ValidationError, fields, validate, validates

from registry.common.fields import Country
from watchlist.matching.limits import MAX_NAME_TOKENS
from watchlist.matching.text import tokens_of

KINDS = ("organisation", "person", "any")
NAME_CHARS = 300
# A batch may hold at most this many characters of names in all (names, other names and officers of every item):
# with each name capped (NAME_CHARS, MAX_NAME_TOKENS) this bounds the work of one request (README, screening).
DEFAULT_MAX_BATCH_NAME_CHARS = 50_000


def _words(value: str) -> None:
    if len(tokens_of(value)) > MAX_NAME_TOKENS:
        raise ValidationError(f"At most {MAX_NAME_TOKENS} words (each Chinese, Japanese or Korean character is a word).")


def MatchName(**kwargs):  # noqa: N802 - reads like a field class
    """A name to match: 1-300 characters and at most MAX_NAME_TOKENS words, as documented in OpenAPI."""
    kwargs.setdefault("metadata", {}).setdefault(
        "description", f"1-{NAME_CHARS} characters, at most {MAX_NAME_TOKENS} words "
                       "(each Chinese, Japanese or Korean character counts as a word)")
    return fields.String(validate=[validate.Length(min=1, max=NAME_CHARS), _words], **kwargs)


class ScreenItem(Schema):
    name = MatchName(required=True)
    kind = fields.String(load_default="any", validate=validate.OneOf(KINDS))
    country = Country(allow_none=True)
    other_names = fields.List(MatchName(), validate=validate.Length(max=20))
    registration_no = fields.String(allow_none=True, validate=validate.Length(max=100))
    address = fields.String(allow_none=True, validate=validate.Length(max=500))
    phone = fields.String(allow_none=True, validate=validate.Length(max=50))
    email = fields.String(allow_none=True, validate=validate.Length(max=254))
    website = fields.String(allow_none=True, validate=validate.Length(max=300))
    officers = fields.List(MatchName(), validate=validate.Length(max=50),
                           metadata={"description": "Names of the people behind an organisation"})


class ScreenRequest(ScreenItem):
    limit = fields.Integer(load_default=10, validate=validate.Range(min=1, max=50))


class BatchRequest(Schema):
    items = fields.List(fields.Nested(ScreenItem), required=True, validate=validate.Length(min=1))
    limit = fields.Integer(load_default=5, validate=validate.Range(min=1, max=20))

    @validates("items")
    def _cap(self, value, **kwargs):
        cap = current_app.config["MAX_BATCH_ITEMS"]
        if len(value) > cap:
            raise ValidationError(f"At most {cap} items per batch.")
        chars = current_app.config.get("MAX_BATCH_NAME_CHARS", DEFAULT_MAX_BATCH_NAME_CHARS)
        used = sum(len(n) for item in value for n in [item.get("name") or "", *(item.get("other_names") or ()),
                                                       *(item.get("officers") or ())])
        if used > chars:
            raise ValidationError(f"At most {chars} characters of names (with other names and officers) per batch; "
                                  f"this one has {used}: split it.")


class ScreenResult(Schema):
    record = fields.String(metadata={"description": "agency:<id>, officer:<id>, subject:<id> or source_entity:<id>"})
    source = fields.String(metadata={"description": "watchlist, registry, or the slug of an imported source"})
    type = fields.String(metadata={"enum": ["subject", "agency", "officer", "source_entity"]})
    subject_id = fields.Integer(allow_none=True)
    external_id = fields.String(allow_none=True)
    agency_id = fields.Integer(allow_none=True)
    officer_id = fields.Integer(allow_none=True)
    name = fields.String()
    country = fields.String(allow_none=True)
    matched_name = fields.String()
    query_name = fields.String()
    score = fields.Float(metadata={"description": "0-100"})
    match = fields.Boolean()
    review = fields.Boolean(metadata={"description": "Below the match threshold but worth a human look"})
    standing = fields.String(allow_none=True)
    agency_name = fields.String(allow_none=True)
    licence_history = fields.List(fields.Dict())
    linked_records = fields.List(fields.String())
    source_name = fields.String(allow_none=True, metadata={"description": "Who lists the record (another source's "
                                                                          "standing is that source's, not this registry's)"})
    source_url = fields.String(allow_none=True)
    sanctions = fields.List(fields.Dict(), metadata={"description": "Another source's sanctions (authority, program, ...)"})
    explanation = fields.Dict()


class ScreenResponse(Schema):
    results = fields.List(fields.Nested(ScreenResult))


class BatchResponse(Schema):
    results = fields.List(fields.Nested(ScreenResponse))


class CompareSide(Schema):
    name = MatchName(required=True)
    kind = fields.String(load_default="any", validate=validate.OneOf(KINDS))


class CompareRequest(Schema):
    a = fields.Nested(CompareSide, required=True)
    b = fields.Nested(CompareSide, required=True)


class CompareResponse(Schema):
    score = fields.Float()
    match = fields.Boolean()
    review = fields.Boolean()
    explanation = fields.Dict()


class FlagSchema(Schema):
    id = fields.Integer()
    source_ref = fields.String()
    source_label = fields.String()
    candidate_ref = fields.String()
    candidate_label = fields.String()
    candidate = fields.Dict()
    trigger = fields.String()
    country = fields.String()
    score = fields.Float()
    match = fields.Boolean()
    explanation = fields.Dict()
    status = fields.String(metadata={"enum": ["open", "same", "different"]})
    reason = fields.String(allow_none=True)
    decided_by = fields.String(allow_none=True)
    decided_at = fields.DateTime(allow_none=True)
    created_at = fields.DateTime()
    version = fields.Integer()


class FlagArgs(Schema):
    status = fields.String(validate=validate.OneOf(("open", "same", "different")))
    country = Country()
    page = fields.Integer(load_default=1, validate=validate.Range(min=1, max=100000))
    per_page = fields.Integer(load_default=20, validate=validate.Range(min=1, max=100))


class DecisionIn(Schema):
    decision = fields.String(required=True, validate=validate.OneOf(("same", "different")))
    reason = fields.String(required=True, validate=validate.Length(min=3, max=2000))
    version = fields.Integer(validate=validate.Range(min=1))


class FlagBrief(Schema):
    """A possible repeat offender raised by automatic screening (full detail at /api/v1/flags/{id})."""

    id = fields.Integer()
    source_label = fields.String()
    candidate_ref = fields.String()
    candidate_label = fields.String()
    score = fields.Float()
    match = fields.Boolean()
    status = fields.String()
    summary = fields.Function(lambda f: (f.explanation or {}).get("summary"))


def screening_status(flags_attribute: str) -> fields.String:
    """The `screening` field of a write's response: how the write's repeat-offender screening went."""
    return fields.String(attribute=f"{flags_attribute}.status", metadata={
        "description": '"done" (its flags are in `flags`), or "queued" when the screening index was not ready: '
                       'the screening runs as soon as it is and its flags go to the review queue (GET /api/v1/flags)'})
