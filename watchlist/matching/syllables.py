"""Romanised Asian syllables and name particles, for telling a typo from another name: "Minh" and "Binh"
are two names, "Zhang" and "Chang" one name in two romanisations, "Albakri" is "Al-Bakri"."""
from __future__ import annotations

import re
from functools import lru_cache

from .vocabulary import joined_particles, onset_variants, syllable_codas

_VOWELS = frozenset("aeiouy")

_SYLLABLE = re.compile(r"^(?:[bcdfghjklmnpqrstvxz]{0,3}[wy]?)([aeiouy]{1,3})([a-z]*)$")
_GLIDE_ONSET = re.compile(r"^[bcdfghjklmnprst]y[aeiou]").match
# Syllable endings found in East and South-East Asian romanisations, not in Arabic or Urdu ones.
ASIAN_CODAS = ("ng", "nh", "ch")
# The most letters a single romanised syllable has ("nguyen", "truong", "kyaing").
MAX_SYLLABLE_LENGTH = 6


@lru_cache(maxsize=65536)
def is_syllable(token: str) -> bool:
    """Whether ``token`` reads as one romanised syllable of Vietnamese, Thai, Khmer, Burmese or Chinese
    ("minh", "hung", "keong", "myint"): consonants, one group of vowels, then a final from the table."""
    if len(token) > MAX_SYLLABLE_LENGTH:
        return False
    match = _SYLLABLE.match(token)
    return bool(match and match.group(2) in syllable_codas())


def _rhyme(token: str) -> str:
    """A syllable without its opening consonants ("phuong" -> "uong")."""
    match = _SYLLABLE.match(token)
    return token[match.start(1):] if match else token


def one_onset(token: str) -> str:
    """``token`` with its opening consonant written one way for romanisations that differ only there
    ("zhang" and "chang" -> "chang", "bong" and "pong" -> "pong")."""
    for _ in range(3):  # "gh" -> "g" -> "k"
        for onset, written in onset_variants():
            if token.startswith(onset) and len(token) > len(onset) and token[len(onset)] != "h":
                token = written + token[len(onset):]
                break
        else:
            return token
    return token


def distinct_syllables(a: str, b: str) -> bool:
    """Two romanised syllables of one length differing in a letter or two ("minh"/"binh", "hung"/"hang",
    "keong"/"kiang", "peng"/"leng") are two names, not a typo: in these languages the syllable is the name.
    Nor do syllables with the same rhyme and another opening ("huong"/"phuong"). Not two letters
    swapped ("ngyuen" is a typo of "nguyen"), nor another length change, nor two syllables
    opening with a consonant and "y", as Korean ones do, whose romanisation systems differ in consonants."""
    if a == b or not (is_syllable(a) and is_syllable(b)) or one_onset(a) == one_onset(b):
        return False  # also one sound written by two romanisation systems: "zhang"/"chang", "pong"/"bong"
    if len(a) != len(b):  # only another opening consonant: "huong"/"phuong", "anh"/"thanh"
        return _rhyme(a) == _rhyme(b) and not (_GLIDE_ONSET(a) or _GLIDE_ONSET(b))
    if _GLIDE_ONSET(a) and _GLIDE_ONSET(b):
        return False  # Korean romanisations ("myong"/"pyong", "hyung"/"myung") vary in consonants
    differing = [i for i in range(len(a)) if a[i] != b[i]]
    swapped = len(differing) == 2 and differing[1] == differing[0] + 1 and a[differing[0]] == b[differing[1]] \
        and a[differing[1]] == b[differing[0]]
    if swapped:
        return False
    if all(a[i] in _VOWELS and b[i] in _VOWELS for i in differing):
        # Only vowels differ: two names where the syllable ends the East Asian way ("hung"/"hang",
        # "keong"/"kiang"); elsewhere a vowel is often just written differently ("loun"/"loan").
        return a.endswith(ASIAN_CODAS)
    return True


def _shortest_rest(particle: str) -> int:
    """Letters a name must keep after a joined particle: four after a two-letter one ("alan" is not
    "al an", "diana" not "di ana"), three after a longer one ("delapaz")."""
    return 4 if len(particle) < 3 else 3


def particle_joined(a: str, b: str) -> bool:
    """One name with a particle written joined or apart: "albakri"/"bakri" (the "al" set aside from
    "Al-Bakri"), "albakri"/"elbakri", "delacruz"/"cruz", "delapaz"/"paz"; what is left after the
    particle is long enough (``_shortest_rest``)."""
    if len(a) < len(b):
        a, b = b, a
    for particle in joined_particles():
        if a.startswith(particle):
            rest = a[len(particle):]
            if len(rest) >= _shortest_rest(particle) and (rest == b or (b != rest and b.endswith(rest)
                                                 and b[:len(b) - len(rest)] in joined_particles())):
                return True
    return False


def without_particle(token: str) -> str:
    """``token`` without a particle written joined to its start ("albakri" -> "bakri"), else ""."""
    for particle in joined_particles():
        if token.startswith(particle) and len(token) - len(particle) >= _shortest_rest(particle):
            return token[len(particle):]
    return ""
