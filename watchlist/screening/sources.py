"""Turn database rows into matching-engine Records: watchlist subjects, and agencies (with their officers)
whose licence history is adverse (revoked, suspended, cancelled, banned) or that a regulator linked to one.

Loading is set-wise: each loader reads each table it needs with one statement (all rows, or the rows of the
given ids) and groups them in Python, so a full build costs the same few statements at 1,000 or 1,000,000
records (no per-record lazy loads). One function per record kind; add a new kind as its own loader.
"""
from collections import defaultdict
from types import SimpleNamespace

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from registry.agencies.models import Agency, AgencyName, Officer
from registry.common.time import today
from registry.licences.models import Licence, LicenceAction
from watchlist.cases.lifecycle import step_of
from watchlist.cases.models import Case, CaseEvent, CaseRespondent
from watchlist.matching import Record
from watchlist.screening.models import RecordLink
from watchlist.standing import standing_from_cases
from watchlist.subjects.models import Subject, SubjectContact, SubjectIdentifier, SubjectLink, SubjectName

ADVERSE_ACTIONS = {"revoke": "licence_revoked", "cancel": "licence_cancelled", "suspend": "licence_suspended"}
SEVERITY = ("banned", "licence_revoked", "licence_cancelled", "licence_suspended", "linked_to_adverse_record")
IDENTIFIER_PRIORITY = ("registration_no", "tax_no", "passport", "national_id")


def adverse_history(actions) -> tuple[str | None, list[dict]]:
    """The worst adverse standing and the adverse actions (public fields) from an agency's licence actions, given
    as objects or rows with licence_no, country, action, effective_on, until, reason, ban (licence, then seq order)."""
    events = [{"licence_no": a.licence_no, "country": a.country, "action": a.action, "effective_on": a.effective_on.isoformat(),
               "until": a.until.isoformat() if a.until else None, "reason": a.reason, "ban": a.ban}
              for a in actions if a.action in ADVERSE_ACTIONS]
    kinds = {"banned" if e["ban"] else ADVERSE_ACTIONS[e["action"]] for e in events}
    worst = next((k for k in SEVERITY if k in kinds), None)
    return worst, events


def agency_history(agency: Agency) -> tuple[str | None, list[dict]]:
    """adverse_history of a loaded Agency (its licences' actions)."""
    return adverse_history(SimpleNamespace(licence_no=lic.licence_no, country=lic.country, action=a.action,
                                           effective_on=a.effective_on, until=a.until, reason=a.reason, ban=a.ban)
                           for lic in agency.licences for a in lic.actions)


def _where_in(query, column, ids):
    return query if ids is None else query.where(column.in_(list(ids)))


def _grouped(rows, key: str = "owner") -> dict:
    found = defaultdict(list)
    for row in rows:
        found[getattr(row, key)].append(row)
    return found


def _links(session: Session, refs=None) -> dict[str, set[str]]:
    query = select(RecordLink.a_ref, RecordLink.b_ref)
    if refs is not None:
        query = query.where(or_(RecordLink.a_ref.in_(refs), RecordLink.b_ref.in_(refs)))
    linked = defaultdict(set)
    for a, b in session.execute(query):
        linked[a].add(b)
        linked[b].add(a)
    return linked


def _adverse_actions(session: Session, ids) -> dict[int, list]:
    query = (select(Licence.agency_id.label("owner"), Licence.licence_no, Licence.country, LicenceAction.action,
                    LicenceAction.effective_on, LicenceAction.until, LicenceAction.reason, LicenceAction.ban)
             .join(Licence, Licence.id == LicenceAction.licence_id)
             .where(LicenceAction.action.in_(list(ADVERSE_ACTIONS))).order_by(Licence.id, LicenceAction.seq))
    return _grouped(session.execute(_where_in(query, Licence.agency_id, ids)))


