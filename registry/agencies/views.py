"""Agency endpoints: public search, detail and CSV list; regulator create and update."""
from flask import Response
from flask_smorest import Blueprint

from registry.agencies import public, service
from registry.agencies.schemas import (AgencyIn, AgencyPage, AgencyPatch, AgencyPublicSchema,
                                       AgencyRegulatorSchema, AgencySearchArgs)
from registry.agencies.export import agencies_csv
from registry.auth.guard import BEARER, actor, has_role, require
from registry.common.if_match import if_match_version as _if_match_version
from registry.common.pagination import page_body


blp = Blueprint("agencies", __name__, url_prefix="/api/v1", description="Recruitment agencies and their licences.")


# Schemas hold no per-request state: built once, not on every public read.
_PUBLIC, _REGULATOR = AgencyPublicSchema(), AgencyRegulatorSchema()
_PAGE, _SEARCH_ARGS = AgencyPage(), AgencySearchArgs()


def _detail_schema():
    return _REGULATOR if has_role("regulator", "admin") else _PUBLIC


@blp.route("/agencies")
@blp.arguments(_SEARCH_ARGS, location="query")
@blp.response(200, AgencyPage)
def search_agencies(args):
    """Search agencies by name, other name or licence number (case, accents, punctuation and legal forms ignored).

    When nothing matches, `suggestions` lists similar agency names ("did you mean").
    """
    found = public.search(args.get("q"), args.get("country"), args.get("status"), args["page"], args["per_page"])
    if found is not None:  # the hot path: column statements, no ORM; "did you mean" only when nothing matched
        return Response(_PAGE.dumps({**found, "suggestions": []}), mimetype="application/json")
    found = service.search_with_suggestions(args.get("q"), args.get("country"), args.get("status"), args["page"], args["per_page"])
    return {**page_body(found["items"], found["total"], args["page"], args["per_page"]), "suggestions": found["suggestions"]}


@blp.route("/agencies", methods=["POST"])
@blp.doc(security=BEARER)
@blp.arguments(AgencyIn)
@blp.response(201, AgencyRegulatorSchema)
@require("regulator", "admin")
def create_agency(data):
    """Register an agency (regulators: in their own country)."""
    agency = service.create_agency(data, actor())
    return agency, 201, {"ETag": f'"{agency.version}"', "Location": f"/api/v1/agencies/{agency.id}"}


@blp.route("/agencies/<int:agency_id>")
@blp.response(200, AgencyPublicSchema)
def get_agency(agency_id):
    """An agency with its licences and their history (officers' ID numbers only for regulators)."""
    agency = service.get_agency(agency_id)
    return Response(_detail_schema().dumps(agency), mimetype="application/json", headers={"ETag": f'"{agency.version}"'})


@blp.route("/agencies/<int:agency_id>", methods=["PATCH"])
@blp.doc(security=BEARER, parameters=[{"in": "header", "name": "If-Match", "schema": {"type": "string"}, "required": False}])
@blp.arguments(AgencyPatch)
@blp.response(200, AgencyRegulatorSchema)
@require("regulator", "admin")
def update_agency(data, agency_id):
    """Change an agency; officers and other names listed replace the current ones (dropped ones are kept as former)."""
    version = _if_match_version(data)
    agency = service.update_agency(agency_id, data, version, actor())
    return agency, 200, {"ETag": f'"{agency.version}"'}


@blp.route("/agencies.csv")
@blp.response(200, {"type": "string"}, content_type="text/csv")
def agencies_csv_export():
    """The public list of licensed agencies, one row per licence with today's status (open data, CSV)."""
    return Response(agencies_csv(), mimetype="text/csv",
                    headers={"Content-Disposition": "attachment; filename=agencies.csv"})
