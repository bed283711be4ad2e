"""The public licence check may be served from a short per-process cache, but never a stale answer after a write
in this process, never to a caller with a token."""
import pytest

from tests.registry.factories import act, create_agency, issue_licence


@pytest.fixture
def cached(app):
    app.config["PUBLIC_CACHE_SECONDS"] = 60
    yield
    app.config["PUBLIC_CACHE_SECONDS"] = 0


def test_a_repeated_anonymous_licence_check_is_served_from_the_cache(app, client, ph_regulator, cached, monkeypatch):
    agency = create_agency(client, ph_regulator)
    issue_licence(client, ph_regulator, agency["id"])
    first = client.get("/api/v1/licences/PH/DMW-001-LB")
    from registry.licences import service
    monkeypatch.setattr(service, "get_licence", lambda *a: pytest.fail("served from the database, not the cache"))
    second = client.get("/api/v1/licences/PH/DMW-001-LB")
    assert second.status_code == 200 and second.get_json() == first.get_json()
    assert second.headers["X-Request-ID"] != first.headers["X-Request-ID"]
    assert second.headers["Content-Security-Policy"] and second.headers["ETag"] == first.headers["ETag"]


def test_a_write_in_this_process_is_seen_at_once(client, ph_regulator, cached):
    agency = create_agency(client, ph_regulator)
    issue_licence(client, ph_regulator, agency["id"])
    assert client.get("/api/v1/licences/PH/DMW-001-LB").get_json()["status"] == "valid"
    assert act(client, ph_regulator, "DMW-001-LB", action="suspend", reason="Fictitious test").status_code == 201
    assert client.get("/api/v1/licences/PH/DMW-001-LB").get_json()["status"] == "suspended"


def test_callers_with_a_token_always_get_a_fresh_answer(client, ph_regulator, cached, monkeypatch):
    agency = create_agency(client, ph_regulator)
    issue_licence(client, ph_regulator, agency["id"])
    client.get("/api/v1/licences/PH/DMW-001-LB")
    calls = []
    from registry.licences import service
    original = service.get_licence
    monkeypatch.setattr(service, "get_licence", lambda *a: calls.append(a) or original(*a))
    client.get("/api/v1/licences/PH/DMW-001-LB", headers=ph_regulator)
    assert calls
