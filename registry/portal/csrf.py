"""CSRF protection for every HTML form; the JSON API under /api/ uses Bearer tokens and is exempt."""
from flask import Flask, g, request

from registry.extensions import csrf


def init_csrf(app: Flask) -> None:
    app.config.setdefault("WTF_CSRF_ENABLED", True)
    app.config["WTF_CSRF_CHECK_DEFAULT"] = False  # checked below, for everything but the API
    app.config.setdefault("WTF_CSRF_TIME_LIMIT", 4 * 3600)
    csrf.init_app(app)

    @app.before_request
    def _protect_forms():
        # The signed token is cached on `g`; drop any left by an earlier request sharing this app context (tests, CLI).
        g.pop(app.config["WTF_CSRF_FIELD_NAME"], None)
        if app.config["WTF_CSRF_ENABLED"] and not request.path.startswith("/api/"):
            csrf.protect()
