"""Console complaints triage: the country's queue, one complaint with its history, and status changes."""
from flask import abort, flash, redirect, render_template, request, url_for

from registry.complaints import service
from registry.complaints.models import STATUSES
from registry.complaints.schemas import StatusChangeIn
from registry.console import bp, current_actor
from registry.console.forms import clean, flash_errors, load, report
from registry.domain import DomainError, NotFound


@bp.route("/complaints")
def complaints():
    status = request.args.get("status") if request.args.get("status") in STATUSES else None
    items, total = service.triage_queue(current_actor(), status, 1, 100)
    return render_template("console/complaints.html", items=items, total=total, status=status, statuses=STATUSES)


@bp.route("/complaints/<int:complaint_id>")
def complaint(complaint_id):
    try:
        record = service.get_for_regulator(complaint_id, current_actor())
    except NotFound:
        abort(404)
    except DomainError as exc:
        abort(403, description=exc.message)
    return render_template("console/complaint.html", complaint=record, next_statuses=service.NEXT[record.status])


@bp.route("/complaints/<int:complaint_id>/events", methods=["POST"])
def complaint_event(complaint_id):
    data, errors = load(StatusChangeIn(), clean(request.form, ("status", "note", "case_id", "version")))
    if errors:
        flash_errors(errors)
    else:
        try:
            record = service.change_status(complaint_id, data, current_actor())
            flash(f"Complaint {record.id} is now {record.status}.")
        except DomainError as exc:
            report(exc)
    return redirect(url_for("console.complaint", complaint_id=complaint_id))
