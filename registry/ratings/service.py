"""Build an agency's compliance record from the registry and rate it with the documented formula."""
from datetime import date

from flask_babel import gettext
from sqlalchemy import select

from registry.common.time import as_utc, today
from registry.extensions import db
from registry.ratings.formula import Compliance, Event, Rating, rate

SANCTION_ACTIONS = {"suspend": "suspension", "revoke": "revocation", "cancel": "cancellation"}


def _licence_events(agency) -> tuple[object | None, list[Event]]:
    issues = [a for lic in agency.licences for a in lic.actions if a.action == "issue"]
    events = [Event(SANCTION_ACTIONS[a.action], a.effective_on, "licence_action", a.id, f"{lic.country} {lic.licence_no}")
              for lic in agency.licences for a in lic.actions if a.action in SANCTION_ACTIONS]
    return min(issues, key=lambda a: (a.effective_on, a.id), default=None), events


def _complaint_events(agency_id: int) -> tuple[int, list[Event]]:
    from registry.complaints.models import Complaint

    # one statement (the agency page is a hot public read): every complaint's status, the upheld ones' details
    rows = db.session.execute(select(Complaint.id, Complaint.status, Complaint.updated_at, Complaint.category)
                              .where(Complaint.agency_id == agency_id).order_by(Complaint.id)).all()
    return len(rows), [Event("complaint_upheld", as_utc(updated_at).date(), "complaint", cid, category)
                       for cid, status, updated_at, category in rows if status == "resolved"]


def _linked(agency, kind: str) -> list[int]:
    """Ids of `kind` records a regulator judged the same as the agency or one of its officers (flags decided `same`)."""
    from registry.agencies.trust import agency_standing

    refs = [r["record"] for r in agency_standing(agency)["linked_records"]
            if r["record"].startswith(f"{kind}:") and (kind == "subject" or r["linked_from"] == f"agency:{agency.id}")]
    return sorted({int(ref.split(":", 1)[1]) for ref in refs})


def _linked_agency_events(agency) -> list[Event]:
    """Licence sanctions of agencies judged the same legal person as this one: the history follows the link."""
    from registry.agencies.models import Agency

    events = []
    for other_id in _linked(agency, "agency"):
        other = db.session.get(Agency, other_id)
        if other is not None:
            events += [Event(e.kind, e.on, e.record_type, e.record_id, f"{e.detail} ({other.name})")
                       for e in _licence_events(other)[1]]
    return events


def _conviction_events(agency) -> tuple[bool, list[Event]]:
    """Convictions standing against watchlist subjects linked to the agency (same legal person) or to its officers,
    directly (`agency_id`) or by a flag decided `same`."""
    try:
        from watchlist.profile import SUBJECT_LOAD, involvements
        from watchlist.subjects.models import Subject
    except ImportError:  # the watchlist is optional for the registry
        return False, []
    on = today()
    # most agencies have no linked subject: a plain id query first, the eager loads only for the few that do
    linked = db.session.scalars(select(Subject.id).where(Subject.agency_id == agency.id)).all()
    organisations = db.session.scalars(select(Subject).where(Subject.id.in_(linked)).options(*SUBJECT_LOAD)
                                       ).unique().all() if linked else []
    people = {link.person.id: link.person for org in organisations for link in org.officers}
    linked_ids = [i for i in _linked(agency, "subject") if i not in people and i not in {o.id for o in organisations}]
    linked = db.session.scalars(select(Subject).where(Subject.id.in_(linked_ids)).options(*SUBJECT_LOAD)).unique().all() if linked_ids else []
    events, seen = [], set()
    for subject in list(organisations) + list(people.values()) + list(linked):
        for inv in involvements(subject, on):
            if inv.position.conviction_stands and (inv.case.id, subject.id) not in seen:
                seen.add((inv.case.id, subject.id))
                events.append(Event("conviction", inv.position.decision_on or inv.case.filed_on, "case", inv.case.id,
                                    f"{inv.case.case_no} ({subject.name})"))
    return True, events


def compliance_record(agency) -> Compliance:
    first_issue, events = _licence_events(agency)
    received, upheld = _complaint_events(agency.id)
    checked, convictions = _conviction_events(agency)
    events += _linked_agency_events(agency)
    return Compliance(first_issue.effective_on if first_issue else None, events + upheld + convictions, received, checked,
                      ("licence_action", first_issue.id) if first_issue else None)


def has_valid_licence(agency) -> bool:
    return any(lic.status == "valid" for lic in agency.licences)


def describe(point) -> str:
    """One plain sentence saying why this point was given or taken (in the reader's language)."""
    on = point.on.isoformat() if point.on else ""
    texts = {
        "start": lambda: gettext("Starting score for an agency with a valid licence"),
        "clean_years": lambda: gettext("%(years)s years licensed without a sanction (since %(date)s)", years=point.detail, date=on),
        "suspension": lambda: gettext("Licence %(licence)s suspended on %(date)s", licence=point.detail, date=on),
        "revocation": lambda: gettext("Licence %(licence)s revoked on %(date)s", licence=point.detail, date=on),
        "cancellation": lambda: gettext("Licence %(licence)s cancelled on %(date)s", licence=point.detail, date=on),
        "complaint_upheld": lambda: gettext("Complaint upheld against the agency on %(date)s", date=on),
        "conviction": lambda: gettext("Conviction of the agency or one of its officers on %(date)s", date=on),
        "floor": lambda: gettext("The score cannot go below 0"),
        "ceiling": lambda: gettext("The score cannot go above 5"),
    }
    return texts[point.code]()


def compliance_dict(record: Compliance, on: date) -> dict:
    return {
        "licensed_since": record.licensed_since,
        "years_licensed_without_sanction": record.years_without_sanction(on),
        "last_sanction_on": record.last_sanction_on,
        "suspensions": record.count("suspension"),
        "revocations": record.count("revocation") + record.count("cancellation"),
        "convictions": record.count("conviction") if record.convictions_checked else None,
        "complaints_received": record.complaints_received,
        "complaints_upheld": record.count("complaint_upheld"),
    }


def rating_dict(rating: Rating | None) -> dict | None:
    if rating is None:
        return None
    return {"score": rating.score, "out_of": rating.out_of, "points": [
        {"points": p.points, "reason": describe(p), "code": p.code, "on": p.on,
         "record": {"type": p.record_type, "id": p.record_id} if p.record_type else None} for p in rating.points]}


def compliance_and_rating(agency) -> tuple[dict, dict | None]:
    """The agency's compliance record and rating (None when it holds no valid licence), as plain data."""
    on = today()
    record = compliance_record(agency)
    return compliance_dict(record, on), rating_dict(rate(record, has_valid_licence(agency), on))
