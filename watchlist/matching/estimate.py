"""Score estimates for index candidates: the scorer's own formula (align) applied, with numpy, to the
index keys each candidate shares with the query, so that candidates can be scored best estimate first."""
from __future__ import annotations

import numpy as np

from .config import MatchConfig


def _stacked(postings: list[tuple[np.ndarray, tuple]]) -> tuple[np.ndarray, list[np.ndarray]]:
    """All name ids of several postings, with each key's (credit, query weight, indexed weight, acronym) repeated."""
    ids = np.concatenate([posting for posting, _ in postings])
    sizes = [len(posting) for posting, _ in postings]
    return ids, [np.repeat([item[n] for _, item in postings], sizes) for n in (1, 2, 3, 4)]


def estimate_scores(strong: list[tuple[np.ndarray, tuple]], weak: list[tuple[np.ndarray, tuple]],
                    query_weight: float, weights: np.ndarray, config: MatchConfig) -> tuple[np.ndarray, np.ndarray]:
    """(name ids, estimates 0..1) of the names in the ``strong`` postings; ``weak`` postings only add to them.

    Each posting comes with its key's (strength, credit, query weight, indexed weight, acronym similarity);
    the estimate is credit / (matched weight + penalty for the weight left unmatched on either side).
    """
    ids, columns = _stacked(strong)
    ids, inverse = np.unique(ids, return_inverse=True)
    sums = [np.bincount(inverse, weights=column, minlength=len(ids)) for column in columns]
    # Generic words only add to the names found above: a long posting is probed with those
    # names, short ones are stacked and probed into them.
    short = [item for item in weak if len(item[0]) <= 4 * len(ids)]
    for posting, item in weak:
        if len(posting) > 4 * len(ids):
            at = np.searchsorted(posting, ids)
            at[at == len(posting)] = 0
            shared = posting[at] == ids
            for total, value in zip(sums, item[1:]):
                total[shared] += value
    if short:
        weak_ids, weak_columns = _stacked(short)
        at = np.searchsorted(ids, weak_ids)
        at[at == len(ids)] = 0
        shared = ids[at] == weak_ids
        for total, column in zip(sums, weak_columns):
            total += np.bincount(at[shared], weights=column[shared], minlength=len(ids))
    credit, query_matched, record_matched, whole = sums
    record_total = weights[ids]
    acronym_hit = whole > 0
    if acronym_hit.any():  # the query word is the name's acronym: every indexed word is matched
        credit = credit + np.where(acronym_hit, whole * np.maximum(record_total - record_matched, 0.0), 0.0)
        record_matched = np.where(acronym_hit, np.maximum(record_total, record_matched), record_matched)
    query_left = np.maximum(query_weight - query_matched, 0.0)
    record_left = np.maximum(record_total - record_matched, 0.0)
    # Mirrors align._unmatched_penalty: conflicts in full, one-sided extras discounted.
    conflict = (query_left > 0.05) & (record_left > 0.05)
    extra = min(config.person_extra_token_factor, config.organisation_extra_token_factor)
    penalty = np.where(conflict, config.conflict_factor, extra) * (query_left + record_left)
    return ids, np.minimum(credit / (query_matched + record_matched + penalty), 1.0)


def seed_from_common(weak: list[tuple[np.ndarray, tuple]], cap: int) -> tuple[list, list]:
    """For a query made only of common words: (seed postings, the rest). The rarest posting seeds
    when it holds at most ``cap`` names, else the names holding all the words (at most ``cap``)."""
    if not weak:
        return [], []
    weak = sorted(weak, key=lambda item: len(item[0]))
    if len(weak[0][0]) <= cap:
        return weak[:1], weak[1:]
    pool = weak[0][0]
    for posting, _value in weak[1:]:
        narrowed = np.intersect1d(pool, posting, assume_unique=True)
        if not len(narrowed):
            break
        pool = narrowed
    return [(pool[:cap], weak[0][1])], weak[1:]
