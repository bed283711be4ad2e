"""Licence check and licence actions through the API: statuses, refusals, history, scoping and versions."""
from datetime import date, timedelta

from tests.registry.factories import act, create_agency, issue_licence


def _setup(client, headers, **licence):
    agency = create_agency(client, headers)
    return agency, issue_licence(client, headers, agency["id"], **licence)


def test_public_licence_check_shows_status_validity_expiry_agency_and_history(client, ph_regulator):
    agency, _ = _setup(client, ph_regulator)
    body = client.get("/api/v1/licences/PH/DMW-001-LB").get_json()
    assert body["status"] == "valid" and body["valid"] is True
    assert body["expires_on"] == "2029-01-14"
    assert body["agency"] == {"id": agency["id"], "name": agency["name"], "country": "PH"}
    assert [h["action"] for h in body["history"]] == ["issue"]
    assert "actor" not in body["history"][0]


def test_unknown_licence_is_404_not_found_with_similar_numbers(client, ph_regulator):
    _setup(client, ph_regulator)
    response = client.get("/api/v1/licences/PH/DMW-01-LB")
    body = response.get_json()
    assert response.status_code == 404 and body["status"] == "not_found" and body["code"] == 404
    assert body["suggestions"][0]["licence_no"] == "DMW-001-LB"


def test_licence_number_lookup_ignores_case_and_punctuation(client, ph_regulator):
    _setup(client, ph_regulator)
    assert client.get("/api/v1/licences/ph/dmw 001 lb").get_json()["licence_no"] == "DMW-001-LB"


def test_licence_number_with_a_slash_is_found(client, ph_regulator):
    _setup(client, ph_regulator, licence_no="P3MI/001/2024")
    assert client.get("/api/v1/licences/PH/P3MI/001/2024").status_code == 200
    assert act(client, ph_regulator, "P3MI/001/2024", action="suspend", reason="Overcharging").status_code == 201


def test_suspension_then_reinstatement_is_kept_in_history(client, ph_regulator):
    _setup(client, ph_regulator)
    suspended = act(client, ph_regulator, "DMW-001-LB", action="suspend", reason="Overcharging", legal_basis="Rule 12",
                    until=(date.today() + timedelta(days=30)).isoformat())
    assert suspended.status_code == 201 and suspended.get_json()["status"] == "suspended"
    reinstated = act(client, ph_regulator, "DMW-001-LB", action="reinstate", reason="Refunds paid")
    body = reinstated.get_json()
    assert body["status"] == "valid"
    assert [h["action"] for h in body["history"]] == ["issue", "suspend", "reinstate"]
    assert body["history"][1]["legal_basis"] == "Rule 12" and body["history"][1]["actor"]


def test_action_not_allowed_by_current_state_is_409_with_reason(client, ph_regulator):
    _setup(client, ph_regulator)
    assert act(client, ph_regulator, "DMW-001-LB", action="revoke", reason="Fraud", ban=True).status_code == 201
    refused = act(client, ph_regulator, "DMW-001-LB", action="reinstate", reason="Appeal")
    assert refused.status_code == 409
    assert "revoked" in refused.get_json()["message"] and refused.get_json()["state"] == "revoked"


def test_revocation_with_ban_marks_the_agency_banned(client, ph_regulator):
    agency, _ = _setup(client, ph_regulator)
    act(client, ph_regulator, "DMW-001-LB", action="revoke", reason="Passport retention", ban=True)
    assert client.get(f"/api/v1/agencies/{agency['id']}").get_json()["banned"] is True


def test_status_as_of_a_past_date_is_replayed_from_history(client, ph_regulator):
    _setup(client, ph_regulator, issued_on="2024-01-01", expires_on="2030-01-01")
    act(client, ph_regulator, "DMW-001-LB", action="suspend", reason="Overcharging", effective_on="2025-01-01")
    assert client.get("/api/v1/licences/PH/DMW-001-LB?on=2024-06-01").get_json()["status"] == "valid"
    assert client.get("/api/v1/licences/PH/DMW-001-LB?on=2023-06-01").get_json()["status"] == "pending"
    assert client.get("/api/v1/licences/PH/DMW-001-LB").get_json()["status"] == "suspended"


def test_expired_licence_is_reported_expired_and_can_be_renewed(client, ph_regulator):
    _setup(client, ph_regulator, issued_on="2020-01-01", expires_on="2021-01-01")
    assert client.get("/api/v1/licences/PH/DMW-001-LB").get_json()["status"] == "expired"
    renewed = act(client, ph_regulator, "DMW-001-LB", action="renew", expires_on="2099-01-01")
    assert renewed.get_json()["status"] == "valid"


