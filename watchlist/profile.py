"""A subject as of a date: its standing and its cases, as plain data for the audience schemas to pick from."""
from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from registry.extensions import db
from watchlist.cases.lifecycle import Position, replay
from watchlist.cases.models import Case, CaseRespondent
from watchlist.schemas_common import sanctions_dict
from watchlist.standing import decided_against, standing_from_cases, standing_of
from watchlist.subjects.models import Subject, SubjectLink
from watchlist.vocabulary import PUBLIC_STANDINGS


@dataclass
class Involvement:
    """One subject's part in one case, replayed to a date."""

    respondent: CaseRespondent
    case: Case
    position: Position


def involvements(subject: Subject, on: date) -> list[Involvement]:
    """The subject's cases replayed to `on` (cases filed later are left out)."""
    result = []
    for respondent in sorted(subject.respondents, key=lambda r: (r.case.filed_on, r.case_id)):
        case = respondent.case
        position = replay(case.filed_on, case.steps_for(subject.id), on)
        if position.state is not None:
            result.append(Involvement(respondent, case, position))
    return result


def standing(subject: Subject, on: date) -> str:
    return standing_from_cases(((r.case.filed_on, r.case.steps_for(subject.id)) for r in subject.respondents), on)


def is_public(subject: Subject, on: date) -> bool:
    return standing(subject, on) in PUBLIC_STANDINGS


def _decision_event(case: Case, subject_id: int, position: Position):
    return next((e for e in reversed(case.events)
                 if e.subject_id in (None, subject_id) and e.event == position.decision
                 and e.effective_on == position.decision_on), None)


def case_item(inv: Involvement) -> dict:
    case, p = inv.case, inv.position
    event = _decision_event(case, inv.respondent.subject_id, p) if p.decision else None
    return {"case_id": case.id, "case_no": case.case_no, "jurisdiction": case.jurisdiction, "authority": case.authority,
            "offences": case.offences, "indicators": case.indicators, "filed_on": case.filed_on,
            "role": inv.respondent.role, "state": p.state, "decision": p.decision, "decision_on": p.decision_on,
            "decision_reference": p.decision_reference, "sanctions": sanctions_dict(p.sanctions), "appeal": p.appeal,
            "compensation": event.compensation if event is not None else None}


def _names(subject: Subject) -> list[dict]:
    return [{"name": n.name, "kind": n.kind} for n in subject.other_names]


def _links(links: list[SubjectLink], side: str) -> list[dict]:
    return [{"subject_id": getattr(link, side).id, "name": getattr(link, side).name, "role": link.role} for link in links]


def subject_profile(subject: Subject, on: date) -> dict:
    """Every field any audience may see; the schemas choose which ones are dumped."""
    invs = involvements(subject, on)
    contacts = {kind: [c.value for c in subject.contacts if c.kind == kind] for kind in ("address", "phone", "email", "website")}
    return {
        "id": subject.id, "kind": subject.kind, "name": subject.name, "other_names": _names(subject),
        "country": subject.country, "external_id": subject.external_id,
        "standing": standing_of([i.position for i in invs], on), "standing_on": on,
        "public_cases": [case_item(i) for i in invs if decided_against(i.position)],
        "all_cases": [case_item(i) for i in invs],
        "registration_no": subject.identifier("registration_no"), "tax_no": subject.identifier("tax_no"),
        "id_numbers": [{"kind": i.kind, "value": i.value} for i in subject.identifiers
                       if i.kind not in {"registration_no", "tax_no"}],
        "addresses": contacts["address"], "phones": contacts["phone"], "emails": contacts["email"],
        "websites": contacts["website"], "agency_id": subject.agency_id, "jurisdiction": subject.jurisdiction,
        "officer_of": _links(subject.officer_of, "organisation"), "officers": _links(subject.officers, "person"),
        "version": subject.version, "created_at": subject.created_at, "updated_at": subject.updated_at,
    }


SUBJECT_LOAD = (selectinload(Subject.other_names), selectinload(Subject.identifiers), selectinload(Subject.contacts),
                selectinload(Subject.officer_of).selectinload(SubjectLink.organisation),
                selectinload(Subject.officers).selectinload(SubjectLink.person),
                selectinload(Subject.respondents).selectinload(CaseRespondent.case).selectinload(Case.events))


def public_subjects(on: date, query=None) -> list[Subject]:
    """Subjects whose standing on `on` is public, from `query` (a select of Subject) or all candidates.

    Only subjects with a conviction or settlement on record can be public, so the database narrows
    the set first; the standing itself is derived in Python from the events.
    """
    from watchlist.cases.models import CaseEvent

    query = query if query is not None else select(Subject)
    candidates = select(CaseEvent.subject_id).where(CaseEvent.event.in_(("convicted", "settled")))
    stmt = query.where(Subject.id.in_(candidates)).options(*SUBJECT_LOAD).order_by(Subject.name, Subject.id)
    return [s for s in db.session.scalars(stmt).unique() if is_public(s, on)]
