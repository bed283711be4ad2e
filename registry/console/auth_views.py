"""Console login and logout; the session is renewed at login, and logout ends it on the server (the user's session
epoch is bumped, so a saved copy of the cookie stops working too)."""
from urllib.parse import urlsplit

from flask import flash, g, redirect, render_template, request, session, url_for

from registry.console import bp
from registry.console.users import LoginRefused, authenticate, end_sessions
from registry.extensions import limiter
from registry.security import form_limit


def _safe_next(target: str | None) -> str:
    """Only a console path of printable characters (no CR/LF header injection, no backslash) is followed."""
    if (not target or not target.isprintable() or "\\" in target or urlsplit(target).netloc
            or not target.startswith("/console") or target.startswith("//")):
        return url_for("console.dashboard")
    return target


@bp.route("/login", methods=["GET", "POST"])
@limiter.limit(form_limit, methods=["POST"])
def login():
    if request.method == "GET":
        return render_template("console/login.html", next=request.args.get("next", ""))
    try:
        user = authenticate(request.form.get("email", ""), request.form.get("password", ""))
    except LoginRefused as refused:
        return render_template("console/login.html", error=refused.message, email=request.form.get("email", "")[:254],
                               next=request.form.get("next", "")), 401
    session.clear()  # a fresh session (and CSRF secret) for the logged-in user
    session.permanent = True
    session["user_id"] = user.id
    session["epoch"] = user.session_epoch
    return redirect(_safe_next(request.form.get("next")))


@bp.route("/logout", methods=["POST"])
def logout():
    if g.get("console_user") is not None:
        end_sessions(g.console_user, g.console_actor)
    session.clear()
    flash("You are logged out.")
    return redirect(url_for("console.login"))
