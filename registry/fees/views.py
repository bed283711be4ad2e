"""Fee ceiling endpoints: the public list and fee check; regulators publish rules (as versions) and exchange rates."""
from flask_smorest import Blueprint

from registry.common.if_match import if_match_version
from registry.auth.guard import BEARER, actor, require
from registry.common.pagination import page_body, page_schema
from registry.fees import rates, service
from registry.fees.check import check_fees
from registry.fees.schemas import (CeilingArgs, FeeCheckIn, FeeCheckOut, RateArgs, RateIn, RateOut, RuleDetail, RuleIn,
                                   RuleOut, RulePatch)

blp = Blueprint("fees", __name__, url_prefix="/api/v1", description="Fee ceilings, exchange rates and the fee check.")


@blp.route("/fee-ceilings")
@blp.arguments(CeilingArgs, location="query")
@blp.response(200, page_schema(RuleOut, "FeeCeilingPage"))
def list_ceilings(args):
    """The fee rules in force on a date for a corridor and sector, each in plain words (public)."""
    items, total = service.list_ceilings(args)
    return page_body(items, total, args["page"], args["per_page"])


@blp.route("/fee-ceilings", methods=["POST"])
@blp.doc(security=BEARER)
@blp.arguments(RuleIn)
@blp.response(201, RuleDetail)
@require("regulator", "admin")
def create_ceiling(data):
    """Publish a fee rule (regulators of the origin country, or of the destination for destination-side rules)."""
    rule = service.create_rule(data, actor())
    return service.detail(rule), 201, {"ETag": f'"{rule.version}"', "Location": f"/api/v1/fee-ceilings/{rule.id}"}


@blp.route("/fee-ceilings/<int:rule_id>")
@blp.response(200, RuleDetail)
def get_ceiling(rule_id):
    """A fee rule with every version it has had (public)."""
    rule = service.get_rule(rule_id)
    return service.detail(rule), 200, {"ETag": f'"{rule.version}"'}


@blp.route("/fee-ceilings/<int:rule_id>", methods=["PATCH"])
@blp.doc(security=BEARER, parameters=[{"in": "header", "name": "If-Match", "schema": {"type": "string"}, "required": False}])
@blp.arguments(RulePatch)
@blp.response(200, RuleDetail)
@require("regulator", "admin")
def change_ceiling(data, rule_id):
    """Change a rule: a new version from `effective_from`; the previous version is closed, never overwritten."""
    version = if_match_version(data)
    rule = service.change_rule(rule_id, data, version, actor())
    return service.detail(rule), 200, {"ETag": f'"{rule.version}"'}


@blp.route("/fee-checks", methods=["POST"])
@blp.arguments(FeeCheckIn)
@blp.response(200, FeeCheckOut)
def fee_check(data):
    """Check what a worker is charged against the caps in force: allowed, over_cap, prohibited or no_rule (public)."""
    return check_fees(data)


@blp.route("/exchange-rates")
@blp.arguments(RateArgs, location="query")
@blp.response(200, page_schema(RateOut, "ExchangeRatePage"))
def list_exchange_rates(args):
    """Published exchange rates, newest first per currency pair (public)."""
    items, total = rates.list_rates(args.get("base"), args.get("quote"), args["page"], args["per_page"], args.get("country"))
    return page_body(items, total, args["page"], args["per_page"])


@blp.route("/exchange-rates", methods=["POST"])
@blp.doc(security=BEARER)
@blp.arguments(RateIn)
@blp.response(201, RateOut)
@require("regulator", "admin")
def add_exchange_rate(data):
    """Publish a dated exchange rate used to convert caps into the currency a worker was charged in.

    A regulator's rate serves only its own country's fee rules; an admin's may serve every country."""
    return rates.add_rate(data, actor()), 201
