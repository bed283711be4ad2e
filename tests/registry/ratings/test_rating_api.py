"""The agency API and page carry the compliance record and the rating, fed by licence actions and upheld complaints."""
from tests.registry.factories import act
from tests.registry.portal.helpers import agency_with_licence


def test_agency_api_shows_the_compliance_record_and_an_explained_rating(client, ph_regulator):
    agency = agency_with_licence(client, ph_regulator)
    body = client.get(f"/api/v1/agencies/{agency['id']}").get_json()
    assert body["compliance"]["licensed_since"] == "2025-01-15"
    assert body["compliance"]["suspensions"] == 0 and body["compliance"]["complaints_received"] == 0
    assert body["rating"]["score"] == 3 and body["rating"]["points"][0]["reason"] == "Starting score for an agency with a valid licence"


def test_a_suspension_and_an_upheld_complaint_lower_the_rating_each_by_one(client, ph_regulator):
    agency = agency_with_licence(client, ph_regulator)
    act(client, ph_regulator, "DMW-001-LB", action="suspend", reason="Fees above the cap.", effective_on="2025-03-01")
    act(client, ph_regulator, "DMW-001-LB", action="reinstate", effective_on="2025-04-01")
    client.post("/api/v1/complaints", json={"agency_licence_no": "DMW-001-LB", "category": "overcharging", "country": "PH",
                                            "description": "Charged twice the cap."})
    cid = client.get("/api/v1/complaints", headers=ph_regulator).get_json()["items"][0]["id"]
    for status in ("under_review", "resolved"):
        client.post(f"/api/v1/complaints/{cid}/events", json={"status": status, "note": "Refund ordered."}, headers=ph_regulator)
    body = client.get(f"/api/v1/agencies/{agency['id']}").get_json()
    assert body["compliance"]["complaints_upheld"] == 1 and body["compliance"]["suspensions"] == 1
    assert body["rating"]["score"] == 1
    kinds = {p["code"]: p["record"] for p in body["rating"]["points"]}
    assert kinds["complaint_upheld"] == {"type": "complaint", "id": cid}
    assert kinds["suspension"]["type"] == "licence_action"


def test_a_revoked_agency_has_a_record_but_no_rating(client, ph_regulator):
    agency = agency_with_licence(client, ph_regulator, state="revoked")
    body = client.get(f"/api/v1/agencies/{agency['id']}").get_json()
    assert body["rating"] is None and body["compliance"]["revocations"] == 1


def test_a_conviction_of_a_subject_linked_to_the_agency_counts_against_it(client, ph_regulator):
    from tests.watchlist.helpers import convict, create_case, create_subject

    agency = agency_with_licence(client, ph_regulator)
    subject = create_subject(client, ph_regulator, name="Kalovaren Manpower Services Inc.", agency_id=agency["id"],
                             external_id="PH-W-777", other_names=[], registration_no=None)
    case = create_case(client, ph_regulator, [subject["id"]], case_no="CRIM-T-777")
    convict(client, ph_regulator, case["id"], subject["id"])
    body = client.get(f"/api/v1/agencies/{agency['id']}").get_json()
    assert body["compliance"]["convictions"] == 1
    conviction = next(p for p in body["rating"]["points"] if p["code"] == "conviction")
    assert conviction["points"] == -3 and conviction["record"] == {"type": "case", "id": case["id"]}
