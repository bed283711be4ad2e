"""Plain words for fee rules and check results, short enough for a worker reading on a phone."""
from decimal import Decimal

import pycountry

from registry.fees.calculator import Charge, Outcome, Rule, minor_unit
from registry.fees.vocabulary import CATEGORIES, SECTORS


def money(amount: Decimal, currency: str) -> str:
    return f"{currency} {amount:,.{minor_unit(currency)}f}"


def country_name(code: str | None, anywhere: str = "any country") -> str:
    if code is None:
        return anywhere
    country = pycountry.countries.get(alpha_2=code)
    return getattr(country, "common_name", None) or (country.name if country else code)


def _number(value: Decimal) -> str:
    text = f"{value.normalize():f}"
    return text


def cap_words(rule: Rule) -> str:
    """What the cap is, e.g. "at most 10% of the first month's salary"."""
    if rule.payer == "employer":
        return "the employer pays; the worker pays nothing"
    if rule.kind == "zero":
        return "the worker pays nothing"
    if rule.kind == "fixed":
        return f"at most {money(rule.amount, rule.currency)}"
    if rule.kind == "salary_multiple":
        return "at most one month's salary" if rule.factor == 1 else f"at most {_number(rule.factor)} times the monthly salary"
    if rule.kind == "percent_of_first_month":
        return f"at most {_number(rule.factor)}% of the first month's salary"
    if rule.kind == "per_month_of_contract":
        steps = [money(s, rule.currency) for s in rule.steps]
        if len(steps) == 1:
            return f"at most {steps[0]} per month"
        years = ", ".join(f"{s} in year {i}" for i, s in enumerate(steps[:-1], start=1))
        return f"at most {years} and {steps[-1]} from year {len(steps)} on, per month"
    if rule.kind == "months_per_contract_year":
        per = "one month's salary" if rule.factor == 1 else f"{_number(rule.factor)} months' salary"
        limit = f", and never more than {_number(rule.max_months)} months' salary" if rule.max_months is not None else ""
        return f"at most {per} for each year of the contract{limit}"
    return rule.kind


def summary(rule: Rule) -> str:
    """One sentence a worker understands: who, which corridor and work, which cost, how much."""
    work = "" if rule.sector == "any" else f" for {SECTORS[rule.sector]}"
    who = f"Workers going from {country_name(rule.origin)} to {country_name(rule.destination)}{work}"
    issuer = country_name(rule.origin if rule.side == "origin" else rule.destination)
    cost = CATEGORIES[rule.category]
    if rule.payer == "employer":
        words = f"must not pay any {cost}: the employer pays it"
    elif rule.kind == "zero":
        words = f"must not be charged any {cost}"
    else:
        words = f"may be charged {cap_words(rule)} for {cost}"
    return f"{who} {words} (rule set by {issuer}: {rule.citation})."


def explain(outcome: Outcome, charge: Charge) -> str:
    """Why a charge is allowed, over the cap, prohibited or not covered."""
    what = f"The {CATEGORIES[charge.category]} of {money(charge.amount, charge.currency)}"
    if outcome.status == "no_rule":
        return (f"{what} is not covered by any fee rule we know for this route and work. "
                "Ask the labour office of your country before you pay, and keep the receipt.")
    rule = outcome.rule
    basis = f"Rule: {cap_words(rule)} ({rule.citation})."
    if outcome.status == "prohibited":
        return f"{what} must not be charged to you at all. {basis} Do not pay it; report it to the labour office."
    if outcome.status == "over_cap":
        return (f"{what} is {money(outcome.excess, charge.currency)} more than the most you may be charged "
                f"({money(outcome.cap, charge.currency)}). {basis} You should not pay the extra; report it.")
    return f"{what} is within the limit of {money(outcome.cap, charge.currency)}. {basis}"
