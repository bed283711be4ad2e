"""Console pages for agencies and licences: search, create, issue and record actions, and each record's audit trail."""
from flask import abort, flash, redirect, render_template, request, url_for
from sqlalchemy import func, select

from registry.agencies import service as agencies, trust
from registry.agencies.schemas import AgencyIn
from registry.audit.scope import check_trail_access
from registry.audit.service import list_audit
from registry.complaints.models import Complaint
from registry.console import bp, current_actor
from registry.console.forms import clean, flash_errors, lines, load, officers_from, report
from registry.domain import DomainError, NotFound
from registry.extensions import db
from registry.licences import service as licences
from registry.licences.lifecycle import ACTIONS
from registry.licences.schemas import SCOPES, ActionIn, LicenceIn

AUDITABLE = {"agency", "licence", "complaint", "case", "subject", "flag"}


@bp.route("/")
def dashboard():
    actor = current_actor()
    query = select(func.count()).select_from(Complaint).where(Complaint.status.in_(("received", "under_review")))
    if actor.role != "admin":
        query = query.where(Complaint.country == actor.country)
    return render_template("console/dashboard.html", open_complaints=db.session.scalar(query))


@bp.route("/agencies")
def agency_search():
    q = (request.args.get("q") or "").strip()[:200]
    items, total = agencies.search_agencies(q or None, request.args.get("country") or None, None, 1, 50)
    trust.attach(items)
    return render_template("console/agencies.html", q=q, items=items, total=total)


def _agency_payload(form) -> dict:
    data = clean(form, ("name", "country", "registration_no", "address", "phone", "email", "website"))
    data["other_names"] = [{"name": n, "kind": "trade"} for n in lines(form.get("other_names"))]
    data["officers"] = officers_from(form.get("officers"))
    return data


@bp.route("/agencies/new", methods=["GET", "POST"])
def agency_new():
    form, errors = request.form if request.method == "POST" else {"country": current_actor().country or ""}, {}
    if request.method == "POST":
        data, errors = load(AgencyIn(), _agency_payload(request.form))
        if data is not None:
            try:
                agency = agencies.create_agency(data, current_actor())
            except DomainError as exc:
                report(exc)
            else:
                flash(f"Agency {agency.name} registered.")
                return redirect(url_for("console.agency_detail", agency_id=agency.id))
    return render_template("console/agency_new.html", form=form, errors=errors), 422 if errors else 200


@bp.route("/agencies/<int:agency_id>")
def agency_detail(agency_id):
    try:
        agency = agencies.get_agency(agency_id)
    except DomainError:
        abort(404)
    return render_template("console/agency.html", agency=agency, actions=ACTIONS, scopes=SCOPES,
                           can_write=current_actor().can_write_country(agency.country), standing=trust.agency_standing(agency))


@bp.route("/agencies/<int:agency_id>/licences", methods=["POST"])
def licence_issue(agency_id):
    data = clean(request.form, ("licence_no", "authority", "scope", "issued_on", "expires_on", "reason", "legal_basis",
                                "override_reason"))
    data["override"] = request.form.get("override") == "yes"
    data["destinations"] = [c.strip() for c in request.form.get("destinations", "").replace(",", " ").split() if c.strip()]
    loaded, errors = load(LicenceIn(), data)
    if errors:
        flash_errors(errors)
    else:
        try:
            licence = licences.issue_licence(agency_id, loaded, current_actor())
            flash(f"Licence {licence.licence_no} issued.")
        except DomainError as exc:
            report(exc)
    return redirect(url_for("console.agency_detail", agency_id=agency_id))


@bp.route("/licences/<string:country>/<path:licence_no>/actions", methods=["POST"])
def licence_action(country, licence_no):
    data = clean(request.form, ("action", "reason", "legal_basis", "effective_on", "until", "expires_on", "version"))
    data["ban"] = request.form.get("ban") == "yes"
    loaded, errors = load(ActionIn(), data)
    agency_id = request.form.get("agency_id", type=int)
    if errors:
        flash_errors(errors)
    else:
        try:
            licence = licences.apply_action(country, licence_no, loaded, current_actor())
            flash(f"Recorded '{loaded['action']}' on licence {licence.licence_no}: it is now {licence.status}.")
            agency_id = licence.agency_id
        except DomainError as exc:
            report(exc)
    return redirect(url_for("console.agency_detail", agency_id=agency_id) if agency_id else url_for("console.agency_search"))


@bp.route("/audit/<string:entity_type>/<string:entity_id>")
def audit_trail(entity_type, entity_id):
    if entity_type not in AUDITABLE:
        abort(404)
    try:
        check_trail_access(current_actor(), entity_type, entity_id)
    except NotFound:
        abort(404)
    except DomainError:
        abort(403)
    items, total = list_audit(entity_type, entity_id[:60], 1, 200)
    return render_template("console/audit.html", entity_type=entity_type, entity_id=entity_id, items=items, total=total)
