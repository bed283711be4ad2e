"""Complaint pages: the form (CSRF-protected, idempotent, rate-limited), the tracking-code page and its lookup form."""
import uuid

from flask import redirect, render_template, request, url_for
from flask_babel import get_locale
from marshmallow import ValidationError

from registry.complaints import service
from registry.complaints.models import CATEGORIES
from registry.complaints.schemas import CATEGORY_LABELS, STATUS_LABELS, ComplaintIn
from registry.domain import DomainError, NotFound
from registry.extensions import limiter
from registry.i18n import translate
from registry.portal import bp
from registry.security import form_limit

ORIGINS = ("PH", "ID", "VN", "TH", "KH", "MM", "NP", "LA", "MY", "LK", "BD", "IN", "PK")
DESTINATIONS = ("SA", "AE", "QA", "KW", "OM", "BH", "JO", "LB", "MY", "SG", "HK", "TW", "JP", "KR", "TH", "IL", "US", "GB")
CURRENCIES = ("PHP", "IDR", "VND", "THB", "KHR", "MMK", "NPR", "LAK", "MYR", "LKR", "USD", "SAR", "AED", "QAR", "SGD", "HKD")
LOCALE_COUNTRY = {"fil": "PH", "id": "ID", "vi": "VN", "th": "TH", "km": "KH", "my": "MM", "ne": "NP"}
FORM_FIELDS = ("agency_name", "agency_licence_no", "employer_name", "employer_country", "country", "category",
               "description", "amount", "currency", "purpose", "contact")


def country_names(codes) -> list[tuple[str, str]]:
    territories = get_locale().territories
    return [(code, territories.get(code, code)) for code in codes]


def _form_context(form: dict, errors: dict) -> dict:
    return {"form": form, "errors": errors, "categories": [(c, CATEGORY_LABELS[c]) for c in CATEGORIES],
            "origins": country_names(ORIGINS), "destinations": country_names(DESTINATIONS), "currencies": CURRENCIES}


def _to_payload(form) -> dict:
    """The form's flat fields in the API's shape (one payment row; empty fields left out)."""
    data = {f: form.get(f, "").strip() for f in FORM_FIELDS if form.get(f, "").strip()}
    amount, currency, purpose = data.pop("amount", None), data.pop("currency", None), data.pop("purpose", None)
    if amount:
        data["payments"] = [{"amount": amount.replace(",", ""), "currency": currency or "", "purpose": purpose}]
    data["anonymous"] = form.get("anonymous") == "yes"
    return data


def flat_errors(messages: dict) -> dict:
    """Marshmallow errors keyed by form field, in the reader's language."""
    flat = {}
    for field, value in messages.items():
        if field == "payments" and isinstance(value, dict):
            for row in value.values():
                if isinstance(row, dict):
                    flat.update({sub: [translate(m) for m in msgs] for sub, msgs in row.items()})
            continue
        msgs = value if isinstance(value, list) else [str(value)]
        flat[field] = [translate(m) for m in msgs]
    return flat


@bp.route("/complaints/new", methods=["GET"])
def new_complaint():
    form = {"agency_name": request.args.get("agency_name", "")[:300],
            "country": LOCALE_COUNTRY.get(str(get_locale()), ""), "idempotency_key": uuid.uuid4().hex}
    return render_template("portal/complaint_form.html", **_form_context(form, {}))


@bp.route("/complaints/new", methods=["POST"])
@limiter.limit(form_limit, methods=["POST"])
def submit_complaint():
    form = request.form.to_dict()
    key = (form.get("idempotency_key") or "").strip()[:100] or None
    try:
        data = ComplaintIn().load(_to_payload(form))
        complaint, _created = service.file_complaint(data, service.public_actor("portal", request.headers.get("X-Request-ID")), key)
    except ValidationError as exc:
        return render_template("portal/complaint_form.html", **_form_context(form, flat_errors(exc.messages))), 422
    except DomainError as exc:
        errors = flat_errors(exc.errors.get("json", {})) if exc.errors else {"_": [exc.message]}
        return render_template("portal/complaint_form.html", **_form_context(form, errors)), exc.status_code
    return redirect(url_for("portal.complaint_page", code=complaint.code, new=1), code=303)


@bp.route("/complaints/track")
def track_complaint():
    code = (request.args.get("code") or "").strip()
    if code:
        return redirect(url_for("portal.complaint_page", code=service.normalise_code(code) or "-"))
    return render_template("portal/complaint_track.html")


@bp.route("/complaints/<string:code>")
def complaint_page(code):
    try:
        complaint = service.get_by_code(code)
    except NotFound as exc:
        return render_template("portal/complaint_track.html", error=exc.message, code=code), 404
    return render_template("portal/complaint_status.html", complaint=complaint, new=request.args.get("new") == "1",
                           status_label=STATUS_LABELS[complaint.status])
