"""The Fair Recruitment Registry: a Flask app factory wiring config, extensions, blueprints and CLI."""
import logging
import uuid
from pathlib import Path

from flask import Flask, g, request

from registry.config import INSTANCE_DIR, load_config
from registry.extensions import api, db, limiter, migrate

ROOT = Path(__file__).resolve().parent.parent
BUNDLED = Path(__file__).resolve().parent / "bundled"  # templates/ and migrations/ inside an installed wheel (setup.py)


def resource_dir(name: str) -> Path:
    """The top-level `templates` or `migrations` folder: the checkout's own, or the copy a wheel ships."""
    return BUNDLED / name if (BUNDLED / name).is_dir() else ROOT / name


def create_app(overrides: dict | None = None) -> Flask:
    """Build a configured app; `overrides` is for tests and scripts."""
    app = Flask(__name__, template_folder=str(resource_dir("templates")), static_folder="static",
                instance_path=str(INSTANCE_DIR), instance_relative_config=False)
    app.config.update(load_config(overrides))
    from registry.security import install_url_converters
    install_url_converters(app)
    logging.basicConfig(level=app.config.get("LOG_LEVEL", "INFO"))
    if app.config["PROXY_FIX_HOPS"]:
        from werkzeug.middleware.proxy_fix import ProxyFix
        hops = app.config["PROXY_FIX_HOPS"]
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=hops, x_proto=hops, x_host=hops)

    import registry.common.sqlite  # noqa: F401 - SQLite in write-ahead-log mode (readers never wait)
    db.init_app(app)
    migrate.init_app(app, db, directory=str(resource_dir("migrations")))
    from registry.errors import ErrorSchema
    api.ERROR_SCHEMA = ErrorSchema  # document our one error shape as every operation's default response
    api.init_app(app)
    _refuse_unknown_query_parameters()
    from registry.common.fields import decimal_as_string_in_openapi
    api.ma_plugin.converter.add_attribute_function(decimal_as_string_in_openapi)
    limiter.init_app(app)
    api.spec.components.security_scheme("bearerAuth", {"type": "http", "scheme": "bearer"})
    from registry.i18n import init_i18n
    from registry.portal.csrf import init_csrf
    init_i18n(app)
    init_csrf(app)

    from registry import models  # noqa: F401 - register every table with the metadata
    from registry.common.time import install_utc_on_load
    install_utc_on_load(db.Model)
    from registry.blueprints import register_blueprints, register_cli
    from registry.errors import register_error_handlers

    register_blueprints(app)
    register_cli(app)
    register_error_handlers(app)
    from registry.security import init_security
    init_security(app)
    from registry.common.json_guard import init_json_guard
    init_json_guard(app)
    _request_ids(app)
    from registry.common.response_cache import init_response_cache
    init_response_cache(app)
    return app


def _request_ids(app: Flask) -> None:
    """Give each request an id (or keep the proxy's) and echo it, so logs and audit entries line up."""

    def _assign():
        incoming = request.headers.get("X-Request-ID", "")
        g.request_id = incoming[:64] if incoming.isprintable() and incoming else uuid.uuid4().hex

    # first of all before-request hooks, so authentication and rate limiting already see the id
    app.before_request_funcs.setdefault(None, []).insert(0, _assign)

    @app.after_request
    def _echo(response):
        response.headers["X-Request-ID"] = g.get("request_id") or uuid.uuid4().hex
        return response


def _refuse_unknown_query_parameters() -> None:
    """Query strings are checked like JSON bodies: an undocumented parameter is a 422 naming it, as the OpenAPI
    document says (webargs would drop it silently, so a misspelt filter returned everything)."""
    from flask_smorest.arguments import ArgumentsMixin
    from marshmallow import RAISE

    parser = ArgumentsMixin.ARGUMENTS_PARSER
    parser.DEFAULT_UNKNOWN_BY_LOCATION = {**type(parser).DEFAULT_UNKNOWN_BY_LOCATION, "query": RAISE, "querystring": RAISE}
