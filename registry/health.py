"""GET /healthz: 200 when the database answers, 503 otherwise (for load balancers)."""
from flask import Blueprint, jsonify
from sqlalchemy import text

from registry.extensions import db

blp = Blueprint("health", __name__)


@blp.get("/healthz")
def healthz():
    try:
        db.session.execute(text("SELECT 1"))
    except Exception:  # noqa: BLE001 - any failure means "not ready"
        db.session.rollback()
        return jsonify({"code": 503, "status": "Service Unavailable", "message": "The database does not answer."}), 503
    return jsonify({"status": "ok", "database": "ok"})
