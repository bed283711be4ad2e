"""Rule: a person's name and an organisation's, both kinds known, never match on the name alone."""
from watchlist.matching import MatchIndex, Query, Record, compare_names


def test_person_is_not_matched_to_organisation_on_name_alone():
    result = compare_names("Hồ Minh Hùng", "Công ty TNHH Hùng Minh", kind="person", matched_kind="organisation")
    assert not result.match
    assert result.explanation["name"]["capped"]["reason"].startswith("a person's name")


def test_explanation_shows_the_real_query_kind():
    name = compare_names("Phạm T. Linh", "Công ty Cổ phần Minh Phát", kind="person",
                         matched_kind="organisation").explanation["name"]
    assert name["query_kind"] == "person"
    assert name["matched_kind"] == "organisation"


def test_same_known_kind_still_matches():
    assert compare_names("Hùng Minh", "Hung Minh", kind="person", matched_kind="person").match
    assert compare_names("Hùng Minh Trading", "Hung Minh Trading Co", kind="organisation",
                         matched_kind="organisation").match


def test_unknown_kind_on_one_side_is_no_conflict():
    assert compare_names("Sinar Jaya Manpower", "Sinar Jaya Manpower Sdn Bhd", kind="any",
                         matched_kind="organisation").match


def test_screening_a_person_against_a_company_of_the_same_words_is_review_at_most():
    index = MatchIndex()
    index.add(Record("o1", "organisation", ["Hung Minh Phat Co., Ltd."]))
    hits = index.query(Query("Hung Minh Phat", kind="person"))
    assert hits and not hits[0].match
    assert hits[0].explanation["name"]["query_kind"] == "person"
    any_hits = index.query(Query("Hung Minh Phat", kind="any"))
    assert any_hits[0].match
