"""Inverted index from name tokens to names, with keys for typos (SymSpell-style deletions),
sound-alike and transliteration variants, joined words and acronyms, so a query only scores a
short list of candidates instead of scanning every name."""
from __future__ import annotations

import heapq
import sys
from array import array
from rapidfuzz import process
from rapidfuzz.distance import OSA

from .analysis import NameAnalysis, analyse_name
from .compare import compare_analyses
from .config import MatchConfig
from .stats import TokenStats
from .tokens import joined_similarity, phonetic_key, spelling_key, token_similarity
from .vocabulary import name_variants

KIND_CODES = {"organisation": 0, "person": 1, "any": 2}
KIND_NAMES = {code: kind for kind, code in KIND_CODES.items()}
_ACRONYM = "#"
# Query keys at least this heavy (weight x similarity) may bring in new candidates.
DISTINCTIVE = 0.5
_SOUND = "~"
_SPELLING = "="


def deletions(token: str, depth: int) -> set[str]:
    """All strings obtained by deleting up to ``depth`` characters from ``token``."""
    found = {token}
    for _ in range(depth):
        found |= {word[:i] + word[i + 1:] for word in found for i in range(len(word))}
    found.discard(token)
    return found


def acronym(tokens: tuple[str, ...]) -> str | None:
    """Initials of a multi-word name ("peoples liberation army" -> "pla"), if 2-6 words long."""
    return "".join(t[0] for t in tokens) if 2 <= len(tokens) <= 6 else None


