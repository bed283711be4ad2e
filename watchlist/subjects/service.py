"""Subject business rules: create, update with version checks, jurisdiction scope, search and audit snapshots."""
import re
from datetime import date

from sqlalchemy import exists, func, or_, select
from sqlalchemy.exc import IntegrityError

from registry.agencies.models import Agency
from registry.audit.service import record_audit
from registry.common.actor import Actor
from registry.common.time import utcnow
from registry.common.uow import transaction
from registry.domain import Conflict, NotFound, PermissionDenied, StaleVersion, field_error
from registry.extensions import db
from watchlist.matching import search_key
from watchlist.profile import SUBJECT_LOAD, involvements, public_subjects
from watchlist.standing import standing_of
from watchlist.subjects.models import Subject, SubjectContact, SubjectIdentifier, SubjectLink, SubjectName

CONTACT_LISTS = {"addresses": "address", "phones": "phone", "emails": "email", "websites": "website"}
_NON_ALNUM = re.compile(r"[^0-9A-Za-z]")


def normalise(kind: str, value: str) -> str | None:
    """Comparable form of an identifier or contact (matching's rules where it has them, else upper-case alphanumerics)."""
    try:
        from watchlist.matching.identifiers import normalise_identifier
        return normalise_identifier(kind, value)
    except (ImportError, ValueError):
        return _NON_ALNUM.sub("", value).upper() or None


def flush_or_conflict(message: str) -> None:
    """Flush; a unique key taken by a concurrent write becomes a 409 with `message` instead of a 500."""
    try:
        db.session.flush()
    except IntegrityError:
        raise Conflict(message) from None


def get_subject(subject_id: int) -> Subject:
    subject = db.session.scalar(select(Subject).where(Subject.id == subject_id).options(*SUBJECT_LOAD))
    if subject is None:
        raise NotFound(f"No subject with id {subject_id}.")
    return subject


def can_write_subject(actor: Actor, subject: Subject) -> bool:
    """Admins anywhere; a regulator for subjects of its jurisdiction or linked to an agency of its country.

    Naming a subject as a respondent in a case grants nothing: anyone may file a case against anyone."""
    if actor.can_write_country(subject.jurisdiction):
        return True
    agency = db.session.get(Agency, subject.agency_id) if subject.agency_id else None
    return agency is not None and actor.can_write_country(agency.country)


def snapshot(subject: Subject) -> dict:
    """Everything about a subject as plain data, for the audit log's before/after."""
    return {"id": subject.id, "kind": subject.kind, "name": subject.name, "country": subject.country,
            "jurisdiction": subject.jurisdiction, "external_id": subject.external_id, "agency_id": subject.agency_id, "version": subject.version,
            "other_names": [{"name": n.name, "kind": n.kind} for n in subject.other_names],
            "identifiers": [{"kind": i.kind, "value": i.value} for i in subject.identifiers],
            "contacts": [{"kind": c.kind, "value": c.value} for c in subject.contacts],
            "officer_of": [{"subject_id": link.organisation_id, "role": link.role} for link in subject.officer_of]}


def create_subject(data: dict, actor: Actor, scope_checked: bool = False, jurisdiction: str | None = None) -> Subject:
    """Create a subject; `scope_checked` is set by case creation, which scopes by the case's `jurisdiction` instead.

    The subject's jurisdiction is the case's, else the creating regulator's country, else (an admin) its country."""
    with transaction():
        if not scope_checked and not actor.can_write_country(data["country"]):
            raise PermissionDenied(f"A {actor.role} token for {actor.country or 'no country'} may not create subjects of {data['country']}.")
        _check_external_id(data["country"], data.get("external_id"))
        jurisdiction = jurisdiction or (actor.country if actor.role == "regulator" and actor.country else data["country"])
        subject = Subject(kind=data["kind"], name=data["name"].strip(), search_key=search_key(data["name"]),
                          country=data["country"], jurisdiction=jurisdiction, external_id=data.get("external_id"))
        db.session.add(subject)
        _apply(subject, data, actor)
        flush_or_conflict(f"A subject with external_id {data.get('external_id')} in {data['country']} was just recorded.")
        record_audit(actor, "subject.create", "subject", subject.id, after=snapshot(subject))
        return subject


