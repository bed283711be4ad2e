"""Agency business rules: create, update with version checks (both screened for repeat offenders), search, audit snapshots.

Created and updated agencies carry `screening_flags` (the flags raised), dumped as `flags` in responses.
"""
from datetime import date

from flask_babel import gettext
from sqlalchemy import and_, exists, func, or_, select
from sqlalchemy.orm import selectinload

from registry.agencies.models import Agency, AgencyName, Officer
from registry.audit.service import record_audit
from registry.common.actor import Actor
from registry.common.time import today, utcnow
from registry.common.uow import transaction
from registry.domain import Conflict, NotFound, PermissionDenied, StaleVersion
from registry.extensions import db
from registry.licences.keys import licence_key
from registry.licences.models import Licence
from watchlist.matching import search_key
from watchlist.screening.flags import flag_agency
from watchlist.screening.service import suggest_agencies

CONTACT_FIELDS = ("registration_no", "address", "phone", "email", "website")


def get_agency(agency_id: int) -> Agency:
    agency = db.session.get(Agency, agency_id, options=[selectinload(Agency.other_names), selectinload(Agency.officers),
                                                       selectinload(Agency.licences).selectinload(Licence.actions)])
    if agency is None:
        raise NotFound(gettext("No agency with id %(id)s.", id=agency_id))
    return agency


def _check_scope(actor: Actor, country: str) -> None:
    if not actor.can_write_country(country):
        raise PermissionDenied(f"A {actor.role} token for {actor.country or 'no country'} may not write records of {country}.")


def _check_duplicate(country: str, registration_no: str | None, exclude_id: int | None = None) -> None:
    if not registration_no:
        return
    query = select(Agency.id).where(Agency.country == country, Agency.registration_no == registration_no)
    if exclude_id:
        query = query.where(Agency.id != exclude_id)
    other = db.session.scalar(query)
    if other:
        raise Conflict(f"Agency {other} already has registration number {registration_no} in {country}.", existing_id=other)


def _set_names(agency: Agency, other_names: list[dict]) -> None:
    """Replace the list of other names; a dropped trade name is kept as a former name, never lost."""
    wanted = {(n["name"].strip(), n.get("kind", "other")) for n in other_names}
    current = {(n.name, n.kind): n for n in agency.other_names}
    for (name, kind), row in current.items():
        if (name, kind) not in wanted and kind != "former" and (name, "former") not in wanted:
            row.kind = "former"
    have = {(n.name, n.kind) for n in agency.other_names}
    for name, kind in sorted(wanted):
        if (name, kind) not in have and name != agency.name:
            agency.other_names.append(AgencyName(name=name, kind=kind, search_key=search_key(name)))


def _set_officers(agency: Agency, officers: list[dict], on: date) -> None:
    """Officers listed become the current officers; those left out are ended (kept as former officers)."""
    by_id = {o.id: o for o in agency.officers}
    kept = set()
    for item in officers:
        officer = by_id.get(item.get("id")) if item.get("id") else None
        if item.get("id") and officer is None:
            raise NotFound(f"Officer {item['id']} does not belong to agency {agency.id}.", errors={"json": {"officers": [f"unknown officer id {item['id']}"]}})
        if officer is None:
            officer = next((o for o in agency.current_officers if o.name == item["name"] and o.role == item.get("role", "director") and o.id not in kept), None)
        if officer is None:
            officer = Officer(name=item["name"], role=item.get("role", "director"), started_on=item.get("started_on") or on)
            agency.officers.append(officer)
        else:
            officer.name, officer.role = item["name"], item.get("role", officer.role)
            officer.ended_on = None
        if "id_number" in item:
            officer.id_number = item["id_number"]
        officer.search_key = search_key(officer.name)
        kept.add(id(officer))
    for officer in agency.current_officers:
        if id(officer) not in kept:
            officer.ended_on = on


def snapshot(agency: Agency) -> dict:
    """Everything about an agency as plain data, for the audit log's before/after."""
    return {
        "id": agency.id, "name": agency.name, "country": agency.country, "version": agency.version,
        **{f: getattr(agency, f) for f in CONTACT_FIELDS},
        "other_names": [{"name": n.name, "kind": n.kind} for n in agency.other_names],
        "officers": [{"id": o.id, "name": o.name, "role": o.role, "id_number": o.id_number,
                      "ended_on": o.ended_on} for o in agency.officers],
    }


def create_agency(data: dict, actor: Actor) -> Agency:
    with transaction():
        return _create_agency(data, actor)


