"""The public licence check as one indexed statement: the licence, its agency and its history, exactly the public fields.

The licence row keeps `public_status` as recorded by its last action (set by `keep_public_status`, in the action's
transaction); the dates that pass without an action (expiry, a suspension's end) are applied at read time by
`status_on`, so the status stays right as time passes. History replay (`service.status_as_of`) stays the source of
truth for other dates (`?on=`) and the tests check that both agree for every licence.
"""
import json
from datetime import date

from sqlalchemy import bindparam, select

from registry.common.reads import read_rows
from registry.common.time import today
from registry.extensions import db

# What a worker is told for a recorded state, before dates are applied ("active" is "valid" until it expires).
_STORED = {"active": "valid"}


def stored_status(state: str) -> str:
    """The value kept in `licence.public_status` for a recorded state."""
    return _STORED.get(state, state)


def keep_public_status(licence) -> None:
    """Called wherever an action changes a licence's recorded state, in the same transaction."""
    licence.public_status = stored_status(licence.state)


def status_on(public_status: str, expires_on: date | None, suspended_until: date | None, on: date) -> str:
    """The public status on `on` from the stored one: a suspension with an end lapses, a valid licence expires."""
    if public_status == "suspended" and suspended_until is not None and on >= suspended_until:
        public_status = "valid"
    if public_status == "valid" and expires_on is not None and on > expires_on:
        return "expired"
    return public_status


def _statement():
    md = db.metadata.tables
    licence, agency, action = md["licence"], md["agency"], md["licence_action"]
    return (select(licence.c.country, licence.c.licence_no, licence.c.public_status, licence.c.issued_on,
                   licence.c.expires_on, licence.c.suspended_until, licence.c.authority, licence.c.scope,
                   licence.c.destinations, licence.c.version, agency.c.id, agency.c.name, agency.c.country,
                   action.c.seq, action.c.action, action.c.from_state, action.c.to_state, action.c.effective_on,
                   action.c.until, action.c.expires_on, action.c.reason, action.c.legal_basis, action.c.ban)
            .select_from(licence.join(agency, agency.c.id == licence.c.agency_id)
                         .outerjoin(action, action.c.licence_id == licence.c.id))
            .where(licence.c.country == bindparam("country"), licence.c.licence_no == bindparam("number"))
            .order_by(action.c.seq))


_STATEMENT = None


def _iso(value: date | None) -> str | None:
    return value.isoformat() if value is not None else None


def _standing(agency_id: int) -> dict:
    """The agency's ban and links to adverse records, in the fields of AgencyStanding."""
    from registry.agencies.trust import standings_of_ids
    from registry.licences.schemas import AgencyStanding
    return AgencyStanding().dump(standings_of_ids([agency_id])[agency_id])


def check(country: str, licence_no: str) -> tuple[bytes, int] | None:
    """Today's public view of a licence as JSON (the fields of LicencePublicSchema) and its version; None if unknown."""
    global _STATEMENT
    if _STATEMENT is None:
        _STATEMENT = _statement()
    rows = read_rows(_STATEMENT, {"country": country.upper(), "number": licence_no})
    if not rows:
        return None
    first, on = rows[0], today()
    status = status_on(first[2], first[4], first[5], on)
    history = [{"seq": r[13], "action": r[14], "from_state": r[15], "to_state": r[16], "effective_on": _iso(r[17]),
                "until": _iso(r[18]), "expires_on": _iso(r[19]), "reason": r[20], "legal_basis": r[21],
                "ban": bool(r[22])} for r in rows if r[13] is not None and r[17] <= on]
    view = {"country": first[0], "licence_no": first[1], "status": status, "valid": status == "valid",
            "issued_on": _iso(first[3]), "expires_on": _iso(first[4]),
            "suspended_until": _iso(first[5]) if status == "suspended" else None,
            "authority": first[6], "scope": first[7], "destinations": first[8] or [],
            "agency": {"id": first[10], "name": first[11], "country": first[12]}, "history": history,
            "agency_standing": _standing(first[10]), "version": first[9]}
    return json.dumps(view, ensure_ascii=False, separators=(",", ":")).encode(), first[9]
