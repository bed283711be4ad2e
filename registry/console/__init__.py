"""The regulator console under /console: password login, server-rendered forms calling the same services as the API."""
from datetime import timedelta

from flask import Blueprint, g, redirect, request, session, url_for

from registry.console.users import actor_for, get_active_user

bp = Blueprint("console", __name__, url_prefix="/console")
PUBLIC_ENDPOINTS = {"console.login"}
SESSION_LIFETIME = timedelta(hours=8)


@bp.record_once
def _session_lifetime(state):
    """Console sessions last a working day unless the deployment set its own lifetime."""
    if state.app.config.get("PERMANENT_SESSION_LIFETIME") == timedelta(days=31):
        state.app.config["PERMANENT_SESSION_LIFETIME"] = SESSION_LIFETIME


@bp.before_request
def _require_login():
    """Every console page needs a logged-in, active user; the actor is built once per request."""
    user = get_active_user(session.get("user_id"), session.get("epoch"))
    g.console_user = user
    if user is not None:
        g.console_actor = actor_for(user, g.get("request_id"))
    if user is None and request.endpoint not in PUBLIC_ENDPOINTS:
        return redirect(url_for("console.login", next=request.full_path.rstrip("?")))
    return None


@bp.after_request
def _no_store(response):
    """Console pages show non-public data: never cache them."""
    response.headers["Cache-Control"] = "no-store"
    return response


def current_actor():
    return g.console_actor


from registry.console import auth_views, registry_views, complaint_views, watchlist_views  # noqa: E402,F401
