"""Scores two analysed names by aligning their tokens in any order (one-to-one, or one word to
several joined words) and weighing matched against unmatched tokens by distinctiveness."""
from __future__ import annotations

from dataclasses import dataclass, field

from .config import MatchConfig
from .stats import TokenStats
from .text import has_digit
from .tokens import joined_similarity, similarity_cache, token_similarity
from .vocabulary import country_words


@dataclass
class TokenMatch:
    """One aligned group: token positions on each side, their similarity and how they matched."""

    left: tuple[int, ...]
    right: tuple[int, ...]
    similarity: float
    how: str


@dataclass
class Alignment:
    """The result of scoring two token lists (score on 0-100)."""

    score: float
    matches: list[TokenMatch] = field(default_factory=list)
    left_unmatched: list[int] = field(default_factory=list)
    right_unmatched: list[int] = field(default_factory=list)
    left_weights: list[float] = field(default_factory=list)
    right_weights: list[float] = field(default_factory=list)


def _candidates(left, right, config: MatchConfig, allow_initials: bool, acronyms: bool = True) -> list[tuple]:
    """Possible token groupings as (similarity, left positions, right positions, how)."""
    found = []
    cache = similarity_cache(config)
    for i, a in enumerate(left):
        for j, b in enumerate(right):
            if a == b:
                found.append((1.0, (i,), (j,), "exact"))
                continue
            known = cache.get((a, b, allow_initials))
            similarity, how = known if known is not None else token_similarity(a, b, config, allow_initials)
            if similarity > 0:
                found.append((similarity, (i,), (j,), how))
    for one, many, flip in ((left, right, False), (right, left, True)):
        if len(many) < 2:
            continue
        firsts = [t[0] for t in many]
        ends = [0]
        for t in many:
            ends.append(ends[-1] + len(t))
        for i, token in enumerate(one):
            if len(token) < 4:
                continue
            first = token[0]
            for j in range(len(many) - 1):
                if firsts[j] != first:
                    continue
                for size in (2, 3):
                    if j + size > len(many):
                        break
                    if abs(ends[j + size] - ends[j] - len(token)) > 2:  # joined_similarity's own length test
                        continue
                    similarity = joined_similarity(token, tuple(many[j:j + size]), config)
                    if similarity > 0:
                        group = tuple(range(j, j + size))
                        found.append((similarity, group, (i,)) if flip else (similarity, (i,), group))
                        found[-1] += ("joined words",)
    if acronyms:
        found.extend(_abbreviations(left, right, config, max_size=6 if not allow_initials else 3))
    return found


def _abbreviations(left, right, config: MatchConfig, max_size: int) -> list[tuple]:
    """Token pairs where one side's token spells the initials of the other's words: of the whole name
    ("pla" for "people liberation army"), or of a run inside it for short acronyms ("us" in "united
    states department of state", "jc" in "jean claude juncker"). A longer word that happens to spell the initials of a few words
    inside a longer name ("saro" in "Somchai Asia Recruitment Overseas Limited") is not an acronym."""
    found = []
    similarity = config.abbreviation_similarity if max_size > 3 else config.initial_similarity
    for one, many, flip in ((left, right, False), (right, left, True)):
        if len(many) < 2:
            continue
        initials = "".join(t[0] for t in many)
        for i, token in enumerate(one):
            size = len(token)
            if not 2 <= size <= max_size or size > len(many) or (size > 3 and size != len(many)):
                continue
            start = initials.find(token)
            while start >= 0 and not has_digit(token):
                group = tuple(range(start, start + size))
                found.append((similarity, group, (i,), "abbreviation") if flip
                             else (similarity, (i,), group, "abbreviation"))
                start = initials.find(token, start + 1)
    return found


def align_tokens(left: tuple[str, ...], right: tuple[str, ...], kind: str, stats: TokenStats,
                 config: MatchConfig, cut_short: tuple[bool, bool] = (False, False),
                 acronyms: bool = True, surnames: tuple[frozenset, frozenset] | None = None) -> Alignment:
    """Align ``left`` with ``right`` greedily (best pairs first) and compute the weighted score.

    ``cut_short`` says which side may have been cut at a field-length limit: its last word may then
    be the start of a word on the other side ("... Belkassem Dr" for "... Belkassem Drissi").
    ``acronyms`` False reads no word as the initials of others (a person's initials are no company).
    ``surnames`` are each side's known surname words (from "SURNAME, Given"): an initial or acronym never
    stands for one, nor is one ("SHIN, Yong Il" is not "YI, Khin Maung")."""
    weight = stats.weight
    left_weights = [weight(t) for t in left]
    right_weights = [weight(t) for t in right]
    result = Alignment(0.0, left_weights=left_weights, right_weights=right_weights)
    if not left or not right:
        result.left_unmatched, result.right_unmatched = list(range(len(left))), list(range(len(right)))
        return result
    candidates = _candidates(left, right, config, allow_initials=kind != "organisation", acronyms=acronyms)
    if any(cut_short):
        candidates += _cut_short(left, right, cut_short, config)
    if surnames and (surnames[0] or surnames[1]):
        candidates = [c for c in candidates if c[3] not in ("initial", "abbreviation")
                      or not (any(left[i] in surnames[0] for i in c[1]) or any(right[j] in surnames[1] for j in c[2]))]
    if len(candidates) > 1:
        candidates.sort(key=lambda m: (-m[0], -(sum(left_weights[i] for i in m[1])
                                                + sum(right_weights[j] for j in m[2])), len(m[1]) + len(m[2])))
    credited, matched_total = _pick(candidates, result, len(left), len(right))
    if result.left_unmatched and result.right_unmatched and any(
            _is_run_acronym(m.how, m.left, m.right, left, right) for m in result.matches):
        # An acronym of a few words inside a name ("AA" in "Al Ameen Trust") counts only when the rest
        # does not conflict.
        result = Alignment(0.0, left_weights=left_weights, right_weights=right_weights)
        kept = [c for c in candidates if not _is_run_acronym(c[3], c[1], c[2], left, right)]
        credited, matched_total = _pick(kept, result, len(left), len(right))
    if result.matches:
        countries = country_words()
        conflict = kind == "organisation" and (
            any(left[i] in countries for i in result.left_unmatched)
            or any(right[j] in countries for j in result.right_unmatched))
        penalty = _unmatched_penalty(result, kind, config, conflict or _acronym_leaves_words(result, left, right))
        result.score = round(100.0 * credited / (matched_total + penalty), 1)
    return result


