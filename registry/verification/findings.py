"""The checks behind a job-offer verification; each returns findings {code, severity, message, evidence}.

Severity: `critical` (the offer must not go ahead), `warning` (ask questions first), `info` (checked and fine).
"""
from datetime import date
from decimal import Decimal

from sqlalchemy import or_, select
from sqlalchemy.orm import selectinload

from registry.accreditation.service import accreditations_of, status_on
from registry.agencies.models import Agency, AgencyName
from registry.domain import InvalidInput
from registry.fees.calculator import MissingRate, convert, round_money
from registry.fees.check import check_fees
from registry.fees.rates import lookup_on
from registry.extensions import db
from registry.licences.models import Licence
from registry.licences.service import find_licence, status_as_of
from watchlist.matching import search_key
from watchlist.subjects.models import Subject, SubjectIdentifier, SubjectName

CRITICAL_STANDINGS = frozenset({"convicted", "debarred", "banned", "licence_revoked", "licence_cancelled", "sanctioned"})
WARNING_STANDINGS = frozenset({"pending", "licence_suspended", "linked_to_adverse_record", "listed"})


def finding(code: str, severity: str, message: str, **evidence) -> dict:
    return {"code": code, "severity": severity, "message": message, "evidence": evidence}


def verdict(findings: list[dict]) -> str:
    """Any critical finding rejects the offer; any warning asks for caution; otherwise it is clear."""
    severities = {f["severity"] for f in findings}
    return "reject" if "critical" in severities else "caution" if "warning" in severities else "clear"


# --- the agency and its licence -------------------------------------------------------------------------------

def resolve_licence(agency_ref: dict, on: date) -> tuple[Agency | None, Licence | None]:
    """The licence named (country + number), or for a name the agency's licence in force on the date (else its latest)."""
    if agency_ref.get("licence_no"):
        licence = find_licence(agency_ref["country"], agency_ref["licence_no"])
        return (licence.agency, licence) if licence else (None, None)
    key = search_key(agency_ref["name"])
    agencies = db.session.scalars(select(Agency).options(selectinload(Agency.licences).selectinload(Licence.actions))
                                  .outerjoin(AgencyName).where(Agency.country == agency_ref["country"],
                                                               or_(Agency.search_key == key, AgencyName.search_key == key))
                                  .distinct().order_by(Agency.id)).all()
    licences = [lic for agency in agencies for lic in agency.licences if lic.country == agency_ref["country"]]
    valid = [lic for lic in licences if status_as_of(lic, on).status == "valid"]
    if valid or licences:
        licence = (valid or licences)[-1]
        return licence.agency, licence
    return (agencies[0] if agencies else None), None


def licence_findings(agency_ref: dict, agency: Agency | None, licence: Licence | None, destination: str, on: date) -> list[dict]:
    named = agency_ref.get("licence_no") or agency_ref.get("name")
    if licence is None:
        return [finding("licence_not_found", "critical", f"No licence for '{named}' issued by {agency_ref['country']} is in "
                        "the registry. Recruiting without a licence is illegal.", country=agency_ref["country"],
                        licence_no=agency_ref.get("licence_no"), name=agency_ref.get("name"),
                        agency_id=agency.id if agency else None)]
    snap = status_as_of(licence, on)
    evidence = {"country": licence.country, "licence_no": licence.licence_no, "agency_id": agency.id, "agency": agency.name,
                "status": snap.status, "expires_on": snap.expires_on.isoformat() if snap.expires_on else None,
                "on": on.isoformat()}
    if snap.status != "valid":
        result = [finding(f"licence_{snap.status}", "critical",
                          f"The licence {licence.licence_no} of {agency.name} is {snap.status} on {on.isoformat()}.", **evidence)]
    else:
        result = [finding("licence_valid", "info", f"The licence {licence.licence_no} of {agency.name} is valid on "
                                                   f"{on.isoformat()}.", **evidence)]
    if licence.destinations and destination not in licence.destinations:
        result.append(finding("destination_not_authorised", "critical",
                              f"The licence does not authorise deployment to {destination}.",
                              destination=destination, authorised=list(licence.destinations)))
    return result


