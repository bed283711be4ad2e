"""Agencies through the API: create, update with versions, search, public vs regulator fields, CSV."""
import csv
import io

from tests.registry.factories import AGENCY, act, create_agency, issue_licence


def test_created_agency_keeps_officers_and_other_names(client, ph_regulator):
    body = create_agency(client, ph_regulator)
    assert body["officers"][0]["name"] == "Rosalind Quibranza" and body["officers"][0]["id_number"] == "P1234567"
    assert body["other_names"] == [{"name": "Kalovaren Travel", "kind": "trade"}]


def test_officer_id_numbers_are_never_public(client, ph_regulator):
    agency = create_agency(client, ph_regulator)
    public = client.get(f"/api/v1/agencies/{agency['id']}")
    assert "P1234567" not in public.get_data(as_text=True)
    private = client.get(f"/api/v1/agencies/{agency['id']}", headers=ph_regulator).get_json()
    assert private["officers"][0]["id_number"] == "P1234567"


def test_patch_with_current_version_updates_and_bumps_version(client, ph_regulator):
    agency = create_agency(client, ph_regulator)
    response = client.patch(f"/api/v1/agencies/{agency['id']}", headers=ph_regulator,
                            json={"phone": "+63 2 8999 0000", "version": agency["version"]})
    assert response.status_code == 200
    assert response.get_json()["phone"] == "+63 2 8999 0000" and response.get_json()["version"] == agency["version"] + 1


def test_stale_patch_is_412_and_changes_nothing(client, ph_regulator):
    agency = create_agency(client, ph_regulator)
    client.patch(f"/api/v1/agencies/{agency['id']}", headers=ph_regulator, json={"phone": "+63 2 1111 1111", "version": 1})
    stale = client.patch(f"/api/v1/agencies/{agency['id']}", headers=ph_regulator, json={"phone": "+63 2 2222 2222", "version": 1})
    assert stale.status_code == 412
    assert client.get(f"/api/v1/agencies/{agency['id']}").get_json()["phone"] == "+63 2 1111 1111"


def test_if_match_header_carries_the_version(client, ph_regulator):
    agency = create_agency(client, ph_regulator)
    ok = client.patch(f"/api/v1/agencies/{agency['id']}", headers={**ph_regulator, "If-Match": '"1"'}, json={"phone": "+63 2 1111 1111"})
    assert ok.status_code == 200 and ok.headers["ETag"] == '"2"'
    stale = client.patch(f"/api/v1/agencies/{agency['id']}", headers={**ph_regulator, "If-Match": '"1"'}, json={"phone": "+63 2 3333 3333"})
    assert stale.status_code == 412


def test_patch_without_version_is_428(client, ph_regulator):
    agency = create_agency(client, ph_regulator)
    assert client.patch(f"/api/v1/agencies/{agency['id']}", headers=ph_regulator, json={"phone": "+63 2 1111 1111"}).status_code == 428


def test_renaming_an_agency_keeps_the_old_name_as_former(client, ph_regulator):
    agency = create_agency(client, ph_regulator)
    body = client.patch(f"/api/v1/agencies/{agency['id']}", headers=ph_regulator, json={"name": "Newname Manpower Inc.", "version": 1}).get_json()
    assert {"name": AGENCY["name"], "kind": "former"} in body["other_names"]


def test_removed_officer_is_kept_as_former_officer(client, ph_regulator):
    agency = create_agency(client, ph_regulator)
    body = client.patch(f"/api/v1/agencies/{agency['id']}", headers=ph_regulator,
                        json={"officers": [{"name": "Arturo Dumalagan", "role": "owner"}], "version": 1}).get_json()
    former = [o for o in body["officers"] if o["name"] == "Rosalind Quibranza"][0]
    assert former["current"] is False and former["ended_on"]


def test_regulator_cannot_create_an_agency_of_another_country(client, ph_regulator):
    response = client.post("/api/v1/agencies", headers=ph_regulator, json={**AGENCY, "country": "ID"})
    assert response.status_code == 403 and response.get_json()["code"] == 403