def _create_agency(data: dict, actor: Actor) -> Agency:
    _check_scope(actor, data["country"])
    _check_duplicate(data["country"], data.get("registration_no"))
    agency = Agency(name=data["name"].strip(), search_key=search_key(data["name"]), country=data["country"],
                    **{f: data.get(f) for f in CONTACT_FIELDS})
    _set_names(agency, data.get("other_names", []))
    _set_officers(agency, data.get("officers", []), today())
    db.session.add(agency)
    db.session.flush()
    record_audit(actor, "agency.create", "agency", agency.id, after=snapshot(agency))
    agency.screening_flags = flag_agency(agency, actor, "agency.create")
    return agency


def update_agency(agency_id: int, data: dict, expected_version: int, actor: Actor) -> Agency:
    with transaction():
        return _update_agency(agency_id, data, expected_version, actor)


def _update_agency(agency_id: int, data: dict, expected_version: int, actor: Actor) -> Agency:
    agency = get_agency(agency_id)
    _check_scope(actor, agency.country)
    if expected_version != agency.version:
        raise StaleVersion(f"Agency {agency_id} is at version {agency.version}, not {expected_version}: someone changed it. Reload and retry.",
                           current_version=agency.version)
    before = snapshot(agency)
    with db.session.no_autoflush:  # one UPDATE of the agency row, so one version step per write
        agency.updated_at = utcnow()  # always bumps the version, even when only officers or names changed
        if "country" in data and data["country"] != agency.country:
            _check_scope(actor, data["country"])
            agency.country = data["country"]
        if "name" in data and data["name"].strip() != agency.name:
            old = agency.name
            agency.name, agency.search_key = data["name"].strip(), search_key(data["name"])
            if old not in {n.name for n in agency.other_names}:
                agency.other_names.append(AgencyName(name=old, kind="former", search_key=search_key(old)))
        for f in CONTACT_FIELDS:
            if f in data:
                setattr(agency, f, data[f])
        _check_duplicate(agency.country, agency.registration_no, exclude_id=agency.id)
        if "other_names" in data:
            _set_names(agency, data["other_names"])
        if "officers" in data:
            _set_officers(agency, data["officers"], today())
    db.session.flush()
    record_audit(actor, "agency.update", "agency", agency.id, before=before, after=snapshot(agency))
    agency.screening_flags = flag_agency(agency, actor, "agency.update")
    return agency


def status_clause(status: str, on: date):
    """SQL condition on Licence for a public status on date `on` (mirrors lifecycle.public_status)."""
    lapsed = and_(Licence.state == "suspended", Licence.suspended_until.is_not(None), Licence.suspended_until <= on)
    active = or_(Licence.state == "active", lapsed)
    if status == "valid":
        return and_(active, Licence.expires_on >= on)
    if status == "expired":
        return and_(active, Licence.expires_on < on)
    if status == "suspended":
        return and_(Licence.state == "suspended", or_(Licence.suspended_until.is_(None), Licence.suspended_until > on))
    return Licence.state == status


def search_agencies(q: str | None, country: str | None, status: str | None, page: int, per_page: int):
    """Search by name, other name or licence number, insensitive to case, accents, punctuation and legal forms."""
    query = select(Agency)
    if q and q.strip():
        key, lkey = search_key(q), licence_key(q)
        conditions = []
        if key:
            conditions += [Agency.search_key.contains(key, autoescape=True),
                           exists().where(AgencyName.agency_id == Agency.id, AgencyName.search_key.contains(key, autoescape=True))]
        if lkey:
            conditions.append(exists().where(Licence.agency_id == Agency.id, Licence.licence_key.contains(lkey, autoescape=True)))
        if not conditions:
            return [], 0
        query = query.where(or_(*conditions))
    if country:
        query = query.where(Agency.country == country)
    if status:
        query = query.where(exists().where(Licence.agency_id == Agency.id, status_clause(status, today())))
    items = db.session.scalars(query.options(selectinload(Agency.other_names), selectinload(Agency.licences))
                               .order_by(Agency.name, Agency.id).limit(per_page).offset((page - 1) * per_page)).all()
    if page == 1 and len(items) < per_page:  # the whole result is on this page: no count query needed
        return items, len(items)
    return items, db.session.scalar(select(func.count()).select_from(query.subquery()))


def search_with_suggestions(q: str | None, country: str | None, status: str | None, page: int, per_page: int) -> dict:
    """Search results, plus 'did you mean' names from the matching engine when nothing matched exactly."""
    items, total = search_agencies(q, country, status, page, per_page)
    suggestions = suggest_agencies(q, limit=5, country=country) if q and total == 0 else []
    return {"items": items, "total": total, "suggestions": suggestions}
