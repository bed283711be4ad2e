"""Phrase tables built from the data files: legal forms and honorifics/particles, each able to
strip its phrases from the start or end of a name, in Latin tokens or in the native script."""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from .resources import load_table
from .text import clean, fold

# Scripts that put spaces between words: a native phrase must end at a word boundary there.
_SPACED_SCRIPTS = {"Arab", "Cyrl", "Deva", "Beng", "Sinh"}
_EDGE_JUNK = " \t\r\n-,.;:·・、/|"
_BOUNDARY = re.compile(r"[\s\-,.;:()/]")


@dataclass(frozen=True)
class Phrase:
    """One entry of a table: its text as written, its canonical label and how sure a marker it is."""

    text: str
    kind: str
    canonical: str = ""
    strong: bool = True
    position: str = "any"


@dataclass
class PhraseTable:
    """Latin phrases keyed by token tuple, plus native-script phrases matched as substrings."""

    latin: dict[tuple[str, ...], Phrase]
    native: list[tuple[str, Phrase, bool]]
    longest: int

    def __post_init__(self) -> None:
        self.native_has_ascii = any(text.isascii() for text, _, _ in self.native)

    def strip_native(self, folded: str, found: list[Phrase]) -> str:
        """Remove native-script phrases at the start or end of ``folded`` (repeatedly)."""
        if folded and folded.isascii() and not self.native_has_ascii:  # fast path: no native phrase can match
            return folded.strip(_EDGE_JUNK)
        changed = True
        while changed and folded:
            changed = False
            folded = folded.strip(_EDGE_JUNK)
            for text, phrase, needs_boundary in self.native:
                if len(text) >= len(folded):
                    continue
                if folded.startswith(text) and phrase.position != "suffix":
                    rest = folded[len(text):]
                    if not needs_boundary or _BOUNDARY.match(rest):
                        folded, changed = rest, True
                elif folded.endswith(text) and phrase.position != "prefix":
                    rest = folded[: -len(text)]
                    if not needs_boundary or _BOUNDARY.match(rest[-1:]):
                        folded, changed = rest, True
                if changed:
                    found.append(phrase)
                    break
        return folded

    def match_at(self, tokens: tuple[str, ...], start: int) -> tuple[int, Phrase] | None:
        """Longest phrase starting at ``tokens[start]``, as (length, phrase)."""
        for size in range(min(self.longest, len(tokens) - start), 0, -1):
            phrase = self.latin.get(tokens[start:start + size])
            if phrase is not None:
                return size, phrase
        return None

    def match_ending_at(self, tokens: tuple[str, ...], end: int) -> tuple[int, Phrase] | None:
        """Longest phrase ending just before ``tokens[end]``, as (length, phrase)."""
        for size in range(min(self.longest, end), 0, -1):
            phrase = self.latin.get(tokens[end - size:end])
            if phrase is not None:
                return size, phrase
        return None


def _build(phrases: list[tuple[Phrase, str]]) -> PhraseTable:
    latin: dict[tuple[str, ...], Phrase] = {}
    native = []
    for phrase, script in phrases:
        if script in ("", "Latn"):
            key = tuple(clean(phrase.text).split())
            if key:
                latin.setdefault(key, phrase)
        else:
            native.append((fold(phrase.text), phrase, script in _SPACED_SCRIPTS))
    native.sort(key=lambda item: -len(item[0]))
    return PhraseTable(latin, native, max((len(k) for k in latin), default=1))


@lru_cache(maxsize=None)
def legal_forms() -> PhraseTable:
    """The legal-form table (``data/legal_forms.csv``)."""
    rows = load_table("legal_forms.csv")
    return _build([
        (Phrase(r["form"], "legal_form", r["canonical"], r["strength"] == "strong"), r["script"])
        for r in rows
    ])


@lru_cache(maxsize=None)
def honorifics() -> PhraseTable:
    """Honorifics and name particles (``data/honorifics.csv`` and ``native_honorifics.csv``)."""
    rows = [(Phrase(r["text"], r["kind"], position=r["position"]), "Latn")
            for r in load_table("honorifics.csv")]
    rows += [(Phrase(r["text"], r["kind"], position="any"), r["script"])
             for r in load_table("native_honorifics.csv")]
    return _build(rows)


@lru_cache(maxsize=None)
def common_tokens() -> dict[str, tuple[float, str]]:
    """Built-in weights of generic organisation words and common names: token -> (weight, kind)."""
    return {r["token"]: (float(r["weight"]), r["kind"]) for r in load_table("common_tokens.csv")}


@lru_cache(maxsize=None)
def word_abbreviations() -> dict[str, str]:
    """Shortened generic words in organisation names ("intl", "mgmt", "svcs") -> the full word."""
    return {r["abbreviation"]: r["word"] for r in load_table("word_abbreviations.csv")}


@lru_cache(maxsize=None)
def country_words() -> frozenset[str]:
    """One-word country names ("malaysia", "mexico"): in an organisation name they mark a national arm."""
    return frozenset(r["word"] for r in load_table("country_words.csv"))


@lru_cache(maxsize=None)
def name_variants() -> dict[str, frozenset[str]]:
    """Given-name equivalence groups (nicknames, cross-language forms): token -> its group."""
    groups: dict[str, set[str]] = {}
    for row in load_table("nicknames.csv"):
        members = set(row["group"].split(";"))
        for name in members:
            groups.setdefault(name, set()).update(members)
    return {name: frozenset(group) for name, group in groups.items()}


STOPWORDS = frozenset(row["word"] for row in load_table("stopwords.csv"))
"""Words set aside in organisation names (``data/stopwords.csv``)."""
