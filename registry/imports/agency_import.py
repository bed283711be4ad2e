"""Apply a validated agency CSV: bulk-insert new licences, update changed ones through the services, all or nothing."""
from collections import defaultdict
from dataclasses import dataclass, field

from sqlalchemy import func, select, text
from sqlalchemy.orm import selectinload

from registry.agencies import service as agencies
from registry.agencies.models import Agency, AgencyName, Officer
from registry.audit.service import record_audit_bulk
from registry.common.actor import Actor
from registry.common.time import today, utcnow
from registry.common.uow import Rollback, transaction
from registry.domain import DomainError, Unavailable
from registry.extensions import db
from registry.imports.agency_rows import AgencyRow, RowError, read_rows
from registry.licences import service as licences
from registry.licences.keys import licence_key
from registry.licences.models import Licence, LicenceAction
from registry.licences.public import stored_status
from watchlist.matching import search_key
from watchlist.screening.bulk_flags import agency_hits, raise_bulk
from watchlist.screening.queue import enqueue

# CSV status -> the action that reaches it from an active licence
STATUS_ACTION = {"suspended": "suspend", "revoked": "revoke", "cancelled": "cancel", "surrendered": "surrender"}
IMPORT_REASON = "Recorded by bulk import from the regulator's register."


@dataclass
class ImportReport:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    flagged: int = 0
    errors: list[RowError] = field(default_factory=list)
    dry_run: bool = False

    @property
    def ok(self) -> bool:
        return not self.errors


def import_agencies(stream, actor: Actor, dry_run: bool = False, authority: str | None = None, progress=None,
                    screen: bool = True) -> ImportReport:
    """Validate every row, then write all rows in one transaction (or nothing, on any error or a dry run).

    New agencies are screened like agencies created one by one (``screen``): possible repeat offenders go
    to the review queue and are counted in ``flagged``; changed ones are screened by the update itself."""
    rows, errors = read_rows(stream)
    report = ImportReport(errors=errors, dry_run=dry_run)
    if errors:
        return report
    try:
        with transaction():
            _apply(rows, report, actor, authority, progress, screen)
            if report.errors or dry_run:
                raise Rollback()
    except Rollback:
        pass
    return report


def _apply(rows: list[AgencyRow], report: ImportReport, actor: Actor, authority: str | None, progress,
           screen: bool) -> None:
    existing = _existing_licences({r.country for r in rows})
    new = [r for r in rows if (r.country, r.licence_no) not in existing]
    created = _bulk_create(new, actor, authority)
    report.created = len(new)
    if screen:
        report.flagged += _screen_new(created, actor)
    if progress:
        progress(len(new))
    loaded = _preload(  # noqa: F841 - keeps the preloaded objects alive during the loop
[existing[(r.country, r.licence_no)] for r in rows if (r.country, r.licence_no) in existing])
    for row in rows:
        lic_id = existing.get((row.country, row.licence_no))
        if lic_id is None:
            continue
        try:
            changed = _update_existing(row, lic_id, actor)
        except DomainError as exc:
            report.errors.append(RowError(row.line, exc.message))
            changed = False
        report.updated += changed
        report.unchanged += not changed
        if progress:
            progress(1)
    db.session.flush()


def _screen_new(agency_ids: list[int], actor: Actor, chunk: int = 500) -> int:
    """Screen newly imported agencies against adverse records, as a one-by-one creation would, in one pass over the
    index after the inserts; the flags are written in bulk. Returns the flag count."""
    found = []
    for start in range(0, len(agency_ids), chunk):
        batch = db.session.scalars(select(Agency).where(Agency.id.in_(agency_ids[start:start + chunk]))
                                   .options(selectinload(Agency.officers), selectinload(Agency.other_names))).all()
        for agency in batch:
            try:
                found += agency_hits(agency)
            except Unavailable:  # the index is not ready: screened later from the queue, nothing skipped
                enqueue(f"agency:{agency.id}", agency.country, "import.create", actor)
    return raise_bulk(found, actor, "import.create")


def _preload(licence_ids: list[int], chunk: int = 500) -> list[Licence]:
    """Load existing licences with their agencies, names, officers and actions in a few queries.

    The caller keeps the returned list: the session's identity map holds objects only weakly.
    """
    loaded = []
    for start in range(0, len(licence_ids), chunk):
        loaded += db.session.scalars(select(Licence).where(Licence.id.in_(licence_ids[start:start + chunk])).options(
            selectinload(Licence.actions), selectinload(Licence.agency).selectinload(Agency.other_names),
            selectinload(Licence.agency).selectinload(Agency.officers), selectinload(Licence.agency).selectinload(Agency.licences)))
    return loaded


def _existing_licences(countries: set[str]) -> dict[tuple[str, str], int]:
    rows = db.session.execute(select(Licence.country, Licence.licence_no, Licence.id).where(Licence.country.in_(countries)))
    return {(c, n): i for c, n, i in rows}


def _allocate_ids(model, count: int) -> list[int]:
    """Reserve primary keys for a bulk insert (PostgreSQL: from the sequence; SQLite: above the current max),
    so rows can be inserted with plain multi-row statements instead of one RETURNING round trip per batch."""
    table = model.__tablename__
    if db.session.get_bind().dialect.name == "postgresql":
        return list(db.session.scalars(text(f"SELECT nextval(pg_get_serial_sequence('{table}', 'id')) "
                                            "FROM generate_series(1, :n)"), {"n": count}))
    start = db.session.scalar(select(func.coalesce(func.max(model.id), 0))) + 1
    return list(range(start, start + count))


