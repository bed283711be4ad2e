"""Rule: short romanised syllables (Vietnamese, Thai, Khmer, Burmese, Chinese) differing by a letter are
different names, not typos; a joined-words reading needs letters to spare."""
from watchlist.matching import compare_names
from watchlist.matching.config import MatchConfig
from watchlist.matching.syllables import distinct_syllables, is_syllable
from watchlist.matching.tokens import joined_similarity, token_similarity

CONFIG = MatchConfig()


def test_syllables_differing_by_one_consonant_are_different_names():
    for a, b in [("minh", "binh"), ("minh", "linh"), ("peng", "leng"), ("hung", "hang"), ("keong", "kiang")]:
        assert distinct_syllables(a, b)
        assert token_similarity(a, b, CONFIG)[0] == 0.0
    assert not compare_names("Nguyen Van Minh", "Nguyen Van Binh", kind="person").review
    assert not compare_names("Lim Keong", "Lim Kiang", kind="person").match
    assert not compare_names("Tan Peng", "Tan Leng", kind="person").match


def test_typo_that_is_no_syllable_is_still_a_typo():
    assert not is_syllable("minb")
    assert token_similarity("nguyen", "ngyuen", CONFIG)[0] > 0  # two letters swapped
    assert compare_names("Nguyen Van Minh", "Ngyuen Van Minh", kind="person").match


def test_known_romanisations_of_one_syllable_still_match():
    assert token_similarity("seong", "sung", CONFIG)[0] > 0.9
    assert compare_names("Kim Myong Chol", "Kim Pyong Chol", kind="person").score > 0  # Korean: not this rule
    assert not distinct_syllables("myong", "pyong")


def test_longer_words_are_not_syllables():
    assert not is_syllable("hassan")
    assert not is_syllable("mark")  # a final "rk" is no romanised syllable ending
    assert compare_names("Mohammed Hassan", "Mohammed Hasan", kind="person").match


def test_initial_glued_to_a_syllable_is_not_a_joined_word():
    assert joined_similarity("phat", ("pham", "t"), CONFIG) == 0.0
    assert not compare_names("Phạm T. Linh", "Phat Linh", kind="person").match


def test_joined_words_with_a_typo_need_letters_to_spare():
    assert joined_similarity("phat", ("ph", "ta"), CONFIG) == 0.0
    assert joined_similarity("sinarjaya", ("sinar", "jaya"), CONFIG) > 0.9
    assert joined_similarity("sinarjayaa", ("sinar", "jaya"), CONFIG) > 0.8


def test_one_sound_written_by_two_romanisation_systems_is_one_syllable():
    for a, b in [("zhang", "chang"), ("pong", "bong"), ("hsaing", "saing"), ("ghaith", "gaith"), ("yong", "jong")]:
        assert not distinct_syllables(a, b), (a, b)
    assert distinct_syllables("minh", "binh")  # m/b is no romanisation variant


def test_vowels_differ_only_before_an_east_asian_ending():
    assert distinct_syllables("hung", "hang")
    assert not distinct_syllables("loun", "loan")  # Urdu vowels vary
    assert compare_names("LOUN, Waseem Rauf", "LOAN, Waseem Rauf", kind="person").match


def test_syllables_with_one_rhyme_and_another_opening_differ():
    assert distinct_syllables("huong", "phuong")
    assert not compare_names("Phan Ngọc Hương Mai", "Phan Ngọc Phương Mai", kind="person").match
