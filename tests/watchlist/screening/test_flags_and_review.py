"""Automatic repeat-offender flags on agency writes, and the review queue's same/different decisions."""
from tests.registry.factories import act, create_agency, issue_licence

REVOKED = {"name": "Velmora Overseas Manpower Inc.", "registration_no": "PH-R-1", "phone": "+63 2 8555 0101",
           "email": "hr@velmora.example", "address": "Unit 4, 12 Kalayaan Street, Makati City",
           "officers": [{"name": "Rosalind Quibranza", "role": "director", "id_number": "P7654321"}], "other_names": []}


def _revoked_agency(client, headers, ban=True, **overrides):
    agency = create_agency(client, headers, **{**REVOKED, **overrides})
    issue_licence(client, headers, agency["id"], licence_no="DMW-900")
    assert act(client, headers, "DMW-900", action="revoke", reason="Illegal recruitment", ban=ban).status_code == 201
    return agency


def _new_agency(client, headers, **overrides):
    body = {"name": "Sampaguita Bright Careers Corp.", "registration_no": "PH-N-2", "phone": "+63 2 8000 1111",
            "email": "hello@sampaguita.example", "address": "88 Rizal Avenue, Manila", "other_names": [],
            "officers": [{"name": "Dolores Amparo", "role": "director"}], **overrides}
    response = client.post("/api/v1/agencies", json={**body, "country": "PH"}, headers=headers)
    assert response.status_code == 201, response.get_json()
    return response.get_json()


def test_revoked_agency_director_is_flagged_on_new_application(client, ph_regulator):
    _revoked_agency(client, ph_regulator)
    new = _new_agency(client, ph_regulator, officers=[{"name": "Quibranza, Rosalind", "role": "owner"}])
    flags = new["flags"]
    assert any(f["candidate_ref"].startswith("officer:") and f["match"] for f in flags), flags
    assert "Rosalind" in flags[0]["summary"]


def test_same_phone_as_a_revoked_agency_is_flagged_although_the_names_differ(client, ph_regulator):
    _revoked_agency(client, ph_regulator)
    new = _new_agency(client, ph_regulator, phone="+63-2-8555-0101")
    assert [f["candidate_label"] for f in new["flags"]] == ["Velmora Overseas Manpower Inc. (banned)"]
    assert "phone" in new["flags"][0]["summary"]


def test_look_alike_name_of_a_revoked_agency_is_flagged(client, ph_regulator):
    _revoked_agency(client, ph_regulator)
    new = _new_agency(client, ph_regulator, name="Velmorra Overseas Man Power Corporation")
    assert new["flags"] and new["flags"][0]["candidate_ref"].startswith("agency:")


def test_agency_unlike_any_adverse_record_raises_no_flag(client, ph_regulator):
    _revoked_agency(client, ph_regulator)
    assert _new_agency(client, ph_regulator)["flags"] == []


def test_agencies_in_good_standing_are_not_screening_candidates(client, ph_regulator):
    create_agency(client, ph_regulator, **{**REVOKED})
    assert _new_agency(client, ph_regulator, phone=REVOKED["phone"])["flags"] == []


def test_flags_wait_in_the_review_queue_of_the_agency_country(client, ph_regulator, make_token):
    _revoked_agency(client, ph_regulator)
    _new_agency(client, ph_regulator, phone=REVOKED["phone"])
    queue = client.get("/api/v1/flags?status=open", headers=ph_regulator).get_json()
    assert queue["total"] == 1 and queue["items"][0]["explanation"]["shared"]["phones"]
    assert client.get("/api/v1/flags", headers=make_token("regulator", "ID")).get_json()["total"] == 0


def test_deciding_different_means_the_pair_is_never_flagged_again(client, ph_regulator):
    _revoked_agency(client, ph_regulator)
    new = _new_agency(client, ph_regulator, phone=REVOKED["phone"])
    flag_id = new["flags"][0]["id"]
    decided = client.post(f"/api/v1/flags/{flag_id}/decision", headers=ph_regulator,
                          json={"decision": "different", "reason": "Shared switchboard of a business centre"})
    assert decided.status_code == 200 and decided.get_json()["status"] == "different"
    again = client.patch(f"/api/v1/agencies/{new['id']}", headers=ph_regulator, json={"website": "https://s.example", "version": new["version"]})
    assert again.get_json()["flags"] == []


def test_deciding_same_links_the_records_so_the_history_follows(client, ph_regulator, make_token):
    _revoked_agency(client, ph_regulator)
    new = _new_agency(client, ph_regulator, phone=REVOKED["phone"])
    client.post(f"/api/v1/flags/{new['flags'][0]['id']}/decision", headers=ph_regulator,
                json={"decision": "same", "reason": "Same owner and office, confirmed by inspection"})
    results = client.post("/api/v1/screen", headers=make_token("verifier", "SA"),
                          json={"name": "Sampaguita Bright Careers Corp.", "kind": "organisation"}).get_json()["results"]
    top = results[0]
    assert top["agency_id"] == new["id"] and top["standing"] == "linked_to_adverse_record" and top["linked_records"]


