"""Complaint endpoints: anyone files one and reads its status by code; regulators triage their country's queue."""
from flask import request
from flask_smorest import Blueprint

from registry.auth.guard import BEARER, actor, require
from registry.common.pagination import page_body, page_schema
from registry.complaints import service
from registry.complaints.schemas import (ComplaintFiled, ComplaintIn, ComplaintRegulator, ComplaintStatus,
                                         StatusChangeIn, TriageArgs)
from registry.extensions import limiter
from registry.security import form_limit

blp = Blueprint("complaints", __name__, url_prefix="/api/v1", description="Complaints by workers and their triage.")
COMPLAINT_LIMIT = form_limit  # RATELIMIT_FORMS, default "3 per minute;10 per hour"


def idempotency_key(body: dict) -> str | None:
    header = request.headers.get("Idempotency-Key", "").strip()[:100]
    return header or body.pop("idempotency_key", None)


@blp.route("/complaints", methods=["POST"])
@limiter.limit(COMPLAINT_LIMIT, methods=["POST"])
@blp.arguments(ComplaintIn)
@blp.response(201, ComplaintFiled)
@blp.alt_response(200, schema=ComplaintFiled, description="Same idempotency key: the complaint filed the first time")
def file_complaint(data):
    """File a complaint (anonymous allowed); the answer carries the tracking code. Stored before the reply."""
    key = idempotency_key(data)
    data.pop("idempotency_key", None)
    complaint, created = service.file_complaint(data, service.public_actor("api", request.headers.get("X-Request-ID")), key)
    return complaint, 201 if created else 200, {"Location": f"/api/v1/complaints/{complaint.code}"}


@blp.route("/complaints/<string:code>")
@blp.response(200, ComplaintStatus)
def complaint_status(code):
    """The status of a complaint by its tracking code (status and dates only)."""
    return service.get_by_code(code)


@blp.route("/complaints")
@blp.doc(security=BEARER)
@blp.arguments(TriageArgs, location="query")
@blp.response(200, page_schema(ComplaintRegulator, "ComplaintPage"))
@require("regulator", "admin")
def triage_queue(args):
    """The triage queue: complaints of the regulator's country (admins: all), open ones first."""
    items, total = service.triage_queue(actor(), args.get("status"), args["page"], args["per_page"])
    return page_body(items, total, args["page"], args["per_page"])


@blp.route("/complaints/<int:complaint_id>/events", methods=["POST"])
@blp.doc(security=BEARER)
@blp.arguments(StatusChangeIn)
@blp.response(201, ComplaintRegulator)
@require("regulator", "admin")
def change_status(data, complaint_id):
    """Move a complaint (received -> under_review -> referred / resolved / dismissed), add a note or link a case."""
    return service.change_status(complaint_id, data, actor()), 201
