"""Property tests: the normaliser never raises and is idempotent; comparison is bounded and symmetric-ish."""
from hypothesis import given, settings, strategies as st

from watchlist.matching import analyse_name, compare_names, search_key

names = st.text(max_size=40)
realistic = st.lists(st.sampled_from(["Sinar", "Jaya", "Sdn", "Bhd", "Nguyen", "Van", "An", "Kencana",
                                      "Manpower", "bin", "Haji", "Co.,", "Ltd.", "株式会社", "Сергей",
                                      "&", "-", "PT", "J.", "Công", "ty", "2"]), max_size=6).map(" ".join)


@settings(max_examples=300, deadline=None)
@given(names)
def test_search_key_never_raises_and_is_idempotent(text):
    key = search_key(text)
    assert key.isascii()
    assert search_key(key) == key


@settings(max_examples=200, deadline=None)
@given(names)
def test_analyse_name_never_raises(text):
    analysis = analyse_name(text)
    assert analysis.normalised == " ".join(analysis.tokens)


@settings(max_examples=200, deadline=None)
@given(st.one_of(names, realistic), st.one_of(names, realistic))
def test_compare_is_bounded_and_symmetric_ish(a, b):
    forward = compare_names(a, b)
    backward = compare_names(b, a)
    assert 0 <= forward.score <= 100
    assert abs(forward.score - backward.score) <= 15
