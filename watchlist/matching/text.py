"""Text normalisation shared by every part of the matcher: Unicode folding, transliteration to
Latin, punctuation and acronym handling, so that all comparisons happen on one canonical form."""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from anyascii import anyascii

# Scripts written without spaces between syllables/words: each character is transliterated
# as its own token, so "金莲" becomes "jin lian" and token alignment can still rejoin them.
_SYLLABIC_CHARS = re.compile(
    "[\u1100-\u11ff\u3040-\u30ff\u3130-\u318f\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff]"
)
_DOTTED_ACRONYM = re.compile(r"\b[a-z0-9](?:\.[a-z0-9])+\b\.?")
_APOSTROPHES = re.compile(r"['`\u2019\u02bc\u02bb]")
_NON_ALNUM = re.compile(r"[^a-z0-9]+")


def fold(text: str) -> str:
    """NFKC-normalise and casefold, keeping the original script (used for native legal forms)."""
    return unicodedata.normalize("NFKC", text or "").casefold()


def _transliterate(text: str) -> str:
    if text.isascii():
        return text
    text = _SYLLABIC_CHARS.sub(lambda m: " " + anyascii(m.group()) + " ", text)
    return anyascii(text)


@lru_cache(maxsize=65536)
def clean(text: str) -> str:
    """Return lowercase ASCII words separated by single spaces (``&`` becomes ``and``)."""
    text = _transliterate(fold(text)).lower()
    text = text.replace("&", " and ")
    text = _APOSTROPHES.sub("", text)
    text = _DOTTED_ACRONYM.sub(lambda m: m.group().replace(".", ""), text)
    return " ".join(_NON_ALNUM.sub(" ", text).split())


# Words that may follow a comma at the end of a person's name without it being "Surname, Given".
_NAME_SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv", "phd", "md", "esq", "dr"})


def uninvert(name: str) -> str:
    """Rewrite a list-style person name "SURNAME, Given Names" as "Given Names SURNAME" (one comma,
    words on both sides, not a suffix such as "Jr"), so particles and own names keep their order."""
    if name.count(",") != 1:
        return name
    head, tail = name.split(",")
    tail_words = clean(tail).split()
    if not clean(head) or not tail_words or set(tail_words) <= _NAME_SUFFIXES:
        return name
    return f"{tail.strip()} {head.strip()}"


@lru_cache(maxsize=65536)
def listed_surname(name: str) -> frozenset[str]:
    """The surname words of a list-style person name ("SHIN, Yong Il" -> {"shin"}), else empty."""
    if "," not in name or uninvert(name) == name:
        return frozenset()
    return frozenset(clean(name.split(",")[0]).split())


def tokens_of(text: str) -> tuple[str, ...]:
    """Split text into normalised tokens."""
    return tuple(clean(text).split())


def has_digit(token: str) -> bool:
    """True for tokens carrying a number, which must match exactly (e.g. "23", "2004")."""
    return _DIGIT(token) is not None


_DIGIT = re.compile(r"\d").search
