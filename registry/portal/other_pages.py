"""Public pages built on other services: fee check (registry.fees), employer check (public watchlist), open data, job-offer references."""
from urllib.parse import quote

from flask import redirect, render_template, request
from flask_babel import lazy_gettext
from marshmallow import ValidationError

from registry.common.time import today
from registry.domain import DomainError
from registry.portal import bp
from registry.portal.complaint_pages import CURRENCIES, DESTINATIONS, ORIGINS, country_names, flat_errors

FEE_CATEGORIES = {
    "placement_fee": lazy_gettext("Placement or service fee"),
    "administrative_documentation": lazy_gettext("Documents and processing"),
    "medical": lazy_gettext("Medical examination"),
    "insurance": lazy_gettext("Insurance"),
    "skills_tests": lazy_gettext("Skills tests"),
    "training_orientation": lazy_gettext("Training and orientation"),
    "equipment": lazy_gettext("Equipment or uniform"),
    "travel_lodging": lazy_gettext("Travel and lodging"),
    "visa_work_permit": lazy_gettext("Visa and work permit"),
    "passport_government_fees": lazy_gettext("Passport and government fees"),
    "deposit_bond": lazy_gettext("Deposit or bond"),
}
SECTORS = {
    "domestic_work": lazy_gettext("Domestic work"), "caregiving": lazy_gettext("Caregiving"),
    "construction": lazy_gettext("Construction"), "manufacturing": lazy_gettext("Factory work"),
    "agriculture": lazy_gettext("Farm work"), "fishing": lazy_gettext("Fishing"),
    "hospitality": lazy_gettext("Hotels and restaurants"), "seafaring": lazy_gettext("Work at sea"),
    "any": lazy_gettext("Other work"),
}
CHARGE_ROWS = 3


def _fee_payload(form) -> dict:
    charges = []
    for i in range(CHARGE_ROWS):
        amount = (form.get(f"amount_{i}") or "").replace(",", "").strip()
        if amount:
            charges.append({"category": form.get(f"category_{i}", ""), "amount": amount,
                            "currency": form.get(f"currency_{i}") or form.get("currency", "")})
    data = {k: (form.get(k) or "").replace(",", "").strip() for k in ("origin", "destination", "sector", "monthly_salary", "currency", "contract_months")}
    return {**{k: v for k, v in data.items() if v}, "charges": charges}


def _fee_errors(messages: dict) -> dict:
    errors = flat_errors({k: v for k, v in messages.items() if k != "charges"})
    charges = messages.get("charges")
    if isinstance(charges, dict):
        for index, row in charges.items():
            for sub, msgs in (row.items() if isinstance(row, dict) else []):
                errors[f"{sub}_{index}"] = msgs
    elif charges:
        errors["amount_0"] = charges if isinstance(charges, list) else [str(charges)]
    return errors


@bp.route("/fees/check")
def fee_check():
    """Check what an agency asked you to pay against the legal caps (GET form, so it works without cookies)."""
    from registry.fees.check import check_fees
    from registry.fees.schemas import FeeCheckIn

    form, result, errors, status = request.args.to_dict(), None, {}, 200
    if "origin" in form:
        try:
            result = check_fees(FeeCheckIn().load(_fee_payload(form)))
        except ValidationError as exc:
            errors, status = _fee_errors(exc.messages), 422
        except DomainError as exc:
            errors, status = (_fee_errors(exc.errors["json"]) if exc.errors and "json" in exc.errors else {"_": [exc.message]}), exc.status_code
    return render_template("portal/fee_check.html", form=form, result=result, errors=errors, rows=range(CHARGE_ROWS),
                           origins=country_names(ORIGINS), destinations=country_names(DESTINATIONS), currencies=CURRENCIES,
                           sectors=SECTORS, categories=FEE_CATEGORIES), status


@bp.route("/employers")
def employers():
    """Public standing of a foreign employer: convicted or debarred, from the watchlist (nothing else is public)."""
    from watchlist.employer_check import check_employer
    from watchlist.sources.service import search_listed

    q = (request.args.get("q") or "").strip()[:200]
    result = check_employer(q, None, today(), 1, 20) if q else {"items": [], "suggestions": [], "note": None}
    listed = search_listed(q, None, False, 1, 20)[0] if q else []  # other public sources, shown apart
    return render_template("portal/employers.html", q=q, found=result["items"], suggestions=result["suggestions"],
                           note=result["note"], listed=listed)


@bp.route("/open-data")
def open_data():
    return render_template("portal/open_data.html")


@bp.route("/job-offers")
def verify_help():
    """How to check a job-offer verification reference (the verification page itself is /verify/<reference>)."""
    reference = "".join(ch for ch in (request.args.get("reference") or "") if ch.isalnum() or ch in "-_.")[:200]
    if reference:
        return redirect(f"/verify/{quote(reference)}")
    return render_template("portal/verify_help.html")
