"""Typos: one or two edits in a long distinctive token still match; short tokens need exactness."""
from watchlist.matching import compare_names


def test_one_edit_in_a_long_distinctive_token_still_matches():
    assert compare_names("Kencana Overseas Sdn Bhd", "Kencanna Overseas Sdn Bhd").match


def test_two_edits_in_a_long_distinctive_token_still_match():
    assert compare_names("Mikhail Khodorkovsky", "Mikhail Khordorovsky").match


def test_short_tokens_need_exactness():
    assert not compare_names("Abu Trading", "Abe Trading").match
    assert not compare_names("Lee Min Ho", "Lee Min Ha", kind="person").match


def test_sound_alike_spellings_match():
    assert compare_names("Olaf Schulze", "Olaf Scholz").match


def test_two_edits_are_only_forgiven_when_the_word_starts_the_same_way():
    assert not compare_names("Dangdi Mendoza", "Bangsi Mendoza", kind="person").match