def agency_history_findings(agency: Agency) -> list[dict]:
    """Past suspensions, revocations or a ban on any of the agency's licences."""
    from watchlist.screening.sources import agency_history
    worst, events = agency_history(agency)
    if worst is None:
        return []
    severity = "critical" if worst == "banned" else "warning"
    return [finding("agency_adverse_history", severity, f"{agency.name} has an adverse licence history ({worst}).",
                    agency_id=agency.id, standing=worst, licence_history=events)]


# --- the employer, its accreditation and job order -----------------------------------------------------------

def employer_candidates(employer: dict) -> list[Subject]:
    """Watchlist organisations in the employer's country with the same registration number or the same name."""
    from watchlist.subjects.service import normalise
    conditions = [Subject.search_key == search_key(employer["name"]), SubjectName.search_key == search_key(employer["name"])]
    if employer.get("registration_no"):
        conditions.append((SubjectIdentifier.kind == "registration_no")
                          & (SubjectIdentifier.normalised == normalise("registration_no", employer["registration_no"])))
    query = (select(Subject).outerjoin(SubjectName).outerjoin(SubjectIdentifier)
             .where(Subject.kind == "organisation", Subject.country == employer["country"], or_(*conditions))
             .distinct().order_by(Subject.id))
    return list(db.session.scalars(query))


def accreditation_findings(employers: list[Subject], agency: Agency | None, offer: dict, on: date) -> list[dict]:
    if agency is None:
        return []
    accreditations = accreditations_of([s.id for s in employers], agency.id, offer["destination"])
    base = {"employer": offer["employer"]["name"], "agency": agency.name, "destination": offer["destination"],
            "employer_ids": [s.id for s in employers]}
    if not accreditations:
        known = "is not in the registry" if not employers else "is in the registry but"
        return [finding("employer_not_accredited", "critical", f"The employer {offer['employer']['name']} {known} not "
                        f"accredited with {agency.name} for {offer['destination']}.", **base)]
    statuses = [(a, status_on(a, on)) for a in accreditations]
    valid = [a for a, snap in statuses if snap.status == "valid"]
    if not valid:
        accreditation, snap = statuses[-1]
        return [finding(f"employer_accreditation_{snap.status}", "critical",
                        f"The employer's accreditation with {agency.name} is {snap.status.replace('_', ' ')} on {on.isoformat()}.",
                        accreditation_id=accreditation.id, status=snap.status, **base)]
    accreditation = valid[-1]
    return [finding("employer_accredited", "info", f"The employer is accredited with {agency.name} for {offer['destination']}.",
                    accreditation_id=accreditation.id, **base)] + job_order_findings(accreditation, offer, on)


def job_order_findings(accreditation, offer: dict, on: date) -> list[dict]:
    orders = [o for o in accreditation.job_orders if o.in_force(on)]
    position = offer["position"].strip().casefold()
    order = next((o for o in orders if o.position.strip().casefold() == position), None) or next(
        (o for o in orders if o.sector == offer.get("sector")), None)
    if order is None:
        return [finding("no_job_order", "warning", f"No approved job order for '{offer['position']}' is in force under the "
                        "accreditation on that date.", accreditation_id=accreditation.id, position=offer["position"])]
    evidence = {"job_order_id": order.id, "approved_wage": str(round_money(order.monthly_wage, order.currency)),
                "approved_currency": order.currency, "offered_wage": str(offer["monthly_wage"]), "offered_currency": offer["currency"]}
    try:
        # the accreditation is the agency country's record: its rates (and rates serving every country) compare the wages
        offered, _rate = convert(offer["monthly_wage"], offer["currency"], order.currency, lookup_on(on, accreditation.agency.country))
    except MissingRate:
        return [finding("wage_not_compared", "warning", f"The wage is in {offer['currency']} and the job order in "
                        f"{order.currency}; no exchange rate is known to compare them.", **evidence)]
    if round_money(offered, order.currency) < round_money(order.monthly_wage, order.currency):
        return [finding("wage_below_job_order", "critical", "The wage offered is lower than the wage in the approved job "
                        f"order ({order.currency} {round_money(order.monthly_wage, order.currency)}): possible contract "
                        "substitution.", **evidence)]
    return [finding("job_order_matches", "info", "An approved job order covers this position and the wage is not lower.",
                    **evidence)]


