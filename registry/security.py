"""Security headers on every response (strict CSP, nosniff, referrer policy, HSTS over HTTPS), 429 in the error
shape, authentication before body parsing, and bounded integer path values.

The only page with inline script is the interactive API docs; its scripts (which contain nothing from the request)
are allowed by their exact SHA-256 hashes.
"""
import base64
import hashlib
import re

from flask import Flask, current_app, request
from flask_limiter.errors import RateLimitExceeded
from werkzeug.routing import IntegerConverter

from registry.auth.guard import require
from registry.errors import error_response
from registry.extensions import limiter

CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; "
       "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'")
DOCS_PREFIX = "/api/v1/docs"
UNLIMITED_ENDPOINTS = frozenset({"health.healthz", "health.readyz", "static", "swagger_ui.show"})
HSTS = "max-age=31536000; includeSubDomains"
_INLINE_SCRIPT = re.compile(rb"<script(?![^>]*\bsrc=)[^>]*>(.*?)</script>", re.S | re.I)
STATIC_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "strict-origin-when-cross-origin",
    "X-Frame-Options": "DENY",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=(), payment=()",
}


class BoundedIntConverter(IntegerConverter):
    """`<int:...>` path values beyond a database integer name no record: 404, never a database overflow."""

    def __init__(self, map, *args, **kwargs):
        kwargs.setdefault("max", 2**31 - 1)
        super().__init__(map, *args, **kwargs)


def install_url_converters(app: Flask) -> None:
    """Called before any route is registered, so every `<int:...>` rule is bounded."""
    app.url_map.converters["int"] = BoundedIntConverter


def inline_script_hashes(html: bytes) -> list[str]:
    """CSP source expressions ('sha256-...') for every inline <script> block in `html`."""
    return [f"'sha256-{base64.b64encode(hashlib.sha256(body).digest()).decode()}'"
            for body in _INLINE_SCRIPT.findall(html)]


def _docs_policy(response) -> str:
    """The docs page keeps the strict policy but allows its own inline scripts by hash (and Swagger UI's styles)."""
    hashes = " ".join(inline_script_hashes(response.get_data())) if response.mimetype == "text/html" else ""
    return CSP.replace("script-src 'self'", f"script-src 'self' {hashes}".rstrip()).replace(
        "style-src 'self'", "style-src 'self' 'unsafe-inline'")


def _add_headers(response):
    for name, value in STATIC_HEADERS.items():
        response.headers.setdefault(name, value)
    if request.path.startswith(DOCS_PREFIX) and response.mimetype == "text/html" and not response.direct_passthrough:
        response.headers["Content-Security-Policy"] = _docs_policy(response)
    else:
        response.headers.setdefault("Content-Security-Policy", CSP)
    if request.is_secure:
        response.headers["Strict-Transport-Security"] = HSTS
    return response


def form_limit() -> str:
    """The stricter per-client limit of the login and complaint forms (RATELIMIT_FORMS), for `limiter.limit`."""
    return current_app.config["RATELIMIT_FORMS"]


def _too_many_requests(exc: RateLimitExceeded):
    """429 in the one error shape; Flask-Limiter adds Retry-After and X-RateLimit-* afterwards."""
    return error_response(429, f"Too many requests from your address (limit: {exc.description}). "
                               "Wait for the time given in Retry-After and try again.")


def required_roles(view, method: str) -> tuple | None:
    """The roles a view guarded by `registry.auth.guard.require` demands (function or MethodView), else None."""
    roles = getattr(view, "_required_roles", None)
    if roles is None and hasattr(view, "view_class"):
        roles = getattr(getattr(view.view_class, method.lower(), None), "_required_roles", None)
    return roles


def _authenticate_before_parsing():
    """Refuse a missing token (401) or a wrong role (403) before the body is parsed, so refusals never depend on it."""
    view = current_app.view_functions.get(request.endpoint)
    roles = required_roles(view, request.method) if view is not None else None
    if roles:
        require(*roles)(lambda: None)()


def init_security(app: Flask) -> None:
    """Install the auth-first and header hooks, the 429 handler and the rate-limit exemptions."""
    app.before_request(_authenticate_before_parsing)
    app.after_request(_add_headers)
    app.register_error_handler(RateLimitExceeded, _too_many_requests)
    if _never_limited not in limiter._request_filters:
        limiter.request_filter(_never_limited)


def _never_limited() -> bool:
    """Load-balancer health checks and static assets are never rate-limited."""
    return request.endpoint in UNLIMITED_ENDPOINTS
