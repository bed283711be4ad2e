"""Pairwise name comparison: analyses both names with a shared kind, aligns their tokens and
returns a 0-100 score, the match/review decision and a readable explanation."""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

from .align import Alignment, align_tokens
from .analysis import NameAnalysis, alternatives, analyse_name
from .brackets import place_qualifiers
from .config import MatchConfig
from .limits import MAX_COMPARE_TOKEN_PAIRS, MAX_NAME_TOKENS
from .patronymic import own_names_differ
from .script import native_tokens, same_native_script
from .stats import TokenStats
from .conflicts import kinds_conflict, organisation_doubt
from .text import listed_surname, tokens_of


@dataclass
class CompareResult:
    """Score (0-100, one decimal), the decisions at the configured thresholds and why."""

    score: float
    match: bool
    review: bool
    explanation: dict = field(default_factory=dict)


@lru_cache(maxsize=1)
def default_stats() -> TokenStats:
    """The built-in token weights (generic words and common names)."""
    return TokenStats.default()


DEFAULT_CONFIG = MatchConfig()


def resolve_kind(left: NameAnalysis, right: NameAnalysis, kind: str) -> tuple[NameAnalysis, NameAnalysis, str]:
    """Agree on one kind for both names: an organisation on either side wins, then a person."""
    if kind != "any":
        return left, right, kind
    kinds = {left.kind, right.kind}
    if "organisation" in kinds:
        kind = "organisation"
    elif "person" in kinds:
        kind = "person"
    else:
        return left, right, "any"
    if left.kind != kind:
        left = analyse_name(left.original, kind)
    if right.kind != kind:
        right = analyse_name(right.original, kind)
    return left, right, kind


def decide(score: float, config: MatchConfig) -> tuple[bool, bool]:
    """(match, review) for a score."""
    match = score >= config.match_threshold
    return match, (not match) and score >= config.review_threshold


def describe_alignment(left: NameAnalysis, right: NameAnalysis, alignment: Alignment) -> dict:
    """The name part of an explanation: normalised forms, what was set aside, token pairs."""
    pairs = []
    for m in alignment.matches:
        pairs.append({
            "query": " ".join(left.tokens[i] for i in m.left),
            "matched": " ".join(right.tokens[j] for j in m.right),
            "how": m.how,
            "similarity": round(m.similarity, 2),
            "weight": round(sum(alignment.left_weights[i] for i in m.left), 2),
        })
    return {
        "query": left.original,
        "matched": right.original,
        "query_normalised": left.normalised,
        "matched_normalised": right.normalised,
        "kind": left.kind if left.kind == right.kind else "any",
        "query_kind": left.kind,
        "matched_kind": right.kind,
        "set_aside": [dict(item, side="query") for item in left.set_aside]
        + [dict(item, side="matched") for item in right.set_aside],
        "token_matches": pairs,
        "unmatched": {
            "query": [{"token": left.tokens[i], "weight": round(alignment.left_weights[i], 2)}
                      for i in alignment.left_unmatched],
            "matched": [{"token": right.tokens[j], "weight": round(alignment.right_weights[j], 2)}
                        for j in alignment.right_unmatched],
        },
        "score": alignment.score,
    }


def initials_allowed(left: NameAnalysis, right: NameAnalysis) -> bool:
    """A person is never matched to an organisation through initials: "BALLEN SOLANO, German" is not
    "GBS Trading", and "JAMALEDDINE, Hassan" is not the ship "JH 86"."""
    return {left.kind, right.kind} != {"person", "organisation"}


def compare_analyses(left: NameAnalysis, right: NameAnalysis, kind: str, stats: TokenStats,
                     config: MatchConfig, explain: bool = True,
                     acronyms: bool | None = None) -> tuple[float, dict | None]:
    """Score two analysed names (already resolved to one kind); describe them when ``explain``.
    ``acronyms`` (default: ``initials_allowed``) says whether a word may stand for others' initials."""
    if acronyms is None:
        acronyms = initials_allowed(left, right)
    surnames = None if kind == "organisation" else (listed_surname(left.original), listed_surname(right.original))
    alignment = align_tokens(left.tokens, right.tokens, kind, stats, config, (left.cut_short, right.cut_short),
                             acronyms, surnames)
    name = describe_alignment(left, right, alignment) if explain else {}
    score = alignment.score
    if score > config.kind_conflict_cap and kinds_conflict(left, right):
        score = config.kind_conflict_cap
        name["capped"] = {"at": score, "reason": f"a {left.kind}'s name is compared with a {right.kind}'s"}
    if kind == "organisation" and score > config.organisation_extra_word_cap:
        reason = organisation_doubt(left, right, alignment, stats, config)
        if reason:
            score = config.organisation_extra_word_cap
            name["capped"] = {"at": score, "reason": reason}
    if kind != "organisation" and score > config.person_conflict_cap and alignment.left_unmatched \
            and alignment.right_unmatched:
        score = config.person_conflict_cap
        name["capped"] = {"at": score, "reason": "a part of the name differs on both sides"}
    if score > config.place_conflict_cap and kind != "person":
        places = place_qualifiers(left.original), place_qualifiers(right.original)
        if places[0] and places[1] and places[0] != places[1]:
            score = config.place_conflict_cap
            name["capped"] = {"at": score, "reason": "the places in brackets differ"}
    if score > 0 and same_native_script(left.original, right.original):
        native = align_tokens(native_tokens(left.original), native_tokens(right.original), kind, stats, config)
        name["native_script_score"] = native.score
        score = min(score, native.score)
    if score > 0 and kind != "organisation":
        swapped = own_names_differ(left.original, right.original, config)
        if swapped:
            score = round(score * config.patronymic_mismatch_factor, 1)
            name["patronymic_mismatch"] = {"query_own_name": swapped[0], "matched_own_name": swapped[1]}
    name["score"] = score
    return score, (name if explain else None)


