"""Bracketed qualifiers that do not name the company: places, offices and registration numbers."""
import pytest

from watchlist.matching import analyse_name, compare_names


@pytest.mark.parametrize("written, kind", [
    ("Sinar Jaya Sdn Bhd (123456-X)", "registration_no"),  # Malaysian company number after the name
    ("Sinar Jaya Sdn. Bhd. (201901000005 (1312525-A))", "registration_no"),  # new and old number, nested
    ("Sinar Jaya Sdn Bhd (Head Office)", "branch_qualifier"),
    ("Sinar Jaya (M) Sdn Bhd", "place_qualifier"),
])
def test_bracketed_qualifier_is_set_aside_and_reported(written, kind):
    analysis = analyse_name(written, "organisation")
    assert analysis.tokens == ("sinar", "jaya")
    assert kind in {item["kind"] for item in analysis.set_aside}


def test_a_small_number_in_brackets_is_a_series_number_and_stays():
    assert analyse_name("Victory (3) Ltd", "organisation").tokens == ("victory", "3")


def test_a_name_in_brackets_stays():
    assert analyse_name("Sinar Jaya (Kembara) Sdn Bhd", "organisation").tokens == ("sinar", "jaya", "kembara")


def test_company_with_its_registration_number_matches_the_bare_name():
    assert compare_names("Kembara Sawit Plantation Sdn. Bhd. (654321-K)", "Kembara Sawit Plantation").score == 100.0
