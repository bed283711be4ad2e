"""Fictitious demo accreditations: invented Gulf employers accredited with demo PH agencies, with job orders.

One employer is a watchlist subject with cases (if the watchlist demo is loaded) so a verification of its
offers shows a rejection; one accreditation is suspended. Dates are relative to today so statuses stay true.
"""
from datetime import timedelta
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from registry.accreditation import service
from registry.agencies.models import Agency
from registry.common.time import today
from registry.demo.agencies import DEMO_ACTOR
from registry.extensions import db
from registry.licences.models import Licence
from watchlist.subjects import service as subjects
from watchlist.subjects.models import Subject

EMPLOYERS = [
    ("SA-DEMO-E01", "Qasr Almarjan Household Services Co.", "SA", "1010554433"),
    ("SA-DEMO-E02", "Bayt Lunara Home Care Est.", "SA", "1010667788"),
    ("AE-DEMO-E01", "Falaj Serinor Hospitality LLC", "AE", "CN-5540199"),
]
JOB_ORDERS = [("Household service worker", "domestic_work", 20, "1500.00", "SAR"),
              ("Caregiver", "caregiving", 8, "1800.00", "SAR"),
              ("Hotel housekeeping attendant", "hospitality", 15, "1600.00", "AED")]


def _employers() -> list[Subject]:
    made = [subjects.create_subject({"kind": "organisation", "name": name, "country": country, "external_id": ext,
                                     "registration_no": reg, "addresses": [f"Demo Tower {ext[-3:]}, {country}"]}, DEMO_ACTOR)
            for ext, name, country, reg in EMPLOYERS]
    with_cases = db.session.scalar(select(Subject).where(Subject.external_id == "SA-DEMO-001"))
    return made[:1] + ([with_cases] if with_cases else []) + made[1:]


def seed_accreditations() -> dict:
    agencies = [a for a in db.session.scalars(select(Agency).options(selectinload(Agency.licences).selectinload(Licence.actions))
                                              .where(Agency.country == "PH").order_by(Agency.id))
                if any(lic.status == "valid" for lic in a.licences)][:2]
    start, end = today() - timedelta(days=300), today() + timedelta(days=800)
    accreditations, orders = [], 0
    for i, employer in enumerate(_employers() if agencies else []):
        agency = agencies[i % len(agencies)]
        destination = employer.country
        accreditation = service.accredit({"employer_id": employer.id, "agency_id": agency.id, "destination": destination,
                                          "valid_from": start, "valid_until": end,
                                          "reason": "Employer documents verified by the labour attaché (demo)."}, DEMO_ACTOR)
        position, sector, workers, wage, currency = JOB_ORDERS[2] if destination == "AE" else JOB_ORDERS[i % 2]
        service.add_job_order(accreditation.id, {"position": position, "sector": sector, "workers": workers,
                                                 "monthly_wage": Decimal(wage), "currency": currency, "contract_months": 24,
                                                 "approved_on": start + timedelta(days=30), "valid_until": end}, DEMO_ACTOR)
        accreditations.append(accreditation)
        orders += 1
    if len(accreditations) > 2:
        service.apply_action(accreditations[2].id, {"action": "suspend", "effective_on": today() - timedelta(days=20),
                                                    "reason": "Three workers reported unpaid wages (demo)."}, DEMO_ACTOR)
    return {"accreditations": len(accreditations), "job orders": orders}
