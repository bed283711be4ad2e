"""Builders for employers (watchlist subjects), accreditations and job orders; every name is invented."""
from registry.common.actor import cli_actor
from tests.registry.factories import create_agency, issue_licence

EMPLOYER = {"kind": "organisation", "name": "Qasr Almarjan Household Services Co.", "country": "SA",
            "registration_no": "SA-CR-7781234", "addresses": ["14 Demo Road, Riyadh"], "phones": ["+966 11 555 0199"]}


def make_employer(**overrides):
    from watchlist.subjects.service import create_subject
    return create_subject({"other_names": [], "id_numbers": [], "addresses": [], "phones": [], "emails": [], "websites": [],
                           "officer_of": [], **EMPLOYER, **overrides}, cli_actor("tests")).id


def licensed_agency(client, headers, **overrides):
    agency = create_agency(client, headers, **overrides)
    issue_licence(client, headers, agency["id"], destinations=["SA", "AE"])
    return agency


def accredit(client, headers, employer_id, agency_id, **overrides):
    body = {"employer_id": employer_id, "agency_id": agency_id, "destination": "SA", "valid_from": "2025-02-01",
            "valid_until": "2028-01-31", "reason": "Employer documents verified by the labour attaché.", **overrides}
    return client.post("/api/v1/accreditations", json=body, headers=headers)


def add_job_order(client, headers, accreditation_id, **overrides):
    body = {"position": "Household service worker", "sector": "domestic_work", "workers": 5, "monthly_wage": "1500.00",
            "currency": "SAR", "contract_months": 24, "approved_on": "2025-03-01", "valid_until": "2027-02-28", **overrides}
    return client.post(f"/api/v1/accreditations/{accreditation_id}/job-orders", json=body, headers=headers)