def agency_records(session: Session, ids=None) -> dict[int, list[Record]]:
    """For each agency: its Record and its officers' Records if adverse (else an empty list, to remove)."""
    actions = _adverse_actions(session, ids)
    linked = _links(session, [f"agency:{i}" for i in ids] if ids is not None else None)
    linked_ids = {int(ref.partition(":")[2]) for ref in linked if ref.startswith("agency:")}
    adverse = set(actions) | linked_ids
    if ids is not None:
        adverse &= set(ids)
    columns = (Agency.id, Agency.name, Agency.country, Agency.registration_no, Agency.phone, Agency.email,
               Agency.website, Agency.address)
    query = select(*columns).order_by(Agency.id)
    # a full build reads every agency row once; filtering on the adverse ids would need one IN list per ~1000
    agencies = [a for a in session.execute(_where_in(query, Agency.id, ids)) if a.id in adverse]
    names = _grouped(session.execute(_where_in(select(AgencyName.agency_id.label("owner"), AgencyName.name)
                                               .order_by(AgencyName.id), AgencyName.agency_id, ids)))
    officers = _grouped(session.execute(_where_in(select(Officer.agency_id.label("owner"), Officer.id, Officer.name,
                                                         Officer.role, Officer.id_number, Officer.ended_on)
                                                  .order_by(Officer.id), Officer.agency_id, ids)))
    result = {agency_id: [] for agency_id in (ids if ids is not None else ())}
    for agency in agencies:
        worst, events = adverse_history(actions.get(agency.id, ()))
        links = sorted(linked.get(f"agency:{agency.id}", ()))
        if worst is None and links:
            worst = "linked_to_adverse_record"
        if worst is None:
            result[agency.id] = []
            continue
        staff = officers.get(agency.id, [])
        common = {"source": "registry", "agency_id": agency.id, "agency_name": agency.name, "country": agency.country,
                  "standing": worst, "licence_history": events, "linked_records": links}
        records = [Record(id=f"agency:{agency.id}", kind="organisation",
                          names=[agency.name, *(n.name for n in names.get(agency.id, ()))], country=agency.country,
                          registration_no=agency.registration_no, phones=[agency.phone] if agency.phone else [],
                          emails=[agency.email] if agency.email else [], websites=[agency.website] if agency.website else [],
                          addresses=[agency.address] if agency.address else [],
                          officers=[o.name for o in staff],
                          payload={**common, "type": "agency", "name": agency.name})]
        for officer in staff:
            records.append(Record(id=f"officer:{officer.id}", kind="person", names=[officer.name], country=agency.country,
                                  registration_no=officer.id_number,
                                  payload={**common, "type": "officer", "officer_id": officer.id, "name": officer.name,
                                           "role": officer.role, "current": officer.ended_on is None}))
        result[agency.id] = records
    return result


def _standings(session: Session, ids, on) -> dict[int, str]:
    """Each subject's standing on `on` from three statements (respondents, cases, events), as profile.standing."""
    respondents = select(CaseRespondent.subject_id.label("owner"), CaseRespondent.case_id, Case.filed_on).join(
        Case, Case.id == CaseRespondent.case_id)
    cases_of = _grouped(session.execute(_where_in(respondents, CaseRespondent.subject_id, ids)))
    events = select(CaseEvent.case_id.label("owner"), CaseEvent.subject_id, CaseEvent.event, CaseEvent.effective_on,
                    CaseEvent.reference, CaseEvent.imprisonment_months, CaseEvent.fine_amount, CaseEvent.fine_currency,
                    CaseEvent.licence_revocation, CaseEvent.debarment_until, CaseEvent.debarment_permanent
                    ).where(CaseEvent.event != "filed").order_by(CaseEvent.case_id, CaseEvent.seq)
    if ids is not None:
        events = events.where(CaseEvent.case_id.in_(select(CaseRespondent.case_id).where(CaseRespondent.subject_id.in_(list(ids)))))
    events_of = _grouped(session.execute(events))
    return {subject_id: standing_from_cases(
        ((r.filed_on, [step_of(e) for e in events_of.get(r.case_id, ()) if e.subject_id in (None, subject_id)])
         for r in rows), on) for subject_id, rows in cases_of.items()}


