"""Case business rules: create a case with its respondents, record events through the lifecycle, list and look up."""
from sqlalchemy import exists, func, select
from sqlalchemy.orm import selectinload

from registry.audit.service import record_audit
from registry.common.actor import Actor
from registry.common.time import today, utcnow
from registry.common.uow import transaction
from registry.domain import Conflict, NotFound, PermissionDenied, StaleVersion, field_error
from registry.extensions import db
from watchlist.cases import lifecycle
from watchlist.cases.models import Case, CaseEvent, CaseRespondent
from watchlist.subjects import service as subjects
from watchlist.subjects.models import Subject
from watchlist.screening.flags import flag_subjects

CASE_LOAD = (selectinload(Case.respondents).selectinload(CaseRespondent.subject), selectinload(Case.events))


def get_case(case_id: int) -> Case:
    case = db.session.scalar(select(Case).where(Case.id == case_id).options(*CASE_LOAD))
    if case is None:
        raise NotFound(f"No case with id {case_id}.")
    return case


def find_case(jurisdiction: str, authority: str, case_no: str) -> Case | None:
    return db.session.scalar(select(Case).where(Case.jurisdiction == jurisdiction, Case.authority == authority,
                                                Case.case_no == case_no))


def snapshot(case: Case) -> dict:
    """The case as plain data for the audit log's before/after."""
    return {"id": case.id, "case_no": case.case_no, "jurisdiction": case.jurisdiction, "authority": case.authority,
            "offences": case.offences, "indicators": case.indicators, "victims": case.victims,
            "sector": case.sector, "destination_country": case.destination_country, "filed_on": case.filed_on,
            "status": case.status, "version": case.version,
            "respondents": [{"subject_id": r.subject_id, "role": r.role, "state": r.state} for r in case.respondents],
            "events": len(case.events)}


def _check_scope(actor: Actor, jurisdiction: str) -> None:
    if not actor.can_write_country(jurisdiction):
        raise PermissionDenied(f"A {actor.role} token for {actor.country or 'no country'} may not write cases of {jurisdiction}.")


def create_case(data: dict, actor: Actor) -> Case:
    """Create a case, `filed` for every respondent; new respondents given inline are created too."""
    with transaction():
        _check_scope(actor, data["jurisdiction"])
        if data["filed_on"] > today():
            raise field_error("filed_on", "Cannot be in the future.")
        if find_case(data["jurisdiction"], data["authority"], data["case_no"]) is not None:
            raise Conflict(f"Case {data['case_no']} of {data['authority']} ({data['jurisdiction']}) is already recorded.")
        case = Case(case_no=data["case_no"], jurisdiction=data["jurisdiction"], authority=data["authority"],
                    offences=data["offences"], indicators=data.get("indicators") or [], filed_on=data["filed_on"],
                    sector=data.get("sector"), destination_country=data.get("destination_country"),
                    summary=data.get("summary"), notes=data.get("notes"), status="pending")
        victims = data.get("victims") or {}
        case.victims_total, case.victims_women, case.victims_minors = (victims.get(k) for k in ("total", "women", "minors"))
        seen = set()
        for n, item in enumerate(data["respondents"]):
            subject = _respondent_subject(item, n, actor, data["jurisdiction"])
            if subject.id in seen:
                raise field_error(f"respondents.{n}.subject_id", f"Subject {subject.id} is listed twice.")
            seen.add(subject.id)
            case.respondents.append(CaseRespondent(subject_id=subject.id, role=item["role"], state="filed"))
        case.events.append(CaseEvent(seq=1, event="filed", effective_on=data["filed_on"], actor=actor.label))
        db.session.add(case)
        subjects.flush_or_conflict(f"Case {data['case_no']} of {data['authority']} ({data['jurisdiction']}) was just recorded.")
        record_audit(actor, "case.create", "case", case.id, after=snapshot(case))
        case.screening_flags = flag_subjects([r.subject for r in case.respondents], case.jurisdiction, actor, "case.create")
        return case


def _respondent_subject(item: dict, n: int, actor: Actor, jurisdiction: str) -> Subject:
    if "subject" in item:  # a new subject, in any country: the case's jurisdiction scopes this write and keeps the record
        return subjects.create_subject(item["subject"], actor, scope_checked=True, jurisdiction=jurisdiction)
    if "external_id" in item:
        subject = subjects.find_by_external_id(item["country"], item["external_id"])
        if subject is None:
            raise field_error(f"respondents.{n}.external_id", f"No subject with external_id {item['external_id']} in {item['country']}.")
        return subject
    subject = db.session.get(Subject, item["subject_id"])
    if subject is None:
        raise field_error(f"respondents.{n}.subject_id", f"No subject with id {item['subject_id']}.")
    return subject


