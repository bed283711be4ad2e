"""Licence endpoints: the public licence check, issuing a licence and recording actions."""
from flask import Response, request
from flask_smorest import Blueprint
from marshmallow import Schema, fields

from registry.auth.guard import BEARER, actor, has_role, require
from registry.common.time import today
from registry.licences import public, service
from registry.licences.schemas import ActionIn, LicenceIn, LicencePublicSchema, LicenceRegulatorSchema

blp = Blueprint("licences", __name__, url_prefix="/api/v1", description="Licence checks and licence actions.")


class AsOfArgs(Schema):
    on = fields.Date(metadata={"description": "Status as of this date (default today)"})


# Schemas hold no per-request state: built once, not on every (hot, public) licence check.
_PUBLIC, _REGULATOR = LicencePublicSchema(), LicenceRegulatorSchema()


def _schema():
    return _REGULATOR if has_role("regulator", "admin") else _PUBLIC


@blp.route("/licences/<string:country>/<path:licence_no>")
@blp.arguments(AsOfArgs(), location="query")
@blp.response(200, LicencePublicSchema)
@blp.alt_response(404, description="Unknown licence: status 'not_found' and similar licences in 'suggestions'")
def check_licence(args, country, licence_no):
    """Check a licence: status, validity, expiry, agency and history (public)."""
    if not args.get("on") and "Authorization" not in request.headers:  # the hot path: one indexed statement
        found = public.check(country, licence_no)
        if found is not None:
            return Response(found[0], mimetype="application/json", headers={"ETag": f'"{found[1]}"'})
    licence = service.get_licence(country, licence_no)
    view = service.licence_as_of(licence, args.get("on") or today())
    return Response(_schema().dumps(view), mimetype="application/json", headers={"ETag": f'"{licence.version}"'})


@blp.route("/agencies/<int:agency_id>/licences", methods=["POST"])
@blp.doc(security=BEARER)
@blp.arguments(LicenceIn)
@blp.response(201, LicenceRegulatorSchema)
@require("regulator", "admin")
def issue_licence(data, agency_id):
    """Issue a licence to an agency (or create it pending with `pending: true`)."""
    licence = service.issue_licence(agency_id, data, actor())
    return service.licence_as_of(licence, today()), 201, {"ETag": f'"{licence.version}"'}


@blp.route("/licences/<string:country>/<path:licence_no>/actions", methods=["POST"])
@blp.doc(security=BEARER)
@blp.arguments(ActionIn)
@blp.response(201, LicenceRegulatorSchema)
@blp.alt_response(409, description="The licence's current state does not allow this action")
@require("regulator", "admin")
def record_action(data, country, licence_no):
    """Record an action: issue, renew, suspend, reinstate, revoke, cancel or surrender."""
    licence = service.apply_action(country, licence_no, data, actor())
    return service.licence_as_of(licence, today()), 201, {"ETag": f'"{licence.version}"'}
