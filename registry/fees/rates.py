"""Dated exchange rates kept by regulators; a lookup for the calculator (direct, inverse, or through USD).

A regulator's rate serves only the fee rules its country issues; an admin's rate may serve every country.
"""
from datetime import date
from decimal import Decimal

from sqlalchemy import func, or_, select

from registry.audit.service import record_audit
from registry.common.actor import Actor
from registry.common.uow import transaction
from registry.domain import Conflict, PermissionDenied
from registry.extensions import db
from registry.fees.calculator import Rate, RateLookup
from registry.fees.models import ExchangeRate

PIVOT = "USD"


def snapshot(rate: ExchangeRate) -> dict:
    return {"id": rate.id, "base": rate.base, "quote": rate.quote, "rate": rate.rate, "date": rate.effective_on,
            "source": rate.source, "country": rate.country, "set_by": rate.actor}


def rate_country(data: dict, actor: Actor) -> str | None:
    """The country whose fee rules a new rate serves: a regulator's own (never another), an admin's choice (None: all)."""
    if actor.role == "admin":
        return data.get("country")
    if actor.role != "regulator" or not actor.country:
        raise PermissionDenied("Only regulators and admins publish exchange rates.")
    if data.get("country") not in (None, actor.country):
        raise PermissionDenied(f"A regulator for {actor.country} publishes rates for {actor.country}'s fee rules only, "
                               f"not {data['country']}'s.")
    return actor.country


def add_rate(data: dict, actor: Actor) -> ExchangeRate:
    """Record a dated rate (regulators for their country's fee rules, admins for any); corrected by a later-dated one."""
    country = rate_country(data, actor)
    with transaction():
        clash = db.session.scalar(select(ExchangeRate).where(
            ExchangeRate.base == data["base"], ExchangeRate.quote == data["quote"], ExchangeRate.effective_on == data["date"],
            ExchangeRate.country.is_(None) if country is None else ExchangeRate.country == country))
        if clash is not None:
            raise Conflict(f"A {data['base']}/{data['quote']} rate for {data['date'].isoformat()} already exists "
                           f"({clash.rate}); publish a correction with a later date.", existing_id=clash.id)
        rate = ExchangeRate(base=data["base"], quote=data["quote"], rate=data["rate"], effective_on=data["date"],
                            source=data.get("source"), country=country, actor=actor.label)
        db.session.add(rate)
        db.session.flush()
        record_audit(actor, "exchange_rate.create", "exchange_rate", rate.id, after=snapshot(rate))
    return rate


def list_rates(base: str | None, quote: str | None, page: int, per_page: int,
               country: str | None = None) -> tuple[list[ExchangeRate], int]:
    query = select(ExchangeRate)
    if country:
        query = query.where(ExchangeRate.country == country)
    if base:
        query = query.where(ExchangeRate.base == base)
    if quote:
        query = query.where(ExchangeRate.quote == quote)
    total = db.session.scalar(select(func.count()).select_from(query.subquery()))
    order = (ExchangeRate.base, ExchangeRate.quote, ExchangeRate.effective_on.desc())
    return db.session.scalars(query.order_by(*order).limit(per_page).offset((page - 1) * per_page)).all(), total


def latest_rates(on: date, country: str | None = None) -> dict[tuple[str, str], ExchangeRate]:
    """The latest rate of every currency pair published on or before `on` for the fee rules of `country` (rates
    serving every country, and that country's own, which win on the same date), in one query (the table is small)."""
    scope = ExchangeRate.country.is_(None) if country is None else or_(ExchangeRate.country.is_(None), ExchangeRate.country == country)
    rows = db.session.scalars(select(ExchangeRate).where(ExchangeRate.effective_on <= on, scope)
                              .order_by(ExchangeRate.effective_on, ExchangeRate.country.is_not(None), ExchangeRate.id))
    return {(r.base, r.quote): r for r in rows}


def _one_leg(table: dict, from_currency: str, to_currency: str) -> tuple[Decimal, list[dict]] | None:
    direct, inverse = table.get((from_currency, to_currency)), table.get((to_currency, from_currency))
    best = max((r for r in (direct, inverse) if r is not None), key=lambda r: r.effective_on, default=None)
    if best is None:
        return None
    value = best.rate if best is direct else Decimal(1) / best.rate
    return value, [{"id": best.id, "base": best.base, "quote": best.quote, "rate": str(best.rate),
                    "date": best.effective_on.isoformat(), "source": best.source, "inverted": best is not direct,
                    "country": best.country, "set_by": best.actor}]


def lookup_on(on: date, country: str | None = None) -> RateLookup:
    """A lookup giving the latest rate published on or before `on` (direct, inverted, or crossed through USD)
    among the rates serving the fee rules of `country` (None: only rates serving every country)."""
    table: dict | None = None

    def lookup(from_currency: str, to_currency: str) -> Rate | None:
        nonlocal table
        if table is None:
            table = latest_rates(on, country)
        return _find(table, from_currency, to_currency, on)

    return lookup


def lookups_on(on: date):
    """Per issuing country lookups for one check (built lazily, one query each): `for_rule(rule)` converts a rule's cap
    with the rates its issuer may rely on; `common` converts between charges with rates serving every country."""
    cache: dict[str | None, RateLookup] = {}

    def for_country(country: str | None) -> RateLookup:
        if country not in cache:
            cache[country] = lookup_on(on, country)
        return cache[country]

    def for_rule(rule) -> RateLookup:
        return for_country(rule.origin if rule.side == "origin" else rule.destination)

    return for_country(None), for_rule


def _find(table: dict, from_currency: str, to_currency: str, on: date) -> Rate | None:
    leg = _one_leg(table, from_currency, to_currency)
    if leg is None and PIVOT not in {from_currency, to_currency}:
        first, second = _one_leg(table, from_currency, PIVOT), _one_leg(table, PIVOT, to_currency)
        if first and second:
            leg = first[0] * second[0], first[1] + second[1]
    if leg is None:
        return None
    return Rate(from_currency, to_currency, leg[0], {"on": on.isoformat(), "published": leg[1]})
