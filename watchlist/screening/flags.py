"""Automatic repeat-offender flags on writes, and the regulators' review queue (same / different)."""
from sqlalchemy import and_, func, or_, select

from registry.audit.service import record_audit
from registry.common.actor import Actor
from registry.common.time import utcnow
from registry.common.uow import transaction
from registry.domain import Conflict, NotFound, PermissionDenied, StaleVersion, Unavailable
from registry.extensions import db
from watchlist.screening.models import Flag, RecordLink
from watchlist.screening.queue import enqueue
from watchlist.screening.service import screen_one

AGENCY_HITS = 10
PERSON_HITS = 5


def _pair(a: str, b: str):
    return or_(and_(Flag.source_ref == a, Flag.candidate_ref == b), and_(Flag.source_ref == b, Flag.candidate_ref == a))


def _linked(a: str, b: str) -> bool:
    return db.session.scalar(select(RecordLink.id).where(or_(and_(RecordLink.a_ref == a, RecordLink.b_ref == b),
                                                             and_(RecordLink.a_ref == b, RecordLink.b_ref == a))).limit(1)) is not None


def _raise(source_ref: str, source_label: str, hit: dict, trigger: str, country: str, actor: Actor) -> Flag | None:
    """Save a flag for a hit unless that pair is already queued, decided, or linked."""
    existing = db.session.scalar(select(Flag).where(_pair(source_ref, hit["record"])).order_by(Flag.id.desc()).limit(1))
    if existing is not None:
        return existing if existing.status == "open" else None
    if _linked(source_ref, hit["record"]):
        return None
    candidate = {k: hit[k] for k in ("record", "source", "type", "name", "country", "standing", "agency_id",
                                     "agency_name", "subject_id", "external_id", "licence_history",
                                     "source_name", "source_url", "sanctions")}
    standing = (hit["standing"] or "unknown").replace("_", " ")  # plain words: "licence revoked"
    if hit.get("type") == "source_entity":
        standing = f"{standing}, listed by {hit['source_name']}"  # another source's standing, not ours
    flag = Flag(source_ref=source_ref, source_label=source_label[:400], candidate_ref=hit["record"],
                candidate_label=f"{hit['name']} ({standing})"[:400], trigger=trigger, country=country,
                score=hit["score"], match=hit["match"], explanation=hit["explanation"], candidate=candidate)
    db.session.add(flag)
    db.session.flush()
    record_audit(actor, "flag.create", "flag", flag.id, after={"source": source_ref, "candidate": hit["record"],
                                                               "score": hit["score"], "trigger": trigger})
    return flag


def _hits(item: dict, limit: int, exclude: set[str]) -> list[dict]:
    return [h for h in screen_one(item, limit=limit, exclude=exclude) if h["match"] or h["review"]]


class Screened(list):
    """The flags a write raised; `status` is "done", or "queued" when the index was not ready and the
    screening waits in the queue (watchlist/screening/queue.py). Dumped as `screening` in write responses."""

    def __init__(self, flags=(), status: str = "done"):
        super().__init__(flags)
        self.status = status


def flag_agency(agency, actor: Actor, trigger: str) -> Screened:
    """Screen an agency's names, identifiers, contacts and officers against adverse records; save and return flags.
    While the index is not ready the screening is queued instead, in the same transaction as the write."""
    try:
        return Screened(screen_agency(agency, actor, trigger))
    except Unavailable:
        enqueue(f"agency:{agency.id}", agency.country, trigger, actor)
        return Screened(status="queued")


def flag_subjects(subjects, country: str, actor: Actor, trigger: str) -> Screened:
    """Screen case respondents (new or existing subjects) against other records; save and return flags
    (queued per subject while the index is not ready)."""
    flags, queued = [], False
    for s in subjects:
        try:
            flags += screen_subject(s, country, actor, trigger)
        except Unavailable:
            enqueue(f"subject:{s.id}", country, trigger, actor)
            queued = True
    return Screened(_unique(flags), "queued" if queued else "done")


