"""POST /screen, /screen/batch and /compare: who may call them, result shape, order, caps."""
from tests.registry.factories import act, create_agency, issue_licence


def _revoked(client, headers):
    agency = create_agency(client, headers, name="PT Sinar Jaya Manpower", registration_no="ID-9", country="PH",
                           officers=[{"name": "Budi Harimurtoyo", "role": "director"}], other_names=[])
    issue_licence(client, headers, agency["id"], licence_no="X-1")
    act(client, headers, "X-1", action="revoke", reason="Illegal recruitment")
    return agency


def test_screen_needs_a_verifier_regulator_or_admin_token(client):
    assert client.post("/api/v1/screen", json={"name": "x"}).status_code == 401


def test_screen_finds_a_revoked_agency_under_a_new_legal_form_with_an_explanation(client, ph_regulator, make_token):
    agency = _revoked(client, ph_regulator)
    body = client.post("/api/v1/screen", headers=make_token("verifier", "SA"),
                       json={"name": "Sinar Jaya Man Power Sdn Bhd", "kind": "organisation", "limit": 3}).get_json()
    top = body["results"][0]
    assert top["agency_id"] == agency["id"] and top["match"] is True and top["standing"] == "licence_revoked"
    assert top["source"] == "registry" and 0 <= top["score"] <= 100
    assert top["explanation"]["summary"] and top["explanation"]["name"]["set_aside"]
    assert top["licence_history"][0]["action"] == "revoke"


def test_screen_finds_the_officer_of_a_revoked_agency_by_reordered_name(client, ph_regulator, make_token):
    _revoked(client, ph_regulator)
    results = client.post("/api/v1/screen", headers=make_token("verifier", "SA"),
                          json={"name": "Harimurtoyo Budi", "kind": "person"}).get_json()["results"]
    assert results[0]["type"] == "officer" and results[0]["match"] is True


def test_unrelated_name_is_not_a_match(client, ph_regulator, make_token):
    _revoked(client, ph_regulator)
    results = client.post("/api/v1/screen", headers=make_token("verifier", "SA"),
                          json={"name": "Golden Lotus Trading Co., Ltd.", "kind": "organisation"}).get_json()["results"]
    assert not any(r["match"] for r in results)


def test_batch_results_come_back_in_item_order(client, ph_regulator, make_token):
    _revoked(client, ph_regulator)
    items = [{"name": "Nobody Special"}, {"name": "Sinar Jaya Manpower"}, {"name": "Budi Harimurtoyo", "kind": "person"}]
    results = client.post("/api/v1/screen/batch", headers=make_token("verifier", "SA"), json={"items": items}).get_json()["results"]
    assert len(results) == 3
    assert not any(r["match"] for r in results[0]["results"])
    assert results[1]["results"][0]["type"] == "agency" and results[2]["results"][0]["type"] == "officer"


def test_batch_over_the_cap_is_422(client, make_token, app):
    items = [{"name": f"n{i}"} for i in range(app.config["MAX_BATCH_ITEMS"] + 1)]
    response = client.post("/api/v1/screen/batch", headers=make_token("verifier", "SA"), json={"items": items})
    assert response.status_code == 422 and "items" in response.get_json()["errors"]["json"]


def test_compare_scores_two_names_with_a_decision_and_explanation(client, make_token):
    headers = make_token("regulator", "PH")
    same = client.post("/api/v1/compare", headers=headers, json={"a": {"name": "Sinar Jaya Manpower", "kind": "organisation"},
                                                                  "b": {"name": "Sinar Jaya Man Power Sdn Bhd", "kind": "organisation"}}).get_json()
    different = client.post("/api/v1/compare", headers=headers, json={"a": {"name": "Global Manpower Services"},
                                                                       "b": {"name": "Global Manpower Solutions"}}).get_json()
    assert same["match"] is True and different["match"] is False and same["explanation"]


def test_compare_keeps_each_known_kind_and_a_person_never_matches_an_organisation(client, make_token):
    body = client.post("/api/v1/compare", headers=make_token("regulator", "PH"),
                       json={"a": {"name": "Hung Minh Phat", "kind": "person"},
                             "b": {"name": "Hung Minh Phat Co., Ltd.", "kind": "organisation"}}).get_json()
    assert body["match"] is False
    assert body["explanation"]["name"]["query_kind"] == "person"
    assert body["explanation"]["name"]["matched_kind"] == "organisation"


def test_screen_rejects_bad_input_naming_fields(client, make_token):
    response = client.post("/api/v1/screen", headers=make_token("verifier", "SA"), json={"name": "", "kind": "robot", "limit": 0})
    assert response.status_code == 422 and {"name", "kind", "limit"} <= set(response.get_json()["errors"]["json"])


def test_screen_file_writes_one_row_per_result(app, client, ph_regulator, tmp_path):
    _revoked(client, ph_regulator)
    infile, outfile = tmp_path / "in.csv", tmp_path / "out.csv"
    infile.write_text("name,kind\nSinar Jaya Manpower,organisation\nNothing Alike Bakery,organisation\n")
    result = app.test_cli_runner().invoke(args=["watchlist", "screen-file", str(infile), str(outfile)])
    assert result.exit_code == 0, result.output
    lines = outfile.read_text().splitlines()
    assert lines[1].startswith("2,Sinar Jaya Manpower,1,agency:") and lines[-1].startswith("3,Nothing Alike Bakery,0")
