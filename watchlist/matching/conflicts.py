"""Why two names that score high should still be reviewed: known kinds that differ, an organisation's
extra name-like word, or a match on generic words only."""
from __future__ import annotations

from .align import Alignment
from .analysis import NameAnalysis
from .config import MatchConfig
from .stats import TokenStats
from .text import has_digit
from .syllables import is_syllable
from .vocabulary import common_tokens

ROMAN_NUMERALS = frozenset("i ii iii iv v vi vii viii ix x xi xii".split())


def kinds_conflict(left: NameAnalysis, right: NameAnalysis) -> bool:
    """Both kinds are known and differ: a person is not an organisation, whatever the names share."""
    return {left.kind, right.kind} == {"person", "organisation"}


def is_generic(token: str, stats: TokenStats, config: MatchConfig) -> bool:
    """A generic word of organisation names ("manpower", "duta", "sejahtera"): listed as one, or, when
    not listed as a common name either, weighing little. A family name in a company name is no generic word."""
    listed = common_tokens().get(token)
    if listed:
        return listed[1] == "org"
    return stats.weight(token) < config.distinctive_weight


def name_like(token: str) -> bool:
    """A word that names someone in an organisation's name: a listed given or family name or one romanised
    syllable ("Kin", "Meng", "Đức"). Such a word on one side only marks another holder. Longer words
    ("Islamic", "Charitable", but also "Thepnimit") are left to the ordinary penalty for an extra word:
    aliases drop descriptive words too often to tell them apart."""
    if len(token) < 3:
        return False  # a particle, an initial or a short form ("ue", "no", "ci"), not a name
    listed = common_tokens().get(token)
    return bool(listed and listed[1] != "org") or is_syllable(token)


def organisation_doubt(left: NameAnalysis, right: NameAnalysis, alignment: Alignment, stats: TokenStats,
                       config: MatchConfig) -> str:
    """Why two organisation names that score high should still be reviewed, or "" when nothing:
    a name-like word on one side only ("Kwan Kin Hing Manpower" / "Kwan Hing Manpower": generic words,
    legal forms and country names do not count), or a match resting on generic words alone while
    something is left over ("Duta Sejahtera Placement Services" / "Duta Placement Services")."""
    extra = [t for t in [left.tokens[i] for i in alignment.left_unmatched]
             + [right.tokens[j] for j in alignment.right_unmatched]
             if not (has_digit(t) or t in ROMAN_NUMERALS)]  # series numbers: weak evidence either way
    if not extra:
        return ""
    distinctive = [t for t in extra if not is_generic(t, stats, config) and name_like(t)]
    if distinctive:
        return "a distinctive word is on one side only: " + ", ".join(distinctive)
    if all(is_generic(left.tokens[i], stats, config) for m in alignment.matches for i in m.left):
        return "only generic words are shared"
    return ""
