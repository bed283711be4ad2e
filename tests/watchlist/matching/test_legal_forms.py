"""Legal forms are data, set aside before comparison, and never make a match on their own."""
import pytest

from watchlist.matching import analyse_name, compare_names
from watchlist.matching.resources import load_table


def test_legal_form_alone_never_makes_a_match():
    assert not compare_names("ABC Sdn Bhd", "XYZ Sdn Bhd").match
    assert compare_names("ABC Sdn Bhd", "XYZ Sdn Bhd").score < 50


def test_shared_generic_word_and_legal_form_do_not_make_a_match():
    result = compare_names("Alpha Trading Sdn Bhd", "Beta Trading Sdn Bhd")
    assert not result.match and not result.review


def test_legal_form_swap_does_not_prevent_a_match():
    assert compare_names("Sinar Jaya Manpower", "Sinar Jaya Man Power Sdn Bhd").match
    assert compare_names("Golden Lotus Co., Ltd.", "Golden Lotus Company Limited").match
    assert compare_names("PT Maju Bersama Abadi", "Maju Bersama Abadi Perseroan Terbatas").match


def test_legal_forms_are_set_aside_and_reported():
    analysis = analyse_name("Sinar Jaya Sdn. Bhd.")
    assert analysis.normalised == "sinar jaya"
    assert {"text": "Sdn Bhd", "kind": "legal_form"} in analysis.set_aside
    assert analysis.kind == "organisation"


@pytest.mark.parametrize("name, expected", [
    ("บริษัท โกลเด้น โลตัส จำกัด (มหาชน)", 2),
    ("Công ty TNHH Sao Vàng", 2),
    ("Công ty Cổ phần Sao Vàng", 2),
    ("CTCP Sao Vàng", 2),
    ("金莲有限公司", 2),
    ("金莲股份有限公司", 2),
    ("株式会社トヨタ", 3),
    ("(주)삼성", 2),
    ("شركة النور ذ.م.م", 1),
    ("Al Noor Trading W.L.L.", 3),
    ("Al Noor L.L.C.", 2),
    ("Kathmandu Overseas Pvt. Ltd.", 2),
    ("Lanka Recruiters (Pvt) Ltd", 2),
    ("Dhaka Recruiting Agency Limited", 3),
    ("Manila Star Corporation", 2),
])
def test_native_and_latin_legal_forms_are_removed(name, expected):
    analysis = analyse_name(name)
    assert len(analysis.tokens) == expected, analysis
    assert any(item["kind"] == "legal_form" for item in analysis.set_aside)


def test_legal_form_table_covers_the_required_countries():
    countries = set()
    for row in load_table("legal_forms.csv"):
        countries.update(row["countries"].split(";"))
    required = {"PH", "ID", "MY", "SG", "TH", "VN", "KH", "MM", "LA", "BN", "NP", "LK", "BD", "SA", "AE",
                "QA", "KW", "BH", "OM", "HK", "TW", "CN", "JP", "KR"}
    assert required <= countries | {"*"}, required - countries


def test_thai_company_with_native_legal_form_matches_its_latin_form():
    assert compare_names("บริษัท สยาม จำกัด", "Siam Co., Ltd.").score >= 50
    assert compare_names("บริษัท โกลเด้น โลตัส จำกัด", "บริษัท โกลเด้น โลตัส จำกัด (มหาชน)").match


def test_chinese_company_with_native_legal_form_matches_its_pinyin():
    assert compare_names("金莲有限公司", "Jinlian Limited").match


def test_weak_legal_form_is_kept_in_a_short_person_like_name():
    assert analyse_name("Maria Sa").tokens == ("maria", "sa")


@pytest.mark.parametrize("written, expected", [
    ("Sinar Jaya Sendirian Berhard", ("sinar", "jaya")),
    ("Siemens Aktiengeselschaft", ("siemens",)),
    ("Tactical Missiles Joynt Stock Company", ("tactical", "missiles")),
    ("Tactical Missiles Joint Stock Compan", ("tactical", "missiles")),
])
def test_legal_form_with_a_typo_or_cut_short_at_the_end_is_set_aside(written, expected):
    assert analyse_name(written, "organisation").tokens == expected


@pytest.mark.parametrize("name", ["Abebe Berhan", "Golden Compass", "Selam Limted"])
def test_a_short_word_near_a_legal_form_is_kept(name):
    # one-word forms need seven letters to be read through a typo: "Berhan" is a name, not "Berhad"
    assert len(analyse_name(name, "any").tokens) == 2


@pytest.mark.parametrize("written", ["Sinar Jaya Sdn Bdh", "Sinar Jaya Pte Ldt"])
def test_short_legal_form_word_with_two_letters_swapped_is_set_aside(written):
    assert analyse_name(written, "organisation").tokens == ("sinar", "jaya")


def test_a_lone_short_word_is_not_read_as_a_swapped_legal_form():
    assert analyse_name("Sinar Jaya Ldt", "organisation").tokens == ("sinar", "jaya", "ldt")


@pytest.mark.parametrize("qualified", [
    "Sinar Jaya Manpower (M) Sdn Bhd", "Sinar Jaya Manpower (Malaysia) Sdn. Bhd.",
    "Sinar Jaya Manpower (Asia Pacific) Sdn Bhd",
])
def test_place_in_brackets_on_one_side_is_set_aside(qualified):
    result = compare_names(qualified, "Sinar Jaya Manpower Sdn Bhd", "organisation")
    assert result.match
    assert any(item["kind"] == "place_qualifier" for item in result.explanation["name"]["set_aside"])


def test_different_places_in_brackets_are_sister_companies_for_review():
    result = compare_names("Golden Lotus Recruitment (Hong Kong) Limited",
                           "Golden Lotus Recruitment (Singapore) Limited", "organisation")
    assert result.review and not result.match
    assert result.explanation["name"]["capped"]["reason"] == "the places in brackets differ"


def test_one_place_written_two_ways_in_brackets_is_the_same_place():
    assert compare_names("Golden Lotus Recruitment (HK) Limited",
                         "Golden Lotus Recruitment (Hong Kong) Limited", "organisation").match


def test_a_country_name_outside_brackets_is_still_part_of_the_name():
    assert analyse_name("Golden Lotus Recruitment Malaysia", "organisation").tokens[-1] == "malaysia"
    assert compare_names("Golden Lotus Recruitment Malaysia", "Golden Lotus Recruitment", "organisation").score \
        < compare_names("Golden Lotus Recruitment (Malaysia)", "Golden Lotus Recruitment", "organisation").score


def test_messrs_before_an_agency_name_is_set_aside():
    assert analyse_name("M/S Sunrise Overseas Pvt Ltd").tokens == ("sunrise", "overseas")
    assert compare_names("Messrs Sunrise Overseas", "Sunrise Overseas Private Limited").match


@pytest.mark.parametrize("written", ["Cty TNHH Sao Vang Nhan Luc", "Cty CP Sao Vang Nhan Luc",
                                     "Sao Vang Nhan Luc One Member Co., Ltd."])
def test_vietnamese_short_and_english_legal_forms_are_set_aside(written):
    assert analyse_name(written, "organisation").tokens == ("sao", "vang", "nhan", "luc")


def test_a_brand_of_two_letters_is_not_taken_for_a_legal_form():
    assert analyse_name("CP Foods Trading", "organisation").tokens[0] == "cp"


def test_nepali_p_ltd_is_set_aside():
    assert analyse_name("Himal Overseas P. Ltd.", "organisation").tokens == ("himal", "overseas")
