"""Watchlist subject endpoints: the public list, search and exports; subject detail per audience; regulator writes."""
from flask import Response, stream_with_context
from flask_smorest import Blueprint
from marshmallow import fields

from registry.auth.guard import BEARER, actor, has_role, require
from registry.common.if_match import if_match_version
from registry.common.pagination import page_body, page_schema
from registry.common.time import today
from registry.domain import NotFound
from watchlist.exports import watchlist_csv, watchlist_ftm
from watchlist.profile import subject_profile
from watchlist.subjects import service
from watchlist.employer_check import check_employer
from watchlist.subjects.schemas import (SubjectStandingArgs, SubjectFullSchema, SubjectIn, SubjectListItem, SubjectPatch,
                                        SubjectPublicSchema, SubjectSearchArgs, WatchlistItem, WatchlistSearchArgs,
                                        WatchlistSuggestion)
from watchlist.vocabulary import PUBLIC_STANDINGS

blp = Blueprint("watchlist_subjects", __name__, url_prefix="/api/v1",
                description="The employer watchlist: subjects with trafficking and forced-labour cases.")
TRUSTED = {"verifier", "regulator", "admin"}


def _trusted() -> bool:
    return has_role(*TRUSTED)


class WatchlistPage(page_schema(WatchlistItem, "WatchlistPageBase")):
    suggestions = fields.List(fields.Nested(WatchlistSuggestion), metadata={"description": "'Did you mean': similar names"})
    note = fields.String(allow_none=True, metadata={"description": "Set when only exact spellings could be searched"})


@blp.route("/watchlist")
@blp.arguments(WatchlistSearchArgs, location="query")
@blp.response(200, WatchlistPage)
def search_watchlist(args):
    """The public watchlist: employers and persons convicted or debarred, by name (also misspelt, through the
    matching engine), other name and country, with their offences and sanctions, and 'did you mean'."""
    found = check_employer(args.get("q"), args.get("country"), today(), args["page"], args["per_page"])
    return {**page_body(found["items"], found["total"], args["page"], args["per_page"]),
            "suggestions": found["suggestions"], "note": found["note"]}


@blp.route("/watchlist.csv")
@blp.response(200, {"type": "string"}, content_type="text/csv")
def watchlist_csv_export():
    """The public watchlist as CSV: one row per subject and decided case (open data)."""
    return Response(watchlist_csv(today()), mimetype="text/csv",
                    headers={"Content-Disposition": "attachment; filename=watchlist.csv"})


@blp.route("/watchlist.ftm.json")
@blp.response(200, {"type": "string"}, content_type="application/x-ndjson")
def watchlist_ftm_export():
    """The public watchlist as newline-delimited FollowTheMoney entities (Company/Person and Sanction)."""
    return Response(stream_with_context(watchlist_ftm(today())), mimetype="application/x-ndjson",
                    headers={"Content-Disposition": "attachment; filename=watchlist.ftm.json"})


@blp.route("/subjects")
@blp.doc(security=BEARER)
@blp.arguments(SubjectSearchArgs, location="query")
@blp.response(200, page_schema(SubjectListItem, "SubjectPage"))
@require("verifier", "regulator", "admin")
def search_subjects(args):
    """Every subject, pending ones included (verifiers, regulators), by name, country and standing today."""
    on = today()
    items, total = service.search_all(args.get("q"), args.get("country"), args.get("standing"), on, args["page"], args["per_page"])
    return page_body([subject_profile(s, on) for s in items], total, args["page"], args["per_page"])


@blp.route("/subjects", methods=["POST"])
@blp.doc(security=BEARER)
@blp.arguments(SubjectIn)
@blp.response(201, SubjectFullSchema)
@require("regulator", "admin")
def create_subject(data):
    """Add an organisation or person (regulators: of their own country)."""
    subject = service.create_subject(data, actor())
    return subject_profile(subject, today()), 201, {"ETag": f'"{subject.version}"', "Location": f"/api/v1/subjects/{subject.id}"}


# Schemas hold no per-request state: built once, not on every public read.
_PUBLIC, _FULL = SubjectPublicSchema(), SubjectFullSchema()


@blp.route("/subjects/<int:subject_id>")
@blp.arguments(SubjectStandingArgs, location="query")
@blp.response(200, SubjectPublicSchema)
@blp.alt_response(404, description="Unknown subject, or (for the public) one whose standing is not convicted or debarred")
def get_subject(args, subject_id):
    """A subject with its standing on a date; the public sees only convicted or debarred subjects and their decided cases."""
    on = args.get("on") or today()
    subject = service.get_subject(subject_id)
    profile = subject_profile(subject, on)
    if _trusted():
        body = _FULL.dumps(profile)
    else:
        if profile["standing"] not in PUBLIC_STANDINGS or (on != today() and subject_profile(subject, today())["standing"] not in PUBLIC_STANDINGS):
            raise NotFound(f"No subject with id {subject_id} is on the public watchlist.")
        body = _PUBLIC.dumps(profile)
    return Response(body, mimetype="application/json", headers={"ETag": f'"{subject.version}"'})


@blp.route("/subjects/<int:subject_id>", methods=["PATCH"])
@blp.doc(security=BEARER, parameters=[{"in": "header", "name": "If-Match", "schema": {"type": "string"}, "required": False}])
@blp.arguments(SubjectPatch(partial=True))
@blp.response(200, SubjectFullSchema)
@require("regulator", "admin")
def update_subject(data, subject_id):
    """Change a subject; lists given replace the current ones (dropped names are kept as former names)."""
    version = if_match_version(data)
    subject = service.update_subject(subject_id, data, version, actor())
    return subject_profile(subject, today()), 200, {"ETag": f'"{subject.version}"'}
