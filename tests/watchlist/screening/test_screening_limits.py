"""Screening and comparison refuse names and batches beyond the documented bounds (422 naming the field), so no
request outlives the worker timeout (issue 18, item 11: a batch of 31 Hangul names of 300 characters ran 30 s)."""
import random
import time

from tests.watchlist.screening.test_screening_api import _revoked
from watchlist.matching.limits import MAX_NAME_TOKENS
from watchlist.screening.schemas import DEFAULT_MAX_BATCH_NAME_CHARS, NAME_CHARS

RNG = random.Random(11)


def _hangul(size=300):
    return "".join(chr(RNG.randint(0xAC00, 0xD7A3)) for _ in range(size))


def _longest_allowed_latin():
    """300 characters in MAX_NAME_TOKENS words: the longest name the API takes."""
    words = ["".join(RNG.choice("abdeghijklmnoprstuy") for _ in range(8)) for _ in range(MAX_NAME_TOKENS)]
    return " ".join(words)[:NAME_CHARS].strip()


def test_hangul_name_of_300_characters_is_422_naming_the_field_in_screen_batch_and_compare(client, make_token):
    headers = make_token("verifier", "PH")
    response = client.post("/api/v1/screen/batch", json={"items": [{"name": _hangul()} for _ in range(31)]},
                           headers=headers)
    assert response.status_code == 422 and "name" in response.get_json()["errors"]["json"]["items"]["30"]
    response = client.post("/api/v1/compare", json={"a": {"name": _hangul()}, "b": {"name": "Park Ji-sung"}},
                           headers=headers)
    assert response.status_code == 422 and "name" in response.get_json()["errors"]["json"]["a"]
    response = client.post("/api/v1/screen", json={"name": "Kim", "officers": [_hangul(MAX_NAME_TOKENS + 1)]},
                           headers=headers)
    assert response.status_code == 422 and "officers" in response.get_json()["errors"]["json"]
    assert client.post("/api/v1/screen", json={"name": _hangul(MAX_NAME_TOKENS)}, headers=headers).status_code == 200


def test_batch_over_the_name_character_budget_is_422_naming_items(client, make_token):
    name = _longest_allowed_latin()
    count = DEFAULT_MAX_BATCH_NAME_CHARS // len(name) + 1
    response = client.post("/api/v1/screen/batch", json={"items": [{"name": name}] * count},
                           headers=make_token("verifier", "PH"))
    assert response.status_code == 422 and "characters of names" in str(response.get_json()["errors"]["json"]["items"])


def test_worst_allowed_batch_finishes_well_within_the_worker_timeout(client, ph_regulator, make_token):
    _revoked(client, ph_regulator)
    name = _longest_allowed_latin()
    items = [{"name": name.replace("a", "e", i % 3)} for i in range(DEFAULT_MAX_BATCH_NAME_CHARS // len(name))]
    started = time.perf_counter()
    response = client.post("/api/v1/screen/batch", json={"items": items}, headers=make_token("verifier", "PH"))
    assert response.status_code == 200 and len(response.get_json()["results"]) == len(items)
    assert time.perf_counter() - started < 15  # gunicorn's --timeout is 30 s (docs/deploy.md)
