"""Fee rule, exchange-rate and fee-check schemas; the per-cap-kind field rules live in `terms_errors`."""
from decimal import Decimal

from marshmallow import Schema, ValidationError, fields, validate, validates_schema

from registry.common.fields import Amount, Country, Currency, Text
from registry.common.pagination import PageArgs
from registry.fees.vocabulary import CAP_KINDS, CATEGORIES, NEVER_ALLOWED, PAYERS, SECTORS, SIDES

TERM_FIELDS = ("payer", "cap_kind", "amount", "currency", "multiple", "percent", "monthly_amounts", "months_per_year",
               "max_months")
NEEDS = {"fixed": ("amount", "currency"), "salary_multiple": ("multiple",), "percent_of_first_month": ("percent",),
         "per_month_of_contract": ("monthly_amounts", "currency"), "months_per_contract_year": ("months_per_year",),
         "zero": ()}
KIND_OF = {"amount": ("fixed",), "currency": ("fixed", "per_month_of_contract"), "multiple": ("salary_multiple",),
           "percent": ("percent_of_first_month",), "monthly_amounts": ("per_month_of_contract",),
           "months_per_year": ("months_per_contract_year",), "max_months": ("months_per_contract_year",)}


def terms_errors(data: dict) -> dict:
    """Field errors for a rule's terms: each cap kind needs its own fields and no others."""
    errors, kind = {}, data.get("cap_kind")
    if kind is None:
        return errors
    for name in NEEDS[kind]:
        if data.get(name) in (None, []):
            errors[name] = [f"Required when cap_kind is '{kind}'."]
    for name, kinds in KIND_OF.items():
        if data.get(name) not in (None, []) and kind not in kinds:
            errors[name] = [f"Only used when cap_kind is {' or '.join(repr(k) for k in kinds)}."]
    if data.get("payer") == "employer" and kind != "zero":
        errors["cap_kind"] = ["When the employer must pay, the worker may be charged nothing: use cap_kind 'zero'."]
    if data.get("category") in NEVER_ALLOWED and (kind != "zero" or data.get("payer") != "employer"):
        errors["category"] = ["Deposits and bonds are never allowed: use payer 'employer' and cap_kind 'zero'."]
    if data.get("percent") is not None and data["percent"] > 100:
        errors["percent"] = ["Must be at most 100."]
    return errors


def _positive(value):
    if value <= 0:
        raise ValidationError("Must be more than zero.")


class _Terms(Schema):
    payer = fields.String(validate=validate.OneOf(PAYERS), metadata={"description": "worker: may be charged up to the cap; employer: must pay"})
    cap_kind = fields.String(validate=validate.OneOf(CAP_KINDS))
    amount = Amount(allow_none=True, metadata={"description": "fixed: the cap"})
    currency = Currency(allow_none=True, metadata={"description": "ISO 4217; fixed and per_month_of_contract"})
    multiple = Amount(allow_none=True, validate=_positive, metadata={"description": "salary_multiple: e.g. 1.0 x monthly salary"})
    percent = Amount(allow_none=True, validate=_positive, metadata={"description": "percent_of_first_month: e.g. 10"})
    monthly_amounts = fields.List(Amount(), allow_none=True, validate=validate.Length(min=1, max=10),
                                  metadata={"description": "per_month_of_contract: per month in contract year 1, 2, 3+"})
    months_per_year = Amount(allow_none=True, validate=_positive, metadata={"description": "months_per_contract_year: months of salary per contract year"})
    max_months = Amount(allow_none=True, validate=_positive, metadata={"description": "months_per_contract_year: the most months in all"})
    citation = fields.String(validate=validate.Length(min=3, max=500), metadata={"description": "Legal basis"})
    url = fields.Url(allow_none=True, validate=validate.Length(max=500))
    note = Text(1000, allow_none=True)
    effective_to = fields.Date(allow_none=True)


class RuleIn(_Terms):
    side = fields.String(required=True, validate=validate.OneOf(SIDES), metadata={"description": "Who issued the rule"})
    origin = Country(allow_none=True, metadata={"description": "null: any origin (destination-side rules only)"})
    destination = Country(allow_none=True, metadata={"description": "null: any destination (origin-side rules only)"})
    sector = fields.String(load_default="any", validate=validate.OneOf(SECTORS))
    category = fields.String(required=True, validate=validate.OneOf(CATEGORIES))
    payer = fields.String(required=True, validate=validate.OneOf(PAYERS))
    cap_kind = fields.String(required=True, validate=validate.OneOf(CAP_KINDS))
    citation = fields.String(required=True, validate=validate.Length(min=3, max=500))
    effective_from = fields.Date(required=True)

    @validates_schema
    def _consistent(self, data, **kwargs):
        errors = terms_errors(data)
        if data.get("side") == "origin" and not data.get("origin"):
            errors["origin"] = ["An origin-side rule names its origin country."]
        if data.get("side") == "destination" and not data.get("destination"):
            errors["destination"] = ["A destination-side rule names its destination country."]
        if data.get("effective_to") and data.get("effective_from") and data["effective_to"] < data["effective_from"]:
            errors["effective_to"] = ["Must be on or after effective_from."]
        if errors:
            raise ValidationError(errors)


class RulePatch(_Terms):
    """A change: the terms given replace the current ones in a new version starting on `effective_from`."""

    effective_from = fields.Date(required=True, metadata={"description": "When the new version takes effect"})
    version = fields.Integer(validate=validate.Range(min=1), metadata={"description": "The rule version you read (or If-Match)"})