def update_subject(subject_id: int, data: dict, expected_version: int, actor: Actor) -> Subject:
    with transaction():
        subject = get_subject(subject_id)
        if not can_write_subject(actor, subject):
            raise PermissionDenied(f"A {actor.role} token for {actor.country or 'no country'} may not change subject {subject_id} of {subject.country}.")
        if expected_version != subject.version:
            raise StaleVersion(f"Subject {subject_id} is at version {subject.version}, not {expected_version}: someone changed it. "
                               "Reload and retry.", current_version=subject.version)
        before = snapshot(subject)
        apply_changes(subject, data, actor)
        flush_or_conflict(f"Another subject in {subject.country} was just given external_id {subject.external_id}.")
        record_audit(actor, "subject.update", "subject", subject.id, before=before, after=snapshot(subject))
        return subject


def apply_changes(subject: Subject, data: dict, actor: Actor) -> None:
    """Apply a checked change set to a loaded subject (no flush, no audit: the caller does both, one by one or in bulk)."""
    if "kind" in data and data["kind"] != subject.kind:
        if data["kind"] == "organisation" and (subject.officer_of and "officer_of" not in data):
            raise field_error("kind", "A person linked as an officer cannot become an organisation.")
        subject.kind = data["kind"]
    if "country" in data and data["country"] != subject.country:
        if not actor.can_write_country(data["country"]):
            raise PermissionDenied(f"A {actor.role} token for {actor.country or 'no country'} may not move subjects to {data['country']}.")
    if "external_id" in data or "country" in data:  # checked before any change is flushed (autoflush)
        _check_external_id(data.get("country", subject.country), data.get("external_id", subject.external_id),
                           exclude_id=subject.id)
    subject.country = data.get("country", subject.country)
    if "external_id" in data:
        subject.external_id = data["external_id"]
    if "name" in data and data["name"].strip() != subject.name:
        old = subject.name
        subject.name, subject.search_key = data["name"].strip(), search_key(data["name"])
        if old not in {n.name for n in subject.other_names}:
            subject.other_names.append(SubjectName(name=old, kind="former", search_key=search_key(old)))
    _apply(subject, data, actor)
    subject.updated_at = utcnow()  # always bumps the version


def _check_external_id(country: str, external_id: str | None, exclude_id: int | None = None) -> None:
    if not external_id:
        return
    query = select(Subject.id).where(Subject.country == country, Subject.external_id == external_id)
    if exclude_id:
        query = query.where(Subject.id != exclude_id)
    other = db.session.scalar(query)
    if other:
        message = f"Subject {other} already has external_id {external_id} in {country}."
        raise Conflict(message, errors={"json": {"external_id": [message]}}, existing_id=other)


def _apply(subject: Subject, data: dict, actor: Actor) -> None:
    """Set the lists given in `data` (each given list replaces the current one; a dropped name is kept as former)."""
    if "other_names" in data:
        _set_names(subject, data["other_names"])
    ids = {i.kind: i for i in subject.identifiers}
    for kind in ("registration_no", "tax_no"):
        if kind in data:
            if kind in ids:
                subject.identifiers.remove(ids[kind])
            if data[kind]:
                subject.identifiers.append(_identifier(kind, data[kind], kind))
    if "id_numbers" in data:
        for row in [i for i in subject.identifiers if i.kind not in {"registration_no", "tax_no"}]:
            subject.identifiers.remove(row)
        for n, item in enumerate(data["id_numbers"]):
            subject.identifiers.append(_identifier(item["kind"], item["value"], f"id_numbers.{n}.value"))
    for field, kind in CONTACT_LISTS.items():
        if field in data:
            for row in [c for c in subject.contacts if c.kind == kind]:
                subject.contacts.remove(row)
            for value in dict.fromkeys(v.strip() for v in data[field] if v.strip()):
                subject.contacts.append(SubjectContact(kind=kind, value=value, normalised=normalise(kind, value)))
    if "agency_id" in data and data["agency_id"] != subject.agency_id:
        agency = db.session.get(Agency, data["agency_id"]) if data["agency_id"] is not None else None
        if data["agency_id"] is not None and agency is None:
            raise field_error("agency_id", f"No agency with id {data['agency_id']}.")
        if agency is not None and not actor.can_write_country(agency.country):  # the link changes the agency's rating
            raise PermissionDenied(f"A {actor.role} token for {actor.country or 'no country'} may not link a subject to "
                                   f"agency {agency.id} of {agency.country}.")
        subject.agency_id = data["agency_id"]
    if "officer_of" in data:
        _set_links(subject, data["officer_of"])