class NameIndex:
    """Names of records (or officers) keyed by token; ``owner[name_id]`` is the record slot."""

    def __init__(self, stats: TokenStats, config: MatchConfig):
        self.stats, self.config = stats, config
        self.owner = array("l")
        self.kind_codes = bytearray()
        self.total_weight = array("f")
        self.originals: list[str] = []
        self.tokens: list[tuple[str, ...]] = []
        self.postings: dict[str, array] = {}
        self.fuzzy_keys: dict[str, list[str]] = {}
        self.dead: set[int] = set()
        self._frequent_sets: dict[str, tuple[int, frozenset[int]]] = {}
        # Vocabulary by (first two letters, length): searched directly for two-edit typos, which
        # the one-deletion keys cannot reach (e.g. two substituted letters).
        self.by_shape: dict[tuple[str, int], list[str]] = {}

    def __len__(self) -> int:
        return len(self.originals) - len(self.dead)

    def add(self, slot: int, name: str, kind: str) -> int:
        """Index ``name`` (analysed as ``kind``) for the record at ``slot``; return its name id."""
        analysis = analyse_name(name, kind)
        tokens = tuple(sys.intern(t) for t in analysis.tokens)
        name_id = len(self.originals)
        self.owner.append(slot)
        self.kind_codes.append(KIND_CODES[kind])
        self.originals.append(name)
        self.tokens.append(tokens)
        self.total_weight.append(sum(self.stats.weight(t) for t in tokens))
        keys = set(tokens)
        short = acronym(tokens)
        if short and kind != "person":
            keys.add(_ACRONYM + short)
        for key in keys:
            posting = self.postings.get(key)
            if posting is None:
                posting = self.postings[key] = array("l")
                if key[0] != _ACRONYM:
                    self._add_fuzzy_keys(key)
            posting.append(name_id)
        return name_id

    def _add_fuzzy_keys(self, token: str) -> None:
        if len(token) < self.config.min_length_for_edits[0] or not token.isalpha():
            return
        if len(token) >= self.config.min_length_for_edits[1]:
            self.by_shape.setdefault((token[:2], len(token)), []).append(token)
        keys = deletions(token, 1)
        keys.add(_SOUND + phonetic_key(token))
        keys.add(_SPELLING + spelling_key(token))
        for key in keys:
            self.fuzzy_keys.setdefault(key, []).append(token)

    def refresh_weights(self) -> None:
        """Recompute stored name weights after the token statistics changed."""
        weight = self.stats.weight
        self.total_weight = array("f", (sum(weight(t) for t in tokens) for tokens in self.tokens))

    def similar_tokens(self, token: str) -> list[tuple[str, float]]:
        """Indexed tokens that may be the same word as ``token``, with their similarity."""
        found: dict[str, float] = {}
        if token in self.postings:
            found[token] = 1.0
        if len(token) >= self.config.min_length_for_edits[0] and token.isalpha():
            two_edits = len(token) >= self.config.min_length_for_edits[1]
            keys = deletions(token, 1) | {token, _SOUND + phonetic_key(token), _SPELLING + spelling_key(token)}
            pool: set[str] = set()
            for key in keys:
                pool.update(self.fuzzy_keys.get(key, ()))
                if key in self.postings and key[0] not in (_SOUND, _SPELLING):
                    pool.add(key)
            if two_edits:
                for size in range(len(token) - 2, len(token) + 3):
                    shaped = self.by_shape.get((token[:2], size))
                    if shaped:
                        pool.update(match[0] for match in process.extract(
                            token, shaped, scorer=OSA.distance, score_cutoff=2, limit=None))
            for other in pool:
                if other not in found:
                    similarity, _ = token_similarity(token, other, self.config, allow_initials=False)
                    if similarity > 0:
                        found[other] = similarity
        for variant in name_variants().get(token, ()):
            if variant != token and variant in self.postings:
                found.setdefault(variant, self.config.name_variant_similarity)
        return list(found.items())

    def _query_keys(self, tokens: tuple[str, ...]) -> dict[str, float]:
        """Index keys to look up for a query, each with the query weight it stands for."""
        weight = self.stats.weight
        keys: dict[str, float] = {}

        def offer(key: str, value: float) -> None:
            if value > keys.get(key, 0.0):
                keys[key] = value

        for token in tokens:
            token_weight = weight(token)
            for other, similarity in self.similar_tokens(token):
                # A misspelt generic word ("internatsional") is no more distinctive than the word itself.
                offer(other, min(token_weight, weight(other)) * similarity)
            for cut in range(2, len(token) - 1):
                head, tail = token[:cut], token[cut:]
                if head in self.postings and tail in self.postings:
                    offer(head, token_weight / 2)
                    offer(tail, token_weight / 2)
            offer(_ACRONYM + token, token_weight * self.config.abbreviation_similarity)
        for first, second in zip(tokens, tokens[1:]):
            joined = first + second
            if joined in self.postings:
                offer(joined, (weight(first) + weight(second)) * self.config.joined_words_similarity)
        short = acronym(tokens)
        if short and short in self.postings:
            offer(short, self.config.abbreviation_similarity)
        return keys

    def candidates(self, queries: list[NameAnalysis], limit: int) -> list[tuple[int, float]]:
        """(name id, estimated score 0..1) of the names most likely to score well, best first.

        Distinctive keys (weight >= DISTINCTIVE) collect candidates; generic keys only add to
        names already found, unless the query has nothing distinctive, so common words stay cheap.
        """
        best: dict[int, float] = {}
        weights = self.total_weight
        for query in queries:
            keys = self._query_keys(query.tokens)
            query_weight = sum(self.stats.weight(t) for t in query.tokens) or 1.0
            found = [(key, value, self.postings[key]) for key, value in keys.items() if key in self.postings]
            strong = [item for item in found if item[1] >= DISTINCTIVE]
            weak = [item for item in found if item[1] < DISTINCTIVE]
            if not strong:
                strong, weak = self._seed_from_common(weak)
            scores: dict[int, float] = {}
            get = scores.get
            for _key, value, posting in strong:
                for name_id in posting:
                    scores[name_id] = get(name_id, 0.0) + value
            for key, value, posting in weak:
                if len(posting) > len(scores):
                    members = self._posting_set(key).intersection(scores)
                else:
                    members = set(posting).intersection(scores)
                for name_id in members:
                    scores[name_id] += value
            conflict = self.config.conflict_factor
            extra = min(self.config.person_extra_token_factor, self.config.organisation_extra_token_factor)
            for name_id, value in scores.items():
                # Upper-bound-like estimate of the final score, mirroring align._unmatched_penalty.
                query_left = query_weight - value
                record_left = weights[name_id] - value
                if query_left > 0.05 and record_left > 0.05:
                    penalty = conflict * (query_left + record_left)
                else:
                    penalty = extra * (max(query_left, 0.0) + max(record_left, 0.0))
                estimate = 2.0 * value / (2.0 * value + penalty) if value > 0 else 0.0
                if estimate > best.get(name_id, 0.0):
                    best[name_id] = estimate
        if self.dead:
            for name_id in self.dead.intersection(best):
                del best[name_id]
        if len(best) <= limit:
            return sorted(best.items(), key=lambda item: -item[1])
        return heapq.nlargest(limit, best.items(), key=lambda item: item[1])

    def _posting_set(self, key: str) -> frozenset[int]:
        posting = self.postings[key]
        cached = self._frequent_sets.get(key)
        if cached is None or cached[0] != len(posting):
            cached = self._frequent_sets[key] = (len(posting), frozenset(posting))
        return cached[1]

    def _seed_from_common(self, weak):
        """For queries made only of common words: seed from the rarest, or names having them all."""
        if not weak:
            return [], []
        weak = sorted(weak, key=lambda item: len(item[2]))
        cap = max(5000, len(self.originals) // 50)
        if len(weak[0][2]) <= cap:
            return weak[:1], weak[1:]
        pool = self._posting_set(weak[0][0])
        for key, _value, _posting in weak[1:]:
            narrowed = pool.intersection(self._posting_set(key))
            if not narrowed:
                break
            pool = narrowed
        seed = array("l", sorted(pool)[:cap])
        return [("", weak[0][1], seed)], weak[1:]

    def score(self, name_id: int, queries_by_kind: dict[str, list[NameAnalysis]]) -> tuple[float, str, str]:
        """Best (score, query name, indexed name) of one indexed name against the query names."""
        kind = KIND_NAMES[self.kind_codes[name_id]]
        tokens = self.tokens[name_id]
        original = self.originals[name_id]
        indexed = NameAnalysis(original, " ".join(tokens), tokens, [], kind)
        best = (0.0, "", original)
        for query in queries_by_kind[kind]:
            score, _ = compare_analyses(query, indexed, kind, self.stats, self.config, explain=False)
            if score > best[0]:
                best = (score, query.original, original)
        return best
