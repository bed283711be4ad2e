"""Normalisation rules: Unicode folding, transliteration, diacritics, punctuation, joined words."""
from watchlist.matching import analyse_name, compare_names, search_key


def test_search_key_removes_legal_forms_punctuation_and_spaces():
    assert search_key("Sinar Jaya Man-Power Sdn. Bhd.") == "sinarjayamanpower"
    assert search_key("Sinarjaya Manpower") == "sinarjayamanpower"


def test_search_key_turns_ampersand_into_and():
    assert search_key("Lim & Tan Recruitment") == "limandtanrecruitment"


def test_search_key_of_empty_string_is_empty():
    assert search_key("") == ""


def test_unicode_compatibility_forms_are_folded():
    assert search_key("ＳＩＮＡＲ　ＪＡＹＡ") == search_key("sinar jaya")


def test_diacritics_are_removed():
    assert analyse_name("Nguyễn Văn Đức", "person").normalised == "nguyen van duc"  # "Văn" is a middle name, kept
    assert compare_names("Nguyễn Văn Đức", "Nguyen Van Duc").match


def test_casefold_handles_special_letters():
    assert search_key("STRAßE Agency") == search_key("strasse agency")


def test_cross_script_names_are_transliterated_to_latin():
    assert analyse_name("Сергей Иванов").normalised == "sergey ivanov"


def test_punctuation_is_ignored():
    assert compare_names("Golden-Star (Manpower) Services", "Golden Star Manpower Services").score == 100


def test_ampersand_and_the_word_and_are_the_same():
    assert compare_names("Lim & Tan Overseas", "Lim and Tan Overseas").score == 100


def test_joined_and_split_words_match():
    assert compare_names("Sinarjaya Manpower", "Sinar Jaya Manpower").match


def test_man_power_and_manpower_match():
    assert compare_names("Bintang Man Power", "Bintang Manpower").match


def test_dotted_acronyms_are_joined():
    assert analyse_name("P.C.C. Holdings").tokens[0] == "pcc"


def test_digits_disguised_as_letters_inside_words_are_read_as_letters():
    assert analyse_name("Ig0r Sech1n").tokens == ("igor", "sechin")
    assert analyse_name("Agency 2").tokens[-1] == "2"


def test_number_words_and_ordinals_become_digits_in_organisation_names():
    assert compare_names("First International Bank", "1st International Bank").match
    assert compare_names("Brigade Forty-Four", "Brigade 44", kind="organisation").match
    assert compare_names("Brigade Forty 4", "Brigade 44", kind="organisation").match


def test_shortened_generic_words_in_organisation_names_are_written_out():
    assert analyse_name("Int'l Manpower Svcs", "organisation").tokens == ("international", "manpower", "services")
    assert compare_names("First Bank Int'l", "First International Bank", kind="organisation").match
    assert analyse_name("Dev Kumar", "person").tokens == ("dev", "kumar")


def test_joined_words_forgive_one_typo_but_not_in_a_first_word_of_two_letters():
    assert compare_names("RicadoDalisay", "Ricardo Dalisay", kind="person").match
    assert not compare_names("Elite", "EP-ITE").review


def test_names_listed_with_a_slash_are_compared_one_by_one():
    result = compare_names("Sinar Jaya Manpower / SJM Recruitment", "SJM Recruitment Sdn Bhd")
    assert result.match
    assert result.explanation["name"]["query"] == "SJM Recruitment"
    assert result.explanation["name"]["listed_in"]["query"] == "Sinar Jaya Manpower / SJM Recruitment"


def test_son_of_legal_forms_and_generic_words_with_a_slash_stay_one_name():
    from watchlist.matching.analysis import alternatives

    assert alternatives("Golden Lotus Import/Export Co., Ltd.") == ["Golden Lotus Import/Export Co., Ltd."]
    assert alternatives("Ramasamy s/o Muthu") == ["Ramasamy s/o Muthu"]
    assert alternatives("Nordic Crew A/S") == ["Nordic Crew A/S"]
    assert alternatives("24/7 Manpower") == ["24/7 Manpower"]
