"""Who sees what: the public only sees convicted or debarred subjects and their decided cases, never pending
cases, identifiers, contacts or notes; verifiers and regulators see everything."""
import pytest

from tests.watchlist.helpers import ago, convict, create_case, create_subject, event

PENDING_MARK = "CRIM-PENDING-777"
PUBLIC_URLS = ("/api/v1/watchlist", "/api/v1/watchlist?q=vellamar", "/api/v1/watchlist.csv", "/api/v1/watchlist.ftm.json")


@pytest.fixture
def convicted_with_pending_case(client, ph_regulator):
    """A convicted employer that also has a pending case, and a second employer with only a pending case."""
    sid = create_subject(client, ph_regulator, id_numbers=[{"kind": "passport", "value": "PASSPORT-SECRET-1"}])["id"]
    convict(client, ph_regulator, create_case(client, ph_regulator, [sid])["id"], sid)
    create_case(client, ph_regulator, [sid], case_no=PENDING_MARK)
    other = create_subject(client, ph_regulator, name="Qirell Pending Manpower Co.", external_id="PH-W-002", other_names=[])["id"]
    create_case(client, ph_regulator, [other], case_no="CRIM-PENDING-778")
    return sid, other


def test_pending_case_never_appears_in_any_public_response_or_export(client, convicted_with_pending_case):
    sid, other = convicted_with_pending_case
    for url in PUBLIC_URLS + (f"/api/v1/subjects/{sid}", f"/api/v1/subjects/{sid}?on={ago(0)}"):
        response = client.get(url)
        assert response.status_code == 200, url
        text = response.get_data(as_text=True)
        assert PENDING_MARK not in text and "CRIM-PENDING-778" not in text and "Qirell" not in text, url
        assert "INTERNAL-NOTE" not in text and "PASSPORT-SECRET" not in text and "CR-4455-01" not in text, url
        assert "hr@vellamar.example" not in text and "8555 0199" not in text, url
    assert client.get(f"/api/v1/subjects/{other}").status_code == 404


def test_public_subject_shows_decided_case_with_sanctions(client, convicted_with_pending_case):
    body = client.get(f"/api/v1/subjects/{convicted_with_pending_case[0]}").get_json()
    assert body["standing"] == "convicted"
    assert set(body) == {"id", "kind", "name", "other_names", "country", "standing", "standing_on", "cases"}
    [case] = body["cases"]
    assert case["case_no"] == "CRIM-T-001" and case["decision"] == "convicted"
    assert case["sanctions"]["fine"] == {"amount": "50000.00", "currency": "PHP"}


def test_verifier_sees_pending_cases_identifiers_and_contacts(client, make_token, convicted_with_pending_case):
    sid, other = convicted_with_pending_case
    verifier = make_token("verifier", "AE")
    body = client.get(f"/api/v1/subjects/{sid}", headers=verifier).get_json()
    assert {c["case_no"] for c in body["cases"]} == {"CRIM-T-001", PENDING_MARK}
    assert body["id_numbers"] == [{"kind": "passport", "value": "PASSPORT-SECRET-1"}] and body["emails"] == ["hr@vellamar.example"]
    assert client.get(f"/api/v1/subjects/{other}", headers=verifier).get_json()["standing"] == "pending"
    listed = client.get("/api/v1/subjects?standing=pending", headers=verifier).get_json()
    assert [s["id"] for s in listed["items"]] == [other]


def test_public_search_filters_by_name_and_country(client, convicted_with_pending_case):
    assert client.get("/api/v1/watchlist?q=VELLAMAR builders").get_json()["total"] == 1
    assert client.get("/api/v1/watchlist?country=SA").get_json()["total"] == 0
    assert client.get("/api/v1/watchlist?q=qirell").get_json()["total"] == 0


def test_acquitted_subject_is_not_public(client, ph_regulator):
    sid = create_subject(client, ph_regulator)["id"]
    cid = create_case(client, ph_regulator, [sid])["id"]
    event(client, ph_regulator, cid, "prosecuted", 100)
    event(client, ph_regulator, cid, "acquitted", 50)
    assert client.get(f"/api/v1/subjects/{sid}").status_code == 404
    assert client.get(f"/api/v1/subjects/{sid}", headers=ph_regulator).get_json()["standing"] == "cleared"


def test_conviction_overturned_on_appeal_leaves_the_public_list(client, ph_regulator):
    sid = create_subject(client, ph_regulator)["id"]
    cid = create_case(client, ph_regulator, [sid])["id"]
    convict(client, ph_regulator, cid, sid, days_ago=200)
    event(client, ph_regulator, cid, "appealed", 150)
    assert client.get(f"/api/v1/subjects/{sid}").get_json()["cases"][0]["appeal"] == "pending"
    event(client, ph_regulator, cid, "overturned", 20)
    assert client.get(f"/api/v1/subjects/{sid}").status_code == 404
    assert client.get(f"/api/v1/subjects/{sid}?on={ago(100)}").status_code == 404  # not public today: no history either
    regulator_view = client.get(f"/api/v1/subjects/{sid}?on={ago(100)}", headers=ph_regulator).get_json()
    assert regulator_view["standing"] == "convicted"
    assert client.get(f"/api/v1/subjects/{sid}", headers=ph_regulator).get_json()["standing"] == "cleared"


def test_debarment_shows_until_it_expires(client, ph_regulator):
    sid = create_subject(client, ph_regulator)["id"]
    cid = create_case(client, ph_regulator, [sid])["id"]
    event(client, ph_regulator, cid, "settled", 300, sanctions={"debarment_until": ago(10), "fine": {"amount": "100", "currency": "PHP"}})
    assert client.get(f"/api/v1/subjects/{sid}").status_code == 404
    assert client.get(f"/api/v1/subjects/{sid}", headers=ph_regulator).get_json()["standing"] == "cleared"
    assert client.get(f"/api/v1/subjects/{sid}?on={ago(11)}", headers=ph_regulator).get_json()["standing"] == "debarred"
    other = create_subject(client, ph_regulator, external_id="PH-W-2")["id"]
    cid = create_case(client, ph_regulator, [other], case_no="C-2")["id"]
    event(client, ph_regulator, cid, "settled", 30, sanctions={"debarment_until": ago(-30)})
    body = client.get(f"/api/v1/subjects/{other}").get_json()
    assert body["standing"] == "debarred" and body["cases"][0]["sanctions"]["debarment_until"] == ago(-30)
