"""Set-wise case import: each case's events are replayed in memory through the same lifecycle rules as
`add_event`, then cases, respondents, events and their audit entries (the API's snapshots) are written with
multi-row INSERTs, a chunk at a time; respondents are screened for repeat offenders once, after the inserts."""
from dataclasses import dataclass, field

from sqlalchemy import select

from registry.audit.service import _plain, record_audit_bulk
from registry.common.actor import Actor
from registry.common.bulk import chunks, insert_returning_ids, insert_rows
from registry.common.time import today, utcnow
from registry.domain import Conflict, DomainError, PermissionDenied, StaleVersion, field_error
from registry.extensions import db
from watchlist import bulk_subjects
from watchlist.cases import service as cases
from watchlist.cases.models import Case, CaseEvent, CaseRespondent
from watchlist.screening.bulk_flags import flag_subjects_bulk
from watchlist.subjects.models import Subject

CASE_COLUMNS = ("case_no", "jurisdiction", "authority", "offences", "indicators", "victims_total", "victims_women",
                "victims_minors", "sector", "destination_country", "filed_on", "summary", "notes", "status", "version")
EVENT_COLUMNS = tuple(c.key for c in CaseEvent.__table__.columns if c.key not in {"id", "case_id"})


@dataclass
class Plan:
    """One new case being built in memory: a transient Case (never added to the session) and its audit trail."""

    n: int
    data: dict
    inline: list[int] = field(default_factory=list)  # positions of inline subjects in the chunk's creation list
    subject_ids: list[int | None] = field(default_factory=list)
    names: dict = field(default_factory=dict)  # subject id -> name, for refusal messages
    case: Case | None = None
    audits: list[dict] = field(default_factory=list)


def import_cases(loaded: list[tuple[int, dict]], actor: Actor, report, progress=None) -> None:
    """Create every case of `loaded` (`(position, data)`) not yet recorded; errors go to `report.errors`."""
    seen: set[tuple] = set()
    made: dict[tuple[str, str], int] = {}  # (country, external_id) -> id of inline subjects created by this import
    screen: dict[int, str] = {}  # respondent subject id -> jurisdiction of its first new case
    for chunk in chunks(loaded):
        for plan in _chunk(chunk, actor, report, seen, made):
            for subject_id in plan.subject_ids:
                screen.setdefault(subject_id, plan.data["jurisdiction"])
        if progress:
            progress(len(chunk))
    if not report.errors and screen:
        flag_subjects_bulk(list(screen.items()), actor, "case.create")


def _chunk(chunk, actor: Actor, report, seen: set, made: dict) -> list[Plan]:
    recorded = {tuple(r) for r in db.session.execute(select(Case.jurisdiction, Case.authority, Case.case_no)
                                                     .where(Case.jurisdiction.in_({d["jurisdiction"] for _, d in chunk}),
                                                            Case.authority.in_({d["authority"] for _, d in chunk}),
                                                            Case.case_no.in_({d["case_no"] for _, d in chunk})))}
    refs = _references(chunk, made)
    plans, inline = [], []
    for n, data in chunk:
        key = (data["jurisdiction"], data["authority"], data["case_no"])
        if key in recorded or key in seen:
            report.unchanged += 1
            continue
        plan = Plan(n, data)
        try:
            _resolve(plan, actor, refs, inline)
        except DomainError as exc:
            report.errors.append(f"case {n} ({data['case_no']}): {exc.message}")
            continue
        seen.add(key)
        plans.append(plan)
    new_ids = bulk_subjects.create_subjects([(f"case {p.n} ({p.data['case_no']}): ", s) for p, s in inline],
                                            actor, report.errors, [p.data["jurisdiction"] for p, _ in inline])
    for (_, subject), subject_id in zip(inline, new_ids):
        if subject.get("external_id") and subject_id is not None:
            made[(subject["country"], subject["external_id"])] = subject_id
    good = []
    for plan in plans:
        plan.subject_ids = [new_ids[i[0]] if isinstance(i, tuple) else i for i in plan.subject_ids]
        plan.names = {i: refs["names"].get(i) or item.get("subject", {}).get("name", f"Subject {i}")
                      for i, item in zip(plan.subject_ids, plan.data["respondents"])}
        if None in plan.subject_ids:
            continue  # its inline subject is in error (reported)
        try:
            _replay(plan, actor)
        except DomainError as exc:
            report.errors.append(f"case {plan.n} ({plan.data['case_no']}): {exc.message}")
            continue
        good.append(plan)
    _write(good, actor)
    report.created += len(good)
    return good


def _references(chunk, made: dict) -> dict:
    """Subjects named by external_id (or given inline with one) and by id in this chunk, in two queries; subjects
    created inline earlier in this import are known without a query."""
    keys, ids = set(), set()
    for _, data in chunk:
        for item in data["respondents"]:
            if "external_id" in item:
                keys.add((item["country"], item["external_id"]))
            elif "subject" in item and item["subject"].get("external_id"):
                keys.add((item["subject"]["country"], item["subject"]["external_id"]))
            elif "subject_id" in item:
                ids.add(item["subject_id"])
    existing = bulk_subjects.existing_by_key(keys, load=False)
    by_key = {k: s.id for k, s in existing.items()}
    by_key.update({k: v for k, v in made.items() if k in keys})
    by_id = dict(db.session.execute(select(Subject.id, Subject.name).where(Subject.id.in_(ids))).all()) if ids else {}
    names = {**by_id, **{s.id: s.name for s in existing.values()}}
    return {"keys": by_key, "ids": set(by_id) | (ids & set(made.values())), "pending": {}, "names": names}