def test_a_decided_flag_cannot_be_decided_again(client, ph_regulator):
    _revoked_agency(client, ph_regulator)
    flag_id = _new_agency(client, ph_regulator, phone=REVOKED["phone"])["flags"][0]["id"]
    body = {"decision": "different", "reason": "Checked by phone"}
    assert client.post(f"/api/v1/flags/{flag_id}/decision", headers=ph_regulator, json=body).status_code == 200
    assert client.post(f"/api/v1/flags/{flag_id}/decision", headers=ph_regulator, json=body).status_code == 409


def test_review_decisions_are_in_the_audit_log(client, ph_regulator, admin):
    _revoked_agency(client, ph_regulator)
    flag_id = _new_agency(client, ph_regulator, phone=REVOKED["phone"])["flags"][0]["id"]
    client.post(f"/api/v1/flags/{flag_id}/decision", headers=ph_regulator, json={"decision": "same", "reason": "Same owner"})
    actions = [e["action"] for e in client.get(f"/api/v1/audit?entity_type=flag&entity_id={flag_id}", headers=admin).get_json()["items"]]
    assert actions == ["flag.same", "flag.create"]


def test_regulator_of_another_country_cannot_see_or_decide_a_flag(client, ph_regulator, make_token):
    _revoked_agency(client, ph_regulator)
    flag_id = _new_agency(client, ph_regulator, phone=REVOKED["phone"])["flags"][0]["id"]
    other = make_token("regulator", "ID")
    assert client.get(f"/api/v1/flags/{flag_id}", headers=other).status_code == 404
    assert client.post(f"/api/v1/flags/{flag_id}/decision", headers=other, json={"decision": "same", "reason": "x y z"}).status_code == 404


def test_issuing_a_licence_screens_the_agency(client, ph_regulator):
    _revoked_agency(client, ph_regulator)
    create_agency(client, ph_regulator, name="Quiet Harbour Staffing Inc.", registration_no="Q-1", phone="+63 2 8777 1234",
                  officers=[], other_names=[], email=None, address=None)
    agency_id = client.get("/api/v1/agencies?q=quiet harbour").get_json()["items"][0]["id"]
    # the agency was clean when created; its director joins before the licence is issued
    client.patch(f"/api/v1/agencies/{agency_id}", headers=ph_regulator, json={"version": 1, "officers": [{"name": "Rosalind Quibranza"}]})
    licence = issue_licence(client, ph_regulator, agency_id, licence_no="DMW-901")
    assert licence["flags"], "the open flag from the update is returned again when the licence is issued"


def test_new_case_respondent_matching_a_revoked_agency_is_flagged(client, ph_regulator):
    _revoked_agency(client, ph_regulator)
    response = client.post("/api/v1/cases", headers=ph_regulator, json={
        "case_no": "CR-2026-77", "jurisdiction": "PH", "authority": "Regional Trial Court Branch 9",
        "offences": ["illegal_recruitment"], "filed_on": "2026-03-01",
        "respondents": [{"role": "agency", "subject": {"kind": "organisation", "name": "Velmora Overseas Man-Power Incorporated",
                                                        "country": "PH"}}]})
    assert response.status_code == 201, response.get_json()
    flags = response.get_json()["flags"]
    assert flags and flags[0]["candidate_ref"].startswith("agency:") and flags[0]["match"] is True


def test_deciding_same_shows_the_link_on_the_agency_page_and_in_its_rating(client, ph_regulator):
    _revoked_agency(client, ph_regulator)
    new = _new_agency(client, ph_regulator, phone=REVOKED["phone"])
    issue_licence(client, ph_regulator, new["id"], licence_no="DMW-901")
    before = client.get(f"/api/v1/agencies/{new['id']}").get_json()
    assert before["standing"]["linked_records"] == [] and before["rating"]["score"] == 3
    client.post(f"/api/v1/flags/{new['flags'][0]['id']}/decision", headers=ph_regulator,
                json={"decision": "same", "reason": "Same owner and office, confirmed by inspection"})
    after = client.get(f"/api/v1/agencies/{new['id']}").get_json()
    link = after["standing"]["linked_records"][0]
    assert link["name"] == "Velmora Overseas Manpower Inc. (PH)" and link["adverse"] and after["standing"]["linked_to_adverse_record"]
    assert after["rating"]["score"] == 1 and "revocation" in [p["code"] for p in after["rating"]["points"]]
    assert after["compliance"]["revocations"] == 1
    page = client.get(f"/agencies/{new['id']}").get_data(as_text=True)
    assert "Linked records" in page and "Velmora Overseas Manpower Inc. (PH)" in page and "Same owner and office" in page