def test_pending_licence_becomes_valid_when_issued(client, ph_regulator):
    _setup(client, ph_regulator, pending=True)
    assert client.get("/api/v1/licences/PH/DMW-001-LB").get_json()["status"] == "pending"
    assert act(client, ph_regulator, "DMW-001-LB", action="issue", expires_on="2030-01-01").get_json()["status"] == "valid"


def test_future_dated_action_is_refused_naming_effective_on(client, ph_regulator):
    _setup(client, ph_regulator)
    response = act(client, ph_regulator, "DMW-001-LB", action="suspend", reason="x",
                   effective_on=(date.today() + timedelta(days=3)).isoformat())
    assert response.status_code == 422 and "effective_on" in response.get_json()["errors"]["json"]


def test_action_fields_that_do_not_fit_the_action_are_422(client, ph_regulator):
    _setup(client, ph_regulator)
    response = act(client, ph_regulator, "DMW-001-LB", action="reinstate", until="2030-01-01", ban=True)
    errors = response.get_json()["errors"]["json"]
    assert response.status_code == 422 and {"until", "ban"} <= set(errors)


def test_suspension_without_reason_is_refused(client, ph_regulator):
    _setup(client, ph_regulator)
    response = act(client, ph_regulator, "DMW-001-LB", action="suspend")
    assert response.status_code == 422 and "reason" in response.get_json()["errors"]["json"]


def test_regulator_of_another_country_cannot_act_on_a_licence(client, ph_regulator, make_token):
    _setup(client, ph_regulator)
    response = act(client, make_token("regulator", "ID"), "DMW-001-LB", action="suspend", reason="x")
    assert response.status_code == 403
    assert client.get("/api/v1/licences/PH/DMW-001-LB").get_json()["status"] == "valid"


def test_verifier_cannot_record_licence_actions(client, ph_regulator, make_token):
    _setup(client, ph_regulator)
    assert act(client, make_token("verifier", "SA"), "DMW-001-LB", action="suspend", reason="x").status_code == 403


def test_stale_licence_version_is_refused_and_changes_nothing(client, ph_regulator):
    _, licence = _setup(client, ph_regulator)
    stale = licence["version"] - 1
    response = act(client, ph_regulator, "DMW-001-LB", action="suspend", reason="x", version=stale)
    assert response.status_code == 412
    assert client.get("/api/v1/licences/PH/DMW-001-LB").get_json()["status"] == "valid"


def test_duplicate_licence_number_in_the_same_country_is_409(client, ph_regulator):
    agency, _ = _setup(client, ph_regulator)
    response = client.post(f"/api/v1/agencies/{agency['id']}/licences", headers=ph_regulator,
                           json={"licence_no": "DMW-001-LB", "authority": "DMW", "scope": "land_based", "expires_on": "2030-01-01"})
    assert response.status_code == 409


def test_licence_dates_in_the_wrong_order_are_422(client, ph_regulator):
    agency = create_agency(client, ph_regulator)
    response = client.post(f"/api/v1/agencies/{agency['id']}/licences", headers=ph_regulator,
                           json={"licence_no": "X-1", "authority": "DMW", "scope": "land_based",
                                 "issued_on": "2025-01-01", "expires_on": "2024-01-01"})
    assert response.status_code == 422 and "expires_on" in response.get_json()["errors"]["json"]


def test_regulator_cannot_issue_its_countrys_licence_to_another_countrys_agency(client, ph_regulator, make_token):
    agency = create_agency(client, ph_regulator)
    response = client.post(f"/api/v1/agencies/{agency['id']}/licences", headers=make_token("regulator", "ID"),
                           json={"licence_no": "ID-9", "country": "ID", "authority": "BP2MI", "scope": "land_based",
                                 "expires_on": "2030-01-01"})
    assert response.status_code == 403
    assert client.get("/api/v1/licences/ID/ID-9").status_code == 404


def test_regulator_cannot_revoke_and_ban_another_countrys_agency_through_a_licence_of_its_country(client, ph_regulator, admin, make_token):
    agency = create_agency(client, ph_regulator)
    issue_licence(client, admin, agency["id"], licence_no="ID-9", country="ID")
    response = act(client, make_token("regulator", "ID"), "ID-9", country="ID", action="revoke", reason="x", ban=True)
    assert response.status_code == 403
    assert client.get("/api/v1/licences/ID/ID-9").get_json()["status"] == "valid"
    assert client.get(f"/api/v1/agencies/{agency['id']}").get_json().get("banned") in (False, None)
