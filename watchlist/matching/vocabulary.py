"""Phrase tables built from the data files: legal forms and honorifics/particles, each able to
strip its phrases from the start or end of a name, in Latin tokens or in the native script."""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz import process
from rapidfuzz.distance import OSA

from .resources import load_table
from .text import clean, fold

# Scripts that put spaces between words: a native phrase must end at a word boundary there.
_SPACED_SCRIPTS = {"Arab", "Cyrl", "Deva", "Beng", "Sinh"}
_EDGE_JUNK = " \t\r\n-,.;:·・、/|"
_BOUNDARY = re.compile(r"[\s\-,.;:()/]")
MIN_TYPO_WORD = 5  # shortest phrase word matched with a typo


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
        self.words: dict[str, list[str]] = {}  # first letter -> phrase words of 5+ letters, for typos
        self._meant: dict[tuple[str, bool], str] = {}  # memo of _known_word
        for word in sorted({w for key in self.latin for w in key if len(w) >= MIN_TYPO_WORD and w.isalpha()}):
            self.words.setdefault(word[0], []).append(word)
        # Short phrase words ("bhd", "ltd") are recognised with two letters after the first swapped only.
        self.short_words = frozenset(w for key in self.latin for w in key
                                     if 3 <= len(w) < MIN_TYPO_WORD and w.isalpha())

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

    def misspelt_ending_at(self, tokens: tuple[str, ...], end: int) -> tuple[int, Phrase] | None:
        """A phrase ending just before ``tokens[end]`` but written with a typo or cut short
        ("Aktiengeselschaft", "Joynt Stock Company", "Joint Stock Compan"), as (length, phrase).

        Each differing word has five letters or more and is one edit from the phrase's word (two from
        eight letters), or is the name's last word cut short by one or two letters, or is a shorter
        word with two letters after its first swapped ("Sdn Bdh", "Pte Ldt"). A one-word phrase
        needs seven letters and a longer phrase one word spelt exactly, so short names are never taken
        for a legal form."""
        if not end:
            return None
        last = self._known_word(tokens[end - 1], last=end == len(tokens))
        if last == tokens[end - 1] and last not in self.words.get(last[:1], ()):
            return None  # the phrase would end with this word: it is no phrase word, nor a near one
        start = max(0, end - self.longest)
        window = tokens[start:end]
        fixed = tuple(self._known_word(t, last=False) for t in window[:-1]) + (last,)
        if fixed == window:
            return None
        hit = self.match_ending_at(fixed, len(fixed))
        if hit is None:
            return None
        size, phrase = hit
        written, meant = window[-size:], fixed[-size:]
        exact = sum(a == b for a, b in zip(written, meant))
        if (size == 1 and len(written[0]) < 7) or (size > 1 and not exact):
            return None
        text = f"{' '.join(written)} (read as {phrase.text})"
        return size, Phrase(text, phrase.kind, phrase.canonical, phrase.strong, phrase.position)

    def _known_word(self, token: str, last: bool) -> str:
        """The phrase word ``token`` was probably meant to be, or ``token`` itself (memoised)."""
        if len(token) < MIN_TYPO_WORD - (1 if last else 0) or not token.isalpha():
            return self._unswapped(token)
        meant = self._meant.get((token, last))
        if meant is None:
            if len(self._meant) >= 100_000:
                self._meant.clear()
            meant = self._meant[(token, last)] = self._nearest_word(token, last)
        return meant

    def _unswapped(self, token: str) -> str:
        """The short phrase word ``token`` is with two letters after the first swapped, else ``token``."""
        if len(token) < 3 or token in self.short_words:
            return token
        for i in range(1, len(token) - 1):
            swapped = token[:i] + token[i + 1] + token[i] + token[i + 2:]
            if swapped in self.short_words:
                return swapped
        return token

    def _nearest_word(self, token: str, last: bool) -> str:
        words = self.words.get(token[0], ())
        if token in words:
            return token
        if last:
            cut = [w for w in words if w.startswith(token) and len(w) - len(token) <= 2]
            if len(cut) == 1:
                return cut[0]
        if len(token) < MIN_TYPO_WORD:
            return token
        limit = 2 if len(token) >= 8 else 1
        best = process.extractOne(token, words, scorer=OSA.distance, score_cutoff=limit)
        return best[0] if best else token


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
def bracket_qualifiers() -> dict[str, str]:
    """Words that, alone in brackets, only say where an organisation operates ("(M)" for Malaysia,
    "(Thailand)", "(Asia Pacific)"), each mapped to the place it stands for: country names plus
    ``data/bracket_qualifiers.csv``."""
    words = {word: word for word in country_words()}
    words.update((r["word"], r["means"] or r["word"]) for r in load_table("bracket_qualifiers.csv"))
    return words


