"""Screening API: screen one or many names, compare two names, and the review queue of flags."""
from flask_smorest import Blueprint

from registry.auth.guard import BEARER, actor, require
from registry.common.pagination import page_body, page_schema
from watchlist.screening import flags, service
from watchlist.screening.schemas import (BatchRequest, BatchResponse, CompareRequest, CompareResponse, DecisionIn,
                                         FlagArgs, FlagSchema, ScreenRequest, ScreenResponse)

blp = Blueprint("screening", __name__, url_prefix="/api/v1",
                description="Repeat-offender screening, name comparison and the review queue.")


@blp.route("/screen", methods=["POST"])
@blp.doc(security=BEARER)
@blp.arguments(ScreenRequest)
@blp.response(200, ScreenResponse)
@require("verifier", "regulator", "admin")
def screen(data):
    """Screen a name (and identifiers, contacts, officers) against the watchlist and adverse licence history."""
    limit = data.pop("limit")
    return {"results": service.screen_one(data, limit=limit)}


@blp.route("/screen/batch", methods=["POST"])
@blp.doc(security=BEARER)
@blp.arguments(BatchRequest)
@blp.response(200, BatchResponse)
@require("verifier", "regulator", "admin")
def screen_batch(data):
    """Screen up to MAX_BATCH_ITEMS (default 1,000) items; results in the items' order."""
    return {"results": [{"results": r} for r in service.screen_batch(data["items"], data["limit"])]}


@blp.route("/compare", methods=["POST"])
@blp.doc(security=BEARER)
@blp.arguments(CompareRequest)
@blp.response(200, CompareResponse)
@require("verifier", "regulator", "admin")
def compare(data):
    """Score two names 0-100 with a match decision and a readable explanation."""
    return service.compare(data["a"], data["b"])


@blp.route("/flags")
@blp.doc(security=BEARER)
@blp.arguments(FlagArgs, location="query")
@blp.response(200, page_schema(FlagSchema, "FlagPage"))
@require("regulator", "admin")
def list_flags(args):
    """The review queue: possible repeat offenders, strongest first."""
    items, total = flags.list_flags(actor(), args.get("status"), args.get("country"), args["page"], args["per_page"])
    return page_body(items, total, args["page"], args["per_page"])


@blp.route("/flags/<int:flag_id>")
@blp.doc(security=BEARER)
@blp.response(200, FlagSchema)
@require("regulator", "admin")
def get_flag(flag_id):
    """One flag with its explanation side by side."""
    return flags.get_flag(flag_id, actor())


@blp.route("/flags/<int:flag_id>/decision", methods=["POST"])
@blp.doc(security=BEARER)
@blp.arguments(DecisionIn)
@blp.response(200, FlagSchema)
@require("regulator", "admin")
def decide(data, flag_id):
    """Decide a flag: `same` links the records (history follows), `different` never flags the pair again."""
    return flags.decide(flag_id, data["decision"], data["reason"], actor(), data.get("version"))