def test_duplicate_registration_number_in_a_country_is_409(client, ph_regulator):
    create_agency(client, ph_regulator)
    assert client.post("/api/v1/agencies", headers=ph_regulator, json={**AGENCY, "name": "Other"}).status_code == 409


def test_search_ignores_case_accents_punctuation_and_legal_forms(client, ph_regulator):
    create_agency(client, ph_regulator, name="Sinar Jaya Man-Power Sdn. Bhd.", registration_no="R1")
    for query in ("sinar jaya manpower", "SINARJAYA", "Sínar Jäya", "sinar-jaya man power sendirian berhad"):
        assert client.get("/api/v1/agencies", query_string={"q": query}).get_json()["total"] == 1, query


def test_search_finds_an_agency_by_other_name_and_by_licence_number(client, ph_regulator):
    agency = create_agency(client, ph_regulator)
    issue_licence(client, ph_regulator, agency["id"], licence_no="DMW-077-LB")
    assert client.get("/api/v1/agencies?q=kalovaren travel").get_json()["total"] == 1
    assert client.get("/api/v1/agencies?q=dmw077").get_json()["total"] == 1


def test_search_filters_by_public_status(client, ph_regulator):
    agency = create_agency(client, ph_regulator)
    issue_licence(client, ph_regulator, agency["id"])
    act(client, ph_regulator, "DMW-001-LB", action="suspend", reason="Overcharging")
    assert client.get("/api/v1/agencies?status=suspended").get_json()["total"] == 1
    assert client.get("/api/v1/agencies?status=valid").get_json()["total"] == 0


def test_public_csv_lists_each_licence_with_status(client, ph_regulator):
    agency = create_agency(client, ph_regulator)
    issue_licence(client, ph_regulator, agency["id"])
    response = client.get("/api/v1/agencies.csv")
    rows = list(csv.DictReader(io.StringIO(response.get_data(as_text=True))))
    assert response.mimetype == "text/csv" and rows[0]["licence_no"] == "DMW-001-LB" and rows[0]["status"] == "valid"
    assert "P1234567" not in response.get_data(as_text=True)


def test_bad_agency_input_names_every_bad_field_and_writes_nothing(client, ph_regulator):
    response = client.post("/api/v1/agencies", headers=ph_regulator,
                           json={"name": "", "country": "ZZ", "email": "nope", "officers": [{"role": "king"}], "extra": 1})
    errors = response.get_json()["errors"]["json"]
    assert response.status_code == 422
    assert {"name", "country", "email", "officers", "extra"} <= set(errors)
    assert client.get("/api/v1/agencies").get_json()["total"] == 0


def test_malformed_json_is_400_in_the_error_shape(client, ph_regulator):
    response = client.post("/api/v1/agencies", headers={**ph_regulator, "Content-Type": "application/json"}, data="{oops")
    assert response.status_code == 400 and response.get_json()["code"] == 400


def test_oversized_body_is_413_in_the_error_shape(client, ph_regulator, app):
    big = "x" * (app.config["MAX_CONTENT_LENGTH"] + 10)
    response = client.post("/api/v1/agencies", headers={**ph_regulator, "Content-Type": "application/json"}, data=big)
    assert response.status_code == 413 and response.get_json()["code"] == 413


def test_unknown_agency_is_404_in_the_error_shape(client):
    response = client.get("/api/v1/agencies/99999")
    assert response.status_code == 404 and response.get_json()["status"] == "Not Found"


def test_per_page_above_the_cap_is_422(client):
    response = client.get("/api/v1/agencies?per_page=5000")
    assert response.status_code == 422 and "per_page" in response.get_json()["errors"]["query"]


def test_search_with_no_exact_result_suggests_similar_names(client, ph_regulator):
    create_agency(client, ph_regulator, name="Bayanihan Horizon Manpower Inc.")
    body = client.get("/api/v1/agencies?q=Bayanihon Horizn").get_json()
    assert body["total"] == 0 and body["suggestions"][0]["name"] == "Bayanihan Horizon Manpower Inc."