@lru_cache(maxsize=None)
def name_variants() -> dict[str, frozenset[str]]:
    """Given-name equivalence groups (nicknames, cross-language forms): token -> its group."""
    groups: dict[str, set[str]] = {}
    for row in load_table("nicknames.csv"):
        members = set(row["group"].split(";"))
        for name in members:
            groups.setdefault(name, set()).update(members)
    return {name: frozenset(group) for name, group in groups.items()}


@lru_cache(maxsize=None)
def joined_particles() -> tuple[str, ...]:
    """Name particles that may be written joined to the next word ("Albakri", "Delacruz"), longest first."""
    return tuple(sorted((r["particle"] for r in load_table("joined_particles.csv")), key=len, reverse=True))


@lru_cache(maxsize=None)
def syllable_codas() -> frozenset[str]:
    """Final consonants a romanised South-East or East Asian syllable may end with ("minh", "hung")."""
    return frozenset(r["text"] for r in load_table("romanised_syllables.csv") if r["part"] == "coda")


@lru_cache(maxsize=None)
def onset_variants() -> tuple[tuple[str, str], ...]:
    """Opening consonants that romanisation systems write differently for one sound ("zh"/"ch",
    "b"/"p", "hs"/"s"), longest first, each mapped to one spelling."""
    rows = load_table("romanised_onset_variants.csv")
    return tuple(sorted(((r["onset"], r["written_as"]) for r in rows), key=lambda item: -len(item[0])))


@lru_cache(maxsize=None)
def vietnamese_family_names() -> frozenset[str]:
    """Vietnamese family names: after one, "Van" is a middle name ("Văn"), not the Dutch particle."""
    return frozenset(r["name"] for r in load_table("vietnamese_family_names.csv"))


@lru_cache(maxsize=None)
def name_abbreviations() -> tuple[re.Pattern, dict[str, str]]:
    """Shortened given names and saints' names ("Ma." Maria, "Sta." Santa) as one pattern over folded
    text and a map to the full word. Some count only with their dot ("Ma" alone is a family name)."""
    rows = load_table("name_abbreviations.csv")
    words = {r["abbreviation"]: r["word"] for r in rows}
    dotted = [re.escape(r["abbreviation"]) + r"\." for r in rows if r["needs_dot"] == "yes"]
    plain = [re.escape(r["abbreviation"]) + r"\.?" for r in rows if r["needs_dot"] != "yes"]
    return re.compile(r"\b(?:" + "|".join(dotted + plain) + r")(?=\s|$)"), words


@lru_cache(maxsize=None)
def slashed_abbreviations() -> re.Pattern | None:
    """Abbreviations written with a slash ("M/Power", "O/S"): one word, not a list of two names."""
    slashed = [w for w in word_abbreviations() if "/" in w]
    if not slashed:
        return None
    return re.compile(r"(?<![\w/])(?:" + "|".join(re.escape(w) for w in sorted(slashed, key=len, reverse=True))
                      + r")(?![\w/])")


def expand_slashed(folded: str) -> str:
    """``folded`` with slashed abbreviations written out ("golden m/power" -> "golden manpower")."""
    pattern = slashed_abbreviations()
    if pattern is None or "/" not in folded:
        return folded
    full = word_abbreviations()
    return pattern.sub(lambda m: full[m.group()], folded)


STOPWORDS = frozenset(row["word"] for row in load_table("stopwords.csv"))
"""Words set aside in organisation names (``data/stopwords.csv``)."""
