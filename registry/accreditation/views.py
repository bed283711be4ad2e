"""Accreditation endpoints: public look-up; regulators accredit employers, record actions and approve job orders."""
from flask import request
from flask_smorest import Blueprint

from registry.accreditation import service
from registry.accreditation.schemas import (AccreditationActionIn, AccreditationArgs, AccreditationIn,
                                            AccreditationOnArgs, AccreditationOut, JobOrderIn, JobOrderOut)
from registry.auth.guard import BEARER, actor, current_actor, require
from registry.common.pagination import page_body, page_schema
from registry.common.time import today

blp = Blueprint("accreditation", __name__, url_prefix="/api/v1",
                description="Foreign employer accreditation with licensed agencies, and job orders.")


@blp.before_request
def _country_scope_first():
    """Refuse a regulator of another country (403) before the body is parsed, so the refusal never depends on it."""
    accreditation_id = (request.view_args or {}).get("accreditation_id")
    who = current_actor()
    if request.method != "GET" and accreditation_id is not None and who is not None:
        service.check_write_scope(accreditation_id, who)


@blp.route("/accreditations")
@blp.arguments(AccreditationArgs, location="query")
@blp.response(200, page_schema(AccreditationOut, "AccreditationPage"))
def list_accreditations(args):
    """Accreditations, filtered by agency, employer or destination, with today's status (public)."""
    items, total = service.list_accreditations(args)
    return page_body([service.view(a, today()) for a in items], total, args["page"], args["per_page"])


@blp.route("/accreditations", methods=["POST"])
@blp.doc(security=BEARER)
@blp.arguments(AccreditationIn)
@blp.response(201, AccreditationOut)
@require("regulator", "admin")
def accredit(data):
    """Accredit a foreign employer with a licensed agency for a destination and a period (the agency's regulator)."""
    accreditation = service.accredit(data, actor())
    return service.view(accreditation, today()), 201, {"Location": f"/api/v1/accreditations/{accreditation.id}"}


@blp.route("/accreditations/<int:accreditation_id>")
@blp.arguments(AccreditationOnArgs, location="query")
@blp.response(200, AccreditationOut)
def get_accreditation(args, accreditation_id):
    """An accreditation with its status on a date, its history and its job orders (public)."""
    return service.view(service.get_accreditation(accreditation_id), args.get("on") or today())


@blp.route("/accreditations/<int:accreditation_id>/actions", methods=["POST"])
@blp.doc(security=BEARER)
@blp.arguments(AccreditationActionIn)
@blp.response(201, AccreditationOut)
@blp.alt_response(409, description="The accreditation's state does not allow this action")
@require("regulator", "admin")
def record_action(data, accreditation_id):
    """Suspend, reinstate, revoke or renew an accreditation."""
    return service.view(service.apply_action(accreditation_id, data, actor()), today()), 201


@blp.route("/accreditations/<int:accreditation_id>/job-orders", methods=["POST"])
@blp.doc(security=BEARER)
@blp.arguments(JobOrderIn)
@blp.response(201, JobOrderOut)
@require("regulator", "admin")
def add_job_order(data, accreditation_id):
    """Approve a job order (position, workers, wage, contract length, validity) under an accreditation."""
    return service.add_job_order(accreditation_id, data, actor()), 201
