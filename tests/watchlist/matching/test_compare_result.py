"""compare_names returns a rounded score, threshold decisions and a JSON-serialisable explanation."""
import json

from watchlist.matching import MatchConfig, compare_names


def test_result_score_is_rounded_and_in_range():
    result = compare_names("Kencana Overseas", "Kencanna Overseas")
    assert 0 <= result.score <= 100
    assert result.score == round(result.score, 1)


def test_match_and_review_follow_the_default_thresholds():
    config = MatchConfig()
    result = compare_names("J. Dela Cruz", "Juan Dela Cruz", kind="person")
    assert result.match == (result.score >= config.match_threshold)
    assert result.review == (config.review_threshold <= result.score < config.match_threshold)


def test_explanation_is_json_serialisable_and_readable():
    result = compare_names("Sinarjaya Manpower", "Sinar Jaya Man-Power Sdn. Bhd.")
    json.dumps(result.explanation)
    name = result.explanation["name"]
    assert result.explanation["summary"]
    assert name["matched_normalised"] == "sinar jaya man power"
    assert {"text": "Sdn Bhd", "kind": "legal_form", "side": "matched"} in name["set_aside"]
    assert {"query": "sinarjaya", "matched": "sinar jaya", "how": "joined words"}.items() <= \
        name["token_matches"][0].items() or any(m["how"] == "joined words" for m in name["token_matches"])


def test_any_kind_guesses_organisation_from_a_legal_form():
    result = compare_names("Siemens AG", "Siemens Aktiengesellschaft")
    assert result.match
    assert result.explanation["name"]["kind"] == "organisation"


def test_empty_names_score_zero():
    assert compare_names("", "Anything").score == 0
    assert compare_names("", "").score == 0
