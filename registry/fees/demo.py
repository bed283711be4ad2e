"""Demo fee rules transcribed from published regulations (PH, SG, HK, NP, TW, ID) and fictitious dated exchange rates.

Each rule carries its citation and a note to verify with the regulator: this is demo data, not legal advice.
"""
from datetime import date
from decimal import Decimal

from registry.common.actor import Actor
from registry.fees import rates, service

DEMO_ACTOR = Actor(name="demo data loader", role="admin", via="cli")
VERIFY = "Demo data transcribed from the published rule; verify the current rule with the regulator before relying on it."

PH_RULES = "2016 Revised POEA Rules and Regulations Governing the Recruitment and Employment of Land-based Overseas Filipino Workers"
NP_DECISION = "Government of Nepal, Ministry of Labour and Employment, 'free visa, free ticket' decision (2015)"
ID_REGULATION = "BP2MI Regulation No. 9 of 2020 on Exemption of Placement Costs for Indonesian Migrant Workers"
NP_DESTINATIONS = ("MY", "SA", "AE", "QA", "KW", "BH", "OM")
ID_SECTORS = ("domestic_work", "caregiving", "agriculture", "fishing")
ID_CATEGORIES = ("placement_fee", "administrative_documentation", "medical", "insurance", "skills_tests",
                 "training_orientation", "travel_lodging", "visa_work_permit", "passport_government_fees")


def _rule(side, origin, destination, category, payer, kind, citation, url, since, sector="any", **terms) -> dict:
    return {"side": side, "origin": origin, "destination": destination, "sector": sector, "category": category,
            "payer": payer, "cap_kind": kind, "citation": citation, "url": url, "note": VERIFY,
            "effective_from": since, **terms}


def demo_rules() -> list[dict]:
    rules = [
        _rule("origin", "PH", None, "placement_fee", "worker", "salary_multiple", f"{PH_RULES}, Rule V, Section 51",
              "https://www.dmw.gov.ph/", date(2016, 3, 1), multiple=Decimal("1")),
        _rule("origin", "PH", None, "placement_fee", "employer", "zero",
              f"{PH_RULES}, Section 51(a): no placement fee for household service workers", "https://www.dmw.gov.ph/",
              date(2016, 3, 1), sector="domestic_work"),
        _rule("destination", None, "SG", "placement_fee", "worker", "months_per_contract_year",
              "Employment Agencies Act 1958 and MOM licence conditions: at most one month's salary per year of contract, capped at two",
              "https://www.mom.gov.sg/employment-practices/employment-agencies", date(2011, 4, 1),
              months_per_year=Decimal("1"), max_months=Decimal("2")),
        _rule("destination", None, "HK", "placement_fee", "worker", "percent_of_first_month",
              "Employment Agency Regulations (Cap. 57A), Second Schedule: commission at most 10% of the first month's wages",
              "https://www.elegislation.gov.hk/hk/cap57A", date(2001, 1, 1), percent=Decimal("10")),
        _rule("destination", None, "TW", "placement_fee", "worker", "per_month_of_contract",
              "Standards for Fees Charged by Private Employment Services Institutions, Article 6 (service fee per month)",
              "https://law.moj.gov.tw/", date(2016, 1, 1), currency="TWD",
              monthly_amounts=[Decimal("1800"), Decimal("1700"), Decimal("1500")]),
    ]
    for destination in NP_DESTINATIONS:
        rules += [
            _rule("origin", "NP", destination, "placement_fee", "worker", "fixed", f"{NP_DECISION}: service charge at most NPR 10,000",
                  "https://moless.gov.np/",
                  date(2015, 7, 6), amount=Decimal("10000"), currency="NPR"),
            _rule("origin", "NP", destination, "visa_work_permit", "employer", "zero", f"{NP_DECISION}: free visa",
                  "https://moless.gov.np/", date(2015, 7, 6)),
            _rule("origin", "NP", destination, "travel_lodging", "employer", "zero", f"{NP_DECISION}: free ticket",
                  "https://moless.gov.np/", date(2015, 7, 6)),
        ]
    for sector in ID_SECTORS:
        rules += [_rule("origin", "ID", None, category, "employer", "zero", ID_REGULATION, "https://bp2mi.go.id/",
                        date(2021, 7, 15), sector=sector) for category in ID_CATEGORIES]
    return rules


# Fictitious but plausible rates (1 USD = rate units), dated so checks on older dates use older rates.
DEMO_RATES = {
    date(2026, 1, 1): {"PHP": "58.20", "SGD": "1.3450", "HKD": "7.8000", "NPR": "135.50", "TWD": "32.40",
                       "IDR": "16250", "SAR": "3.7500", "AED": "3.6725", "QAR": "3.6400", "KWD": "0.3070",
                       "BHD": "0.3760", "OMR": "0.3845", "MYR": "4.4500"},
    date(2026, 7, 1): {"PHP": "57.60", "SGD": "1.3300", "HKD": "7.8100", "NPR": "137.20", "TWD": "31.90",
                       "IDR": "16400", "SAR": "3.7500", "AED": "3.6725", "QAR": "3.6400", "KWD": "0.3065",
                       "BHD": "0.3760", "OMR": "0.3845", "MYR": "4.3800"},
}


def seed_fees() -> dict:
    for data in demo_rules():
        service.create_rule(data, DEMO_ACTOR)
    count = 0
    for on, quotes in DEMO_RATES.items():
        for quote, value in quotes.items():
            rates.add_rate({"base": "USD", "quote": quote, "rate": Decimal(value), "date": on,
                            "source": "Fictitious demo rate"}, DEMO_ACTOR)
            count += 1
    return {"fee rules": len(demo_rules()), "exchange rates": count}
