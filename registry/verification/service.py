"""Verify a job offer: run every check, store the result once, and find it again by its signed reference."""
from sqlalchemy import func, select

from registry.audit.service import record_audit
from registry.common.actor import Actor
from registry.common.time import today, utcnow
from registry.common.uow import transaction
from registry.domain import NotFound, PermissionDenied
from registry.extensions import db
from registry.verification import findings as checks
from registry.verification.models import Verification
from registry.verification.reference import new_token, sign, unsign


def run_checks(offer: dict) -> tuple[list[dict], dict]:
    """All findings for an offer, most severe first, and what was identified (agency, licence, employer)."""
    on = offer.get("date") or today()
    agency, licence = checks.resolve_licence(offer["agency"], on)
    employers = checks.employer_candidates(offer["employer"])
    found = checks.licence_findings(offer["agency"], agency, licence, offer["destination"], on)
    if agency is not None:
        found += checks.agency_history_findings(agency)
    found += checks.accreditation_findings(employers, agency, offer, on)
    found += checks.screening_findings(offer, agency, employers)
    found += checks.charge_findings(offer, on)
    order = {"critical": 0, "warning": 1, "info": 2}
    found.sort(key=lambda f: order[f["severity"]])
    return found, {"agency": agency, "licence": licence, "employer": employers[0] if employers else None}


def verify_offer(offer: dict, actor: Actor) -> Verification:
    """Check the offer and store the verification (immutable) with its findings and verdict."""
    with transaction():
        on = offer.get("date") or today()
        found, identified = run_checks(offer)
        agency, licence, employer = identified["agency"], identified["licence"], identified["employer"]
        record = Verification(
            token=new_token(), verdict=checks.verdict(found), offer_date=on, agency_id=agency.id if agency else None,
            agency_name=agency.name if agency else (offer["agency"].get("name") or offer["agency"].get("licence_no")),
            agency_country=offer["agency"]["country"], licence_no=licence.licence_no if licence else offer["agency"].get("licence_no"),
            employer_id=employer.id if employer else None, employer_name=offer["employer"]["name"],
            employer_country=offer["employer"]["country"], position=offer["position"], origin=offer["origin"],
            destination=offer["destination"], request=_plain(offer), findings=_plain(found), verifier=actor.label,
            verifier_token_id=actor.token_id, verifier_user_id=actor.user_id, verifier_country=actor.country,
            verified_at=utcnow())
        db.session.add(record)
        db.session.flush()
        record_audit(actor, "verification.create", "verification", record.id,
                     after={"verdict": record.verdict, "agency_id": record.agency_id, "employer_id": record.employer_id,
                            "position": record.position, "findings": [f["code"] for f in found]})
    return record


def _plain(value):
    from registry.audit.service import _plain as plain
    return plain(value)


def reference_of(record: Verification) -> str:
    return sign(record.token)


def get_by_reference(reference: str) -> Verification:
    """The verification behind a signed reference; an altered or unknown reference is NotFound."""
    token = unsign(reference)
    record = db.session.scalar(select(Verification).where(Verification.token == token)) if token else None
    if record is None:
        raise NotFound("No verification has this reference. Check that it was copied completely.")
    return record


def list_verifications(actor: Actor, mine: bool, page: int, per_page: int) -> tuple[list[Verification], int]:
    """A verifier's own verifications (by token or console user); admins may list everyone's with mine=false."""
    if not mine and actor.role != "admin":
        raise PermissionDenied("Only an admin may list other verifiers' verifications; use mine=true.")
    query = select(Verification)
    if mine:
        if actor.token_id is not None:
            query = query.where(Verification.verifier_token_id == actor.token_id)
        elif actor.user_id is not None:
            query = query.where(Verification.verifier_user_id == actor.user_id)
        else:
            query = query.where(Verification.verifier == actor.label)
    total = db.session.scalar(select(func.count()).select_from(query.subquery()))
    items = db.session.scalars(query.order_by(Verification.id.desc()).limit(per_page).offset((page - 1) * per_page)).all()
    return items, total
