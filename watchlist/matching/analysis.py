"""Turns a raw name into comparable tokens: strips legal forms, honorifics, particles and
stopwords (remembering what was set aside), and guesses whether it names an organisation."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from .brackets import strip_bracket_qualifiers
from .limits import MAX_NAME_TOKENS, MAX_TOKEN_LENGTH
from .numbers import digits_for_number_words, letters_for_lookalike_digits
from .text import clean, fold, has_digit, tokens_of, uninvert
from .vocabulary import (STOPWORDS, Phrase, PhraseTable, common_tokens, expand_slashed, honorifics, legal_forms,
                         name_abbreviations, vietnamese_family_names, word_abbreviations)

KINDS = ("organisation", "person", "any")


@dataclass
class NameAnalysis:
    """A name broken into tokens, with the words set aside and the (guessed) kind of name."""

    original: str
    normalised: str
    tokens: tuple[str, ...]
    set_aside: list[dict] = field(default_factory=list)
    kind: str = "any"
    cut_short: bool = False  # long, and ends with a word of its own: maybe cut at a field-length limit


# Names at least this long may have been cut at a field-length limit (35 characters in SWIFT messages).
CUT_SHORT_LENGTH = 30


def _may_be_cut_short(name: str, folded: str, tokens: tuple[str, ...]) -> bool:
    """Whether ``name`` may be truncated: long enough, and its last written word is its last token
    (a legal form or honorific set aside at the end shows the name was written out in full)."""
    return len(name) >= CUT_SHORT_LENGTH and bool(tokens) and clean(folded).split()[-1:] == [tokens[-1]]


def _strip_edges(tokens: tuple[str, ...], table: PhraseTable, found: list[Phrase],
                 allow_weak: bool) -> tuple[str, ...]:
    """Remove table phrases from both ends of ``tokens``, never removing every token."""
    changed = True
    while changed:
        changed = False
        hit = table.match_at(tokens, 0)
        if hit and hit[1].position != "suffix" and (hit[1].strong or allow_weak) and hit[0] < len(tokens):
            found.append(hit[1])
            tokens, changed = tokens[hit[0]:], True
            continue
        hit = table.match_ending_at(tokens, len(tokens))
        misspelt = table.misspelt_ending_at(tokens, len(tokens))  # "Joynt Stock Company": longer than "Company"
        if misspelt and (hit is None or misspelt[0] > hit[0]):
            hit = misspelt
        if hit and hit[1].position != "prefix" and (hit[1].strong or allow_weak) and hit[0] < len(tokens):
            found.append(hit[1])
            tokens, changed = tokens[: len(tokens) - hit[0]], True
    return tokens


def _strip_legal_forms(folded: str, kind: str, found: list[Phrase], name: str = "") -> tuple[str, ...]:
    table = legal_forms()
    folded = strip_bracket_qualifiers(folded, found, name)
    folded = table.strip_native(folded, found)
    tokens = tuple(clean(folded).split())
    strong_only: list[Phrase] = []
    trial = _strip_edges(tokens, table, strong_only, allow_weak=False)
    allow_weak = kind == "organisation" or bool(strong_only) or looks_like_organisation(trial)
    if not allow_weak and kind == "any":
        probe: list[Phrase] = []
        allow_weak = len(_strip_edges(trial, table, probe, allow_weak=True)) >= 2
    tokens = _strip_edges(tokens, table, found, allow_weak)
    while len(tokens) > 1 and tokens[-1] in STOPWORDS and found:
        tokens = tokens[:-1]
    return tokens


# A slash between two words of two letters or more may separate two names ("Al-Qa'ida/Islamic Army");
# "s/o" (son of), "A/S" and "24/7" stay whole.
MAX_ALTERNATIVES = 8  # more slash-separated parts than this is not a list of names
_NAME_SLASH = re.compile(r"(?<=[^\W\d_]{2})\s*/\s*(?=[^\W\d_]{2})")


def alternatives(name: str) -> list[str]:
    """``name`` and, when it lists several names separated by slashes, each of them. A slash between
    two generic words ("Import/Export", "Sales/Service") joins two words of one name instead."""
    if "/" not in name:
        return [name]
    common = common_tokens()
    cuts = [0]
    for slash in _NAME_SLASH.finditer(name):
        before, after = tokens_of(name[:slash.start()])[-1:], tokens_of(name[slash.end():])[:1]
        if not (before and after and all(common.get(w, (1, ""))[1] == "org" for w in before + after)):
            cuts += [slash.start(), slash.end()]
    if len(cuts) == 1:
        return [name]
    cuts.append(len(name))
    parts = [name[cuts[i]:cuts[i + 1]].strip() for i in range(0, len(cuts), 2)]
    return [name] + parts if all(parts) and len(parts) <= MAX_ALTERNATIVES else [name]


def looks_like_organisation(tokens: tuple[str, ...]) -> bool:
    """True when a token is a generic organisation word ("manpower", "trading") or a number."""
    common = common_tokens()
    return any(common.get(t, (1, ""))[1] == "org" or has_digit(t) for t in tokens)


def _strip_person_words(folded: str, tokens: tuple[str, ...], found: list[Phrase]) -> tuple[str, ...]:
    table = honorifics()
    if table.native:
        native_found: list[Phrase] = []
        rest = table.strip_native(folded, native_found)
        if native_found:
            found.extend(native_found)
            tokens = tuple(clean(rest).split()) or tokens
    kept: list[str] = []
    index = 0
    while index < len(tokens):
        hit = table.match_at(tokens, index)
        if hit and middle_name_not_particle(tokens, index, folded):
            hit = None
        if hit:
            size, phrase = hit
            at_start = not kept
            at_end = index + size == len(tokens)
            allowed = (phrase.position == "any" or (phrase.position == "prefix" and at_start)
                       or (phrase.position == "suffix" and at_end and kept)
                       or (phrase.position == "infix" and kept and not at_end))  # "ben" between names only
            if allowed:
                found.append(Phrase(" ".join(tokens[index:index + size]), phrase.kind))
                index += size
                continue
        kept.append(tokens[index])
        index += 1
    return tuple(kept) if kept else tokens


def middle_name_not_particle(tokens: tuple[str, ...], index: int, folded: str) -> bool:
    """"Van" after a Vietnamese family name ("Nguyen Van Long"), or written "văn", is a middle name
    that tells two people apart ("Nguyễn Đức Văn Long" is not "Nguyễn Đức Thanh Long"), not the
    Dutch particle of "van der Berg"."""
    if tokens[index] != "van":
        return False
    return "văn" in folded or any(t in vietnamese_family_names() for t in tokens[:index])


def expand_name_abbreviations(folded: str) -> str:
    """Shortened given and saints' names written out: "ma. teresa sta. ana" -> "maria teresa santa ana"."""
    if "ma" not in folded and "st" not in folded:
        return folded
    pattern, words = name_abbreviations()
    return pattern.sub(lambda m: words[m.group().rstrip(".")], folded)


