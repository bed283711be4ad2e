"""Public pages: home with the search box, search results with "did you mean", agency page, licence lookup, language switch."""
from urllib.parse import urlsplit

from flask import abort, make_response, redirect, render_template, request, url_for

from registry.common.reads import read_session
from registry.i18n import COOKIE, LANGUAGES
from registry.licences.service import find_licence
from registry.portal import bp, lookup
from registry.portal.status import action_label, agency_status_view, licence_status_view

MAX_QUERY = 200


@bp.app_context_processor
def _status_helpers():
    return {"agency_status": agency_status_view, "licence_status": licence_status_view, "action_label": action_label}


@bp.route("/")
def home():
    return render_template("portal/home.html")


@bp.route("/search")
def search():
    q = (request.args.get("q") or "").strip()[:MAX_QUERY]
    if not q:
        return redirect(url_for("portal.home"))
    found = lookup.find(q)
    similar = lookup.did_you_mean(q, exclude={a.id for a in found}) if len(found) < 3 else []
    status = 200 if found else 404
    return render_template("portal/search.html", q=q, found=found, similar=similar), status


@bp.route("/agencies/<int:agency_id>")
def agency(agency_id):
    from registry.ratings.service import compliance_and_rating
    from registry.agencies.trust import agency_standing
    with read_session():  # a public read: no pre-ping, BEGIN or ROLLBACK round trips
        record = lookup.agency_page_record(agency_id)
        if record is None:
            abort(404)
        compliance, rating = compliance_and_rating(record)
        return render_template("portal/agency.html", agency=record, status=agency_status_view(record),
                               compliance=compliance, rating=rating, standing=agency_standing(record))


@bp.route("/licences/<string:country>/<path:licence_no>")
def licence(country, licence_no):
    """A licence number from a poster or a QR code: the agency's page, or a warning for an unknown number."""
    found = find_licence(country[:2], licence_no[:60])
    if found is not None:
        return redirect(url_for("portal.agency", agency_id=found.agency_id))
    similar = lookup.did_you_mean(licence_no)
    return render_template("portal/unknown.html", q=f"{country.upper()[:2]} {licence_no[:60]}", similar=similar), 404


def _safe_next(target: str | None) -> str:
    """Only redirect within this site (no open redirect)."""
    if not target:
        return url_for("portal.home")
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not target.startswith("/") or target.startswith("//"):
        return url_for("portal.home")
    return target


@bp.route("/lang/<code>")
def switch_language(code):
    """Keep the chosen language in a cookie for a year and go back to the page the worker was on."""
    if code not in LANGUAGES:
        abort(404)
    response = make_response(redirect(_safe_next(request.args.get("next"))))
    response.set_cookie(COOKIE, code, max_age=365 * 24 * 3600, samesite="Lax", httponly=True,
                        secure=request.is_secure)
    return response