def name_summary(name: dict, match: bool, review: bool) -> str:
    """One plain-English sentence about a name comparison."""
    verdict = "match" if match else ("are similar enough to need review" if review else "do not match")
    sentence = f"'{name['query']}' and '{name['matched']}' {verdict} (name score {name['score']:.1f}/100)"
    shared = [p["matched"] for p in name["token_matches"]]
    if shared:
        sentence += "; shared words: " + ", ".join(shared)
    different = [u["token"] for u in name["unmatched"]["query"] + name["unmatched"]["matched"]]
    if different:
        sentence += "; differing words: " + ", ".join(different)
    aside = sorted({item["text"] for item in name["set_aside"]})
    if aside:
        sentence += "; set aside: " + ", ".join(aside)
    if name.get("capped"):
        sentence += f"; held at {name['capped']['at']:.0f} because {name['capped']['reason']}"
    return sentence + "."


def compare_names(a: str, b: str, kind: str = "any", stats: TokenStats | None = None,
                  config: MatchConfig | None = None, matched_kind: str | None = None) -> CompareResult:
    """Compare two names and return score, decision and explanation. ``kind`` is the kind of ``a``
    and, unless ``matched_kind`` says otherwise, of ``b``. A name listing several names separated by
    slashes is compared through each of them too; the best pair counts."""
    stats = stats or default_stats()
    config = config or DEFAULT_CONFIG
    pairs = comparison_pairs(a, b)
    results = [_compare_one(x, y, kind, stats, config, matched_kind) for x, y in pairs]
    best = max(range(len(results)), key=lambda i: results[i].score)
    result = results[best]
    if pairs[best] != (a, b):
        result.explanation["name"]["listed_in"] = {"query": a, "matched": b}
        result.explanation["summary"] += " Names listed with '/' were compared one by one; this is the closest pair."
    return result


def comparison_pairs(a: str, b: str) -> list[tuple[str, str]]:
    """The pairs of names compared for ``a`` and ``b``: the whole names, then whole against part and part against
    part of names listed with slashes, until MAX_COMPARE_TOKEN_PAIRS token pairs would be scored."""
    left, right = alternatives(a), alternatives(b)
    ordered = [(x, y) for x in left for y in right]
    ordered.sort(key=lambda pair: (pair[0] != a) + (pair[1] != b))  # stable: whole names first
    pairs, work = [], 0
    for x, y in ordered:
        cost = min(len(tokens_of(x)), MAX_NAME_TOKENS) * min(len(tokens_of(y)), MAX_NAME_TOKENS)
        if pairs and work + cost > MAX_COMPARE_TOKEN_PAIRS:
            continue
        pairs.append((x, y))
        work += cost
    return pairs


def _compare_one(a: str, b: str, kind: str, stats: TokenStats, config: MatchConfig,
                 matched_kind: str | None = None) -> CompareResult:
    """One name against one name: initials are allowed or not by the kinds each name shows on its
    own, before both are read as one kind. Two different known kinds are each kept (and compared as
    the matched name's kind, as screening does) so the explanation shows both."""
    matched_kind = matched_kind or kind
    left, right = analyse_name(a, kind), analyse_name(b, matched_kind)
    acronyms = initials_allowed(left, right)
    if kind != matched_kind and "any" in (kind, matched_kind):
        left, right, kind = resolve_kind(left, right, "any")
    elif kind != matched_kind:
        kind = matched_kind
    else:
        left, right, kind = resolve_kind(left, right, kind)
    score, name = compare_analyses(left, right, kind, stats, config, acronyms=acronyms)
    match, review = decide(score, config)
    explanation = {
        "summary": name_summary(name, match, review),
        "name": name,
        "signals": [{"signal": "name", "score": score, "contribution": score,
                     "detail": f"name similarity {score:.1f}"}],
        "shared": {},
    }
    return CompareResult(score, match, review, explanation)
