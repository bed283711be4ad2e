"""Job-offer verification API: verify (verifiers, regulators, admins), the public summary and a verifier's list."""
from flask import url_for
from flask_smorest import Blueprint

from registry.auth.guard import BEARER, actor, require
from registry.common.pagination import page_body, page_schema
from registry.verification import service
from registry.verification.schemas import MineArgs, OfferIn, VerificationListItem, VerificationOut, VerificationSummary

blp = Blueprint("verification", __name__, url_prefix="/api/v1", description="Job-offer verification for embassies and labour attachés.")


def summary(record) -> dict:
    return {"reference": service.reference_of(record), "verdict": record.verdict, "verified_at": record.verified_at,
            "offer_date": record.offer_date, "position": record.position, "origin": record.origin,
            "destination": record.destination,
            "agency": {"name": record.agency_name, "country": record.agency_country, "licence_no": record.licence_no},
            "employer": {"name": record.employer_name, "country": record.employer_country}}


@blp.route("/job-offers/verify", methods=["POST"])
@blp.doc(security=BEARER)
@blp.arguments(OfferIn)
@blp.response(201, VerificationOut)
@require("verifier", "regulator", "admin")
def verify(data):
    """Verify a job offer: agency licence, destination, employer accreditation and job order, watchlist, fees."""
    record = service.verify_offer(data, actor())
    reference = service.reference_of(record)
    return {"verdict": record.verdict, "findings": record.findings, "reference": reference, "verified_at": record.verified_at,
            "links": {"summary": url_for("verification.get_verification", reference=reference),
                      "page": url_for("verification_pages.page", reference=reference)}}, 201


@blp.route("/verifications/<string:reference>")
@blp.response(200, VerificationSummary)
def get_verification(reference):
    """Confirm a verification by its reference: verdict, date, agency, employer, position (public)."""
    return summary(service.get_by_reference(reference))


@blp.route("/verifications")
@blp.doc(security=BEARER)
@blp.arguments(MineArgs, location="query")
@blp.response(200, page_schema(VerificationListItem, "VerificationPage"))
@require("verifier", "regulator", "admin")
def list_verifications(args):
    """Your own verifications, newest first, with their findings."""
    items, total = service.list_verifications(actor(), args["mine"], args["page"], args["per_page"])
    return page_body([{**summary(r), "findings": r.findings} for r in items], total, args["page"], args["per_page"])
