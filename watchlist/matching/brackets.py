"""Bracketed qualifiers in organisation names that do not name the company: where it trades ("(M)",
"(Thailand)"), which office it is ("(Head Office)") and its registration number ("(123456-X)").
Each is set aside and reported; two different places are compared in ``compare``."""
from __future__ import annotations

import re

from .text import clean, fold
from .vocabulary import Phrase, bracket_qualifiers

_BRACKETED = re.compile(r"\(([^()]*)\)")
_DIGIT = re.compile(r"\d")
BRANCH_WORDS = frozenset({"head", "office", "main", "branch", "hq", "headquarters", "regional", "liaison",
                          "representative", "rep"})
MIN_REGISTRATION_DIGITS = 5  # "(123456-X)", "(201901000005)"; "(2)" is a series number, not a registration


def _place_in(bracket: str) -> str:
    """The place a bracketed qualifier stands for ("m" -> "malaysia"), or "" when it is not one."""
    words = bracket_qualifiers()
    inner = clean(bracket).split()
    if not inner or any(w not in words for w in inner):
        return ""
    return "".join(words[w] for w in inner if w != "and")


def _kind_of(bracket: str) -> str:
    """What a bracketed part is when it does not name the company, else ""."""
    if _place_in(bracket):
        return "place_qualifier"
    if len(_DIGIT.findall(bracket)) >= MIN_REGISTRATION_DIGITS:
        return "registration_no"
    words = clean(bracket).split()
    if words and all(w in BRANCH_WORDS for w in words):
        return "branch_qualifier"
    return ""


def place_qualifiers(name: str) -> frozenset[str]:
    """The places named in brackets in ``name`` ("Bank of China (Hong Kong) Limited" -> hongkong)."""
    if "(" not in name:
        return frozenset()
    return frozenset(filter(None, (_place_in(b) for b in _BRACKETED.findall(fold(name)))))


def strip_bracket_qualifiers(folded: str, found: list[Phrase], name: str) -> str:
    """Remove bracketed qualifiers from ``folded`` (the folded ``name``), reporting each as written in
    ``found``. One side's place marks where a company trades, not another company; unbracketed
    country words stay part of the name."""
    if "(" not in folded:
        return folded
    as_written = {fold(text): text for text in _BRACKETED.findall(name)}

    def replace(bracket: re.Match) -> str:
        kind = _kind_of(bracket.group(1))
        if not kind:
            return bracket.group()
        text = as_written.get(bracket.group(1), bracket.group(1))
        found.append(Phrase(f"({text.strip()})", kind))
        return " "
    for _ in range(3):  # nested: "(201901000005 (1312525-A))"
        folded, changed = _BRACKETED.subn(replace, folded)
        if not changed or "(" not in folded:
            break
    return folded
