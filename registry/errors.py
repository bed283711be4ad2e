"""One JSON error shape for every API error: {"code", "status", "message", "errors"?}.

HTML pages get a plain error page instead; the shape is documented in the README and OpenAPI.
"""
import logging
from http import HTTPStatus

from flask import jsonify, render_template, request
from marshmallow import INCLUDE, Schema, fields
from sqlalchemy.exc import DataError, IntegrityError, InterfaceError, OperationalError
from sqlalchemy.orm.exc import StaleDataError
from werkzeug.exceptions import HTTPException

from registry.domain import DomainError, Unavailable
from registry.extensions import db
from registry.i18n import translate

log = logging.getLogger(__name__)


class ErrorSchema(Schema):
    """The documented error body of every API response with a 4xx or 5xx status."""

    class Meta:
        unknown = INCLUDE  # some errors add context, e.g. current_version (412) or suggestions (licence 404)

    code = fields.Integer(required=True, metadata={"description": "HTTP status code"})
    status = fields.String(required=True, metadata={"description": "HTTP status phrase"})
    message = fields.String(metadata={"description": "Plain-language explanation"})
    errors = fields.Dict(metadata={"description": "Per-location, per-field messages, e.g. {'json': {'country': ['...']}}"})


def _wants_json() -> bool:
    path = request.path
    if path.startswith("/api/") or path in ("/healthz", "/readyz"):
        return True
    best = request.accept_mimetypes.best_match(["text/html", "application/json"])
    return best == "application/json"


def _translated(errors):
    """Field errors in the reader's language where the catalogue has them (see registry.i18n)."""
    if isinstance(errors, dict):
        return {k: _translated(v) for k, v in errors.items()}
    if isinstance(errors, list):
        return [_translated(v) for v in errors]
    return translate(errors)


def error_response(code: int, message: str | None = None, errors: dict | None = None, **extra):
    """Build the error response in the documented shape (JSON) or as an HTML page."""
    status = HTTPStatus(code).phrase if code in HTTPStatus._value2member_map_ else "Error"
    body = {"code": code, "status": status}
    if message:
        body["message"] = translate(message)
    if errors:
        body["errors"] = _translated(errors)
    body.update({k: v for k, v in extra.items() if v is not None})
    if not _wants_json():
        try:
            return render_template("error.html", error=body), code
        except Exception:  # noqa: BLE001 - fall back to JSON if templates are unavailable
            pass
    response = jsonify(body)
    response.status_code = code
    return response


def _handle_http(exc: HTTPException):
    data = getattr(exc, "data", None) or {}
    errors = data.get("messages") or data.get("errors")
    message = data.get("message") or exc.description
    if exc.code == 422 and errors and not data.get("message"):
        message = "The request has invalid fields: see 'errors'."
    if exc.code == 400 and errors and "json" in errors and isinstance(errors["json"], dict) is False:
        errors = {"json": {"_body": errors["json"] if isinstance(errors["json"], list) else [str(errors["json"])]}}
    response = error_response(exc.code or 500, message, errors, **{k: v for k, v in data.items() if k not in {"messages", "errors", "message", "headers", "exc", "schema"}})
    headers = data.get("headers") or {}
    if exc.code == 405 and hasattr(exc, "valid_methods") and exc.valid_methods:
        headers = {**headers, "Allow": ", ".join(exc.valid_methods)}
    for key, value in headers.items():
        response.headers[key] = value
    return response


def _handle_domain(exc: DomainError):
    db.session.rollback()
    response = error_response(exc.status_code, exc.message, exc.errors, **exc.extra)
    if isinstance(exc, Unavailable):
        response.headers["Retry-After"] = str(exc.retry_after)
    return response


def _handle_stale(exc: StaleDataError):
    db.session.rollback()
    return error_response(409, "This record was changed by someone else at the same time. Reload it and try again.")


def _handle_db_down(exc: Exception):
    db.session.rollback()
    log.warning("database unavailable: %s", exc.__class__.__name__)
    response = error_response(503, "The registry database is unavailable. Please try again shortly.")
    response.headers["Retry-After"] = "5"
    return response


def _handle_out_of_range(exc: Exception):
    """A number or text too large for its database column is bad input (422), not a server error."""
    db.session.rollback()
    return error_response(422, "A value is out of range or too long: check numbers and the length of texts.")


def _handle_integrity(exc: IntegrityError):
    """A unique key a service did not check first (or a concurrent write took): 409, never a 500."""
    db.session.rollback()
    log.warning("integrity error: %s", exc.orig.__class__.__name__ if exc.orig else exc.__class__.__name__)
    return error_response(409, "This conflicts with an existing record (a value that must be unique is taken).")


def _handle_unexpected(exc: Exception):
    if isinstance(exc, HTTPException):
        return _handle_http(exc)
    db.session.rollback()
    log.exception("unhandled error")
    return error_response(500, "Something went wrong on our side. The error has been logged.")


def register_error_handlers(app) -> None:
    """Install handlers after flask-smorest so that ours win for every error."""
    app.register_error_handler(HTTPException, _handle_http)
    app.register_error_handler(DomainError, _handle_domain)
    app.register_error_handler(StaleDataError, _handle_stale)
    app.register_error_handler(OperationalError, _handle_db_down)
    app.register_error_handler(InterfaceError, _handle_db_down)
    app.register_error_handler(DataError, _handle_out_of_range)
    app.register_error_handler(IntegrityError, _handle_integrity)
    app.register_error_handler(OverflowError, _handle_out_of_range)
    app.register_error_handler(Exception, _handle_unexpected)
