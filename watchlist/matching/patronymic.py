"""Arabic/Malay patronymic order: in "Salman bin Muhammad" the word before "bin" is the person's
own name, so swapping it with the father's name describes a different person."""
from __future__ import annotations

import re

from .config import MatchConfig
from .text import tokens_of, uninvert
from .tokens import token_similarity

PATRONYMIC_PARTICLES = frozenset({"bin", "binti", "binte", "bte", "bint", "ibn", "ben", "ould"})
_HAS_PARTICLE = re.compile(r"\b(?:" + "|".join(sorted(PATRONYMIC_PARTICLES)) + r")\b", re.IGNORECASE).search


def own_name(name: str) -> str | None:
    """The token just before the first patronymic particle, or None when there is none."""
    tokens = tokens_of(uninvert(name))
    for index in range(1, len(tokens) - 1):
        if tokens[index] in PATRONYMIC_PARTICLES:
            return tokens[index - 1]
    return None


def own_names_differ(a: str, b: str, config: MatchConfig) -> tuple[str, str] | None:
    """The two own names when both names have one and they are not the same word, else None."""
    if not (_HAS_PARTICLE(a) and _HAS_PARTICLE(b)):
        return None
    left, right = own_name(a), own_name(b)
    if left is None or right is None:
        return None
    similarity, _ = token_similarity(left, right, config, allow_initials=False)
    return None if similarity >= config.phonetic_similarity else (left, right)
