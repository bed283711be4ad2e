"""The public fee check: judge each charge against the rules in force and report caps, excess and totals."""
from collections import Counter
from decimal import Decimal

from registry.common.time import today
from registry.domain import InvalidInput
from registry.fees import wording
from registry.fees.calculator import Charge, MissingRate, Offer, assess, convert, shown
from registry.fees.rates import lookups_on
from registry.fees.service import applicable_rules

STATUSES = ("allowed", "over_cap", "prohibited", "no_rule")


def check_fees(data: dict) -> dict:
    """Judge every charge; a charge whose currency cannot be converted is a 422 naming its currency field."""
    on = data.get("date") or today()
    offer = Offer(data["monthly_salary"], data["currency"], data["contract_months"])
    rules = applicable_rules(data["origin"], data["destination"], data.get("sector") or "any", on)
    lookup, lookup_for = lookups_on(on)  # a rule's cap is converted only with rates its issuing country relies on
    results, earlier_by_category = [], {}
    for index, item in enumerate(data["charges"]):
        charge = Charge(item["category"], item["amount"], item["currency"], item.get("contract_year"))
        lump_sum = charge.contract_year is None
        try:
            earlier = sum((convert(amount, currency, charge.currency, lookup)[0]
                           for amount, currency in earlier_by_category.get(charge.category, [])), Decimal(0)) if lump_sum else Decimal(0)
            outcome = assess(charge, rules.get(charge.category, []), offer, lookup, earlier, lookup_for)
        except MissingRate as missing:
            message = (f"No exchange rate from {missing.from_currency} to {missing.to_currency} is known on "
                       f"{on.isoformat()}; give this charge in {missing.from_currency} or ask the regulator to publish a rate.")
            raise InvalidInput(f"Invalid value for 'charges[{index}].currency': {message}",
                               errors={"json": {"charges": {str(index): {"currency": [message]}}}}) from missing
        if lump_sum:
            earlier_by_category.setdefault(charge.category, []).append((charge.amount, charge.currency))
        results.append(_result(charge, outcome))
    return {"origin": data["origin"], "destination": data["destination"], "sector": data.get("sector") or "any",
            "date": on, "charges": results, "totals": _totals(results)}


def _result(charge: Charge, outcome) -> dict:
    rule = outcome.rule
    return {"category": charge.category, "amount": charge.amount, "currency": charge.currency,
            "contract_year": charge.contract_year, "status": outcome.status, "cap": outcome.cap, "excess": outcome.excess,
            "rule": None if rule is None else {"id": rule.id, "version": rule.version, "kind": rule.kind, "payer": rule.payer,
                                               "side": rule.side, "citation": rule.citation, "url": rule.url, "note": rule.note},
            "exchange_rates": outcome.rates, "explanation": wording.explain(outcome, charge)}


def _totals(results: list[dict]) -> dict:
    charged: dict[str, Decimal] = {}
    excess: dict[str, Decimal] = {}
    for item in results:
        charged[item["currency"]] = charged.get(item["currency"], Decimal(0)) + item["amount"]
        if item["excess"]:
            excess[item["currency"]] = excess.get(item["currency"], Decimal(0)) + item["excess"]
    counts = Counter(item["status"] for item in results)
    return {"charged": {k: shown(v, k) for k, v in charged.items()}, "excess": {k: shown(v, k) for k, v in excess.items()},
            "statuses": {status: counts.get(status, 0) for status in STATUSES}}

