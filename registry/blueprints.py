"""The one place that lists every API blueprint and CLI group, so the app factory stays small."""
from flask import Flask


def register_blueprints(app: Flask) -> None:
    from registry.extensions import api
    from registry.health import blp as health_blp
    from registry.audit.views import blp as audit_blp
    from registry.agencies.views import blp as agencies_blp
    from registry.licences.views import blp as licences_blp
    from registry.fees.views import blp as fees_blp
    from registry.accreditation.views import blp as accreditation_blp
    from registry.verification.views import blp as verification_blp
    from registry.verification.pages import bp as verification_pages_bp
    from watchlist.subjects.views import blp as watchlist_subjects_blp
    from watchlist.cases.views import blp as watchlist_cases_blp
    from watchlist.screening.views import blp as screening_blp
    from watchlist.sources.views import blp as sources_blp

    app.register_blueprint(health_blp)
    app.register_blueprint(verification_pages_bp)
    for blp in (agencies_blp, licences_blp, audit_blp, fees_blp, accreditation_blp, verification_blp,
                watchlist_subjects_blp, watchlist_cases_blp, screening_blp, sources_blp):
        api.register_blueprint(blp)
    from registry.complaints.views import blp as complaints_blp
    from registry.portal import bp as portal_bp
    api.register_blueprint(complaints_blp)
    app.register_blueprint(portal_bp)
    from registry.console import bp as console_bp
    app.register_blueprint(console_bp)
    _docs_page(app)


def _docs_page(app: Flask) -> None:
    """Interactive API docs at /api/v1/docs, served from local assets (no CDN)."""
    from flask_swagger_ui import get_swaggerui_blueprint

    app.register_blueprint(get_swaggerui_blueprint("/api/v1/docs", "/api/v1/openapi.json",
                                                   config={"app_name": app.config["API_TITLE"],
                                                           # fixed, so the page has nothing from the request
                                                           # (its inline script is allowed by hash in the CSP)
                                                           "oauth2RedirectUrl": "/api/v1/docs/oauth2-redirect.html"}))


def register_cli(app: Flask) -> None:
    from registry.auth.cli import users_cli
    from registry.cli import registry_cli, seed_demo_command

    app.cli.add_command(users_cli)
    app.cli.add_command(registry_cli)
    app.cli.add_command(seed_demo_command)
    from watchlist.cli import watchlist_cli
    from watchlist.screening.cli import (build_index_command, run_screenings_command, screen_file_command,
                                         serve_index_command)
    for command in (screen_file_command, serve_index_command, build_index_command, run_screenings_command):
        watchlist_cli.add_command(command)
    app.cli.add_command(watchlist_cli)
    from watchlist.sources.cli import sources_cli
    app.cli.add_command(sources_cli)
