"""Token weighting: generic words and common surnames weigh little; learned statistics."""
from watchlist.matching import TokenStats, compare_names


def test_generic_words_differing_prevent_a_match():
    assert not compare_names("Global Manpower Services", "Global Manpower Solutions").match


def test_distinctive_word_carries_the_match():
    assert compare_names("Kencana Global Manpower Services", "Kencana Manpower Services").match


def test_default_stats_weigh_generic_words_and_common_surnames_low():
    stats = TokenStats.default()
    assert stats.weight("manpower") < 0.5
    assert stats.weight("nguyen") < 0.6
    assert stats.weight("kencana") == 1.0


def test_learned_stats_weigh_frequent_tokens_low():
    names = [f"Word{i} Frequentword" for i in range(1000)] + ["Rareword Agency"]
    stats = TokenStats.from_names(names)
    assert stats.weight("frequentword") < 0.3
    assert stats.weight("rareword") == 1.0


def test_numbers_are_weak_evidence():
    assert compare_names("Sinar Jaya Manpower 2", "Sinar Jaya Manpower").match


def test_a_country_name_on_one_side_marks_a_national_arm_for_review_not_a_match():
    result = compare_names("Banco Santander S.A.", "Banco Santander Chile S.A.", kind="organisation")
    assert not result.match and result.review
    assert compare_names("Banco Santander Chile S.A.", "Banco Santander Chile", kind="organisation").match
