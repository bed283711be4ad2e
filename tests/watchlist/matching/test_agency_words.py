"""Rules for agency names: abbreviations are the words they stand for; a distinctive extra word on
one side is review, not match; a match resting on generic words only is not a match."""
from watchlist.matching import compare_names
from watchlist.matching.analysis import alternatives


def test_agency_abbreviations_are_the_words_they_stand_for():
    for short, full in [("Sta. Rosa Ent.", "Santa Rosa Enterprise"), ("Asia Constn Co", "Asia Construction Co"),
                        ("Pacific Mfg Intl Svcs", "Pacific Manufacturing International Services"),
                        ("Lim Bros Mgmt", "Lim Brothers Management"),
                        ("Star O/S Employment Agcy", "Star Overseas Employment Agency"),
                        ("Golden M/Power Services", "Golden Manpower Services")]:
        assert compare_names(short, full, kind="organisation").match, short


def test_slash_inside_an_abbreviation_is_not_a_list_of_names():
    assert alternatives("Golden M/Power Services") == ["Golden M/Power Services"]
    assert compare_names("Golden M/Power Services", "Power Services", kind="organisation").score < 80


def test_abbreviation_does_not_join_other_words():
    assert not compare_names("Star O/S Employment Agcy", "Star Offshore Employment Agency",
                             kind="organisation").match


def test_distinctive_extra_word_on_one_side_is_review_not_match():
    result = compare_names("Dusit Thepnimit Fishing", "Dusit Fishing", kind="organisation")
    assert result.review and not result.match  # by the ordinary penalty for an extra word
    for a, b in [("Kwan Kin Hing Overseas Manpower Company Limited", "Kwan Hing Manpower Limited"),
                 ("Meng Chuan Loke Engineering Services", "Chuan Loke Engineering Services"),
                 ("Công ty TNHH Cung ứng Nhân lực An Thái", "Công ty TNHH Cung ứng Nhân lực An Thái Đức")]:
        result = compare_names(a, b, kind="organisation")
        assert result.review and not result.match, (a, b)
        assert "distinctive" in result.explanation["name"]["capped"]["reason"]


def test_descriptive_word_an_alias_drops_is_no_name():
    assert compare_names("Al-Haramain Foundation", "Al-Haramain Islamic Foundation", kind="organisation").match
    assert compare_names("Revival of Islamic Heritage Society", "Revival of Islamic Heritage Society Committee",
                         kind="organisation").match


def test_generic_extra_words_and_legal_forms_do_not_count_as_distinctive():
    assert compare_names("Dusit Fishing Company Limited", "Dusit Fishing", kind="organisation").match
    assert compare_names("Dusit Fishing Services", "Dusit Fishing", kind="organisation").match
    assert compare_names("Sinar Jaya Manpower 2", "Sinar Jaya Manpower", kind="organisation").match


def test_match_carried_by_generic_words_only_is_not_a_match():
    result = compare_names("CV. Duta Sejahtera Placement Services", "PT. Duta Placement Services",
                           kind="organisation")
    assert not result.match
    assert result.explanation["name"]["capped"]["reason"] == "only generic words are shared"
    assert compare_names("Duta Placement Services", "PT. Duta Placement Services", kind="organisation").match
