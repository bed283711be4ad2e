"""Schema pieces shared by subjects and cases: money, sanctions and their output forms."""
from marshmallow import Schema, ValidationError, fields, validate

from registry.common.fields import Amount, Currency


def _two_places(amount) -> None:
    if amount.as_tuple().exponent < -2:
        raise ValidationError("At most 2 decimal places.")


class WatchlistMoneyIn(Schema):
    amount = Amount(required=True, validate=_two_places)
    currency = Currency(required=True, metadata={"example": "PHP"})


class WatchlistMoneyOut(Schema):
    amount = fields.Decimal(as_string=True)
    currency = fields.String()


class WatchlistSanctionsOut(Schema):
    imprisonment_months = fields.Integer(allow_none=True)
    fine = fields.Nested(WatchlistMoneyOut, allow_none=True)
    licence_revocation = fields.Boolean()
    debarment_until = fields.Date(allow_none=True)
    debarment_permanent = fields.Boolean()


class WatchlistCompensationOut(Schema):
    ordered = fields.Nested(WatchlistMoneyOut, allow_none=True)
    paid = fields.Nested(WatchlistMoneyOut, allow_none=True)


def sanctions_dict(s) -> dict | None:
    """Plain output form of a lifecycle.Sanctions (or None)."""
    if s is None:
        return None
    fine = {"amount": s.fine_amount, "currency": s.fine_currency} if s.fine_amount is not None else None
    return {"imprisonment_months": s.imprisonment_months, "fine": fine, "licence_revocation": s.licence_revocation,
            "debarment_until": s.debarment_until, "debarment_permanent": s.debarment_permanent}


def one_of_list(choices, **kwargs):
    """A list of unique strings from a controlled vocabulary."""
    return fields.List(fields.String(validate=validate.OneOf(choices)), validate=[validate.Length(max=len(choices)), _unique], **kwargs)


def _unique(values):
    if len(set(values)) != len(values):
        raise ValidationError("Values must not repeat.")
