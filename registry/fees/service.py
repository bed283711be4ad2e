"""Fee rules: create, change by new versions, list those in force, and pick the rules that apply to a charge."""
from datetime import date, timedelta
from decimal import Decimal

from sqlalchemy import or_, select
from sqlalchemy.orm import selectinload

from registry.agencies.service import _check_scope
from registry.audit.service import record_audit
from registry.common.actor import Actor
from registry.common.time import today, utcnow
from registry.common.uow import transaction
from registry.domain import Conflict, InvalidInput, NotFound, StaleVersion, field_error
from registry.extensions import db
from registry.fees import wording
from registry.fees.calculator import Rule, shown
from registry.fees.models import FeeRule, FeeRuleVersion
from registry.fees.schemas import TERM_FIELDS, terms_errors

FACTOR_FIELD = {"salary_multiple": "multiple", "percent_of_first_month": "percent",
                "months_per_contract_year": "months_per_year"}
VERSION_FIELDS = TERM_FIELDS + ("citation", "url", "note", "effective_to")


def to_calculator(rule: FeeRule, version: FeeRuleVersion) -> Rule:
    return Rule(side=rule.side, payer=version.payer, kind=version.cap_kind, category=rule.category, origin=rule.origin,
                destination=rule.destination, sector=rule.sector, amount=version.amount, currency=version.currency,
                factor=version.factor, steps=tuple(Decimal(s) for s in version.steps or ()), max_months=version.max_months,
                id=rule.id, version=version.version, citation=version.citation, url=version.url, note=version.note)


def terms_of(version: FeeRuleVersion) -> dict:
    """A version's terms in API field names."""
    currency = version.currency
    body = {"payer": version.payer, "cap_kind": version.cap_kind, "currency": currency,
            "amount": shown(version.amount, currency) if version.amount is not None else None,
            "multiple": None, "percent": None, "months_per_year": None,
            "monthly_amounts": [shown(Decimal(s), currency) for s in version.steps] if version.steps else None,
            "max_months": _plain_number(version.max_months),
            "citation": version.citation, "url": version.url, "note": version.note,
            "effective_from": version.effective_from, "effective_to": version.effective_to}
    if version.cap_kind in FACTOR_FIELD:
        body[FACTOR_FIELD[version.cap_kind]] = _plain_number(version.factor)
    return body


def _plain_number(value: Decimal | None) -> str | None:
    """1.0000 -> "1", 0.5000 -> "0.5" (never in exponent form)."""
    return None if value is None else format(value.normalize(), "f")


def view(rule: FeeRule, version: FeeRuleVersion) -> dict:
    body = {"id": rule.id, "version": version.version, "side": rule.side, "origin": rule.origin,
            "destination": rule.destination, "sector": rule.sector, "category": rule.category, **terms_of(version),
            "summary": wording.summary(to_calculator(rule, version))}
    return body


def detail(rule: FeeRule) -> dict:
    return {**view(rule, rule.current), "versions": [view(rule, v) for v in rule.versions]}


def get_rule(rule_id: int) -> FeeRule:
    rule = db.session.get(FeeRule, rule_id, options=[selectinload(FeeRule.versions)])
    if rule is None:
        raise NotFound(f"No fee rule with id {rule_id}.")
    return rule


def _number(value) -> Decimal | None:
    """A Decimal from the schema's Decimal or from a term carried over from the current version (shown as text)."""
    return None if value is None else Decimal(str(value))


def _new_version(rule: FeeRule, number: int, data: dict, actor: Actor) -> FeeRuleVersion:
    kind = data["cap_kind"]
    factor = _number(data.get(FACTOR_FIELD[kind])) if kind in FACTOR_FIELD else None
    steps = [str(s) for s in data["monthly_amounts"]] if kind == "per_month_of_contract" else None
    version = FeeRuleVersion(rule=rule, version=number, payer=data["payer"], cap_kind=kind,
                             amount=_number(data.get("amount")) if kind == "fixed" else None,
                             currency=data.get("currency") if kind in {"fixed", "per_month_of_contract"} else None,
                             factor=factor, steps=steps,
                             max_months=_number(data.get("max_months")) if kind == "months_per_contract_year" else None,
                             citation=data["citation"], url=data.get("url"), note=data.get("note"),
                             effective_from=data["effective_from"], effective_to=data.get("effective_to"),
                             actor=actor.label)
    db.session.add(version)
    return version


