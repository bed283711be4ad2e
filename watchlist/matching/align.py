"""Scores two analysed names by aligning their tokens in any order (one-to-one, or one word to
several joined words) and weighing matched against unmatched tokens by distinctiveness."""
from __future__ import annotations

from dataclasses import dataclass, field

from .config import MatchConfig
from .stats import TokenStats
from .text import has_digit
from .tokens import joined_similarity, token_similarity


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


def _candidates(left, right, config: MatchConfig, allow_initials: bool):
    found = []
    for i, a in enumerate(left):
        for j, b in enumerate(right):
            similarity, how = token_similarity(a, b, config, allow_initials)
            if similarity > 0:
                found.append(TokenMatch((i,), (j,), similarity, how))
    for one, many, flip in ((left, right, False), (right, left, True)):
        for i, token in enumerate(one):
            if len(token) < 4:
                continue
            for j in range(len(many) - 1):
                for size in (2, 3):
                    parts = tuple(many[j:j + size])
                    if len(parts) < size:
                        break
                    similarity = joined_similarity(token, parts, config)
                    if similarity > 0:
                        group = tuple(range(j, j + size))
                        found.append(TokenMatch(group if flip else (i,), (i,) if flip else group,
                                                similarity, "joined words"))
    found.extend(_abbreviations(left, right, config, max_size=6 if not allow_initials else 3))
    return found


def _abbreviations(left, right, config: MatchConfig, max_size: int):
    """Token pairs where one side's token spells the initials of a run of the other's ("pla")."""
    found = []
    similarity = config.abbreviation_similarity if max_size > 3 else config.initial_similarity
    for one, many, flip in ((left, right, False), (right, left, True)):
        for i, token in enumerate(one):
            size = len(token)
            if not 2 <= size <= max_size or size > len(many) or has_digit(token):
                continue
            for j in range(len(many) - size + 1):
                if all(many[j + k][0] == token[k] for k in range(size)):
                    group = tuple(range(j, j + size))
                    found.append(TokenMatch(group if flip else (i,), (i,) if flip else group,
                                            similarity, "abbreviation"))
    return found


def align_tokens(left: tuple[str, ...], right: tuple[str, ...], kind: str, stats: TokenStats,
                 config: MatchConfig) -> Alignment:
    """Align ``left`` with ``right`` greedily (best pairs first) and compute the weighted score."""
    left_weights = [stats.weight(t) for t in left]
    right_weights = [stats.weight(t) for t in right]
    result = Alignment(0.0, left_weights=left_weights, right_weights=right_weights)
    if not left or not right:
        result.left_unmatched, result.right_unmatched = list(range(len(left))), list(range(len(right)))
        return result

    def group_weight(match: TokenMatch) -> float:
        return sum(left_weights[i] for i in match.left) + sum(right_weights[j] for j in match.right)

    candidates = _candidates(left, right, config, allow_initials=kind != "organisation")
    candidates.sort(key=lambda m: (-m.similarity, -group_weight(m), len(m.left) + len(m.right)))
    used_left: set[int] = set()
    used_right: set[int] = set()
    for match in candidates:
        if used_left.intersection(match.left) or used_right.intersection(match.right):
            continue
        used_left.update(match.left)
        used_right.update(match.right)
        result.matches.append(match)
    result.left_unmatched = [i for i in range(len(left)) if i not in used_left]
    result.right_unmatched = [j for j in range(len(right)) if j not in used_right]
    result.score = round(100.0 * _weighted_score(result, kind, config), 1)
    return result


def _weighted_score(result: Alignment, kind: str, config: MatchConfig) -> float:
    if not result.matches:
        return 0.0
    credited = sum(m.similarity * (sum(result.left_weights[i] for i in m.left)
                                   + sum(result.right_weights[j] for j in m.right))
                   for m in result.matches)
    matched_total = sum(result.left_weights[i] for m in result.matches for i in m.left) + sum(
        result.right_weights[j] for m in result.matches for j in m.right)
    left_extra = sum(result.left_weights[i] for i in result.left_unmatched)
    right_extra = sum(result.right_weights[j] for j in result.right_unmatched)
    if left_extra and right_extra:
        penalty = (left_extra + right_extra) * config.conflict_factor  # conflicting words on both sides count in full
    else:
        covered_tokens = len(result.right_weights) if left_extra else len(result.left_weights)
        if kind == "organisation":
            factor = config.organisation_extra_token_factor
        elif covered_tokens >= 2:
            factor = config.person_extra_token_factor
        else:
            factor = 1.0
        penalty = (left_extra + right_extra) * factor
    return credited / (matched_total + penalty)
