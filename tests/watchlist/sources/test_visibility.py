"""Who sees imported entities: the public only those of public sources, apart from the watchlist, "listed by SOURCE"
with its link; verifiers, regulators and admins see every source with identifiers and contacts."""
from tests.watchlist.sources.helpers import ACTOR, FEED, load, source
from watchlist.sources.service import update_source

PUBLIC_WATCHLIST = ("/api/v1/watchlist", "/api/v1/watchlist?q=sarvantis", "/api/v1/watchlist.csv", "/api/v1/watchlist.ftm.json")


def test_public_sees_a_public_source_entity_apart_as_listed_by_the_source_with_its_link(client, tmp_path):
    source()
    load(tmp_path, FEED)
    body = client.get("/api/v1/watchlist/listed?q=sarvantis").get_json()
    [item] = body["items"]
    assert item["listed_by"] == {"source": "nr", "name": "Neighbouring Registry (fictitious)",
                                 "publisher": "Fictitious Labour Board", "url": "https://nr.example/list"}
    assert item["standing"] == "debarred" and item["sanctions"][0]["authority"] == "Neighbouring Labour Board (fictitious)"
    assert "identifiers" not in item and "emails" not in item and "jobs@sarvantis" not in str(body)
    for url in PUBLIC_WATCHLIST:  # never shown as this registry's own decision
        assert "Sarvantis" not in client.get(url).get_data(as_text=True), url
    page = client.get("/employers?q=Sarvantis").get_data(as_text=True)
    assert "Listed by" in page and "https://nr.example/list" in page and "CONVICTED" not in page and "BANNED" not in page


def test_a_private_source_is_hidden_from_the_public_but_not_from_verifiers(client, make_token, tmp_path):
    source(public=False)
    load(tmp_path, FEED)
    assert client.get("/api/v1/watchlist/listed?q=sarvantis").get_json()["total"] == 0
    assert client.get("/api/v1/sources").get_json() == {"sources": []}
    assert "Listed by" not in client.get("/employers?q=Sarvantis").get_data(as_text=True)
    verifier = make_token("verifier", "SA")
    [item] = client.get("/api/v1/watchlist/listed?q=sarvantis", headers=verifier).get_json()["items"]
    assert item["identifiers"] == [{"kind": "registration_no", "value": "MY-777-X"}]
    assert item["addresses"] == ["12 Jalan Fiktif, Kuala Lumpur"] and item["source_public"] is False
    assert client.get("/api/v1/sources", headers=verifier).get_json()["sources"][0]["entities"] == 2


def test_making_a_source_private_hides_it_from_the_public_at_once(client, tmp_path):
    source()
    load(tmp_path, FEED)
    assert client.get("/api/v1/watchlist/listed").get_json()["total"] == 2
    update_source("nr", {"public": False}, ACTOR)
    assert client.get("/api/v1/watchlist/listed").get_json()["total"] == 0


def test_a_retired_entity_is_no_longer_listed(client, tmp_path):
    source()
    load(tmp_path, FEED)
    load(tmp_path, [e for e in FEED if e["id"] != "nr-co-1"], name="v2.ndjson")
    assert [i["name"] for i in client.get("/api/v1/watchlist/listed").get_json()["items"]] == ["Dorvell Qamaruddin"]


def test_listed_search_filters_by_country(client, tmp_path):
    source()
    load(tmp_path, FEED)
    assert client.get("/api/v1/watchlist/listed?country=MY").get_json()["total"] == 2
    assert client.get("/api/v1/watchlist/listed?country=SA").get_json()["total"] == 0
