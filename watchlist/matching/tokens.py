"""Similarity between two single tokens: exact, typo (edit distance allowed by length), sound-alike,
initial, or known name variant; short tokens must be identical."""
from __future__ import annotations

import re
from functools import lru_cache

from rapidfuzz import process
from rapidfuzz.distance import OSA

from .config import MatchConfig
from .syllables import distinct_syllables, particle_joined
from .vocabulary import common_tokens, name_variants

_PHONETIC_RULES = [(re.compile(p), r) for p, r in (
    (r"ph", "f"), (r"ck", "k"), (r"[cq]", "k"), (r"x", "ks"), (r"z", "s"), (r"w", "v"),
    (r"dh", "d"), (r"th", "t"), (r"(?<=.)[aeiouyh]", ""), (r"(.)\1+", r"\1"),
)]


_SPELLING_RULES = [(re.compile(p), r) for p, r in (
    (r"ph", "f"), (r"y", "i"), (r"(?<=[aeiou])j", "i"), (r"w", "v"), (r"ck", "k"), (r"q", "k"),
    (r"(?<=[kscz])h", ""), (r"ou", "u"),
    (r"oo", "u"), (r"ee", "i"), (r"eo", "u"), (r"(.)\1+", r"\1"), (r"(?<=[a-z]{4})s$", ""),
)]


@lru_cache(maxsize=200_000)
def spelling_key(token: str) -> str:
    """Folds common transliteration variants (y/i, ph/f, doubled letters, Korean eo/u as in
    "Seong"/"Sung") so they cost nothing."""
    for pattern, replacement in _SPELLING_RULES:
        token = pattern.sub(replacement, token)
    return token


_VOWELS = frozenset("aeiouy")


def vowels_differ_only(a: str, b: str) -> bool:
    """Same length, and every differing letter is a vowel on both sides ("osama" / "usama",
    "laden" / "ladin"): transliterations from scripts that do not write vowels vary exactly so."""
    return len(a) == len(b) and all(x == y or (x in _VOWELS and y in _VOWELS) for x, y in zip(a, b))


def typo_similarity(a: str, b: str, distance: int, config: MatchConfig) -> float:
    """1 - distance/length, a vowel-for-vowel change costing ``vowel_change_share`` of a typo."""
    penalty = config.typo_penalty * (config.vowel_change_share if vowels_differ_only(a, b) else 1.0)
    return max(0.0, 1.0 - penalty * distance / max(len(a), len(b)))


def edit_similarity(a: str, b: str, edits: int, config: MatchConfig) -> float:
    """1 - distance/length when within ``edits`` edits (transpositions count once), else 0."""
    distance = OSA.distance(a, b, score_cutoff=edits)
    if distance > edits:
        return 0.0
    return typo_similarity(a, b, distance, config)


@lru_cache(maxsize=200_000)
def phonetic_key(token: str) -> str:
    """A rough sound-alike key: first letter plus consonant skeleton ("scholz" == "schulze")."""
    key = token
    for pattern, replacement in _PHONETIC_RULES:
        key = pattern.sub(replacement, key)
    return key


def _known_distinct_names(a: str, b: str) -> bool:
    """Two different entries of the common-name table ("phan", "pham") are not typos of each other."""
    table = common_tokens()
    first, second = table.get(a), table.get(b)
    return bool(first and second and first[1] != "org" and second[1] != "org")


def allowed_edits(length: int, config: MatchConfig) -> int:
    """How many edits a token of this length may carry and still count as the same word."""
    one, two, three = config.min_length_for_edits
    return 0 if length < one else 1 if length < two else 2 if length < three else 3


_CACHES: dict[int, dict[tuple[str, str, bool], tuple[float, str]]] = {}
_CACHE_LIMIT = 1_000_000


def similarity_cache(config: MatchConfig) -> dict[tuple[str, str, bool], tuple[float, str]]:
    """The memo of token similarities for one configuration (emptied when it grows too large)."""
    cache = _CACHES.get(id(config))
    if cache is None or len(cache) > _CACHE_LIMIT:
        cache = _CACHES[id(config)] = {}
    return cache


def token_similarity(a: str, b: str, config: MatchConfig, allow_initials: bool = True) -> tuple[float, str]:
    """Return (similarity in 0..1, how) for two tokens; 0 means "not the same word"."""
    if a == b:
        return 1.0, "exact"
    cache = similarity_cache(config)
    key = (a, b, allow_initials)
    found = cache.get(key)
    if found is None:
        found = cache[key] = _token_similarity(a, b, config, allow_initials)
    return found


_GENDER_ENDINGS = frozenset({("a", "o"), ("o", "a"), ("a", "i"), ("i", "a"), ("o", "i"), ("i", "o")})


def gendered_pair(a: str, b: str) -> bool:
    """Two forms of one name for a man and a woman: "Mario"/"Maria", "Juan"/"Juana", "Ivanov"/"Ivanova",
    "Putra"/"Putri", "Suharto"/"Suharti". In a person's name they are two different people. Not a long
    vowel written twice ("Ala"/"Alaa", "Fezza"/"Fezzaa") nor Belarusian -enka for -enko."""
    if len(a) > len(b):
        a, b = b, a
    if len(a) < 3:
        return False
    if len(b) == len(a) + 1:
        return b[-1] == "a" and b[:-1] == a and a[-1] not in _VOWELS
    return (len(a) == len(b) and a[:-1] == b[:-1] and (a[-1], b[-1]) in _GENDER_ENDINGS
            and not a.endswith(("nko", "nka")))


