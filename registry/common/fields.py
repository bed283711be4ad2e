"""Marshmallow fields for ISO country and currency codes, money and bounded text."""
from decimal import Decimal, InvalidOperation

import pycountry
from marshmallow import ValidationError, fields, validate

_COUNTRIES = {c.alpha_2 for c in pycountry.countries}
_CURRENCIES = {c.alpha_3 for c in pycountry.currencies}


def is_country(code: str) -> bool:
    return code in _COUNTRIES


def is_currency(code: str) -> bool:
    return code in _CURRENCIES


# Documented as an enum (OpenAPI), so generated clients and fuzzers know which codes are real; input is
# upper-cased first, so lower case is accepted too.
COUNTRY_ENUM = sorted(_COUNTRIES)
CURRENCY_ENUM = sorted(_CURRENCIES)


class Country(fields.String):
    """ISO 3166-1 alpha-2 country code, upper-cased on input."""

    def __init__(self, **kwargs):
        metadata = kwargs.setdefault("metadata", {})
        metadata.setdefault("example", "PH")
        metadata.setdefault("enum", COUNTRY_ENUM)
        super().__init__(validate=validate.Length(equal=2), **kwargs)

    def _deserialize(self, value, attr, data, **kwargs):
        code = super()._deserialize(value, attr, data, **kwargs).strip().upper()
        if code not in _COUNTRIES:
            raise ValidationError(f"'{value}' is not an ISO 3166-1 alpha-2 country code.")
        return code


class Currency(fields.String):
    """ISO 4217 currency code, upper-cased on input."""

    def __init__(self, **kwargs):
        metadata = kwargs.setdefault("metadata", {})
        metadata.setdefault("example", "PHP")
        metadata.setdefault("enum", CURRENCY_ENUM)
        super().__init__(**kwargs)

    def _deserialize(self, value, attr, data, **kwargs):
        code = super()._deserialize(value, attr, data, **kwargs).strip().upper()
        if code not in _CURRENCIES:
            raise ValidationError(f"'{value}' is not an ISO 4217 currency code.")
        return code


AMOUNT_PATTERN = r"^[0-9]{1,15}(\.[0-9]{1,2})?$"  # what the documentation promises: up to 1e15, 2 places


class Amount(fields.Decimal):
    """A non-negative money amount as a decimal string with at most 2 places ("1500.00")."""

    def __init__(self, **kwargs):
        metadata = kwargs.setdefault("metadata", {})
        metadata.setdefault("example", "1500.00")
        metadata.setdefault("pattern", AMOUNT_PATTERN)
        super().__init__(places=None, as_string=True, allow_nan=False, **kwargs)

    def _deserialize(self, value, attr, data, **kwargs):
        if isinstance(value, bool) or not isinstance(value, (str, int, float, Decimal)):
            raise ValidationError("Amount must be a decimal string such as \"1500.00\".")
        try:
            amount = Decimal(str(value).strip())
        except InvalidOperation as exc:
            raise ValidationError("Amount must be a decimal string such as \"1500.00\".") from exc
        if not amount.is_finite() or amount < 0:
            raise ValidationError("Amount must be zero or more.")
        if amount.as_tuple().exponent < -4 or amount > Decimal("1e15"):
            raise ValidationError("Amount has too many digits.")
        return amount


def Text(max_length: int = 500, **kwargs):  # noqa: N802 - reads like a field class
    """Free text with a length cap (stripped)."""
    return fields.String(validate=validate.Length(max=max_length), **kwargs)


def Name(**kwargs):  # noqa: N802
    return fields.String(validate=validate.Length(min=1, max=300), **kwargs)


def decimal_as_string_in_openapi(_converter, field, **kwargs) -> dict:
    """apispec attribute function: a Decimal field dumped as a string is documented as a decimal string, not a number."""
    if isinstance(field, fields.Decimal) and field.as_string:
        return {"type": "string", "format": "decimal"}
    return {}
