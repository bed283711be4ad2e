"""Set-wise subject writes for imports: new subjects with their names, identifiers and contacts in a few multi-row
INSERTs, changed ones through the service's own change rules; every subject gets the audit entry (same snapshot)
it would get from the API, written in bulk."""
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import selectinload
from sqlalchemy.orm.exc import StaleDataError

from registry.audit.service import record_audit_bulk
from registry.common.actor import Actor
from registry.common.bulk import insert_returning_ids, insert_rows
from registry.common.time import utcnow
from registry.domain import Conflict, DomainError, PermissionDenied, field_error
from registry.extensions import db
from watchlist.matching import search_key
from watchlist.subjects import service as subjects
from watchlist.subjects.models import Subject, SubjectContact, SubjectIdentifier, SubjectName



def _parts_loaded():
    return (selectinload(Subject.other_names), selectinload(Subject.identifiers), selectinload(Subject.contacts),
            selectinload(Subject.officer_of))


def _key_filter(keys: set[tuple[str, str]]) -> tuple:
    """Conditions on both columns of the unique (country, external_id) index, so each chunk's lookup is an index
    probe (external_id alone has no index: a chunk would scan the whole table, and an import grow quadratic)."""
    return Subject.country.in_({country for country, _ in keys}), Subject.external_id.in_({ext for _, ext in keys})


def existing_by_key(keys: set[tuple[str, str]], load: bool = True) -> dict[tuple[str, str], Subject]:
    """Subjects with these (country, external_id) keys, in one query (plus one per loaded collection)."""
    if not keys:
        return {}
    query = select(Subject).where(*_key_filter(keys))
    found = db.session.scalars(query.options(*_parts_loaded()) if load else query)
    return {(s.country, s.external_id): s for s in found if (s.country, s.external_id) in keys}


def current_state(keys: set[tuple[str, str]]) -> dict[tuple[str, str], dict]:
    """What an import file can say about the subjects with these keys (kind, name, current other names,
    registration number, addresses, phones, e-mails), read as plain rows in four queries: comparing a re-imported
    file needs no ORM objects."""
    if not keys:
        return {}
    state = {}
    for sid, country, ext, kind, name in db.session.execute(
            select(Subject.id, Subject.country, Subject.external_id, Subject.kind, Subject.name)
            .where(*_key_filter(keys))):
        if (country, ext) in keys:
            state[(country, ext)] = {"id": sid, "kind": kind, "name": name, "other_names": set(), "registration_no": None,
                                     "address": [], "phone": [], "email": []}
    by_id = {s["id"]: s for s in state.values()}
    if not by_id:
        return state
    for sid, name, kind in db.session.execute(select(SubjectName.subject_id, SubjectName.name, SubjectName.kind)
                                              .where(SubjectName.subject_id.in_(by_id))):
        if kind != "former":
            by_id[sid]["other_names"].add(name)
    for sid, kind, value in db.session.execute(select(SubjectIdentifier.subject_id, SubjectIdentifier.kind,
                                                      SubjectIdentifier.value)
                                               .where(SubjectIdentifier.subject_id.in_(by_id)).order_by(SubjectIdentifier.id)):
        if kind == "registration_no" and by_id[sid]["registration_no"] is None:
            by_id[sid]["registration_no"] = value
    for sid, kind, value in db.session.execute(select(SubjectContact.subject_id, SubjectContact.kind, SubjectContact.value)
                                               .where(SubjectContact.subject_id.in_(by_id)).order_by(SubjectContact.id)):
        if kind in ("address", "phone", "email"):
            by_id[sid][kind].append(value)
    return state


def _identifier(kind: str, value: str, field: str) -> dict:
    value = value.strip()
    normalised = subjects.normalise("registration_no" if kind in {"registration_no", "tax_no"} else kind, value)
    if not normalised:
        raise field_error(field, "Has no letters or digits.")
    return {"kind": kind, "value": value, "normalised": normalised[:100]}