def analyse_name(name: str, kind: str = "any", country: str | None = None) -> NameAnalysis:
    """Analyse ``name`` for matching; ``kind`` is "organisation", "person" or "any" (guessed)."""
    if kind not in KINDS:
        kind = "any"
    folded = expand_name_abbreviations(fold(name))
    if kind != "person":
        folded = expand_slashed(folded)
    found: list[Phrase] = []
    if kind == "person":
        folded = uninvert(folded)
        tokens = tuple(clean(folded).split())
    else:
        tokens = _strip_legal_forms(folded, kind, found, name)
    tokens = letters_for_lookalike_digits(tokens)
    if kind == "any":
        if found or looks_like_organisation(tokens):
            kind = "organisation"
    if kind != "organisation":
        listed = not found and uninvert(folded) != folded
        if listed:  # "SURNAME, Given" is a person's name, read in written order
            folded = uninvert(folded)
            tokens = letters_for_lookalike_digits(tuple(clean(folded).split()))
        before = len(found)
        tokens = _strip_person_words(folded if not found else " ".join(tokens), tokens, found)
        if kind == "any" and (listed or len(found) > before):
            kind = "person"
    else:
        full = word_abbreviations()
        tokens = digits_for_number_words(tuple(full.get(t, t) for t in tokens))
        kept = tuple(t for t in tokens if t not in STOPWORDS)
        found.extend(Phrase(t, "stopword") for t in tokens if t in STOPWORDS and kept)
        tokens = kept or tokens
    set_aside = [{"text": p.text, "kind": p.kind} for p in found]
    tokens = bounded(tokens)
    return NameAnalysis(name, " ".join(tokens), tokens, set_aside, kind, _may_be_cut_short(name, folded, tokens))


def bounded(tokens: tuple[str, ...]) -> tuple[str, ...]:
    """At most MAX_NAME_TOKENS tokens of at most MAX_TOKEN_LENGTH letters: the work per name is bounded."""
    if len(tokens) <= MAX_NAME_TOKENS and all(len(t) <= MAX_TOKEN_LENGTH for t in tokens):
        return tokens
    return tuple(t[:MAX_TOKEN_LENGTH] for t in tokens[:MAX_NAME_TOKENS])


# Screening analyses the same query and indexed names again when explaining hits: remember them.
# The cached analyses are shared, so callers must treat them as read-only.
analyse_name_cached = lru_cache(maxsize=16384)(analyse_name)


def search_key(name: str) -> str:
    """Lowercase ASCII key without legal forms, punctuation or spaces, for substring search."""
    found: list[Phrase] = []
    return "".join(_strip_legal_forms(fold(name), "any", found))
