"""Console pages for the watchlist: cases (create with respondents and 'find similar' subjects, add events) and the review queue."""
from flask import abort, flash, redirect, render_template, request, url_for
from werkzeug.datastructures import MultiDict

from registry.console import bp, current_actor
from registry.console.forms import clean, flash_errors, load, report
from registry.domain import DomainError

RESPONDENT_ROWS = 3


def _money(form, prefix: str) -> dict | None:
    amount = form.get(f"{prefix}_amount", "").replace(",", "").strip()
    return {"amount": amount, "currency": form.get(f"{prefix}_currency", "").strip()} if amount else None


def _respondents(form, jurisdiction: str) -> list[dict]:
    rows = []
    for i in range(RESPONDENT_ROWS):
        name, subject_id = form.get(f"name_{i}", "").strip(), form.get(f"subject_id_{i}", "").strip()
        role = form.get(f"role_{i}", "employer")
        if subject_id:
            rows.append({"subject_id": subject_id, "role": role})
        elif name:
            rows.append({"subject": {"kind": form.get(f"kind_{i}", "organisation"), "name": name,
                                     "country": form.get(f"country_{i}", "").strip() or jurisdiction}, "role": role})
    return rows


def _similar(form, row: int) -> list[dict]:
    """Existing subjects like the name typed in one respondent row, from the matching engine's screening service."""
    from watchlist.screening.service import screen_one

    name = form.get(f"name_{row}", "").strip()
    hits = screen_one({"name": name, "kind": form.get(f"kind_{row}", "any")}, limit=8) if name else []
    return [h for h in hits if h.get("subject_id")]


@bp.route("/cases")
def cases():
    from watchlist.cases.service import list_cases

    actor = current_actor()
    items, total = list_cases(None, None if actor.role == "admin" else actor.country, 1, 100)
    return render_template("console/cases.html", items=items, total=total)


@bp.route("/cases/new", methods=["GET", "POST"])
def case_new():
    from watchlist.cases.schemas import CaseIn
    from watchlist.cases.service import create_case
    from watchlist.vocabulary import ILO_INDICATORS, OFFENCES, RESPONDENT_ROLES, SUBJECT_KINDS

    form = request.form if request.method == "POST" else MultiDict({"jurisdiction": current_actor().country or ""})
    similar, find_row, errors = [], None, {}
    if request.method == "POST" and request.form.get("find", "").isdigit():
        find_row = int(request.form["find"])
        similar = _similar(request.form, find_row)
    elif request.method == "POST":
        data = clean(form, ("case_no", "jurisdiction", "authority", "filed_on", "summary"))
        data.update(offences=form.getlist("offences"), indicators=form.getlist("indicators"),
                    respondents=_respondents(form, data.get("jurisdiction", "")))
        loaded, errors = load(CaseIn(), data)
        if loaded is not None:
            try:
                case = create_case(loaded, current_actor())
            except DomainError as exc:
                report(exc)
            else:
                flash(f"Case {case.case_no} created.")
                return redirect(url_for("console.case_detail", case_id=case.id))
    return render_template("console/case_new.html", form=form, errors=errors, similar=similar, find_row=find_row,
                           rows=range(RESPONDENT_ROWS), offences=OFFENCES, indicators=ILO_INDICATORS,
                           roles=RESPONDENT_ROLES, kinds=SUBJECT_KINDS), 422 if errors else 200


@bp.route("/cases/<int:case_id>")
def case_detail(case_id):
    from watchlist.cases.lifecycle import EVENTS
    from watchlist.cases.service import get_case

    try:
        case = get_case(case_id)
    except DomainError:
        abort(404)
    return render_template("console/case.html", case=case, events=EVENTS)


@bp.route("/cases/<int:case_id>/events", methods=["POST"])
def case_event(case_id):
    from watchlist.cases import schemas
    from watchlist.cases.service import add_event

    form = request.form
    data = clean(form, ("event", "date", "respondent_id", "reference", "note", "version"))
    sanctions = clean(form, ("imprisonment_months", "debarment_until"))
    if _money(form, "fine"):
        sanctions["fine"] = _money(form, "fine")
    if form.get("debarment_permanent") == "yes":
        sanctions["debarment_permanent"] = True
    if sanctions:
        data["sanctions"] = sanctions
    compensation = {k: v for k, v in (("ordered", _money(form, "ordered")), ("paid", _money(form, "paid"))) if v}
    if compensation:
        data["compensation"] = compensation
    schema = getattr(schemas, "CaseEventIn", None) or schemas.EventIn
    loaded, errors = load(schema(), data)
    if errors:
        flash_errors(errors)
    else:
        try:
            add_event(case_id, loaded, current_actor())
            flash(f"Recorded '{loaded['event']}'.")
        except DomainError as exc:
            report(exc)
    return redirect(url_for("console.case_detail", case_id=case_id))


@bp.route("/review")
def review_queue():
    from watchlist.screening.flags import list_flags

    status = request.args.get("status", "open")
    items, total = list_flags(current_actor(), status if status != "all" else None, None, 1, 50)
    return render_template("console/review.html", items=items, total=total, status=status)


@bp.route("/review/<int:flag_id>", methods=["POST"])
def review_decide(flag_id):
    from watchlist.screening.flags import decide

    decision, reason = request.form.get("decision"), request.form.get("reason", "").strip()
    if decision not in {"same", "different"} or not reason:
        flash("Choose same or different and give the reason.", "error")
    else:
        try:
            decide(flag_id, decision, reason, current_actor(), request.form.get("version", type=int))
            flash(f"Flag {flag_id} decided: {decision}.")
        except DomainError as exc:
            report(exc)
    return redirect(url_for("console.review_queue"))