def subject_records(session: Session, ids=None) -> dict[int, Record]:
    """A Record for every watchlist subject, with its standing today and the people behind it."""
    query = select(Subject.id, Subject.kind, Subject.name, Subject.country, Subject.external_id, Subject.agency_id)
    subjects = session.execute(_where_in(query.order_by(Subject.id), Subject.id, ids)).all()
    names = _grouped(session.execute(_where_in(select(SubjectName.subject_id.label("owner"), SubjectName.name)
                                               .order_by(SubjectName.id), SubjectName.subject_id, ids)))
    identifiers = _grouped(session.execute(_where_in(select(SubjectIdentifier.subject_id.label("owner"), SubjectIdentifier.kind,
                                                            SubjectIdentifier.value).order_by(SubjectIdentifier.id),
                                                     SubjectIdentifier.subject_id, ids)))
    contacts = _grouped(session.execute(_where_in(select(SubjectContact.subject_id.label("owner"), SubjectContact.kind,
                                                         SubjectContact.value).order_by(SubjectContact.id),
                                                  SubjectContact.subject_id, ids)))
    person = Subject.__table__.alias("person")
    officers = _grouped(session.execute(_where_in(select(SubjectLink.organisation_id.label("owner"), person.c.name)
                                                  .join(person, person.c.id == SubjectLink.person_id).order_by(SubjectLink.id),
                                                  SubjectLink.organisation_id, ids)))
    standings = _standings(session, ids, today())
    result = {}
    for s in subjects:
        by_kind = defaultdict(list)
        for c in contacts.get(s.id, ()):
            by_kind[c.kind].append(c.value)
        numbers = {}
        for i in identifiers.get(s.id, ()):
            numbers.setdefault(i.kind, i.value)
        registration = next((numbers[k] for k in IDENTIFIER_PRIORITY if numbers.get(k)), None)
        result[s.id] = Record(
            id=f"subject:{s.id}", kind=s.kind, names=[s.name, *(n.name for n in names.get(s.id, ()))], country=s.country,
            registration_no=registration, phones=by_kind["phone"], emails=by_kind["email"],
            websites=by_kind["website"], addresses=by_kind["address"],
            officers=[o.name for o in officers.get(s.id, ())],
            payload={"source": "watchlist", "type": "subject", "subject_id": s.id, "external_id": s.external_id,
                     "name": s.name, "kind": s.kind, "country": s.country, "standing": standings.get(s.id, "none"),
                     "agency_id": s.agency_id})
    return result


def agency_name_records(session: Session, ids=None) -> dict[int, Record]:
    """Every agency's names, for 'did you mean' suggestions in public search."""
    agencies = session.execute(_where_in(select(Agency.id, Agency.name, Agency.country).order_by(Agency.id), Agency.id, ids))
    names = _grouped(session.execute(_where_in(select(AgencyName.agency_id.label("owner"), AgencyName.name)
                                               .order_by(AgencyName.id), AgencyName.agency_id, ids)))
    return {a.id: Record(id=f"agency:{a.id}", kind="organisation", names=[a.name, *(n.name for n in names.get(a.id, ()))],
                         country=a.country, payload={"agency_id": a.id, "name": a.name, "country": a.country})
            for a in agencies}


def licence_numbers(session: Session, agency_ids=None) -> dict[int, list[tuple[str, str, str, int, str]]]:
    """(country, licence key, licence number, agency id, agency name) of every licence, by agency: for 'did you mean'."""
    query = (select(Licence.country, Licence.licence_key, Licence.licence_no, Agency.id, Agency.name)
             .join(Agency, Agency.id == Licence.agency_id).order_by(Licence.id))
    result = defaultdict(list)
    for row in session.execute(_where_in(query, Agency.id, agency_ids)):
        result[row[3]].append(tuple(row))
    return result