def _token_similarity(a: str, b: str, config: MatchConfig, allow_initials: bool) -> tuple[float, str]:
    if not (a.isalpha() and b.isalpha()):
        return 0.0, ""
    if allow_initials and gendered_pair(a, b):  # in a person's name: a man's and a woman's form
        return 0.0, ""
    shorter = min(len(a), len(b))
    if shorter == 1:
        if allow_initials and a[0] == b[0]:
            return config.initial_similarity, "initial"
        return 0.0, ""
    variants = name_variants().get(a)
    if variants and b in variants:
        return config.name_variant_similarity, "name variant"
    if particle_joined(a, b):
        return config.joined_particle_similarity, "particle joined"
    if abs(len(a) - len(b)) > 3:
        return 0.0, ""
    if spelling_key(a) == spelling_key(b):  # "hasan" / "hassan": one name, two spellings
        return config.transliteration_similarity, "transliteration variant"
    if _known_distinct_names(a, b) or distinct_syllables(a, b):
        return 0.0, ""
    edits = allowed_edits(shorter, config)
    best, how = 0.0, ""
    if edits and abs(len(a) - len(b)) <= edits:
        best = edit_similarity(a, b, edits, config)
        if best and a[:2] != b[:2] and OSA.distance(a, b) > 1:
            best = 0.0  # a second edit is only forgiven when the word starts the same way
        how = "spelling variant" if best else ""
    if shorter >= 4 and best < config.phonetic_similarity:
        key = phonetic_key(a)
        if len(key) >= 3 and key == phonetic_key(b):
            best, how = config.phonetic_similarity, "sounds alike"
    return best, how


def joined_similarity(token: str, parts: tuple[str, ...], config: MatchConfig) -> float:
    """Similarity of ``token`` to ``parts`` written as one word ("sinarjaya" vs "sinar jaya"), with at
    most one typo (not in a first part of one or two letters)."""
    if token[0] != parts[0][0] or abs(sum(map(len, parts)) - len(token)) > 2:
        return 0.0
    joined = "".join(parts)
    if joined == token:
        return config.joined_words_similarity
    if min(map(len, parts)) < 2:
        return 0.0  # an initial glued to a word with a typo is no joined word: "pham t" is not "phat"
    if not joined.isalpha() or (len(parts[0]) < 3 and not token.startswith(parts[0])):
        return 0.0  # a typo is not forgiven in a first word of one or two letters: "ep ite" is not "elite"
    if len(token) < config.joined_typo_min_length:
        return 0.0  # a typo and a join at once need letters to spare: "phat" is not "pham ta"
    edits = min(1, allowed_edits(min(len(token), len(joined)), config))  # joining is already one change
    if not edits:
        return 0.0
    return config.joined_words_similarity * edit_similarity(token, joined, edits, config)


def neighbour_similarities(token: str, others: list[str], same_spelling: set[str], same_sound: set[str],
                           config: MatchConfig) -> dict[str, float]:
    """``token_similarity(token, other, allow_initials=False)`` for many indexed words at once, for an
    alphabetic ``token`` of at least 4 letters; ``same_spelling`` / ``same_sound`` are the words known
    to share its spelling / sound key. Edit distances come from one rapidfuzz call instead of one each."""
    found: dict[str, float] = {}
    if not others:
        return found
    variants = name_variants().get(token, ())
    table = common_tokens()
    mine = table.get(token)
    is_name = bool(mine and mine[1] != "org")
    spelling = spelling_key(token)
    sound_ok = len(phonetic_key(token)) >= 3
    distances = process.cdist([token], others, scorer=OSA.distance, score_cutoff=3, workers=1)[0].tolist()
    for other, distance in zip(others, distances):
        if other == token:
            found[other] = 1.0
            continue
        if len(other) < 2 or not other.isalpha():
            continue
        if other in variants:
            found[other] = config.name_variant_similarity
            continue
        if particle_joined(token, other):
            found[other] = config.joined_particle_similarity
            continue
        if abs(len(token) - len(other)) > 3:
            continue
        if other in same_spelling or (len(other) < 4 and spelling == spelling_key(other)):
            found[other] = config.transliteration_similarity
            continue
        if is_name:
            theirs = table.get(other)
            if theirs and theirs[1] != "org":
                continue
        if distinct_syllables(token, other):
            continue
        shorter = min(len(token), len(other))
        edits = allowed_edits(shorter, config)
        best = 0.0
        if edits and abs(len(token) - len(other)) <= edits and distance <= edits:
            best = typo_similarity(token, other, distance, config)
            if best and token[:2] != other[:2] and distance > 1:
                best = 0.0
        if shorter >= 4 and best < config.phonetic_similarity and sound_ok and other in same_sound:
            best = config.phonetic_similarity
        if best > 0:
            found[other] = best
    return found