def add_event(case_id: int, data: dict, actor: Actor) -> Case:
    """Append one event after checking scope, version, dates and the lifecycle (409 with the reason)."""
    with transaction():
        case = get_case(case_id)
        _check_scope(actor, case.jurisdiction)
        if data.get("version") is not None and data["version"] != case.version:
            raise StaleVersion(f"Case {case_id} is at version {case.version}, not {data['version']}: someone changed it. "
                               "Reload and retry.", current_version=case.version)
        before = snapshot(case)
        event = record_event(case, data, actor, lambda respondent: respondent.subject.name)
        case.updated_at = utcnow()
        db.session.flush()
        record_audit(actor, "case.event", "case", case.id, before=before, after={**snapshot(case), "event": _event_snapshot(event)})
        return case


def record_event(case: Case, data: dict, actor: Actor, name_of) -> CaseEvent:
    """Check an event's date and lifecycle step for each respondent it concerns (409 with the reason), apply it and
    append it to the case; no flush, no audit (the API and the bulk import each write theirs)."""
    on = data.get("date") or today()
    if on > today():
        raise field_error("date", "Cannot be in the future.")
    targets = _targets(case, data)
    step = lifecycle.Step(data["event"], on)
    for respondent in targets:
        steps = case.steps_for(respondent.subject_id)
        last = steps[-1].on if steps else case.filed_on
        if on < last:
            raise field_error("date", f"Cannot be before the last recorded event of this respondent ({last.isoformat()}).")
        try:
            respondent.state = lifecycle.apply(lifecycle.replay(case.filed_on, steps, on), step).state
        except lifecycle.TransitionRefused as refused:
            name = name_of(respondent)
            raise Conflict(refused.reason if len(case.respondents) == 1 else f"{name}: {refused.reason}") from None
    single = targets[0].subject_id if data.get("respondent_id") or data["event"] not in lifecycle.STAGE_EVENTS else None
    event = _event(case, data, on, single, actor)
    case.events.append(event)
    case.status = "pending" if any(r.state in lifecycle.OPEN_STATES for r in case.respondents) else "decided"
    return event


def _targets(case: Case, data: dict) -> list[CaseRespondent]:
    """The respondents an event concerns: the one named, or all of them for a stage event (or a single respondent)."""
    if data.get("respondent_id"):
        respondent = next((r for r in case.respondents if r.subject_id == data["respondent_id"]), None)
        if respondent is None:
            raise field_error("respondent_id", f"Subject {data['respondent_id']} is not a respondent in case {case.id}.")
        return [respondent]
    if data["event"] in lifecycle.STAGE_EVENTS or len(case.respondents) == 1:
        return list(case.respondents)
    raise field_error("respondent_id", f"'{data['event']}' is decided per respondent; give the respondent's subject id.")


def _event(case: Case, data: dict, on, subject_id: int | None, actor: Actor) -> CaseEvent:
    sanctions, compensation = data.get("sanctions") or {}, data.get("compensation") or {}
    fine, ordered, paid = sanctions.get("fine") or {}, compensation.get("ordered") or {}, compensation.get("paid") or {}
    return CaseEvent(seq=max(e.seq for e in case.events) + 1, event=data["event"], effective_on=on, subject_id=subject_id,
                     reference=data.get("reference"), note=data.get("note"), actor=actor.label,
                     imprisonment_months=sanctions.get("imprisonment_months"), fine_amount=fine.get("amount"),
                     fine_currency=fine.get("currency"), licence_revocation=sanctions.get("licence_revocation"),
                     debarment_until=sanctions.get("debarment_until"), debarment_permanent=sanctions.get("debarment_permanent"),
                     compensation_ordered_amount=ordered.get("amount"), compensation_ordered_currency=ordered.get("currency"),
                     compensation_paid_amount=paid.get("amount"), compensation_paid_currency=paid.get("currency"))


def _event_snapshot(event: CaseEvent) -> dict:
    return {"seq": event.seq, "event": event.event, "date": event.effective_on, "respondent_id": event.subject_id,
            "reference": event.reference, "sanctions": event.sanctions.__dict__ if event.sanctions else None,
            "compensation": event.compensation}


def list_cases(status: str | None, country: str | None, page: int, per_page: int):
    """Cases by status (pending/decided, or a respondent state) and jurisdiction, newest filing first."""
    query = select(Case)
    if status in {"pending", "decided"}:
        query = query.where(Case.status == status)
    elif status:
        query = query.where(exists().where(CaseRespondent.case_id == Case.id, CaseRespondent.state == status))
    if country:
        query = query.where(Case.jurisdiction == country)
    total = db.session.scalar(select(func.count()).select_from(query.subquery()))
    items = db.session.scalars(query.options(*CASE_LOAD).order_by(Case.filed_on.desc(), Case.id.desc())
                               .limit(per_page).offset((page - 1) * per_page)).all()
    return items, total
