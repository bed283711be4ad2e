"""Pure fee-cap arithmetic: pick the most specific rule per side, compute caps, convert, and judge a charge.

No Flask or database import: the service passes rules, the offer and an exchange-rate lookup in. Money is
`Decimal` throughout; only the final cap and excess are rounded (ROUND_HALF_UP to the currency's minor unit).
"""
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import Callable

from babel.numbers import get_currency_precision

from registry.fees.vocabulary import NEVER_ALLOWED

ZERO = Decimal(0)
TWELVE = Decimal(12)
HUNDRED = Decimal(100)


@dataclass(frozen=True)
class Rule:
    """One version of a fee rule, as the calculator needs it."""

    side: str
    payer: str
    kind: str
    category: str
    origin: str | None = None
    destination: str | None = None
    sector: str = "any"
    amount: Decimal | None = None  # fixed
    currency: str | None = None  # fixed, per_month_of_contract
    factor: Decimal | None = None  # salary_multiple (x), percent_of_first_month (%), months_per_contract_year (months)
    steps: tuple[Decimal, ...] = ()  # per_month_of_contract: amount per month in contract year 1, 2, 3+
    max_months: Decimal | None = None  # months_per_contract_year
    id: int | None = None
    version: int | None = None
    citation: str = ""
    url: str | None = None
    note: str | None = None


@dataclass(frozen=True)
class Offer:
    monthly_salary: Decimal
    currency: str
    contract_months: int


@dataclass(frozen=True)
class Charge:
    category: str
    amount: Decimal
    currency: str
    contract_year: int | None = None  # set: the charge is one month's fee in that contract year


@dataclass(frozen=True)
class Rate:
    """How many units of `to_currency` one unit of `from_currency` buys, and where the figure came from."""

    from_currency: str
    to_currency: str
    rate: Decimal
    details: dict = field(default_factory=dict, compare=False)


RateLookup = Callable[[str, str], Rate | None]


class MissingRate(Exception):
    """No exchange rate is known between two currencies on the check date."""

    def __init__(self, from_currency: str, to_currency: str):
        super().__init__(f"No exchange rate from {from_currency} to {to_currency}.")
        self.from_currency, self.to_currency = from_currency, to_currency


@dataclass
class Outcome:
    status: str  # allowed | over_cap | prohibited | no_rule
    cap: Decimal | None
    excess: Decimal | None
    rule: Rule | None
    considered: list[tuple[Rule, Decimal]] = field(default_factory=list)  # every applicable rule with its cap
    rates: list[Rate] = field(default_factory=list)


# ILO: workers shall not be charged deposits or bonds; applies even where no regulator rule is recorded.
BUILT_IN_DEPOSIT_RULE = Rule(side="origin", payer="employer", kind="zero", category="deposit_bond",
                             citation="ILO General principles and operational guidelines for fair recruitment and "
                                      "Definition of recruitment fees and related costs (2019): no fees or costs, "
                                      "including deposits and bonds, may be charged to workers",
                             url="https://www.ilo.org/publications/general-principles-and-operational-guidelines-fair-recruitment-and")


def minor_unit(currency: str) -> int:
    """Digits after the decimal point for a currency (ISO 4217 / CLDR data, e.g. 2 for SGD, 0 for JPY)."""
    return get_currency_precision(currency)


def round_money(amount: Decimal, currency: str) -> Decimal:
    return amount.quantize(Decimal(1).scaleb(-minor_unit(currency)), rounding=ROUND_HALF_UP)


def shown(amount: Decimal, currency: str) -> str:
    """Pad to the currency's minor unit for display, never dropping digits that were given."""
    rounded = round_money(amount, currency)
    return str(rounded if rounded == amount else amount.normalize())


def convert(amount: Decimal, from_currency: str, to_currency: str, lookup: RateLookup) -> tuple[Decimal, Rate | None]:
    """Convert without rounding; MissingRate when the lookup knows no rate."""
    if from_currency == to_currency:
        return amount, None
    rate = lookup(from_currency, to_currency)
    if rate is None:
        raise MissingRate(from_currency, to_currency)
    return amount * rate.rate, rate


