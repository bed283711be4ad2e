"""File complaints (idempotently, written before the reply), look them up by tracking code, and triage them."""
import secrets

from flask_babel import gettext
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import selectinload

from registry.agencies.models import Agency, AgencyName
from registry.audit.service import record_audit
from registry.common.actor import Actor
from registry.common.time import utcnow
from registry.common.uow import transaction
from registry.complaints import agency_match
from registry.complaints.models import Complaint, ComplaintEvent, ComplaintPayment
from registry.domain import Conflict, InvalidInput, NotFound, PermissionDenied, StaleVersion, field_error
from registry.extensions import db
from registry.licences.keys import licence_key
from registry.licences.models import Licence
from watchlist.matching import search_key

# status -> statuses a regulator may move it to; resolved (upheld) and dismissed are final.
NEXT = {"received": ("under_review", "dismissed"), "under_review": ("referred", "resolved", "dismissed"),
        "referred": ("resolved", "dismissed"), "resolved": (), "dismissed": ()}
CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I: easy to read out on the phone


def public_actor(via: str = "api", request_id: str | None = None) -> Actor:
    return Actor(name="member of the public", role="public", via=via, request_id=request_id)


def new_code() -> str:
    """16 random characters from a 32-letter alphabet (80 bits), grouped in fours: unguessable, easy to copy."""
    raw = "".join(secrets.choice(CODE_ALPHABET) for _ in range(16))
    return "-".join(raw[i:i + 4] for i in range(0, 16, 4))


def normalise_code(code: str) -> str:
    raw = "".join(ch for ch in (code or "").upper() if ch.isalnum())[:16]
    return "-".join(raw[i:i + 4] for i in range(0, len(raw), 4))


def snapshot(c: Complaint) -> dict:
    """For the audit log; the worker's contact is recorded only as given or not."""
    return {"id": c.id, "country": c.country, "agency_id": c.agency_id, "agency_given": c.agency_given,
            "employer_name": c.employer_name, "employer_country": c.employer_country, "category": c.category,
            "status": c.status, "case_id": c.case_id, "anonymous": c.anonymous, "contact_given": bool(c.contact),
            "payments": [{"amount": p.amount, "currency": p.currency, "purpose": p.purpose} for p in c.payments],
            "version": c.version}


def _resolve_agency(data: dict) -> Agency | None:
    """The registry agency named by licence number (in `country`, else any country) or by exact name."""
    number = (data.get("agency_licence_no") or "").strip()
    if number and licence_key(number):
        query = select(Licence).where(Licence.licence_key == licence_key(number)).order_by(Licence.country != data["country"])
        licence = db.session.scalars(query.limit(1)).first()
        if licence:
            return licence.agency
    name = (data.get("agency_name") or "").strip()
    if name and search_key(name):
        key = search_key(name)
        agency = db.session.scalars(select(Agency).where(Agency.search_key == key).limit(1)).first()
        if agency is None:
            agency_id = db.session.scalar(select(AgencyName.agency_id).where(AgencyName.search_key == key).limit(1))
            agency = db.session.get(Agency, agency_id) if agency_id else None
        return agency
    return None


def find_by_idempotency_key(key: str | None) -> Complaint | None:
    return db.session.scalar(select(Complaint).where(Complaint.idempotency_key == key)) if key else None


def file_complaint(data: dict, actor: Actor, idempotency_key: str | None = None) -> tuple[Complaint, bool]:
    """Store a complaint and return it with `created`; the same idempotency key returns the first one instead."""
    existing = find_by_idempotency_key(idempotency_key)
    if existing:
        return existing, False
    if not any((data.get(f) or "").strip() for f in ("agency_licence_no", "agency_name", "employer_name")):
        raise field_error("agency_name", gettext("Name the agency (licence number or name) or the employer you complain about."))
    try:
        with transaction():
            return _insert(data, actor, idempotency_key), True
    except IntegrityError:  # the same key raced in from a second request
        db.session.rollback()
        existing = find_by_idempotency_key(idempotency_key)
        if existing is None:
            raise
        return existing, False


