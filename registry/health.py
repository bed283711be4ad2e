"""GET /healthz: 200 when the database answers, 503 otherwise (for load balancers).
GET /readyz: 200 when this worker can also screen (the screening index is built), else 503 saying why."""
from flask import Blueprint, current_app, jsonify
from sqlalchemy import text

from registry.domain import Unavailable
from registry.extensions import db

blp = Blueprint("health", __name__)
STATUS_TIMEOUT = 2.0


@blp.get("/healthz")
def healthz():
    try:
        db.session.execute(text("SELECT 1"))
    except Exception:  # noqa: BLE001 - any failure means "not ready"
        db.session.rollback()
        return jsonify({"code": 503, "status": "Service Unavailable", "message": "The database does not answer."}), 503
    return jsonify({"status": "ok", "database": "ok"})


@blp.get("/readyz")
def readyz():
    """Ready = the database answers and the screening index is available (hold traffic until then)."""
    try:
        db.session.execute(text("SELECT 1"))
    except Exception:  # noqa: BLE001
        db.session.rollback()
        return _not_ready("The database does not answer.", {"ready": False, "stage": "no database"})
    from watchlist.screening.cache import indexes_status
    try:
        index = indexes_status(current_app, STATUS_TIMEOUT)
    except Unavailable as exc:
        return _not_ready(exc.message, exc.extra.get("index") or {"ready": False})
    if not index.get("ready"):
        return _not_ready(f"The screening index is not ready ({index.get('stage')}).", index)
    return jsonify({"ready": True, "database": "ok", "index": index})


def _not_ready(message: str, index: dict):
    response = jsonify({"code": 503, "status": "Service Unavailable", "message": message, "ready": False, "index": index})
    response.status_code = 503
    response.headers["Retry-After"] = "5"
    return response
