"""Cross-script names are compared after transliteration; same-script names on native characters."""
from watchlist.matching import compare_names


def test_cyrillic_and_latin_spellings_match():
    assert compare_names("Сергей Иванов", "Sergei Ivanov").match


def test_chinese_names_differing_in_one_character_do_not_match():
    assert not compare_names("习近朋", "习近平").match


def test_thai_company_names_with_legal_forms_match():
    assert compare_names("บริษัท โกลเด้น โลตัส จำกัด", "บริษัท โกลเด้น โลตัส จำกัด (มหาชน)").match


def test_abbreviation_matches_its_expansion():
    assert compare_names("U.S. Department of State", "United States Department of State",
                         kind="organisation").match


def test_a_word_spelling_the_initials_of_a_few_words_inside_a_longer_name_is_not_an_acronym():
    result = compare_names("Maju Trading", "Mega Abadi Jaya Utama Recruitment", kind="organisation")
    assert not result.match and not result.review
    assert compare_names("MAJU", "Mega Abadi Jaya Utama", kind="organisation").match
