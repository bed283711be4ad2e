"""Imported entities are screened like watchlist subjects: results, automatic flags and job-offer findings
name the source, and the standing is the source's, never this registry's."""
from registry.verification.findings import screening_findings
from tests.registry.factories import create_agency
from tests.watchlist.sources.helpers import FEED, load, source


def test_screening_result_and_explanation_name_the_source(client, make_token, tmp_path):
    source()
    load(tmp_path, FEED)
    results = client.post("/api/v1/screen", headers=make_token("verifier", "SA"),
                          json={"name": "Sarvantis Overseas Employment Sdn Bhd", "kind": "organisation"}).get_json()["results"]
    top = results[0]
    assert top["type"] == "source_entity" and top["match"] is True and top["source"] == "nr"
    assert top["source_name"] == "Neighbouring Registry (fictitious)" and top["source_url"] == "https://nr.example/list"
    assert top["standing"] == "debarred" and top["sanctions"][0]["program"] == "Recruitment debarment"
    assert top["explanation"]["source"] == "Neighbouring Registry (fictitious)"
    assert "Listed by Neighbouring Registry (fictitious) (debarred there)." in top["explanation"]["summary"]


def test_a_passport_on_a_separate_identification_entity_is_screened(client, make_token, tmp_path):
    source()
    load(tmp_path, FEED)
    results = client.post("/api/v1/screen", headers=make_token("verifier", "SA"),
                          json={"name": "Dorvel Qamarudin", "kind": "person", "registration_no": "A1234567"}).get_json()["results"]
    assert results[0]["name"] == "Dorvell Qamaruddin" and results[0]["match"] is True


def test_a_retired_entity_leaves_the_screening_index(client, make_token, tmp_path):
    source()
    load(tmp_path, FEED)
    verifier = make_token("verifier", "SA")
    query = {"name": "Sarvantis Overseas Employment Sdn Bhd", "kind": "organisation"}
    assert client.post("/api/v1/screen", headers=verifier, json=query).get_json()["results"][0]["source"] == "nr"
    load(tmp_path, [e for e in FEED if e["id"] != "nr-co-1"], name="v2.ndjson")
    assert not any(r["source"] == "nr" for r in client.post("/api/v1/screen", headers=verifier, json=query).get_json()["results"])


def test_a_new_agency_like_a_listed_company_is_flagged_for_review_naming_the_source(client, ph_regulator, tmp_path):
    source()
    load(tmp_path, FEED)
    create_agency(client, ph_regulator, name="Sarvantis Overseas Employment Inc.", registration_no="PH-NEW-1", other_names=[])
    flags = client.get("/api/v1/flags", headers=ph_regulator).get_json()["items"]
    flag = next(f for f in flags if f["candidate"]["type"] == "source_entity")
    assert flag["candidate_label"] == "Sarvantis Overseas Employment Sdn. Bhd. (debarred, listed by Neighbouring Registry (fictitious))"
    assert flag["candidate"]["source_url"] == "https://nr.example/list"


def test_a_job_offer_with_a_listed_employer_gets_a_finding_naming_the_source(app, tmp_path):
    source(public=False)
    load(tmp_path, FEED)
    offer = {"employer": {"name": "Sarvantis Overseas Employment Sdn. Bhd.", "country": "MY"}}
    [found] = screening_findings(offer, None, [])
    assert found["code"] == "employer_watchlist_match" and found["severity"] == "critical"
    assert found["message"].endswith("(debarred, listed by Neighbouring Registry (fictitious)).")
    assert found["evidence"]["source_name"] == "Neighbouring Registry (fictitious)"


def test_the_demo_screening_shows_a_hit_from_the_neighbouring_registry(client, make_token):
    from registry.demo import seed_demo
    assert seed_demo()["source entities"] == 6
    results = client.post("/api/v1/screen", headers=make_token("verifier", "SA"),
                          json={"name": "Sarvantis Overseas Employment", "kind": "organisation"}).get_json()["results"]
    assert results[0]["source"] == "neighbour-demo" and results[0]["source_name"] == "Neighbouring Registry (demo, fictitious)"
