"""A licensed PH agency, an accredited SA employer with a job order, and a verifier token (all fictitious)."""
import pytest

from tests.registry.accreditation.helpers import accredit, add_job_order, licensed_agency, make_employer

OFFER = {"agency": {"country": "PH", "licence_no": "DMW-001-LB"},
         "employer": {"name": "Qasr Almarjan Household Services Co.", "country": "SA", "registration_no": "SA-CR-7781234"},
         "position": "Household service worker", "sector": "domestic_work", "monthly_wage": "1500.00", "currency": "SAR",
         "contract_months": 24, "origin": "PH", "destination": "SA", "date": "2026-11-01",
         "charges": [{"category": "placement_fee", "amount": "0.00", "currency": "PHP"}]}


@pytest.fixture
def scenario(client, ph_regulator):
    agency = licensed_agency(client, ph_regulator)
    employer_id = make_employer()
    accreditation = accredit(client, ph_regulator, employer_id, agency["id"]).get_json()
    assert add_job_order(client, ph_regulator, accreditation["id"]).status_code == 201
    return {"agency": agency, "employer_id": employer_id, "accreditation": accreditation}


@pytest.fixture
def verifier(make_token):
    return make_token("verifier", None, name="Embassy labour office (test)")


@pytest.fixture
def verify(client, verifier):
    def run(headers=None, **changes):
        body = {**OFFER, **changes}
        return client.post("/api/v1/job-offers/verify", json=body, headers=headers or verifier)
    return run


def codes(response) -> dict:
    assert response.status_code == 201, response.get_json()
    return {f["code"]: f for f in response.get_json()["findings"]}
