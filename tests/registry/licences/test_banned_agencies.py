"""No licence for a banned agency or one run by banned officers, unless a regulator overrides it (audited); the ban is
shown wherever a worker or an embassy looks: agency search, the licence check, agencies.csv, the pages."""
import csv
import io

from registry.audit.models import AuditEntry
from registry.extensions import db
from tests.registry.factories import act, create_agency, issue_licence
from tests.registry.portal.helpers import status_box

NEW_LICENCE = {"licence_no": "DMW-002-LB", "authority": "DMW", "scope": "land_based", "expires_on": "2030-01-01"}


def _banned(client, headers):
    agency = create_agency(client, headers)
    issue_licence(client, headers, agency["id"])
    assert act(client, headers, "DMW-001-LB", action="revoke", reason="Passports retained.", ban=True).status_code == 201
    return agency


def test_a_banned_agency_is_refused_a_new_licence(client, ph_regulator):
    agency = _banned(client, ph_regulator)
    response = client.post(f"/api/v1/agencies/{agency['id']}/licences", json=NEW_LICENCE, headers=ph_regulator)
    assert response.status_code == 409 and "banned" in response.get_json()["message"]
    assert client.get("/api/v1/licences/PH/DMW-002-LB").status_code == 404
    pending = client.post(f"/api/v1/agencies/{agency['id']}/licences", json={**NEW_LICENCE, "pending": True}, headers=ph_regulator)
    assert pending.status_code == 201  # a pending licence lets no one recruit; issuing it is refused the same way
    assert act(client, ph_regulator, "DMW-002-LB", action="issue", expires_on="2030-01-01").status_code == 409


def test_an_agency_whose_officer_is_banned_is_refused_a_licence(client, ph_regulator):
    _banned(client, ph_regulator)
    new = create_agency(client, ph_regulator, name="Tarovel Placement Inc.", registration_no="PH-REG-0002",
                        officers=[{"name": "R. Quibranza", "role": "owner", "id_number": "p 1234567"}])
    response = client.post(f"/api/v1/agencies/{new['id']}/licences", json=NEW_LICENCE, headers=ph_regulator)
    assert response.status_code == 409 and "R. Quibranza" in response.get_json()["message"]
    body = client.get(f"/api/v1/agencies/{new['id']}").get_json()
    assert body["standing"]["banned_officers"][0]["via"] == "id_number"


def test_overriding_a_ban_needs_a_regulator_of_the_agencys_country_and_a_reason_and_is_audited(client, ph_regulator, make_token):
    agency = _banned(client, ph_regulator)
    url = f"/api/v1/agencies/{agency['id']}/licences"
    assert client.post(url, json={**NEW_LICENCE, "override": True}, headers=ph_regulator).status_code == 422
    assert client.post(url, json={**NEW_LICENCE, "override": True, "override_reason": "x"},
                       headers=make_token("regulator", "ID")).status_code == 403
    response = client.post(url, json={**NEW_LICENCE, "override": True, "override_reason": "Ban lifted on appeal, case 12."},
                           headers=ph_regulator)
    assert response.status_code == 201
    entry = db.session.query(AuditEntry).filter_by(action="licence.override").one()
    assert entry.after["override_reason"] == "Ban lifted on appeal, case 12." and "banned" in entry.after["refusal"]


def test_a_banned_agency_never_shows_licensed_and_its_ban_is_in_search_the_licence_check_and_the_csv(client, ph_regulator):
    agency = _banned(client, ph_regulator)
    client.post(f"/api/v1/agencies/{agency['id']}/licences", headers=ph_regulator,
                json={**NEW_LICENCE, "override": True, "override_reason": "Court order."})
    page = client.get(f"/agencies/{agency['id']}").get_data(as_text=True)
    assert status_box(page)[0] == "BANNED" and "LICENSED" not in page
    assert "LICENSED" not in client.get("/licences/PH/DMW-002-LB").get_data(as_text=True)
    item = client.get("/api/v1/agencies?q=Kalovaren").get_json()["items"][0]
    assert item["banned"] is True
    licence = client.get("/api/v1/licences/PH/DMW-002-LB").get_json()
    assert licence["agency_standing"]["banned"] is True
    rows = list(csv.DictReader(io.StringIO(client.get("/api/v1/agencies.csv").get_data(as_text=True))))
    assert {r["licence_no"]: r["agency_banned"] for r in rows} == {"DMW-001-LB": "true", "DMW-002-LB": "true"}
