"""Accreditation rules: accredit a foreign employer with a licensed agency, record actions, add job orders."""
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from registry.accreditation import lifecycle
from registry.accreditation.models import Accreditation, AccreditationAction, JobOrder
from registry.agencies.models import Agency
from registry.agencies.service import _check_scope
from registry.audit.service import record_audit
from registry.common.actor import Actor
from registry.common.time import today, utcnow
from registry.common.uow import transaction
from registry.accreditation.schemas import action_errors
from registry.domain import Conflict, InvalidInput, NotFound, StaleVersion, field_error
from registry.extensions import db
from registry.licences.models import Licence
from watchlist.subjects.models import Subject


def snapshot(accreditation: Accreditation) -> dict:
    return {"id": accreditation.id, "employer_id": accreditation.employer_id, "agency_id": accreditation.agency_id,
            "destination": accreditation.destination, "valid_from": accreditation.valid_from,
            "valid_until": accreditation.valid_until, "state": accreditation.state, "version": accreditation.version}


def get_accreditation(accreditation_id: int) -> Accreditation:
    accreditation = db.session.get(Accreditation, accreditation_id, options=[
        selectinload(Accreditation.actions), selectinload(Accreditation.job_orders),
        selectinload(Accreditation.employer), selectinload(Accreditation.agency)])
    if accreditation is None:
        raise NotFound(f"No accreditation with id {accreditation_id}.")
    return accreditation


def _steps(accreditation: Accreditation) -> list[lifecycle.Step]:
    return [lifecycle.Step(a.action, a.effective_on, a.valid_until) for a in accreditation.actions]


def status_on(accreditation: Accreditation, on: date) -> lifecycle.Snapshot:
    return lifecycle.replay(_steps(accreditation), on)


def view(accreditation: Accreditation, on: date) -> dict:
    """The accreditation as of a date, replayed from its history, with its job orders."""
    snap = status_on(accreditation, on)
    employer, agency = accreditation.employer, accreditation.agency
    return {"id": accreditation.id, "destination": accreditation.destination, "status": snap.status,
            "valid_from": snap.valid_from, "valid_until": snap.valid_until, "version": accreditation.version, "as_of": on,
            "employer": {"id": employer.id, "name": employer.name, "country": employer.country},
            "agency": {"id": agency.id, "name": agency.name, "country": agency.country},
            "history": [a for a in accreditation.actions if a.effective_on <= on or a.action == "accredit"],
            "job_orders": accreditation.job_orders}


def check_write_scope(accreditation_id: int, actor: Actor) -> None:
    """NotFound for an unknown accreditation; PermissionDenied unless the actor may write its agency's country."""
    agency_country = db.session.scalar(select(Agency.country).join(Accreditation, Accreditation.agency_id == Agency.id)
                                       .where(Accreditation.id == accreditation_id))
    if agency_country is None:
        raise NotFound(f"No accreditation with id {accreditation_id}.")
    _check_scope(actor, agency_country)


def accredit(data: dict, actor: Actor) -> Accreditation:
    """Accredit an employer (a watchlist organisation) with a licensed agency for a destination and a period."""
    with transaction():
        employer = db.session.get(Subject, data["employer_id"])
        if employer is None or employer.kind != "organisation":
            raise field_error("employer_id", "Must be the id of a watchlist subject of kind 'organisation'.")
        agency = db.session.get(Agency, data["agency_id"], options=[selectinload(Agency.licences).selectinload(Licence.actions)])
        if agency is None:
            raise field_error("agency_id", f"No agency with id {data['agency_id']}.")
        _check_scope(actor, agency.country)
        if not any(licence.status == "valid" for licence in agency.licences):
            raise field_error("agency_id", "The agency holds no valid licence; only licensed agencies can be accredited.")
        overlapping = db.session.scalar(select(Accreditation.id).where(
            Accreditation.employer_id == employer.id, Accreditation.agency_id == agency.id,
            Accreditation.destination == data["destination"], Accreditation.state != "revoked",
            Accreditation.valid_from <= data["valid_until"], Accreditation.valid_until >= data["valid_from"]))
        if overlapping:
            raise Conflict(f"Accreditation {overlapping} already covers this employer, agency and destination for part of "
                           "that period; renew it instead.", existing_id=overlapping)
        accreditation = Accreditation(employer=employer, agency=agency, destination=data["destination"],
                                      valid_from=data["valid_from"], valid_until=data["valid_until"], state="active")
        db.session.add(accreditation)
        db.session.add(AccreditationAction(accreditation=accreditation, seq=1, action="accredit", from_state=None,
                                           to_state="active", effective_on=data["valid_from"], valid_until=data["valid_until"],
                                           reason=data.get("reason"), legal_basis=data.get("legal_basis"), actor=actor.label))
        db.session.flush()
        record_audit(actor, "accreditation.create", "accreditation", accreditation.id, after=snapshot(accreditation))
    return accreditation