def create_rule(data: dict, actor: Actor) -> FeeRule:
    """Publish a new rule (regulators of the issuing side's country)."""
    with transaction():
        side = data["side"]
        origin = data.get("origin")
        destination = data.get("destination")
        _check_scope(actor, origin if side == "origin" else destination)
        existing = db.session.scalar(select(FeeRule.id).where(
            FeeRule.side == side, FeeRule.sector == data["sector"], FeeRule.category == data["category"],
            FeeRule.origin.is_(None) if origin is None else FeeRule.origin == origin,
            FeeRule.destination.is_(None) if destination is None else FeeRule.destination == destination))
        if existing:
            raise Conflict(f"Fee rule {existing} already covers this side, corridor, sector and category; "
                           "change it with PATCH (a new version).", existing_id=existing)
        rule = FeeRule(side=side, origin=origin, destination=destination, sector=data["sector"], category=data["category"])
        db.session.add(rule)
        _new_version(rule, 1, data, actor)
        db.session.flush()
        record_audit(actor, "fee_rule.create", "fee_rule", rule.id, after=view(rule, rule.current))
    return rule


def change_rule(rule_id: int, data: dict, expected_version: int, actor: Actor) -> FeeRule:
    """Record a new version from `effective_from`; the previous one is closed the day before, never overwritten."""
    with transaction():
        rule = get_rule(rule_id)
        _check_scope(actor, rule.issuer)
        if expected_version != rule.version:
            raise StaleVersion(f"Fee rule {rule_id} is at version {rule.version}, not {expected_version}: reload and retry.",
                               current_version=rule.version)
        previous = rule.current
        if data["effective_from"] <= previous.effective_from:
            raise field_error("effective_from", f"Must be after the current version's start "
                                                f"({previous.effective_from.isoformat()}); history is never rewritten.")
        merged = {**terms_of(previous), "category": rule.category, "effective_to": None, **data}
        if "cap_kind" in data:  # a new kind drops the old kind's fields unless they are given again
            merged = {**merged, **{k: None for k in TERM_FIELDS if k not in {"payer"}}, **data}
        errors = terms_errors(merged)
        if merged.get("effective_to") and merged["effective_to"] < merged["effective_from"]:
            errors["effective_to"] = ["Must be on or after effective_from."]
        if errors:
            raise InvalidInput("The new version's terms are inconsistent: see 'errors'.", errors={"json": errors})
        before = view(rule, previous)
        if previous.effective_to is None or previous.effective_to >= data["effective_from"]:
            previous.effective_to = data["effective_from"] - timedelta(days=1)
        version = _new_version(rule, previous.version + 1, merged, actor)
        rule.updated_at = utcnow()
        db.session.flush()
        record_audit(actor, "fee_rule.change", "fee_rule", rule.id, before=before, after=view(rule, version))
    return rule


def _in_force(on: date):
    return (FeeRuleVersion.effective_from <= on) & (or_(FeeRuleVersion.effective_to.is_(None), FeeRuleVersion.effective_to >= on))


def rules_in_force(on: date, origin: str | None = None, destination: str | None = None, sector: str | None = None,
                   category: str | None = None) -> list[tuple[FeeRule, FeeRuleVersion]]:
    """Rule versions in force on a date that apply to the corridor and sector given (any filter may be left out)."""
    query = select(FeeRule, FeeRuleVersion).join(FeeRuleVersion).where(_in_force(on))
    if origin:
        query = query.where(or_(FeeRule.origin == origin, FeeRule.origin.is_(None)))
    if destination:
        query = query.where(or_(FeeRule.destination == destination, FeeRule.destination.is_(None)))
    if sector:  # a sector's own rules and the general ones; "any" (work not known) gets only the general ones
        query = query.where(FeeRule.sector.in_({sector, "any"}))
    if category:
        query = query.where(FeeRule.category == category)
    order = (FeeRule.side.desc(), FeeRule.origin, FeeRule.destination, FeeRule.category, FeeRule.sector, FeeRule.id)
    return list(db.session.execute(query.order_by(*order)).tuples())


def list_ceilings(args: dict) -> tuple[list[dict], int]:
    rows = rules_in_force(args.get("date") or today(), args.get("origin"), args.get("destination"), args.get("sector"),
                          args.get("category"))
    start = (args["page"] - 1) * args["per_page"]
    return [view(rule, version) for rule, version in rows[start:start + args["per_page"]]], len(rows)


def applicable_rules(origin: str, destination: str, sector: str, on: date) -> dict[str, list[Rule]]:
    """Calculator rules by cost category for one corridor, sector and date."""
    by_category: dict[str, list[Rule]] = {}
    for rule, version in rules_in_force(on, origin, destination, sector):
        by_category.setdefault(rule.category, []).append(to_calculator(rule, version))
    return by_category
