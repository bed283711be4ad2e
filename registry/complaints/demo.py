"""Fictitious demo complaints in every status, so the console triage queue and the rating have something to show."""
from decimal import Decimal

from sqlalchemy import select

from registry.agencies.models import Agency
from registry.common.actor import Actor
from registry.complaints import service
from registry.extensions import db

DEMO_REGULATOR = Actor(name="demo data loader", role="admin", via="cli")
COMPLAINTS = [
    ("Velmora Overseas Manpower Inc.", "passport_retention", "They kept my passport until I paid 80,000 pesos.",
     [("80000.00", "PHP", "release of passport")], ["under_review"]),
    ("Velmorra Global Manpower Corp.", "overcharging", "Asked for two months' salary as placement fee before departure.",
     [("60000.00", "PHP", "placement fee")], ["under_review", "resolved"]),
    ("PT Sinar Jaya Manpower", "contract_substitution", "The contract in Kuala Lumpur paid half of what I signed for.",
     [], ["under_review", "referred"]),
    ("Bright Lotus Recruitment Co., Ltd.", "deception", "The job was in a different factory and city.", [], ["dismissed"]),
    (None, "unpaid_wages", "Employer Zorvath Holdings did not pay for three months.", [], []),
]


def seed_complaints() -> dict:
    count = 0
    for name, category, text, payments, steps in COMPLAINTS:
        agency = db.session.scalar(select(Agency).where(Agency.name == name)) if name else None
        data = {"agency_name": name, "employer_name": None if name else "Zorvath Holdings LLC", "employer_country": "SA",
                "category": category, "description": text, "country": agency.country if agency else "NP",
                "payments": [{"amount": Decimal(a), "currency": c, "purpose": p} for a, c, p in payments]}
        complaint, _created = service.file_complaint(data, service.public_actor("demo"))
        for status in steps:
            service.change_status(complaint.id, {"status": status, "note": f"Demo: moved to {status}."}, DEMO_REGULATOR)
        count += 1
    return {"complaints": count}
