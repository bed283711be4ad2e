"""Automatic flags for many records at once (bulk imports): each record is screened against the index as it
stands (one index, no rebuild per row), then the pairs already queued, decided or linked are read in one query
per chunk and the new flags and their audit entries are written with multi-row INSERTs.

Same rules and results as `flags._raise` called record by record: an open flag for the pair is reported
again, a decided or linked pair is skipped, a pair is flagged once."""
from flask import current_app
from sqlalchemy import or_, select
from sqlalchemy.orm import selectinload

from registry.audit.service import record_audit_bulk
from registry.common.actor import Actor
from registry.common.bulk import chunks, insert_returning_ids
from registry.extensions import db
from registry.domain import Unavailable
from watchlist.matching import MatchConfig
from watchlist.screening.cache import indexes
from watchlist.screening.flags import AGENCY_HITS, PERSON_HITS
from watchlist.screening.queue import enqueue
from watchlist.screening.service import hit_to_result, to_query
from watchlist.screening.models import Flag, RecordLink
from watchlist.subjects.models import Subject

REVIEW_THRESHOLD = MatchConfig().review_threshold
CANDIDATE_FIELDS = ("record", "source", "type", "name", "country", "standing", "agency_id", "agency_name",
                    "subject_id", "external_id", "licence_history")


def _hits(item: dict, limit: int, exclude: set[str]) -> list[dict]:
    """`flags._hits` (the hits worth a flag: a match or worth a review) with the index told to stop scoring below
    the review threshold, which gives the same hits faster when most names have no look-alike."""
    query = to_query(item)
    if not (query.name or query.registration_no or query.phones or query.emails or query.websites or query.addresses):
        return []
    hits = indexes(current_app).search(query, limit=limit + len(exclude), min_score=REVIEW_THRESHOLD)
    results = [hit_to_result(h) for h in hits if h.record_id not in exclude][:limit]
    return [r for r in results if r["match"] or r["review"]]


def subject_item(s: Subject) -> dict:
    """What `flag_subjects` screens for a subject."""
    contacts = {c.kind: c.value for c in s.contacts}
    return {"name": s.name, "kind": s.kind, "other_names": [n.name for n in s.other_names],
            "registration_no": next((i.value for i in s.identifiers), None), "phone": contacts.get("phone"),
            "email": contacts.get("email"), "website": contacts.get("website"), "address": contacts.get("address")}


def flag_subjects_bulk(subjects: list[tuple[int, str]], actor: Actor, trigger: str) -> int:
    """Screen `(subject id, country of the queue)` pairs as `flag_subjects` would; returns the number of flags
    (new or already open) concerning them."""
    found = []
    for chunk in chunks(subjects):
        country = dict(chunk)
        loaded = {s.id: s for s in db.session.scalars(select(Subject).where(Subject.id.in_(country)).options(
            selectinload(Subject.other_names), selectinload(Subject.identifiers), selectinload(Subject.contacts)))}
        for s in (loaded[i] for i in country if i in loaded):
            try:
                hits = _hits(subject_item(s), AGENCY_HITS, {f"subject:{s.id}"})
            except Unavailable:  # the index is not ready: screened later from the queue, nothing skipped
                enqueue(f"subject:{s.id}", country[s.id], trigger, actor)
                continue
            found += [(f"subject:{s.id}", f"{s.kind.capitalize()} {s.name} ({s.country})", h, country[s.id]) for h in hits]
    return raise_bulk(found, actor, trigger)


def agency_hits(agency) -> list[tuple[str, str, dict, str]]:
    """`flag_agency`'s screening of one agency and its current officers, as (source ref, label, hit, country)."""
    own = {f"agency:{agency.id}"} | {f"officer:{o.id}" for o in agency.officers}
    item = {"name": agency.name, "kind": "organisation", "other_names": [n.name for n in agency.other_names],
            "registration_no": agency.registration_no, "phone": agency.phone, "email": agency.email,
            "website": agency.website, "address": agency.address, "officers": [o.name for o in agency.current_officers]}
    found = [(f"agency:{agency.id}", f"Agency {agency.name} ({agency.country})", h, agency.country)
             for h in _hits(item, AGENCY_HITS, own)]
    for officer in agency.current_officers:
        person = {"name": officer.name, "kind": "person", "registration_no": officer.id_number}
        found += [(f"officer:{officer.id}", f"{officer.role.capitalize()} {officer.name} of agency {agency.name}", h,
                   agency.country) for h in _hits(person, PERSON_HITS, own) if h["type"] != "agency"]
    return found


def _known_pairs(refs: set[str]) -> tuple[dict[frozenset, str], set[frozenset]]:
    """Latest flag status per pair touching `refs`, and the linked pairs, in one query each per chunk."""
    status, linked = {}, set()
    for chunk in chunks(sorted(refs)):
        for a, b, state in db.session.execute(select(Flag.source_ref, Flag.candidate_ref, Flag.status)
                                              .where(or_(Flag.source_ref.in_(chunk), Flag.candidate_ref.in_(chunk)))
                                              .order_by(Flag.id)):
            status[frozenset((a, b))] = state
        for a, b in db.session.execute(select(RecordLink.a_ref, RecordLink.b_ref)
                                       .where(or_(RecordLink.a_ref.in_(chunk), RecordLink.b_ref.in_(chunk)))):
            linked.add(frozenset((a, b)))
    return status, linked


def raise_bulk(found: list[tuple[str, str, dict, str]], actor: Actor, trigger: str) -> int:
    """Save a flag per (source ref, label, hit, country) unless its pair is queued, decided or linked; returns the
    number of distinct open flags concerning the sources (new ones included), like `_unique(flags)` would per record."""
    if not found:
        return 0
    status, linked = _known_pairs({ref for ref, *_ in found})
    rows, open_pairs = [], set()
    for source_ref, label, hit, country in found:
        pair = frozenset((source_ref, hit["record"]))
        if pair in status:
            if status[pair] == "open":
                open_pairs.add(pair)
            continue
        if pair in linked:
            continue
        status[pair] = "open"
        open_pairs.add(pair)
        standing = (hit["standing"] or "unknown").replace("_", " ")
        rows.append({"source_ref": source_ref, "source_label": label[:400], "candidate_ref": hit["record"],
                     "candidate_label": f"{hit['name']} ({standing})"[:400], "trigger": trigger, "country": country,
                     "score": hit["score"], "match": hit["match"], "explanation": hit["explanation"],
                     "candidate": {k: hit[k] for k in CANDIDATE_FIELDS}, "status": "open", "version": 1})
    ids = insert_returning_ids(Flag, rows)
    record_audit_bulk(actor, [{"action": "flag.create", "entity_type": "flag", "entity_id": flag_id,
                               "after": {"source": r["source_ref"], "candidate": r["candidate_ref"], "score": r["score"],
                                         "trigger": trigger}} for flag_id, r in zip(ids, rows)])
    return len(open_pairs)
