"""Licence business rules: issue, record actions through the state machine, look up and suggest."""
from datetime import date

from flask_babel import gettext
from sqlalchemy import select
from sqlalchemy.orm import joinedload

from registry.agencies import trust
from registry.agencies.service import _check_scope, get_agency
from registry.audit.service import record_audit
from registry.common.actor import Actor
from registry.common.time import today, utcnow
from registry.common.uow import transaction
from registry.domain import Conflict, NotFound, StaleVersion, field_error
from registry.extensions import db
from registry.licences import lifecycle
from registry.licences.keys import licence_key
from registry.licences.models import Licence, LicenceAction
from registry.licences.public import keep_public_status
from watchlist.screening.flags import flag_agency
from watchlist.screening.service import suggest_licences


def snapshot(licence: Licence) -> dict:
    return {"id": licence.id, "agency_id": licence.agency_id, "country": licence.country, "licence_no": licence.licence_no,
            "authority": licence.authority, "scope": licence.scope, "destinations": licence.destinations,
            "issued_on": licence.issued_on, "expires_on": licence.expires_on, "state": licence.state,
            "suspended_until": licence.suspended_until, "version": licence.version}


def find_licence(country: str, licence_no: str) -> Licence | None:
    """The licence with its agency and actions, in one query (the public check's hot path)."""
    statement = (select(Licence).options(joinedload(Licence.agency), joinedload(Licence.actions))
                 .where(Licence.country == country.upper(), Licence.licence_no == licence_no))
    return db.session.execute(statement).unique().scalar_one_or_none()


def get_licence(country: str, licence_no: str) -> Licence:
    """The licence, or NotFound carrying `status: not_found` and similar licences for a 'did you mean'."""
    licence = find_licence(country, licence_no)
    if licence is None:
        key = licence_key(licence_no)
        licence = db.session.scalar(select(Licence).where(Licence.country == country.upper(), Licence.licence_key == key)) if key else None
        if licence is not None:  # same number written differently ("poea 123" vs "POEA-123")
            return find_licence(licence.country, licence.licence_no)
        raise NotFound(gettext("No licence %(number)s issued by %(country)s is in the registry. "
                               "Recruiting without a licence is illegal.", number=licence_no, country=country.upper()),
                       status="not_found",
                       suggestions=suggest_licences(country.upper(), licence_no))
    return licence


def issue_licence(agency_id: int, data: dict, actor: Actor) -> Licence:
    """Create a licence for an agency and, unless `pending`, record its `issue` action."""
    with transaction():
        return _issue_licence(agency_id, data, actor)


def _issue_licence(agency_id: int, data: dict, actor: Actor) -> Licence:
    agency = get_agency(agency_id)
    country = data.get("country") or agency.country
    _check_scope(actor, agency.country)  # the jurisdiction of the record changed is the agency's, never the body's
    if country != agency.country:
        _check_scope(actor, country)
    if find_licence(country, data["licence_no"]) is not None:
        raise Conflict(f"Licence {data['licence_no']} already exists in {country}.")
    licence = Licence(agency_id=agency.id, country=country, licence_no=data["licence_no"],
                      licence_key=licence_key(data["licence_no"]), authority=data["authority"], scope=data["scope"],
                      destinations=data.get("destinations") or [], expires_on=data["expires_on"], state="pending")
    db.session.add(licence)
    db.session.flush()
    record_audit(actor, "licence.create", "licence", licence.id, after=snapshot(licence))
    if not data.get("pending"):
        _record(licence, {"action": "issue", "effective_on": data.get("issued_on") or today(),
                          "expires_on": data["expires_on"], "reason": data.get("reason"),
                          "legal_basis": data.get("legal_basis"), "override": data.get("override"),
                          "override_reason": data.get("override_reason")}, actor)
    licence.screening_flags = flag_agency(agency, actor, "licence.issue")
    return licence


def apply_action(country: str, licence_no: str, data: dict, actor: Actor) -> Licence:
    """Record one action on a licence (the state machine decides whether it is allowed)."""
    with transaction():
        licence = get_licence(country, licence_no)
        # lock the row: a concurrent action waits, then sees the winner's version (412) and history, never a mix
        db.session.execute(select(Licence.id).where(Licence.id == licence.id).with_for_update())
        db.session.expire(licence)  # everything, actions included, is read again after the lock
        _check_scope(actor, licence.agency.country)  # the agency's country: a licence cannot carry a ban across borders
        if data.get("version") is not None and data["version"] != licence.version:
            raise StaleVersion(f"Licence {licence_no} is at version {licence.version}, not {data['version']}: reload and retry.",
                               current_version=licence.version)
        _record(licence, data, actor)
    return licence