def screen_agency(agency, actor: Actor, trigger: str) -> list[Flag]:
    own = {f"agency:{agency.id}"} | {f"officer:{o.id}" for o in agency.officers}
    item = {"name": agency.name, "kind": "organisation", "other_names": [n.name for n in agency.other_names],
            "registration_no": agency.registration_no, "phone": agency.phone, "email": agency.email,
            "website": agency.website, "address": agency.address, "officers": [o.name for o in agency.current_officers]}
    flags = [_raise(f"agency:{agency.id}", f"Agency {agency.name} ({agency.country})", hit, trigger, agency.country, actor)
             for hit in _hits(item, AGENCY_HITS, own)]
    for officer in agency.current_officers:
        person = {"name": officer.name, "kind": "person", "registration_no": officer.id_number}
        flags += [_raise(f"officer:{officer.id}", f"{officer.role.capitalize()} {officer.name} of agency {agency.name}",
                         hit, trigger, agency.country, actor)
                  for hit in _hits(person, PERSON_HITS, own) if hit["type"] != "agency"]
    return _unique(flags)


def screen_subject(s, country: str, actor: Actor, trigger: str) -> list[Flag]:
    contacts = {c.kind: c.value for c in s.contacts}
    item = {"name": s.name, "kind": s.kind, "other_names": [n.name for n in s.other_names],
            "registration_no": next((i.value for i in s.identifiers), None), "phone": contacts.get("phone"),
            "email": contacts.get("email"), "website": contacts.get("website"), "address": contacts.get("address")}
    return _unique([_raise(f"subject:{s.id}", f"{s.kind.capitalize()} {s.name} ({s.country})", hit, trigger, country, actor)
                    for hit in _hits(item, AGENCY_HITS, {f"subject:{s.id}"})])


def _unique(flags: list[Flag | None]) -> list[Flag]:
    seen, result = set(), []
    for flag in flags:
        if flag is not None and flag.id not in seen:
            seen.add(flag.id)
            result.append(flag)
    return result


def list_flags(actor: Actor, status: str | None, country: str | None, page: int, per_page: int):
    """The review queue: regulators see their own country's flags, admins everyone's."""
    query = select(Flag)
    if actor.role != "admin":
        query = query.where(Flag.country == actor.country)
    elif country:
        query = query.where(Flag.country == country)
    if status:
        query = query.where(Flag.status == status)
    total = db.session.scalar(select(func.count()).select_from(query.subquery()))
    items = db.session.scalars(query.order_by(Flag.match.desc(), Flag.score.desc(), Flag.id)
                               .limit(per_page).offset((page - 1) * per_page)).all()
    return items, total


def get_flag(flag_id: int, actor: Actor) -> Flag:
    flag = db.session.get(Flag, flag_id)
    if flag is None or (actor.role != "admin" and flag.country != actor.country):
        raise NotFound(f"No flag {flag_id} in your review queue.")
    return flag


def decide(flag_id: int, decision: str, reason: str, actor: Actor, version: int | None = None) -> Flag:
    """Record `same` (link the records: the history follows) or `different` (never flag this pair again)."""
    with transaction():
        flag = get_flag(flag_id, actor)
        if not actor.can_write_country(flag.country):
            raise PermissionDenied("Only a regulator of the flag's country (or an admin) can decide it.")
        if flag.status != "open":
            raise Conflict(f"Flag {flag_id} was already decided '{flag.status}' by {flag.decided_by}.", status_of_flag=flag.status)
        if version is not None and version != flag.version:
            raise StaleVersion(f"Flag {flag_id} is at version {flag.version}, not {version}.", current_version=flag.version)
        before = {"status": flag.status}
        flag.status, flag.reason, flag.decided_by, flag.decided_at = decision, reason, actor.label, utcnow()
        if decision == "same":
            db.session.add(RecordLink(a_ref=flag.source_ref, b_ref=flag.candidate_ref, flag_id=flag.id, reason=reason,
                                      created_by=actor.label))
            if flag.source_ref.startswith("complaint:"):  # a complaint naming an agency by a near name
                from registry.complaints.agency_match import link_decided
                link_decided(flag)
        db.session.flush()
        record_audit(actor, f"flag.{decision}", "flag", flag.id, before=before,
                     after={"status": decision, "reason": reason, "source": flag.source_ref, "candidate": flag.candidate_ref})
    return flag


def links_of(ref: str) -> list[dict]:
    """Records a regulator judged to be the same as `ref`."""
    rows = db.session.scalars(select(RecordLink).where(or_(RecordLink.a_ref == ref, RecordLink.b_ref == ref)))
    return [{"record": r.b_ref if r.a_ref == ref else r.a_ref, "reason": r.reason, "decided_by": r.created_by,
             "flag_id": r.flag_id, "linked_at": r.created_at} for r in rows]