def specificity(rule: Rule) -> tuple[int, int, int]:
    """Sector over 'any'; then a named destination over any destination; then a named origin over any origin."""
    return (rule.sector != "any", rule.destination is not None, rule.origin is not None)


def most_specific(rules: list[Rule]) -> list[Rule]:
    """Of the rules that apply to a charge, the most specific one of each side (a tie keeps all of them)."""
    chosen = []
    for side in ("origin", "destination"):
        own = [r for r in rules if r.side == side]
        if own:
            best = max(specificity(r) for r in own)
            chosen.extend(r for r in own if specificity(r) == best)
    return chosen


def forbids(rule: Rule) -> bool:
    """The rule lets the worker be charged nothing at all (as opposed to a cap that happens to compute to zero)."""
    return rule.payer == "employer" or rule.kind == "zero" or rule.category in NEVER_ALLOWED


def raw_cap(rule: Rule, offer: Offer, charge: Charge) -> tuple[Decimal, str | None]:
    """The unrounded cap and its currency (None for a zero cap, which is zero in any currency)."""
    if forbids(rule):
        return ZERO, None
    if rule.kind == "fixed":
        return rule.amount, rule.currency
    if rule.kind == "salary_multiple":
        return offer.monthly_salary * rule.factor, offer.currency
    if rule.kind == "percent_of_first_month":
        return offer.monthly_salary * rule.factor / HUNDRED, offer.currency
    if rule.kind == "per_month_of_contract":
        if charge.contract_year is not None:
            return _step(rule.steps, charge.contract_year - 1), rule.currency
        total = sum((_step(rule.steps, month // 12) for month in range(offer.contract_months)), ZERO)
        return total, rule.currency
    if rule.kind == "months_per_contract_year":
        months = rule.factor * Decimal(offer.contract_months) / TWELVE
        if rule.max_months is not None:
            months = min(months, rule.max_months)
        return offer.monthly_salary * months, offer.currency
    raise ValueError(f"unknown cap kind {rule.kind!r}")


def _step(steps: tuple[Decimal, ...], year_index: int) -> Decimal:
    return steps[min(year_index, len(steps) - 1)]


def cap_in(rule: Rule, offer: Offer, charge: Charge, lookup: RateLookup) -> tuple[Decimal, Rate | None]:
    """A rule's cap for a charge, converted to the charge's currency (unrounded)."""
    amount, currency = raw_cap(rule, offer, charge)
    if currency is None or amount == ZERO:
        return ZERO, None
    return convert(amount, currency, charge.currency, lookup)


def assess(charge: Charge, rules: list[Rule], offer: Offer, lookup: RateLookup, earlier: Decimal = ZERO,
           lookup_for: Callable[[Rule], RateLookup] | None = None) -> Outcome:
    """Judge one charge against the applicable rules; `earlier` is what earlier charges of the same category
    already took (in this charge's currency), so splitting a fee into parts cannot get around a cap.
    `lookup_for(rule)`, when given, is the lookup for that rule's cap (the rates its issuing country relies on)."""
    rules = most_specific(rules)
    if not rules and charge.category in NEVER_ALLOWED:
        rules = [BUILT_IN_DEPOSIT_RULE]
    if not rules:
        return Outcome("no_rule", None, None, None)
    considered, rates = [], []
    for rule in rules:
        cap, rate = cap_in(rule, offer, charge, lookup_for(rule) if lookup_for else lookup)
        considered.append((rule, cap))
        if rate is not None and rate not in rates:
            rates.append(rate)
    binding, cap = min(considered, key=lambda pair: (pair[1], pair[0].side != "destination"))
    cap = round_money(cap, charge.currency)
    room = max(cap - earlier, ZERO)
    excess = round_money(max(charge.amount - room, ZERO), charge.currency)
    if forbids(binding):
        status = "prohibited" if charge.amount > ZERO else "allowed"
    else:
        status = "over_cap" if excess > ZERO else "allowed"
    return Outcome(status, cap, excess, binding, considered, rates)
