"""Inverted index from name tokens to names, with keys for typos (SymSpell-style deletions),
sound-alike and transliteration variants, joined words and acronyms, so a query only scores a
short list of candidates instead of scanning every name."""
from __future__ import annotations

import sys
from array import array

import numpy as np
from rapidfuzz import process
from rapidfuzz.distance import OSA

from .analysis import NameAnalysis, analyse_name
from .compare import compare_analyses
from .config import MatchConfig
from .estimate import estimate_scores, seed_from_common
from .stats import TokenStats
from .syllables import without_particle
from .tokens import joined_similarity, neighbour_similarities, phonetic_key, spelling_key
from .vocabulary import name_variants

KIND_CODES = {"organisation": 0, "person": 1, "any": 2}
KIND_NAMES = {code: kind for kind, code in KIND_CODES.items()}
_ACRONYM = "#"
# Query keys at least this heavy (weight x similarity) may bring in new candidates.
DISTINCTIVE = 0.5
SIMILAR_CACHE_SIZE = 100_000
_NO_IDS = np.zeros(0, dtype=np.int32)
_NO_ESTIMATES = np.zeros(0, dtype=np.float32)
_SOUND = "~"
_SPELLING = "="
_PARTICLE = "+"


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
        self.cut_short = bytearray()  # 1 where the name may be cut at a field-length limit
        self.total_weight = array("f")
        self.originals: list[str] = []
        self.tokens: list[tuple[str, ...]] = []
        self.postings: dict[str, array] = {}  # token -> ascending name ids
        self.fuzzy_keys: dict[str, list[str]] = {}
        self.dead: set[int] = set()
        self._arrays: dict[str, np.ndarray] = {}
        self._similar: dict[str, list[tuple[str, float]]] = {}
        self._weight_array = _NO_ESTIMATES
        # Vocabulary by (first two letters, length): searched directly for two-edit typos, which
        # the one-deletion keys cannot reach (e.g. two substituted letters).
        self.by_shape: dict[tuple[str, int], list[str]] = {}

    def __len__(self) -> int:
        return len(self.originals) - len(self.dead)

    def __getstate__(self) -> dict:
        """Pickled without the caches that queries fill (rebuilt on use): a copy can be saved while queries run."""
        return {**self.__dict__, "_similar": {}, "_arrays": {}, "_weight_array": _NO_ESTIMATES}

    def add(self, slot: int, name: str, kind: str) -> int:
        """Index ``name`` (analysed as ``kind``) for the record at ``slot``; return its name id."""
        analysis = analyse_name(name, kind)
        tokens = tuple(sys.intern(t) for t in analysis.tokens)
        name_id = len(self.originals)
        self.owner.append(slot)
        self.kind_codes.append(KIND_CODES[kind])
        self.cut_short.append(analysis.cut_short)
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
                posting = self.postings[key] = array("i")
                if self._similar:  # a new word may be a near neighbour of any remembered query word
                    self._similar.clear()
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
        rest = without_particle(token)
        if rest:  # "albakri" is found from "bakri" and "elbakri"
            keys.add(_PARTICLE + rest)
        for key in keys:
            self.fuzzy_keys.setdefault(key, []).append(token)

    def refresh_weights(self) -> None:
        """Recompute stored name weights after the token statistics changed."""
        weight = self.stats.weight
        self.total_weight = array("f", (sum(weight(t) for t in tokens) for tokens in self.tokens))
        self._weight_array = _NO_ESTIMATES

    def similar_tokens(self, token: str) -> list[tuple[str, float]]:
        """Indexed tokens that may be the same word as ``token``, with their similarity (memoised
        until the vocabulary grows)."""
        found = self._similar.get(token)
        if found is None:
            if len(self._similar) >= SIMILAR_CACHE_SIZE:
                self._similar.clear()
            found = self._similar[token] = self._find_similar_tokens(token)
        return found

    def _find_similar_tokens(self, token: str) -> list[tuple[str, float]]:
        found: dict[str, float] = {}
        if token in self.postings:
            found[token] = 1.0
        if len(token) >= self.config.min_length_for_edits[0] and token.isalpha():
            two_edits = len(token) >= self.config.min_length_for_edits[1]
            # Sound-alike and spelling-variant neighbours are always checked; the rest can only be
            # typos, so only those within the allowed edits (filtered in one rapidfuzz call) are.
            same_sound = set(self.fuzzy_keys.get(_SOUND + phonetic_key(token), ()))
            same_spelling = set(self.fuzzy_keys.get(_SPELLING + spelling_key(token), ()))
            pool = same_sound | same_spelling
            rest = without_particle(token)
            particle_keys = {_PARTICLE + token} | ({rest, _PARTICLE + rest} if rest else set())
            for key in deletions(token, 1) | {token} | particle_keys:
                pool.update(self.fuzzy_keys.get(key, ()))
                if key in self.postings:
                    pool.add(key)
            if two_edits:  # two substituted letters share no one-deletion key: search by shape
                for size in range(len(token) - 2, len(token) + 3):
                    shaped = self.by_shape.get((token[:2], size))
                    if shaped:
                        pool.update(match[0] for match in process.extract(
                            token, shaped, scorer=OSA.distance, score_cutoff=2, limit=None))
            pool.difference_update(found)
            found.update(neighbour_similarities(token, list(pool), same_spelling, same_sound, self.config))
        for variant in name_variants().get(token, ()):
            if variant != token and variant in self.postings:
                found.setdefault(variant, self.config.name_variant_similarity)
        return list(found.items())

    def _one_edit_neighbours(self, word: str) -> set[str]:
        """Indexed words that may be ``word`` or one edit away from it (sharing a one-deletion key)."""
        found = {word} if word in self.postings else set()
        if len(word) >= self.config.min_length_for_edits[0] and word.isalpha():
            for key in deletions(word, 1) | {word}:
                found.update(self.fuzzy_keys.get(key, ()))
                if key in self.postings:
                    found.add(key)
        return found

    def _query_keys(self, tokens: tuple[str, ...]) -> dict[str, tuple[float, ...]]:
        """Index keys to look up for a query, each as (strength, credit, query weight, indexed weight, acronym).

        Strength decides whether a key may bring in candidates; credit (similarity x both weights),
        and the weights it covers on each side feed the score estimate (see ``_estimates``).
        """
        weight = self.stats.weight
        keys: dict[str, tuple[float, ...]] = {}

        def offer(key: str, query_weight: float, key_weight: float, similarity: float, whole: bool = False) -> None:
            # A misspelt generic word ("internatsional") is no more distinctive than the word itself.
            strength = (query_weight if whole else min(query_weight, key_weight)) * similarity
            if strength > keys.get(key, (0.0,))[0]:
                keys[key] = (strength, similarity * (query_weight + key_weight), query_weight, key_weight,
                             similarity if whole else 0.0)

        for token in tokens:
            token_weight = weight(token)
            for other, similarity in self.similar_tokens(token):
                offer(other, token_weight, weight(other), similarity)
            for cut in range(2, len(token) - 1):
                # One query word written as two indexed words, the second maybe with a typo ("alharamein").
                head, tail = token[:cut], token[cut:]
                if head not in self.postings:
                    continue
                for other in self._one_edit_neighbours(tail):
                    similarity = joined_similarity(token, (head, other), self.config)
                    if similarity > 0:
                        offer(head, token_weight / 2, weight(head), similarity)
                        offer(other, token_weight / 2, weight(other), similarity)
            # An acronym covers the indexed name's every word: its weight on that side is filled in later.
            offer(_ACRONYM + token, token_weight, 0.0, self.config.abbreviation_similarity, whole=True)
        for first, second in zip(tokens, tokens[1:]):
            # Two query words written as one indexed word, exactly or with one typo ("naba chan", "nabahan").
            for other in self._one_edit_neighbours(first + second):
                similarity = joined_similarity(other, (first, second), self.config)
                if similarity > 0:
                    offer(other, weight(first) + weight(second), weight(other), similarity)
        short = acronym(tokens)
        if short and short in self.postings:
            pair_weight = sum(weight(t) for t in tokens)
            offer(short, pair_weight, weight(short), self.config.abbreviation_similarity)
        return keys

    def candidates(self, queries: list[NameAnalysis], limit: int) -> list[tuple[int, float]]:
        """(name id, estimated score 0..1) of the names most likely to score well, best first.

        Distinctive keys (weight >= DISTINCTIVE) collect candidates; generic keys only add to
        names already found, unless the query has nothing distinctive, so common words stay cheap.
        Postings are summed with numpy, so a query costs little even when its words are frequent.
        """
        found_ids, found_estimates = [], []
        for query in queries:
            ids, estimates = self._estimates(query)
            if len(ids):
                found_ids.append(ids)
                found_estimates.append(estimates)
        if not found_ids:
            return []
        ids, estimates = np.concatenate(found_ids), np.concatenate(found_estimates)
        if len(found_ids) > 1:  # several query names: keep each name's best estimate
            order = np.lexsort((-estimates, ids))
            ids, estimates = ids[order], estimates[order]
            first = np.ones(len(ids), dtype=bool)
            first[1:] = ids[1:] != ids[:-1]
            ids, estimates = ids[first], estimates[first]
        if self.dead:
            alive = ~np.isin(ids, np.fromiter(self.dead, dtype=np.int64, count=len(self.dead)))
            ids, estimates = ids[alive], estimates[alive]
        if len(ids) > limit:
            keep = np.argpartition(-estimates, limit - 1)[:limit]
            ids, estimates = ids[keep], estimates[keep]
        order = np.lexsort((ids, -estimates))
        return list(zip(ids[order].tolist(), estimates[order].tolist()))

    def _estimates(self, query: NameAnalysis) -> tuple[np.ndarray, np.ndarray]:
        """Candidate name ids for one query name and an upper-bound-like estimate of their score.

        The estimate is align's formula applied to the keys each name shares with the query:
        credit / (matched weight + penalty for the weight left unmatched on either side).
        """
        keys = self._query_keys(query.tokens)
        found = [(key, self._array(key), item) for key, item in keys.items() if key in self.postings]
        strong = [(posting, item) for _key, posting, item in found if item[0] >= DISTINCTIVE]
        weak = [(posting, item) for _key, posting, item in found if item[0] < DISTINCTIVE]
        if not strong:
            # Seed from the rarest of the query's own words, plus the near words that are rare (a
            # misspelling, or the halves of a joined word): a rare near word ("biznes" for
            # "business") must not stand in for the query's own word.
            own = [(posting, item) for key, posting, item in found if key in query.tokens]
            near = [(posting, item) for key, posting, item in found if key not in query.tokens]
            cap = max(5000, len(self.originals) // 50)
            strong, weak = seed_from_common(own, cap)
            strong += [item for item in near if len(item[0]) <= cap]
            weak += [item for item in near if len(item[0]) > cap]
        if not strong:
            return _NO_IDS, _NO_ESTIMATES
        query_weight = sum(self.stats.weight(t) for t in query.tokens) or 1.0
        return estimate_scores(strong, weak, query_weight, self._weights(), self.config)

    def _array(self, key: str) -> np.ndarray:
        """The posting of ``key`` as a sorted numpy array (cached until the posting grows)."""
        posting = self.postings[key]
        cached = self._arrays.get(key)
        if cached is None or len(cached) != len(posting):
            # tobytes copies under the GIL, so a concurrent append never meets an exported buffer.
            cached = self._arrays[key] = np.frombuffer(posting.tobytes(), dtype=np.int32)
        return cached

    def _weights(self) -> np.ndarray:
        if len(self._weight_array) != len(self.total_weight):
            self._weight_array = np.frombuffer(self.total_weight.tobytes(), dtype=np.float32)
        return self._weight_array

    def score(self, name_id: int, queries_by_kind: dict[str, list[NameAnalysis]]) -> tuple[float, str, str]:
        """Best (score, query name, indexed name) of one indexed name against the query names."""
        kind = KIND_NAMES[self.kind_codes[name_id]]
        tokens = self.tokens[name_id]
        original = self.originals[name_id]
        indexed = NameAnalysis(original, " ".join(tokens), tokens, [], kind, bool(self.cut_short[name_id]))
        best = (0.0, "", original)
        for query in queries_by_kind[kind]:
            score, _ = compare_analyses(query, indexed, kind, self.stats, self.config, explain=False)
            if score > best[0]:
                best = (score, query.original, original)
        return best