def _identifier(kind: str, value: str, field: str) -> SubjectIdentifier:
    value = value.strip()
    normalised = normalise("registration_no" if kind in {"registration_no", "tax_no"} else kind, value)
    if not normalised:
        raise field_error(field, "Has no letters or digits.")
    return SubjectIdentifier(kind=kind, value=value, normalised=normalised[:100])


def _set_names(subject: Subject, other_names: list[dict]) -> None:
    wanted = {(n["name"].strip(), n.get("kind", "alias")) for n in other_names}
    for row in list(subject.other_names):
        if (row.name, row.kind) not in wanted:
            if row.kind == "former" or (row.name, "former") in wanted:
                subject.other_names.remove(row)
            else:
                row.kind = "former"  # a dropped alias or trade name is kept as a former name, never lost
    have = {(n.name, n.kind) for n in subject.other_names}
    for name, kind in sorted(wanted):
        if (name, kind) not in have and name != subject.name:
            subject.other_names.append(SubjectName(name=name, kind=kind, search_key=search_key(name)))


def _set_links(subject: Subject, links: list[dict]) -> None:
    """The links listed become the subject's links (kept rows are reused so unique keys never clash)."""
    if links and subject.kind != "person":
        raise field_error("officer_of", "Only a person can be an officer of an organisation.")
    wanted = {}
    for n, item in enumerate(links):
        organisation = db.session.get(Subject, item["subject_id"])
        if organisation is None or organisation.kind != "organisation":
            raise field_error(f"officer_of.{n}.subject_id", f"No organisation subject with id {item['subject_id']}.")
        wanted[(organisation.id, item["role"])] = organisation
    for link in list(subject.officer_of):
        if (link.organisation_id, link.role) not in wanted:
            subject.officer_of.remove(link)
    have = {(link.organisation_id, link.role) for link in subject.officer_of}
    for (organisation_id, role), organisation in wanted.items():
        if (organisation_id, role) not in have:
            subject.officer_of.append(SubjectLink(organisation=organisation, role=role))


def _name_filter(query, q: str | None):
    key = search_key(q) if q and q.strip() else None
    if q and q.strip() and not key:
        return None
    if key:
        query = query.where(or_(Subject.search_key.contains(key, autoescape=True),
                                exists().where(SubjectName.subject_id == Subject.id,
                                               SubjectName.search_key.contains(key, autoescape=True))))
    return query


def search_public(q: str | None, country: str | None, on: date, page: int, per_page: int):
    """The public watchlist: subjects convicted or debarred on `on`, by name or other name, and country."""
    query = _name_filter(select(Subject), q)
    if query is None:
        return [], 0
    if country:
        query = query.where(Subject.country == country)
    subjects = public_subjects(on, query)
    return subjects[(page - 1) * per_page: page * per_page], len(subjects)


def search_all(q: str | None, country: str | None, standing: str | None, on: date, page: int, per_page: int):
    """Every subject (verifiers and regulators), optionally only those with a given standing on `on`."""
    query = _name_filter(select(Subject), q)
    if query is None:
        return [], 0
    if country:
        query = query.where(Subject.country == country)
    if standing:
        rows = [s for s in db.session.scalars(query.options(*SUBJECT_LOAD).order_by(Subject.name, Subject.id)).unique()
                if standing_of([i.position for i in involvements(s, on)], on) == standing]
        return rows[(page - 1) * per_page: page * per_page], len(rows)
    total = db.session.scalar(select(func.count()).select_from(query.subquery()))
    rows = db.session.scalars(query.options(*SUBJECT_LOAD).order_by(Subject.name, Subject.id)
                              .limit(per_page).offset((page - 1) * per_page)).unique().all()
    return rows, total


def find_by_external_id(country: str, external_id: str) -> Subject | None:
    return db.session.scalar(select(Subject).where(Subject.country == country, Subject.external_id == external_id)
                             .options(*SUBJECT_LOAD))