def apply_action(accreditation_id: int, data: dict, actor: Actor) -> Accreditation:
    """Record suspend, reinstate, revoke or renew; the history is append-only and replayable."""
    with transaction():
        accreditation = get_accreditation(accreditation_id)
        _check_scope(actor, accreditation.agency.country)
        errors = action_errors(data)
        if errors:
            raise InvalidInput("The action has invalid fields: see 'errors'.", errors={"json": errors})
        if data.get("version") is not None and data["version"] != accreditation.version:
            raise StaleVersion(f"Accreditation {accreditation_id} is at version {accreditation.version}, not {data['version']}.",
                               current_version=accreditation.version)
        on, action = data.get("effective_on") or today(), data["action"]
        if on > today():
            raise field_error("effective_on", "An action cannot take effect in the future.")
        last = accreditation.actions[-1]
        if on < last.effective_on:
            raise field_error("effective_on", f"Must be on or after the previous action's date ({last.effective_on.isoformat()}).")
        current = status_on(accreditation, on)
        try:
            new_state = lifecycle.next_state(current.state, action)
        except lifecycle.TransitionRefused as refused:
            raise Conflict(refused.reason, state=current.state, action=action) from refused
        if action == "renew" and data["valid_until"] <= current.valid_until:
            raise field_error("valid_until", f"Must be after the current end ({current.valid_until.isoformat()}).")
        before = snapshot(accreditation)
        step = AccreditationAction(accreditation=accreditation, seq=len(accreditation.actions) + 1, action=action,
                                   from_state=current.state, to_state=new_state, effective_on=on,
                                   valid_until=data.get("valid_until") if action == "renew" else None,
                                   reason=data.get("reason"), legal_basis=data.get("legal_basis"), actor=actor.label)
        db.session.add(step)
        accreditation.state = new_state
        if step.valid_until:
            accreditation.valid_until = step.valid_until
        accreditation.updated_at = utcnow()
        db.session.flush()
        record_audit(actor, f"accreditation.{action}", "accreditation", accreditation.id, before=before,
                     after={**snapshot(accreditation), "action": {"seq": step.seq, "effective_on": on, "reason": step.reason}})
    return accreditation


def add_job_order(accreditation_id: int, data: dict, actor: Actor) -> JobOrder:
    """Approve a job order under an accreditation that is not revoked."""
    with transaction():
        accreditation = get_accreditation(accreditation_id)
        _check_scope(actor, accreditation.agency.country)
        if accreditation.state == "revoked":
            raise Conflict("The accreditation is revoked; no job order can be approved under it.", state="revoked")
        order = JobOrder(accreditation=accreditation, actor=actor.label, **data)
        db.session.add(order)
        db.session.flush()
        record_audit(actor, "job_order.create", "job_order", order.id, after={"accreditation_id": accreditation.id, **data})
    return order


def list_accreditations(args: dict) -> tuple[list[Accreditation], int]:
    query = select(Accreditation).options(selectinload(Accreditation.actions), selectinload(Accreditation.job_orders),
                                          selectinload(Accreditation.employer), selectinload(Accreditation.agency))
    for name in ("agency_id", "employer_id", "destination"):
        if args.get(name) is not None:
            query = query.where(getattr(Accreditation, name) == args[name])
    total = db.session.scalar(select(func.count()).select_from(query.subquery()))
    items = db.session.scalars(query.order_by(Accreditation.id).limit(args["per_page"])
                               .offset((args["page"] - 1) * args["per_page"])).all()
    return items, total


def accreditations_of(employer_ids: list[int], agency_id: int, destination: str) -> list[Accreditation]:
    """Accreditations of any of these employers with an agency for a destination (for job-offer verification)."""
    if not employer_ids:
        return []
    return list(db.session.scalars(select(Accreditation).options(selectinload(Accreditation.actions),
                                                                 selectinload(Accreditation.job_orders))
                                   .where(Accreditation.employer_id.in_(employer_ids), Accreditation.agency_id == agency_id,
                                          Accreditation.destination == destination).order_by(Accreditation.id)))
