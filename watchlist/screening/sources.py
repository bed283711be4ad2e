"""Turn database rows into matching-engine Records: watchlist subjects, and agencies (with their officers)
whose licence history is adverse (revoked, suspended, cancelled, banned) or that a regulator linked to one."""
from collections import defaultdict

from sqlalchemy import or_, select
from sqlalchemy.orm import Session, selectinload

from registry.agencies.models import Agency
from registry.common.time import today
from registry.licences.models import Licence
from watchlist.matching import Record
from watchlist.profile import standing
from watchlist.screening.models import RecordLink
from watchlist.subjects.models import Subject, SubjectLink

ADVERSE_ACTIONS = {"revoke": "licence_revoked", "cancel": "licence_cancelled", "suspend": "licence_suspended"}
SEVERITY = ("banned", "licence_revoked", "licence_cancelled", "licence_suspended", "linked_to_adverse_record")
IDENTIFIER_PRIORITY = ("registration_no", "tax_no", "passport", "national_id")


def agency_history(agency: Agency) -> tuple[str | None, list[dict]]:
    """The worst adverse standing of an agency from its licences' actions, and those actions (public fields)."""
    events = [{"licence_no": lic.licence_no, "country": lic.country, "action": a.action, "effective_on": a.effective_on.isoformat(),
               "until": a.until.isoformat() if a.until else None, "reason": a.reason, "ban": a.ban}
              for lic in agency.licences for a in lic.actions if a.action in ADVERSE_ACTIONS]
    kinds = {"banned" if e["ban"] else ADVERSE_ACTIONS[e["action"]] for e in events}
    worst = next((k for k in SEVERITY if k in kinds), None)
    return worst, events


def _agency_query(session: Session, ids):
    query = select(Agency).options(selectinload(Agency.other_names), selectinload(Agency.officers),
                                   selectinload(Agency.licences).selectinload(Licence.actions))
    return session.scalars(query.where(Agency.id.in_(ids)) if ids is not None else query)


def _links(session: Session, refs=None) -> dict[str, set[str]]:
    query = select(RecordLink.a_ref, RecordLink.b_ref)
    if refs is not None:
        query = query.where(or_(RecordLink.a_ref.in_(refs), RecordLink.b_ref.in_(refs)))
    linked = defaultdict(set)
    for a, b in session.execute(query):
        linked[a].add(b)
        linked[b].add(a)
    return linked


def agency_records(session: Session, ids=None) -> dict[int, list[Record]]:
    """For each agency: its Record and its officers' Records if adverse (else an empty list, to remove)."""
    agencies = list(_agency_query(session, ids))
    linked = _links(session, [f"agency:{a.id}" for a in agencies] if ids is not None else None)
    result = {}
    for agency in agencies:
        worst, events = agency_history(agency)
        links = sorted(linked.get(f"agency:{agency.id}", ()))
        if worst is None and links:
            worst = "linked_to_adverse_record"
        if worst is None:
            result[agency.id] = []
            continue
        common = {"source": "registry", "agency_id": agency.id, "agency_name": agency.name, "country": agency.country,
                  "standing": worst, "licence_history": events, "linked_records": links}
        records = [Record(id=f"agency:{agency.id}", kind="organisation",
                          names=[agency.name, *(n.name for n in agency.other_names)], country=agency.country,
                          registration_no=agency.registration_no, phones=[agency.phone] if agency.phone else [],
                          emails=[agency.email] if agency.email else [], websites=[agency.website] if agency.website else [],
                          addresses=[agency.address] if agency.address else [],
                          officers=[o.name for o in agency.officers],
                          payload={**common, "type": "agency", "name": agency.name})]
        for officer in agency.officers:
            records.append(Record(id=f"officer:{officer.id}", kind="person", names=[officer.name], country=agency.country,
                                  registration_no=officer.id_number,
                                  payload={**common, "type": "officer", "officer_id": officer.id, "name": officer.name,
                                           "role": officer.role, "current": officer.ended_on is None}))
        result[agency.id] = records
    return result


def subject_records(session: Session, ids=None) -> dict[int, Record]:
    """A Record for every watchlist subject, with its standing today and the people behind it."""
    query = select(Subject).options(selectinload(Subject.other_names), selectinload(Subject.identifiers),
                                    selectinload(Subject.contacts),
                                    selectinload(Subject.officers).selectinload(SubjectLink.person))
    subjects = session.scalars(query.where(Subject.id.in_(ids)) if ids is not None else query)
    on, result = today(), {}
    for s in subjects:
        contacts = defaultdict(list)
        for c in s.contacts:
            contacts[c.kind].append(c.value)
        registration = next((s.identifier(k) for k in IDENTIFIER_PRIORITY if s.identifier(k)), None)
        result[s.id] = Record(
            id=f"subject:{s.id}", kind=s.kind, names=[s.name, *(n.name for n in s.other_names)], country=s.country,
            registration_no=registration, phones=contacts["phone"], emails=contacts["email"],
            websites=contacts["website"], addresses=contacts["address"],
            officers=[link.person.name for link in s.officers if link.person is not None],
            payload={"source": "watchlist", "type": "subject", "subject_id": s.id, "external_id": s.external_id,
                     "name": s.name, "kind": s.kind, "country": s.country, "standing": standing(s, on),
                     "agency_id": s.agency_id})
    return result


def agency_name_records(session: Session, ids=None) -> dict[int, Record]:
    """Every agency's names, for 'did you mean' suggestions in public search."""
    query = select(Agency).options(selectinload(Agency.other_names))
    agencies = session.scalars(query.where(Agency.id.in_(ids)) if ids is not None else query)
    return {a.id: Record(id=f"agency:{a.id}", kind="organisation", names=[a.name, *(n.name for n in a.other_names)],
                         country=a.country, payload={"agency_id": a.id, "name": a.name, "country": a.country})
            for a in agencies}


def licence_numbers(session: Session, agency_ids=None) -> dict[int, list[tuple[str, str, str, int, str]]]:
    """(country, licence key, licence number, agency id, agency name) of every licence, by agency: for 'did you mean'."""
    from registry.licences.models import Licence as L
    query = select(L.country, L.licence_key, L.licence_no, Agency.id, Agency.name).join(Agency, Agency.id == L.agency_id)
    if agency_ids is not None:
        query = query.where(Agency.id.in_(agency_ids))
    result = defaultdict(list)
    for row in session.execute(query):
        result[row[3]].append(tuple(row))
    return result