def _insert_with_ids(model, values: list[dict]) -> list[int]:
    ids = _allocate_ids(model, len(values))
    for row_id, row in zip(ids, values):
        row["id"] = row_id
    if values:
        db.session.execute(model.__table__.insert(), values)
    return ids


def _bulk_create(rows: list[AgencyRow], actor: Actor, authority: str | None) -> list[int]:
    """Insert agencies, names, officers, licences and their actions with a few multi-row statements; returns
    the new agencies' ids."""
    if not rows:
        return []
    now, on = utcnow(), today()
    agency_ids = _insert_with_ids(Agency, [
        {"name": r.name, "search_key": search_key(r.name), "country": r.country, "registration_no": r.registration_no,
         "address": r.address, "phone": r.phone, "email": r.email, "website": r.website, "version": 1,
         "created_at": now, "updated_at": now} for r in rows])
    names = [{"agency_id": a, "name": n, "kind": "other", "search_key": search_key(n)}
             for a, r in zip(agency_ids, rows) for n in dict.fromkeys(r.other_names) if n != r.name]
    officers = [{"agency_id": a, "name": n, "role": role, "search_key": search_key(n), "started_on": r.issued_on}
                for a, r in zip(agency_ids, rows) for n, role in r.officers]
    if names:
        db.session.execute(AgencyName.__table__.insert(), names)
    if officers:
        db.session.execute(Officer.__table__.insert(), officers)
    licence_ids = _insert_with_ids(Licence, [
        {"agency_id": a, "country": r.country, "licence_no": r.licence_no, "licence_key": licence_key(r.licence_no),
         "authority": authority or f"Licensing authority of {r.country}", "scope": r.scope, "destinations": [],
         "issued_on": r.issued_on if r.status != "pending" else None, "expires_on": r.expires_on,
         "state": r.status, "public_status": stored_status(r.status), "suspended_until": None, "version": 1,
         "created_at": now, "updated_at": now} for a, r in zip(agency_ids, rows)])
    actions = []
    for lic_id, r in zip(licence_ids, rows):
        if r.status == "pending":
            continue
        actions.append({"licence_id": lic_id, "seq": 1, "action": "issue", "from_state": "pending", "to_state": "active",
                        "effective_on": r.issued_on, "until": None, "expires_on": r.expires_on, "reason": IMPORT_REASON,
                        "legal_basis": None, "ban": False, "actor": actor.label, "recorded_at": now})
        if r.status in STATUS_ACTION:
            actions.append({"licence_id": lic_id, "seq": 2, "action": STATUS_ACTION[r.status], "from_state": "active",
                            "to_state": r.status, "effective_on": max(on, r.issued_on), "until": None, "expires_on": None,
                            "reason": IMPORT_REASON, "legal_basis": None, "ban": False, "actor": actor.label,
                            "recorded_at": now})
    if actions:
        db.session.execute(LicenceAction.__table__.insert(), actions)
    record_audit_bulk(actor, [{"action": "import.create", "entity_type": "licence", "entity_id": lic_id,
                               "after": _audit_view(a, r)} for lic_id, a, r in zip(licence_ids, agency_ids, rows)])
    return agency_ids


def _audit_view(agency_id: int, row: AgencyRow) -> dict:
    """What an imported row created, already JSON-safe (no per-row JSON round trip)."""
    return {"agency_id": agency_id, "country": row.country, "licence_no": row.licence_no, "name": row.name,
            "other_names": row.other_names, "registration_no": row.registration_no, "address": row.address,
            "phone": row.phone, "email": row.email, "website": row.website,
            "officers": [{"name": n, "role": role} for n, role in row.officers], "scope": row.scope,
            "issued_on": row.issued_on.isoformat() if row.issued_on else None,
            "expires_on": row.expires_on.isoformat(), "status": row.status, "line": row.line}


def _update_existing(row: AgencyRow, licence_id: int, actor: Actor) -> bool:
    """Bring an existing licence and its agency in line with the row; returns whether anything changed."""
    licence = db.session.get(Licence, licence_id)
    agency = licence.agency
    wanted = {"name": row.name, "registration_no": row.registration_no, "address": row.address, "phone": row.phone,
              "email": row.email, "website": row.website}
    changes = {k: v for k, v in wanted.items() if getattr(agency, k) != v}
    current_names = {n.name for n in agency.other_names if n.kind != "former"}
    if set(row.other_names) - {row.name} != current_names:
        changes["other_names"] = [{"name": n, "kind": "other"} for n in row.other_names]
    current_officers = {(o.name, o.role) for o in agency.current_officers}
    if set(row.officers) != current_officers:
        changes["officers"] = [{"name": n, "role": r} for n, r in row.officers]
    if changes:
        agencies.update_agency(agency.id, changes, agency.version, actor)
    target = row.status
    state = licences.status_as_of(licence, today()).state
    acted = False
    if state != target:
        action = "issue" if (state, target) == ("pending", "active") else "reinstate" if (state, target) == ("suspended", "active") else STATUS_ACTION.get(target)
        if action is None:
            raise DomainError(f"licence {row.licence_no} is {state}; the file says {target}, which no action can reach")
        licences.apply_action(row.country, row.licence_no, {"action": action, "reason": IMPORT_REASON,
                                                            "effective_on": today()}, actor)
        acted = True
    if licence.state not in {"revoked", "cancelled", "surrendered"} and row.expires_on != licence.expires_on and row.expires_on > licence.expires_on:
        licences.apply_action(row.country, row.licence_no, {"action": "renew", "expires_on": row.expires_on,
                                                            "reason": IMPORT_REASON}, actor)
        acted = True
    return bool(changes) or acted
