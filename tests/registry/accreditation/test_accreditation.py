"""Accrediting foreign employers with licensed agencies: history like licences, scope, job orders, bad input."""
import pytest

from tests.registry.accreditation.helpers import accredit, add_job_order, licensed_agency, make_employer
from tests.registry.factories import create_agency


@pytest.fixture
def parties(client, ph_regulator):
    return make_employer(), licensed_agency(client, ph_regulator)["id"]


def act(client, headers, accreditation_id, **body):
    return client.post(f"/api/v1/accreditations/{accreditation_id}/actions", json=body, headers=headers)


def test_an_accredited_employer_is_valid_for_its_period(client, ph_regulator, parties):
    response = accredit(client, ph_regulator, *parties)
    assert response.status_code == 201, response.get_json()
    body = response.get_json()
    assert (body["status"], body["destination"], body["employer"]["country"]) == ("valid", "SA", "SA")
    assert [h["action"] for h in body["history"]] == ["accredit"]
    view = lambda on: client.get(f"/api/v1/accreditations/{body['id']}?on={on}").get_json()["status"]  # noqa: E731
    assert (view("2025-01-31"), view("2025-02-01"), view("2028-02-01")) == ("not_yet_valid", "valid", "expired")


def test_suspension_reinstatement_and_revocation_are_kept_in_history(client, ph_regulator, parties):
    accreditation = accredit(client, ph_regulator, *parties).get_json()
    assert act(client, ph_regulator, accreditation["id"], action="suspend", effective_on="2025-06-01",
               reason="Unpaid wages reported by 3 workers.").status_code == 201
    assert act(client, ph_regulator, accreditation["id"], action="reinstate", effective_on="2025-08-01",
               reason="Wages paid.").status_code == 201
    body = act(client, ph_regulator, accreditation["id"], action="revoke", effective_on="2025-10-01",
               reason="Passports confiscated.").get_json()
    assert [h["action"] for h in body["history"]] == ["accredit", "suspend", "reinstate", "revoke"]
    on = lambda day: client.get(f"/api/v1/accreditations/{accreditation['id']}?on={day}").get_json()["status"]  # noqa: E731
    assert [on(d) for d in ("2025-07-01", "2025-09-01", "2025-10-01")] == ["suspended", "valid", "revoked"]


def test_a_revoked_accreditation_allows_no_further_action(client, ph_regulator, parties):
    accreditation = accredit(client, ph_regulator, *parties).get_json()
    act(client, ph_regulator, accreditation["id"], action="revoke", reason="Fraud.")
    response = act(client, ph_regulator, accreditation["id"], action="reinstate")
    assert response.status_code == 409 and response.get_json()["state"] == "revoked"
    assert add_job_order(client, ph_regulator, accreditation["id"]).status_code == 409


def test_a_renewal_extends_the_period(client, ph_regulator, parties):
    accreditation = accredit(client, ph_regulator, *parties).get_json()
    body = act(client, ph_regulator, accreditation["id"], action="renew", valid_until="2030-01-31").get_json()
    assert body["valid_until"] == "2030-01-31"
    response = act(client, ph_regulator, accreditation["id"], action="renew", valid_until="2029-01-31")
    assert response.status_code == 422 and "valid_until" in response.get_json()["errors"]["json"]


def test_only_the_agency_regulator_accredits(client, ph_regulator, make_token, parties):
    assert accredit(client, make_token("regulator", "ID"), *parties).status_code == 403


def test_an_agency_without_a_valid_licence_cannot_be_accredited(client, ph_regulator):
    agency = create_agency(client, ph_regulator, name="Unlicensed Demo Agency Inc.", registration_no="PH-REG-0999")
    response = accredit(client, ph_regulator, make_employer(), agency["id"])
    assert response.status_code == 422 and "agency_id" in response.get_json()["errors"]["json"]


def test_the_employer_must_be_a_watchlist_organisation(client, ph_regulator, parties):
    person = make_employer(kind="person", name="Demo Person Zalqani", registration_no=None)
    for employer_id in (person, 999999):
        response = accredit(client, ph_regulator, employer_id, parties[1])
        assert response.status_code == 422 and "employer_id" in response.get_json()["errors"]["json"]


def test_an_overlapping_accreditation_is_a_conflict(client, ph_regulator, parties):
    first = accredit(client, ph_regulator, *parties).get_json()
    response = accredit(client, ph_regulator, *parties, valid_from="2027-01-01", valid_until="2029-01-01")
    assert response.status_code == 409 and response.get_json()["existing_id"] == first["id"]


def test_job_orders_are_listed_under_the_accreditation(client, ph_regulator, parties):
    accreditation = accredit(client, ph_regulator, *parties).get_json()
    response = add_job_order(client, ph_regulator, accreditation["id"])
    assert response.status_code == 201 and response.get_json()["monthly_wage"] == "1500.00"
    body = client.get(f"/api/v1/accreditations/{accreditation['id']}").get_json()
    assert [o["position"] for o in body["job_orders"]] == ["Household service worker"]
    listed = client.get(f"/api/v1/accreditations?agency_id={parties[1]}").get_json()
    assert listed["total"] == 1 and listed["items"][0]["job_orders"][0]["workers"] == 5


@pytest.mark.parametrize("change, field", [({"workers": 0}, "workers"), ({"monthly_wage": "abc"}, "monthly_wage"),
                                           ({"currency": "XXX1"}, "currency"), ({"sector": "any"}, "sector"),
                                           ({"valid_until": "2024-01-01"}, "valid_until")])
def test_bad_job_orders_are_refused_naming_the_field(client, ph_regulator, parties, change, field):
    accreditation = accredit(client, ph_regulator, *parties).get_json()
    response = add_job_order(client, ph_regulator, accreditation["id"], **change)
    assert response.status_code == 422 and field in response.get_json()["errors"]["json"]


def test_bad_accreditation_input_names_the_field(client, ph_regulator, parties):
    response = accredit(client, ph_regulator, *parties, valid_until="2024-01-01", destination="S")
    assert response.status_code == 422 and {"destination"} <= set(response.get_json()["errors"]["json"])
    assert act(client, ph_regulator, 424242, action="suspend", reason="x").status_code == 404
    accreditation = accredit(client, ph_regulator, *parties).get_json()
    response = act(client, ph_regulator, accreditation["id"], action="suspend")
    assert response.status_code == 422 and "reason" in response.get_json()["errors"]["json"]
    response = act(client, ph_regulator, accreditation["id"], action="revoke", valid_until="2030-01-01", reason="x")
    assert response.status_code == 422 and "valid_until" in response.get_json()["errors"]["json"]


def test_a_regulator_of_another_country_is_refused_before_the_body_is_read(client, ph_regulator, make_token, parties):
    accreditation = accredit(client, ph_regulator, *parties).get_json()
    other = make_token("regulator", "ID")
    assert act(client, other, accreditation["id"], action="renew").status_code == 403
    assert client.post(f"/api/v1/accreditations/{accreditation['id']}/job-orders", json={}, headers=other).status_code == 403