def _resolve(plan: Plan, actor: Actor, refs: dict, inline: list) -> None:
    """Check scope and dates as `create_case` does and find (or queue the creation of) each respondent; a subject
    queued earlier in the chunk is a placeholder `(position,)` until the inline subjects are inserted."""
    data = plan.data
    if not actor.can_write_country(data["jurisdiction"]):
        raise PermissionDenied(f"A {actor.role} token for {actor.country or 'no country'} may not write cases of "
                               f"{data['jurisdiction']}.")
    if data["filed_on"] > today():
        raise field_error("filed_on", "Cannot be in the future.")
    found, queued = [], []
    for n, item in enumerate(data["respondents"]):
        if "subject" in item:
            new = item["subject"]
            key = (new["country"], new.get("external_id"))
            if new.get("external_id") and key in refs["keys"]:
                other = refs["keys"][key]
                raise Conflict(f"Subject {other} already has external_id {key[1]} in {key[0]}.", existing_id=other)
            if new.get("external_id") and (key in refs["pending"] or key in {k for k, _ in queued}):
                raise Conflict(f"A subject with external_id {key[1]} in {key[0]} was just recorded.")
            queued.append((key, new))
            found.append((len(inline) + len(queued) - 1,))
        elif "external_id" in item:
            key = (item["country"], item["external_id"])
            ref = refs["keys"].get(key) or refs["pending"].get(key) or next(
                ((len(inline) + i,) for i, (k, _) in enumerate(queued) if k == key), None)
            if ref is None:
                raise field_error(f"respondents.{n}.external_id", f"No subject with external_id {key[1]} in {key[0]}.")
            found.append(ref)
        else:
            if item["subject_id"] not in refs["ids"]:
                raise field_error(f"respondents.{n}.subject_id", f"No subject with id {item['subject_id']}.")
            found.append(item["subject_id"])
    for key, new in queued:
        if new.get("external_id"):
            refs["pending"][key] = (len(inline),)
        inline.append((plan, new))
    plan.subject_ids = found


def _replay(plan: Plan, actor: Actor) -> None:
    """Build the case and apply its events with `add_event`'s checks, recording the audit snapshots on the way."""
    data, now = plan.data, utcnow()
    case = Case(case_no=data["case_no"], jurisdiction=data["jurisdiction"], authority=data["authority"],
                offences=data["offences"], indicators=data.get("indicators") or [], filed_on=data["filed_on"],
                sector=data.get("sector"), destination_country=data.get("destination_country"),
                summary=data.get("summary"), notes=data.get("notes"), status="pending", version=1)
    victims = data.get("victims") or {}
    case.victims_total, case.victims_women, case.victims_minors = (victims.get(k) for k in ("total", "women", "minors"))
    seen = set()
    for n, (item, subject_id) in enumerate(zip(data["respondents"], plan.subject_ids)):
        if subject_id in seen:
            raise field_error(f"respondents.{n}.subject_id", f"Subject {subject_id} is listed twice.")
        seen.add(subject_id)
        case.respondents.append(CaseRespondent(subject_id=subject_id, role=item["role"], state="filed"))
    case.events.append(CaseEvent(seq=1, event="filed", effective_on=data["filed_on"], actor=actor.label, recorded_at=now))
    plan.audits.append({"action": "case.create", "after": _plain(cases.snapshot(case))})
    for event in data.get("events", []):
        _apply_event(plan, case, event, actor, now)
    case.created_at = case.updated_at = now
    plan.case = case


def _apply_event(plan: Plan, case: Case, data: dict, actor: Actor, now) -> None:
    if data.get("version") is not None and data["version"] != case.version:
        raise StaleVersion(f"Case {case.case_no} is at version {case.version}, not {data['version']}.",
                           current_version=case.version)
    before = cases.snapshot(case)
    event = cases.record_event(case, data, actor,
                               lambda respondent: plan.names.get(respondent.subject_id, f"Subject {respondent.subject_id}"))
    event.recorded_at = now
    case.version += 1
    plan.audits.append({"action": "case.event", "before": _plain(before),
                        "after": _plain({**cases.snapshot(case), "event": cases._event_snapshot(event)})})


def _write(plans: list[Plan], actor: Actor) -> None:
    """Insert the chunk's cases, then their respondents, events and audit entries (ids patched into snapshots)."""
    if not plans:
        return
    case_ids = insert_returning_ids(Case, [{**{c: getattr(p.case, c) for c in CASE_COLUMNS},
                                            "created_at": p.case.created_at, "updated_at": p.case.updated_at}
                                           for p in plans])
    respondents, events, audits = [], [], []
    for case_id, plan in zip(case_ids, plans):
        respondents += [{"case_id": case_id, "subject_id": r.subject_id, "role": r.role, "state": r.state}
                        for r in plan.case.respondents]
        events += [{**{c: getattr(e, c) for c in EVENT_COLUMNS}, "case_id": case_id} for e in plan.case.events]
        for entry in plan.audits:
            for side in ("before", "after"):
                if entry.get(side) is not None:
                    entry[side]["id"] = case_id
            audits.append({**entry, "entity_type": "case", "entity_id": case_id})
    insert_rows(CaseRespondent, respondents)
    insert_rows(CaseEvent, events)
    record_audit_bulk(actor, audits)