def _insert(data: dict, actor: Actor, idempotency_key: str | None) -> Complaint:
    agency, candidates = _resolve_agency(data), []
    name = (data.get("agency_name") or "").strip()
    if agency is None and name:  # a near name: link on a match, else a regulator reviews the candidates
        agency, candidates = agency_match.match_agency(name, data.get("country"))
    given = " ".join(filter(None, [(data.get("agency_name") or "").strip(), (data.get("agency_licence_no") or "").strip()]))
    anonymous = bool(data.get("anonymous"))
    complaint = Complaint(code=new_code(), idempotency_key=idempotency_key, country=agency.country if agency else data["country"],
                          agency_id=agency.id if agency else None, agency_given=given or None,
                          employer_name=(data.get("employer_name") or "").strip() or None,
                          employer_country=data.get("employer_country"), category=data["category"],
                          description=data["description"].strip(), anonymous=anonymous,
                          contact=None if anonymous else (data.get("contact") or "").strip() or None)
    complaint.payments = [ComplaintPayment(amount=p["amount"], currency=p["currency"], purpose=p.get("purpose"))
                          for p in data.get("payments") or []]
    db.session.add(complaint)
    db.session.flush()
    db.session.add(ComplaintEvent(complaint=complaint, seq=1, from_status=None, to_status="received", actor=actor.label))
    record_audit(actor, "complaint.create", "complaint", complaint.id, after=snapshot(complaint))
    if candidates:
        agency_match.queue_reviews(complaint, name, candidates, actor)
    db.session.flush()
    return complaint


def get_by_code(code: str) -> Complaint:
    complaint = db.session.scalar(select(Complaint).where(Complaint.code == normalise_code(code)))
    if complaint is None:
        raise NotFound(gettext("No complaint has this tracking code. Check the code and try again."))
    return complaint


def _check_scope(actor: Actor, complaint: Complaint) -> None:
    if actor.role == "admin":
        return
    if actor.role != "regulator" or actor.country != complaint.country:
        raise PermissionDenied(f"Complaint {complaint.id} belongs to the regulator of {complaint.country}.")


def get_for_regulator(complaint_id: int, actor: Actor) -> Complaint:
    complaint = db.session.get(Complaint, complaint_id, options=[selectinload(Complaint.events), selectinload(Complaint.payments)])
    if complaint is None:
        raise NotFound(f"No complaint with id {complaint_id}.")
    _check_scope(actor, complaint)
    return complaint


def triage_queue(actor: Actor, status: str | None, page: int, per_page: int):
    """Complaints of the regulator's country (admins: all), oldest open first."""
    if actor.role not in {"regulator", "admin"}:
        raise PermissionDenied("Only regulators triage complaints.")
    query = select(Complaint)
    if actor.role == "regulator":
        query = query.where(Complaint.country == actor.country)
    if status:
        query = query.where(Complaint.status == status)
    total = db.session.scalar(select(func.count()).select_from(query.subquery()))
    items = db.session.scalars(query.options(selectinload(Complaint.agency), selectinload(Complaint.payments))
                               .order_by(Complaint.status.in_(("resolved", "dismissed")), Complaint.created_at, Complaint.id)
                               .limit(per_page).offset((page - 1) * per_page)).all()
    return items, total


def _check_case(case_id: int | None) -> None:
    if case_id is None:
        return
    try:
        from watchlist.cases.models import Case
    except ImportError:
        return
    if db.session.get(Case, case_id) is None:
        raise field_error("case_id", f"No case with id {case_id}.")


def change_status(complaint_id: int, data: dict, actor: Actor) -> Complaint:
    """Move a complaint along its lifecycle (or add a note / case link without moving it), appending to its history."""
    with transaction():
        complaint = get_for_regulator(complaint_id, actor)
        if data.get("version") is not None and data["version"] != complaint.version:
            raise StaleVersion(f"Complaint {complaint_id} is at version {complaint.version}, not {data['version']}: reload and retry.",
                               current_version=complaint.version)
        to_status = data.get("status") or complaint.status
        if to_status != complaint.status and to_status not in NEXT[complaint.status]:
            allowed = ", ".join(NEXT[complaint.status]) or "nothing (it is closed)"
            raise Conflict(f"A complaint that is {complaint.status} can move to {allowed}, not {to_status}.",
                           state=complaint.status)
        note, case_id = (data.get("note") or "").strip() or None, data.get("case_id")
        if to_status == complaint.status and not note and case_id is None:
            raise InvalidInput("Nothing to record: change the status, write a note or link a case.")
        if to_status in {"referred", "resolved", "dismissed"} and not note:
            raise field_error("note", "Say why (the note is kept in the complaint's history).")
        _check_case(case_id)
        before = snapshot(complaint)
        db.session.add(ComplaintEvent(complaint=complaint, seq=len(complaint.events) + 1, from_status=complaint.status,
                                      to_status=to_status, note=note, case_id=case_id, actor=actor.label))
        complaint.status = to_status
        if case_id is not None:
            complaint.case_id = case_id
        complaint.updated_at = utcnow()
        db.session.flush()
        record_audit(actor, "complaint.status", "complaint", complaint.id, before=before,
                     after={**snapshot(complaint), "note": note})
    return complaint