# --- watchlist screening ---------------------------------------------------------------------------------------

def screening_findings(offer: dict, agency: Agency | None, employers: list[Subject]) -> list[dict]:
    """Screen the employer, the agency and its current officers against the watchlist and adverse registry records."""
    try:
        from watchlist.screening.service import screen_one
    except ImportError:
        return [finding("screening_unavailable", "warning", "Watchlist screening is not available; check the names by hand.")]
    employer = offer["employer"]
    own_subjects = {s.id for s in employers}
    items = [("employer", {"name": employer["name"], "kind": "organisation", "country": employer["country"],
                           **{k: employer.get(k) for k in ("registration_no", "address", "phone", "email")}})]
    if agency is not None:
        items.append(("agency", {"name": agency.name, "kind": "organisation", "country": agency.country,
                                 "registration_no": agency.registration_no, "address": agency.address, "phone": agency.phone,
                                 "email": agency.email}))
        items += [("officer", {"name": o.name, "kind": "person", "country": agency.country}) for o in agency.current_officers[:10]]
    results, seen = [], set()
    for role, item in items:
        for hit in screen_one(item, limit=5):
            if agency is not None and hit.get("agency_id") == agency.id:
                continue  # the agency's own history is reported by agency_adverse_history
            severity = _severity(hit)
            key = (role, item["name"], hit.get("source"), hit.get("subject_id"), hit.get("agency_id"), hit.get("name"))
            if severity is None or key in seen:
                continue
            if role == "employer" and hit.get("subject_id") in own_subjects and hit.get("standing") in {"none", "cleared"}:
                continue
            seen.add(key)
            listed_by = f", listed by {hit['source_name']}" if hit.get("type") == "source_entity" else ""
            results.append(finding(f"{role}_watchlist_match", severity,
                                   f"The {role} '{item['name']}' {'matches' if hit.get('match') else 'may match'} "
                                   f"'{hit.get('matched_name') or hit.get('name')}' ({hit.get('standing')}{listed_by}).",
                                   screened=item["name"], **{k: hit.get(k) for k in (
                                       "source", "source_name", "source_url", "subject_id", "agency_id", "name",
                                       "matched_name", "score", "match", "review", "standing", "explanation")}))
    return results


def _severity(hit: dict) -> str | None:
    standing = hit.get("standing")
    if not (hit.get("match") or hit.get("review")) or standing not in CRITICAL_STANDINGS | WARNING_STANDINGS:
        return None
    return "critical" if hit.get("match") and standing in CRITICAL_STANDINGS else "warning"


# --- charges ------------------------------------------------------------------------------------------------------

def charge_findings(offer: dict, on: date) -> list[dict]:
    if not offer.get("charges"):
        return []
    request = {"origin": offer["origin"], "destination": offer["destination"], "sector": offer.get("sector") or "any",
               "monthly_salary": offer["monthly_wage"], "currency": offer["currency"],
               "contract_months": offer["contract_months"], "date": on, "charges": offer["charges"]}
    try:
        checked = check_fees(request)
    except InvalidInput as refused:
        return [finding("charges_not_checked", "warning", refused.message, errors=refused.errors)]
    results = []
    for index, charge in enumerate(checked["charges"]):
        evidence = {"index": index, "category": charge["category"], "amount": str(charge["amount"]),
                    "currency": charge["currency"], "cap": _text(charge["cap"]), "excess": _text(charge["excess"]),
                    "rule": charge["rule"]}
        if charge["status"] in {"over_cap", "prohibited"}:
            results.append(finding(f"charge_{charge['status']}", "critical", charge["explanation"], **evidence))
        elif charge["status"] == "no_rule":
            results.append(finding("charge_no_rule", "info", charge["explanation"], **evidence))
    return results


def _text(value: Decimal | None) -> str | None:
    return None if value is None else str(value)
