"""Case endpoints for verifiers and regulators: list and read cases, create them, record events and decisions."""
from flask_smorest import Blueprint

from registry.auth.guard import BEARER, actor, require
from registry.common.pagination import page_body, page_schema
from watchlist.cases import service
from watchlist.cases.schemas import CaseIn, CaseListItem, CaseSchema, CaseSearchArgs, CaseEventIn

blp = Blueprint("watchlist_cases", __name__, url_prefix="/api/v1",
                description="Trafficking and forced-labour cases: respondents, events, decisions and sanctions.")


@blp.route("/cases")
@blp.doc(security=BEARER)
@blp.arguments(CaseSearchArgs, location="query")
@blp.response(200, page_schema(CaseListItem, "CasePage"))
@require("verifier", "regulator", "admin")
def list_cases(args):
    """Cases by status (pending, decided, or a respondent state such as convicted) and jurisdiction."""
    items, total = service.list_cases(args.get("status"), args.get("country"), args["page"], args["per_page"])
    return page_body(items, total, args["page"], args["per_page"])


@blp.route("/cases", methods=["POST"])
@blp.doc(security=BEARER)
@blp.arguments(CaseIn)
@blp.response(201, CaseSchema)
@require("regulator", "admin")
def create_case(data):
    """File a case in your jurisdiction; respondents by subject id, by external id, or inline as new subjects."""
    case = service.create_case(data, actor())
    return service.get_case(case.id), 201, {"ETag": f'"{case.version}"', "Location": f"/api/v1/cases/{case.id}"}


@blp.route("/cases/<int:case_id>")
@blp.doc(security=BEARER)
@blp.response(200, CaseSchema)
@require("verifier", "regulator", "admin")
def get_case(case_id):
    """A case with its respondents, their states and the full event history."""
    case = service.get_case(case_id)
    return case, 200, {"ETag": f'"{case.version}"'}


@blp.route("/cases/<int:case_id>/events", methods=["POST"])
@blp.doc(security=BEARER)
@blp.arguments(CaseEventIn)
@blp.response(201, CaseSchema)
@blp.alt_response(409, description="The respondent's state does not allow this event")
@require("regulator", "admin")
def add_event(data, case_id):
    """Record an event: under_investigation, prosecuted, a decision (with sanctions and compensation), an appeal or its outcome."""
    case = service.add_event(case_id, data, actor())
    return service.get_case(case.id), 201, {"ETag": f'"{case.version}"'}