class RuleOut(Schema):
    id = fields.Integer()
    version = fields.Integer()
    side = fields.String()
    origin = fields.String(allow_none=True)
    destination = fields.String(allow_none=True)
    sector = fields.String()
    category = fields.String()
    payer = fields.String()
    cap_kind = fields.String()
    amount = fields.Decimal(as_string=True, allow_none=True)
    currency = fields.String(allow_none=True)
    multiple = fields.Decimal(as_string=True, allow_none=True)
    percent = fields.Decimal(as_string=True, allow_none=True)
    monthly_amounts = fields.List(fields.Decimal(as_string=True), allow_none=True)
    months_per_year = fields.Decimal(as_string=True, allow_none=True)
    max_months = fields.Decimal(as_string=True, allow_none=True)
    citation = fields.String()
    url = fields.String(allow_none=True)
    note = fields.String(allow_none=True)
    effective_from = fields.Date()
    effective_to = fields.Date(allow_none=True)
    summary = fields.String(metadata={"description": "The rule in plain words"})


class RuleDetail(RuleOut):
    versions = fields.List(fields.Nested(RuleOut), metadata={"description": "Every version, oldest first"})


class CeilingArgs(PageArgs):
    origin = Country()
    destination = Country()
    sector = fields.String(validate=validate.OneOf(SECTORS))
    category = fields.String(validate=validate.OneOf(CATEGORIES))
    date = fields.Date(metadata={"description": "Rules in force on this date (default today)"})


class RateIn(Schema):
    base = Currency(required=True)
    quote = Currency(required=True)
    rate = fields.Decimal(required=True, places=None, allow_nan=False, validate=_positive,
                          metadata={"description": "Units of quote for one unit of base", "example": "1.3400"})
    date = fields.Date(required=True, metadata={"description": "From this date until the next dated rate"})
    source = Text(300, allow_none=True)
    country = Country(allow_none=True, metadata={"description": "Issuing country whose fee rules the rate serves: a "
                                                                 "regulator's own (the default; no other is allowed); "
                                                                 "an admin may omit it to serve every country"})

    @validates_schema
    def _pair(self, data, **kwargs):
        if data.get("base") and data.get("base") == data.get("quote"):
            raise ValidationError("Must differ from base.", "quote")
        if data.get("rate") is not None and (data["rate"] > Decimal("1e12") or data["rate"].as_tuple().exponent < -10):
            raise ValidationError("Too many digits.", "rate")


class RateOut(Schema):
    id = fields.Integer()
    base = fields.String()
    quote = fields.String()
    rate = fields.Decimal(as_string=True)
    date = fields.Date(attribute="effective_on")
    source = fields.String(allow_none=True)
    country = fields.String(allow_none=True, metadata={"description": "Issuing country whose fee rules it serves; null: every country"})
    set_by = fields.String(attribute="actor", metadata={"description": "Who published the rate"})


class RateArgs(PageArgs):
    base = Currency()
    quote = Currency()
    country = Country(metadata={"description": "Only rates serving this country's fee rules"})


class ChargeIn(Schema):
    category = fields.String(required=True, validate=validate.OneOf(CATEGORIES))
    amount = Amount(required=True)
    currency = Currency(required=True)
    contract_year = fields.Integer(validate=validate.Range(min=1, max=20),
                                   metadata={"description": "Set when the charge is one month's fee in that contract year"})


class FeeCheckIn(Schema):
    origin = Country(required=True)
    destination = Country(required=True)
    sector = fields.String(load_default="any", validate=validate.OneOf(SECTORS))
    monthly_salary = Amount(required=True)
    currency = Currency(required=True, metadata={"description": "Currency of the salary"})
    contract_months = fields.Integer(required=True, validate=validate.Range(min=1, max=120))
    date = fields.Date(metadata={"description": "Check against the rules in force on this date (default today)"})
    charges = fields.List(fields.Nested(ChargeIn), required=True, validate=validate.Length(min=1, max=50))


class RuleRef(Schema):
    id = fields.Integer(allow_none=True)
    version = fields.Integer(allow_none=True)
    kind = fields.String()
    payer = fields.String()
    side = fields.String()
    citation = fields.String()
    url = fields.String(allow_none=True)
    note = fields.String(allow_none=True)


class RateUsed(Schema):
    from_currency = fields.String(data_key="from")
    to_currency = fields.String(data_key="to")
    rate = fields.Decimal(as_string=True)
    details = fields.Dict()


class ChargeResult(Schema):
    category = fields.String()
    amount = fields.Decimal(as_string=True)
    currency = fields.String()
    contract_year = fields.Integer(allow_none=True)
    status = fields.String(metadata={"enum": ["allowed", "over_cap", "prohibited", "no_rule"]})
    cap = fields.Decimal(as_string=True, allow_none=True, metadata={"description": "In the charge's currency"})
    excess = fields.Decimal(as_string=True, allow_none=True)
    rule = fields.Nested(RuleRef, allow_none=True)
    exchange_rates = fields.List(fields.Nested(RateUsed))
    explanation = fields.String()


class FeeCheckOut(Schema):
    origin = fields.String()
    destination = fields.String()
    sector = fields.String()
    date = fields.Date()
    charges = fields.List(fields.Nested(ChargeResult))
    totals = fields.Dict(metadata={"description": "charged and excess per currency, and how many charges have each status"})
