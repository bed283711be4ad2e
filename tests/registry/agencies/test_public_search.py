"""The public agency search (column statements) answers exactly what the ORM search and its schema answer."""
import json

import pytest

from registry.agencies import public, service
from registry.agencies.schemas import AgencyListItem
from registry.demo import seed_demo


@pytest.fixture
def demo(app):
    seed_demo()


def _orm(q, country=None, status=None, page=1, per_page=20):
    items, total = service.search_agencies(q, country, status, page, per_page)
    return json.loads(AgencyListItem(many=True).dumps(items)), total


@pytest.mark.parametrize("q,country,status,per_page", [
    ("manpower", None, None, 20), ("manpower", None, None, 3), ("Velmora", None, None, 20), ("DMW-00", None, None, 20),
    ("overseas", "PH", None, 20), ("a", None, "valid", 5), ("a", None, "suspended", 20), ("a", None, "revoked", 20),
    (None, "ID", None, 100), ("a", None, "expired", 20), ("a", None, "pending", 20)])
def test_public_search_answers_what_the_orm_search_answers(demo, q, country, status, per_page):
    found = public.search(q, country, status, 1, per_page)
    items, total = _orm(q, country, status, 1, per_page)
    assert total > 0
    assert json.loads(AgencyListItem(many=True).dumps(found["items"])) == items
    assert found["total"] == total and found["per_page"] == per_page


def test_public_search_is_none_when_nothing_matches_so_the_view_can_suggest(demo, client):
    assert public.search("Zzqxv Nothing", None, None, 1, 20) is None
    body = client.get("/api/v1/agencies?q=Velmorra%20Globall").get_json()
    assert body["items"] == [] and body["total"] == 0 and "suggestions" in body
