"""GET /api/v1/audit: admins read the audit trail, filtered by entity."""
from flask_smorest import Blueprint
from marshmallow import Schema, fields, validate

from registry.audit.service import list_audit
from registry.auth.guard import BEARER, require
from registry.common.pagination import PageArgs, page_body, page_schema

blp = Blueprint("audit", __name__, url_prefix="/api/v1", description="Audit trail (admin only).")


class AuditArgs(PageArgs):
    # validators must raise (marshmallow 4 ignores a False return), and Length is documented in OpenAPI
    entity_type = fields.String(validate=validate.Length(min=1, max=40))
    entity_id = fields.String(validate=validate.Length(min=1, max=60))


class AuditEntrySchema(Schema):
    id = fields.Integer()
    at = fields.DateTime()
    actor = fields.String()
    actor_role = fields.String(allow_none=True)
    actor_country = fields.String(allow_none=True)
    action = fields.String()
    entity_type = fields.String()
    entity_id = fields.String(allow_none=True)
    before = fields.Dict(allow_none=True)
    after = fields.Dict(allow_none=True)
    request_id = fields.String(allow_none=True)


@blp.route("/audit")
@blp.doc(security=BEARER)
@blp.arguments(AuditArgs, location="query")
@blp.response(200, page_schema(AuditEntrySchema, "AuditPage"))
@require("admin")
def audit_log(args):
    """Read the audit log, newest first."""
    items, total = list_audit(args.get("entity_type"), args.get("entity_id"), args["page"], args["per_page"])
    return page_body(items, total, args["page"], args["per_page"])