def _record(licence: Licence, data: dict, actor: Actor) -> LicenceAction:
    """Validate an action against the history and today's date, then append it and update the cached state."""
    action, on = data["action"], data.get("effective_on") or today()
    if on > today():
        raise field_error("effective_on", "An action cannot take effect in the future; record it on the day it applies.")
    last = licence.actions[-1] if licence.actions else None
    if last is not None and on < last.effective_on:
        raise field_error("effective_on", f"Must be on or after the previous action's date ({last.effective_on.isoformat()}).")
    if action == "issue":
        _refuse_if_untrusted(licence, data, actor)
    before = snapshot(licence)
    current = lifecycle.replay(_steps(licence), on, licence.expires_on if not licence.actions else None)
    try:
        new_state = lifecycle.next_state(current.state, action)
    except lifecycle.TransitionRefused as refused:
        raise Conflict(refused.reason, state=current.state, action=action) from refused
    expires_on = data.get("expires_on")
    if action == "renew":
        if expires_on is None:
            raise field_error("expires_on", "A renewal needs the new expiry date.")
        if current.expires_on and expires_on <= current.expires_on:
            raise field_error("expires_on", f"Must be after the current expiry date ({current.expires_on.isoformat()}).")
    if action == "issue" and expires_on is not None and expires_on <= on:
        raise field_error("expires_on", "Must be after the date the licence is issued.")
    if data.get("until") is not None and data["until"] <= on:
        raise field_error("until", "A suspension must end after it starts.")
    step = LicenceAction(licence=licence, seq=len(licence.actions) + 1, action=action, from_state=current.state,
                         to_state=new_state, effective_on=on, until=data.get("until") if action == "suspend" else None,
                         expires_on=expires_on if action in {"issue", "renew"} else None, reason=data.get("reason"),
                         legal_basis=data.get("legal_basis"), ban=bool(data.get("ban")) and action == "revoke",
                         actor=actor.label)
    db.session.add(step)
    licence.state = new_state
    keep_public_status(licence)
    licence.suspended_until = step.until if new_state == "suspended" and action == "suspend" else (
        licence.suspended_until if new_state == "suspended" else None)
    if action == "issue":
        licence.issued_on = on
    if step.expires_on:
        licence.expires_on = step.expires_on
    licence.updated_at = utcnow()
    db.session.flush()
    record_audit(actor, f"licence.{action}", "licence", licence.id, before=before,
                 after={**snapshot(licence), "action": {"seq": step.seq, "effective_on": on, "until": step.until,
                                                        "reason": step.reason, "legal_basis": step.legal_basis, "ban": step.ban}})
    return step


def _refuse_if_untrusted(licence: Licence, data: dict, actor: Actor) -> None:
    """No licence for a banned agency, or one whose officers are banned, unless a regulator of the agency's country
    (or an admin) overrides it explicitly, with a reason, which is audited."""
    refusal = trust.licence_refusal(licence.agency)
    if refusal is None:
        return
    if not data.get("override"):
        raise Conflict(f"{refusal} No licence may be issued to it; a regulator of {licence.agency.country} may issue one "
                       "anyway with 'override': true and an 'override_reason'.", refusal=refusal, agency_id=licence.agency_id)
    _check_scope(actor, licence.agency.country)
    if not (data.get("override_reason") or "").strip():
        raise field_error("override_reason", "An override needs its reason; it is kept in the audit log.")
    record_audit(actor, "licence.override", "licence", licence.id,
                 after={"refusal": refusal, "override_reason": data["override_reason"], "licence_no": licence.licence_no})


def _steps(licence: Licence) -> list[lifecycle.Step]:
    return [lifecycle.Step(a.action, a.effective_on, a.until, a.expires_on) for a in licence.actions]


def status_as_of(licence: Licence, on: date) -> lifecycle.Snapshot:
    """The licence's status on any date, replayed from its recorded history."""
    if not licence.actions:
        return lifecycle.Snapshot("pending", "pending", licence.expires_on, None, None)
    return lifecycle.replay(_steps(licence), on)


def licence_as_of(licence: Licence, on: date) -> dict:
    """A licence's public view on a past or present date, replayed from history."""
    snap = status_as_of(licence, on)
    fields = ("country", "licence_no", "authority", "scope", "agency", "version")
    return {**{f: getattr(licence, f) for f in fields}, "destinations": licence.destinations or [],
            "status": snap.status, "valid": snap.status == "valid", "issued_on": snap.issued_on,
            "expires_on": snap.expires_on, "suspended_until": snap.suspended_until,
            "history": [a for a in licence.actions if a.effective_on <= on], "as_of": on,
            "flags": getattr(licence, "screening_flags", []), "agency_standing": trust.standing_of(licence.agency)}
