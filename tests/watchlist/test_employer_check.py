"""The public employer check finds misspelt names through the matching engine, shows offences and sanctions, never
shows a subject that is not convicted or debarred, and answers without the screening index (substring plus a note)."""
import pytest

from tests.registry.portal.helpers import fresh_screening_index  # noqa: F401 - autouse: the index is rebuilt per test
from tests.watchlist.helpers import EMPLOYER, convict, create_case, create_subject

RIMAL = {**EMPLOYER, "name": "Al-Rimal Zarqan", "other_names": [], "external_id": "PH-W-RIMAL", "registration_no": None,
         "addresses": [], "phones": [], "emails": []}


@pytest.fixture
def convicted_rimal(client, ph_regulator):
    subject = create_subject(client, ph_regulator, **RIMAL)
    case = create_case(client, ph_regulator, [subject["id"]])
    convict(client, ph_regulator, case["id"], subject["id"])
    return subject


def test_a_misspelt_employer_name_finds_the_convicted_employer_with_offences_and_sanctions(client, convicted_rimal):
    body = client.get("/api/v1/watchlist?q=Al Rimal Zarkan").get_json()
    assert body["total"] == 1 and body["note"] is None
    item = body["items"][0]
    assert item["name"] == "Al-Rimal Zarqan" and item["standing"] == "convicted" and item["score"] > 90
    case = item["cases"][0]
    assert case["offences"] == ["forced_labour"] and case["sanctions"]["imprisonment_months"] == 24
    page = client.get("/employers?q=Al Rimal Zarkan").get_data(as_text=True)
    assert "CONVICTED" in page and "Al-Rimal Zarqan (PH)" in page and "forced labour" in page and "24 months in prison" in page
    assert "INTERNAL-NOTE" not in page


def test_the_employer_check_never_shows_a_subject_that_is_not_convicted_or_debarred(client, ph_regulator):
    create_case(client, ph_regulator, [create_subject(client, ph_regulator, **RIMAL)["id"]])  # pending only
    body = client.get("/api/v1/watchlist?q=Al Rimal Zarkan").get_json()
    assert body["total"] == 0 and body["items"] == [] and body["suggestions"] == []
    assert "Al-Rimal" not in client.get("/employers?q=Al Rimal Zarkan").get_data(as_text=True)


def test_without_the_screening_index_the_employer_check_answers_exact_spellings_with_a_note(client, convicted_rimal, monkeypatch):
    def unavailable(*args, **kwargs):
        raise RuntimeError("screening index not built yet")

    monkeypatch.setattr("watchlist.employer_check.screen_one", unavailable)
    exact = client.get("/api/v1/watchlist?q=rimal zarqan")
    assert exact.status_code == 200 and exact.get_json()["total"] == 1 and exact.get_json()["note"]
    misspelt = client.get("/api/v1/watchlist?q=Al Rimal Zarkan").get_json()
    assert misspelt["total"] == 0 and misspelt["note"]
    page = client.get("/employers?q=Al Rimal Zarkan")
    assert page.status_code == 200 and "Similar spellings could not be checked just now" in page.get_data(as_text=True)
