"""The matcher's work per name and per query is bounded, whatever the input (issue 18, item 11): a 300-character
Hangul name used to be 300 tokens and a comparison of two such names took 0.7 s (quadratic in tokens)."""
import random

from watchlist.matching import MatchIndex, Query, Record, analyse_name, compare_names
from watchlist.matching.compare import comparison_pairs
from watchlist.matching.limits import (MAX_COMPARE_TOKEN_PAIRS, MAX_NAME_TOKENS, MAX_QUERY_NAMES, MAX_TOKEN_LENGTH)
from watchlist.matching.script import native_tokens
from watchlist.matching.text import tokens_of

RNG = random.Random(18)


def _hangul(size=300):
    return "".join(chr(RNG.randint(0xAC00, 0xD7A3)) for _ in range(size))


def test_a_name_is_compared_through_at_most_max_name_tokens_of_bounded_length():
    for name in (_hangul(), "x" * 300, " ".join(["Sinar"] * 60), "a" * 150 + " " + "b" * 149):
        for kind in ("organisation", "person", "any"):
            tokens = analyse_name(name, kind).tokens
            assert len(tokens) <= MAX_NAME_TOKENS and all(len(t) <= MAX_TOKEN_LENGTH for t in tokens)
        assert len(native_tokens(name)) <= MAX_NAME_TOKENS


def test_comparing_names_listed_with_slashes_scores_a_bounded_number_of_token_pairs():
    a, b = "/".join(_hangul(35) for _ in range(8)), "/".join(_hangul(35) for _ in range(8))
    pairs = comparison_pairs(a, b)
    work = sum(min(len(tokens_of(x)), MAX_NAME_TOKENS) * min(len(tokens_of(y)), MAX_NAME_TOKENS) for x, y in pairs)
    assert pairs[0] == (a, b) and work <= MAX_COMPARE_TOKEN_PAIRS
    short = comparison_pairs("Al-Qaida/Islamic Army", "Islamic Army")  # ordinary lists are compared in full
    assert ("Islamic Army", "Islamic Army") in short and compare_names("Al-Qaida/Islamic Army", "Islamic Army").match


def test_caps_keep_real_names_whole():
    name = "Krymteploelektrotsentral Joint Stock Company Krymskaya Teplovaya Elektricheskaya Tsentral"
    assert analyse_name(name).tokens == tuple(t for t in analyse_name(name).tokens)
    assert len(analyse_name(name).tokens) < MAX_NAME_TOKENS and compare_names(name, name).score == 100.0


def test_a_query_scores_at_most_max_query_names(monkeypatch):
    index = MatchIndex()
    index.add_many([Record(f"s:{i}", "organisation", [f"Velmora Overseas Manpower {i}"]) for i in range(5)])
    seen = {}
    real = MatchIndex._score_candidates

    def spy(self, analyses, by_kind, *args):
        seen.update({kind: len(names) for kind, names in by_kind.items()})
        return real(self, analyses, by_kind, *args)

    monkeypatch.setattr(MatchIndex, "_score_candidates", spy)
    names = [f"Other Name{chr(97 + i)}x/Alias Tav{chr(97 + i)}x" for i in range(20)]  # 61 names with the parts of each
    assert index.query(Query(name="Velmora Overseas Manpower", other_names=names), limit=5)[0].match
    assert seen and max(seen.values()) == MAX_QUERY_NAMES