def _cut_short(left, right, cut_short: tuple[bool, bool], config: MatchConfig) -> list[tuple]:
    """The last word of a name cut at a field-length limit, as the start of a longer word opposite."""
    found = []
    for one, many, flip, cut in ((left, right, False, cut_short[0]), (right, left, True, cut_short[1])):
        if not cut or not one or len(one[-1]) < 2 or has_digit(one[-1]):
            continue
        last = len(one) - 1
        for j, word in enumerate(many):
            if len(word) > len(one[-1]) and word.startswith(one[-1]):
                found.append((config.cut_short_similarity, (j,), (last,), "cut short") if flip
                             else (config.cut_short_similarity, (last,), (j,), "cut short"))
    return found


def _pick(candidates: list[tuple], result: Alignment, left_size: int, right_size: int) -> tuple[float, float]:
    """Take the best non-overlapping groups into ``result``; return (credited, matched) weight."""
    used_left: set[int] = set()
    used_right: set[int] = set()
    credited = matched_total = 0.0
    for similarity, lefts, rights, how in candidates:
        if used_left.intersection(lefts) or used_right.intersection(rights):
            continue
        used_left.update(lefts)
        used_right.update(rights)
        result.matches.append(TokenMatch(lefts, rights, similarity, how))
        group = sum(result.left_weights[i] for i in lefts) + sum(result.right_weights[j] for j in rights)
        credited += similarity * group
        matched_total += group
    result.left_unmatched = [i for i in range(left_size) if i not in used_left]
    result.right_unmatched = [j for j in range(right_size) if j not in used_right]
    return credited, matched_total


def _is_run_acronym(how: str, lefts: tuple[int, ...], rights: tuple[int, ...], left: tuple[str, ...],
                    right: tuple[str, ...]) -> bool:
    """An abbreviation standing for some, not all, of the other name's words."""
    return how == "abbreviation" and (1 < len(lefts) < len(left) or 1 < len(rights) < len(right))


def _acronym_leaves_words(result: Alignment, left: tuple[str, ...], right: tuple[str, ...]) -> bool:
    """An acronym that stands for the other whole name leaves nothing for the other words of its own
    name to match, so those words conflict ("AL" for "Arenas Loreto" while "Ameen Trust" is left over)."""
    for m in result.matches:
        if m.how != "abbreviation":
            continue
        if len(m.left) == 1 and len(m.right) == len(right) and result.left_unmatched:
            return True
        if len(m.right) == 1 and len(m.left) == len(left) and result.right_unmatched:
            return True
    return False


# A person name made only of common words ("Ali Muhammad") does not excuse the distinctive words the
# other name has beyond it: dropped middle names are discounted only beside a word at least this weighty.
DISTINCTIVE_NAME_WORD = 0.5


def _unmatched_penalty(result: Alignment, kind: str, config: MatchConfig, conflict: bool = False) -> float:
    """Weight of unmatched tokens: conflicts in full (and more), one-sided extras discounted.

    ``conflict`` marks one-sided words that still contradict the other name: a country name on one
    side only ("Banco Santander Chile" names a national arm, a separate legal entity), or words beside
    an acronym that already stands for the other whole name."""
    left_extra = sum(result.left_weights[i] for i in result.left_unmatched)
    right_extra = sum(result.right_weights[j] for j in result.right_unmatched)
    if (left_extra and right_extra) or conflict:
        return (left_extra + right_extra) * config.conflict_factor
    covered = result.right_weights if left_extra else result.left_weights
    if kind == "organisation":
        factor = config.organisation_extra_token_factor
    elif len(covered) >= 2 and max(covered) >= DISTINCTIVE_NAME_WORD:
        factor = config.person_extra_token_factor
    else:
        factor = 1.0
    return (left_extra + right_extra) * factor
