"""Tunable knobs of the matcher, with one fixed set of defaults used everywhere."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class MatchConfig:
    """Thresholds (0-100 scale) and the weights used by the name scorer and the signal combiner."""

    match_threshold: float = 80.0
    review_threshold: float = 65.0
    # Unmatched extra tokens (e.g. a dropped middle name) count this much of their weight.
    person_extra_token_factor: float = 0.35
    organisation_extra_token_factor: float = 0.8
    # Unmatched tokens on both sides (e.g. a different given name) count this much of their weight.
    conflict_factor: float = 1.5
    # Similarity credited to token pairs that are not identical.
    typo_penalty: float = 0.8
    # A vowel written differently ("Osama" / "Usama") costs this share of a typo.
    vowel_change_share: float = 0.5
    initial_similarity: float = 0.7
    transliteration_similarity: float = 0.97
    phonetic_similarity: float = 0.8
    name_variant_similarity: float = 0.9
    joined_words_similarity: float = 0.98
    # A word read as two joined words with a typo as well needs at least this many letters.
    joined_typo_min_length: int = 6
    # A particle written joined to the name or apart ("Albakri" / "Al-Bakri", "Delacruz" / "Dela Cruz").
    joined_particle_similarity: float = 0.95
    abbreviation_similarity: float = 0.9
    # The last word of a name that may have been cut at a field-length limit (analysis.CUT_SHORT_LENGTH)
    # may be the start of a word opposite; credited at this similarity.
    cut_short_similarity: float = 0.85
    # Applied when the own names before "bin"/"ibn" differ ("Salman bin Muhammad" vs "Muhammad bin Salman").
    patronymic_mismatch_factor: float = 0.7
    # A person name with an unmatched part on each side (a different given name) scores at most this:
    # review, never an automatic match, however many other parts agree.
    person_conflict_cap: float = 75.0
    # Organisation names naming different places in brackets ("(Hong Kong)" / "(Singapore)") are
    # sister companies: review at most.
    place_conflict_cap: float = 70.0
    # A person's name against an organisation's, both kinds known: the name alone is review at most.
    kind_conflict_cap: float = 70.0
    # An organisation name with a distinctive word the other lacks ("Dusit Thepnimit Fishing" /
    # "Dusit Fishing") may be a sister company, and one matched on generic words only ("Duta Placement
    # Services") says little: review at most.
    organisation_extra_word_cap: float = 75.0
    # Tokens weighing at least this are distinctive (generic words and common names weigh less).
    distinctive_weight: float = 0.5
    # Shortest token (in letters) allowed 1, 2 and 3 edits.
    min_length_for_edits: tuple[int, int, int] = (4, 6, 12)
    # Scores given by non-name signals.
    identifier_score: float = 95.0
    officer_link_score: float = 90.0
    address_link_score: float = 70.0
    address_min_similarity: float = 88.0
    corroboration_bonus: float = 3.0
