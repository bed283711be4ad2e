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


def test_words_left_beside_an_acronym_of_the_other_whole_name_are_a_conflict():
    # "AL" spells "Arenas Loreto", but then "Ameen Trust" has nothing left to match: not the same entity.
    result = compare_names("Al Ameen Trust", "Arenas de Loreto", kind="organisation")
    assert not result.match and not result.review
    assert compare_names("PLA", "People's Liberation Army", kind="organisation").match
    assert compare_names("SJM Recruitment", "Sinar Jaya Manpower Recruitment", kind="organisation").match


def test_an_acronym_of_a_few_words_inside_a_name_counts_only_when_the_rest_does_not_conflict():
    assert compare_names("AA Energy", "Al Ameen Energy", kind="organisation").match
    assert compare_names("US Department of State", "United States Department of State", kind="organisation").match
    result = compare_names("Al Ameen Trust", "AA Energy FZCO", kind="organisation")
    assert not result.match and not result.review
    assert compare_names("AA Energy", "Al Ameen Energy Services", kind="organisation").match
    assert compare_names("JC Juncker", "Jean Claude Marie Juncker", kind="person").review


def test_korean_surname_romanisations_are_one_name():
    assert compare_names("CHO, Yong Chol", "JO, Yong Chol", kind="person").match
    assert compare_names("Lee Min-ho", "Yi Min-ho", kind="person").match


def test_korean_eo_and_u_spell_one_vowel():
    from watchlist.matching.tokens import spelling_key

    assert spelling_key("seong") == spelling_key("sung")
    assert spelling_key("hyeon") == spelling_key("hyun")


def test_hangul_name_matches_its_popular_romanisation():
    assert compare_names("정서윤", "Jung Seo-yoon", kind="person").match