def _parts(data: dict) -> tuple[list[dict], list[dict], list[dict]]:
    """The other names, identifiers and contacts a new subject gets, in the order `create_subject` adds them."""
    name = data["name"].strip()
    names = [{"name": n, "kind": k, "search_key": search_key(n)}
             for n, k in sorted({(n["name"].strip(), n.get("kind", "alias")) for n in data.get("other_names", [])})
             if n != name]
    identifiers = [_identifier(kind, data[kind], kind) for kind in ("registration_no", "tax_no") if data.get(kind)]
    identifiers += [_identifier(item["kind"], item["value"], f"id_numbers.{n}.value")
                    for n, item in enumerate(data.get("id_numbers") or [])]
    contacts = [{"kind": kind, "value": value, "normalised": subjects.normalise(kind, value)}
                for field, kind in subjects.CONTACT_LISTS.items()
                for value in dict.fromkeys(v.strip() for v in data.get(field) or [] if v.strip())]
    return names, identifiers, contacts


def create_subjects(items: list[tuple[str, dict]], actor: Actor, errors: list[str],
                    jurisdictions: list[str] | None = None) -> list[int | None]:
    """Create subjects from validated `(error prefix, data)` items; returns their ids (None for an item in error).

    The caller checks scope and external_id uniqueness. Subjects linked to agencies or other subjects (rare in
    files) go through `create_subject` one by one."""
    ids: list[int | None] = [None] * len(items)
    plain, now = [], utcnow()
    for pos, (prefix, data) in enumerate(items):
        if data.get("agency_id") or data.get("officer_of"):
            try:
                ids[pos] = subjects.create_subject(data, actor, scope_checked=True,
                                                   jurisdiction=jurisdictions[pos] if jurisdictions else None).id
            except DomainError as exc:
                errors.append(prefix + exc.message)
            continue
        try:
            plain.append((pos, data, *_parts(data)))
        except DomainError as exc:
            errors.append(prefix + exc.message)
    def jurisdiction(pos: int, data: dict) -> str:  # as `create_subject` decides it
        if jurisdictions:
            return jurisdictions[pos]
        return actor.country if actor.role == "regulator" and actor.country else data["country"]

    new_ids = insert_returning_ids(Subject, [
        {"kind": d["kind"], "name": d["name"].strip(), "search_key": search_key(d["name"]), "country": d["country"],
         "jurisdiction": jurisdiction(pos, d), "external_id": d.get("external_id"), "agency_id": None, "version": 1,
         "created_at": now, "updated_at": now}
        for pos, d, *_ in plain])
    names, identifiers, contacts, audits = [], [], [], []
    for subject_id, (pos, data, n, i, c) in zip(new_ids, plain):
        ids[pos] = subject_id
        names += [{**row, "subject_id": subject_id} for row in n]
        identifiers += [{**row, "subject_id": subject_id} for row in i]
        contacts += [{**row, "subject_id": subject_id} for row in c]
        audits.append({"action": "subject.create", "entity_type": "subject", "entity_id": subject_id, "after": {
            "id": subject_id, "kind": data["kind"], "name": data["name"].strip(), "country": data["country"],
            "jurisdiction": jurisdiction(pos, data), "external_id": data.get("external_id"), "agency_id": None, "version": 1,
            "other_names": [{"name": r["name"], "kind": r["kind"]} for r in n],
            "identifiers": [{"kind": r["kind"], "value": r["value"]} for r in i],
            "contacts": [{"kind": r["kind"], "value": r["value"]} for r in c], "officer_of": []}})
    insert_rows(SubjectName, names)
    insert_rows(SubjectIdentifier, identifiers)
    insert_rows(SubjectContact, contacts)
    record_audit_bulk(actor, audits)
    return ids


def update_subjects(changes: list[tuple[str, Subject, dict]], actor: Actor, errors: list[str]) -> int:
    """Apply `(error prefix, loaded subject, changes)` with the service's rules, flush once, audit in bulk."""
    done = []
    for prefix, subject, data in changes:
        try:
            if not subjects.can_write_subject(actor, subject):
                raise PermissionDenied(f"A {actor.role} token for {actor.country or 'no country'} may not change "
                                       f"subject {subject.id} of {subject.country}.")
            before = subjects.snapshot(subject)
            subjects.apply_changes(subject, data, actor)
            done.append((subject, before))
        except DomainError as exc:
            errors.append(prefix + exc.message)
    try:
        db.session.flush()
    except (IntegrityError, StaleDataError):
        raise Conflict("Subjects in this file were changed by someone else during the import; nothing was written. "
                       "Run it again.") from None
    record_audit_bulk(actor, [{"action": "subject.update", "entity_type": "subject", "entity_id": s.id,
                               "before": before, "after": subjects.snapshot(s)} for s, before in done])
    return len(done)
