"""MatchIndex: screens a query (names, identifiers, officers, addresses) against indexed records
through inverted indexes, then scores only the candidates, best first."""
from __future__ import annotations

import heapq
from dataclasses import replace
from typing import Iterable

from .analysis import alternatives
from .analysis import analyse_name_cached as analyse_name
from .compare import compare_analyses, default_stats
from .config import MatchConfig
from .explain import build_signals, combine, summary
from .limits import MAX_QUERY_NAMES, MAX_QUERY_OFFICERS
from .name_index import NameIndex
from .records import Hit, Query, Record
from .signals import AddressIndex, IdentifierIndex
from .stats import TokenStats

CANDIDATES_PER_RESULT = 20
MIN_CANDIDATES = 200
# Stop scoring candidates once their estimate is this far (0-100 scale) below the current k-th best.
ESTIMATE_MARGIN = 1.0


class MatchIndex:
    """In-memory screening index over organisation and person records."""

    def __init__(self, config: MatchConfig | None = None, stats: TokenStats | None = None):
        self.config = config or MatchConfig()
        self.stats = stats or default_stats()
        self._records: list[Record | None] = []
        self._slots: dict[str, int] = {}
        self._names = NameIndex(self.stats, self.config)
        self._officers = NameIndex(self.stats, self.config)
        self._identifiers = IdentifierIndex()
        self._addresses = AddressIndex()
        self._name_ids: dict[int, list[int]] = {}

    def __len__(self) -> int:
        return len(self._slots)

    def add(self, record: Record) -> None:
        """Index one record (replacing any record with the same id)."""
        if record.id in self._slots:
            self.remove(record.id)
        slot = len(self._records)
        self._records.append(record)
        self._slots[record.id] = slot
        kind = record.kind if record.kind in ("organisation", "person") else "any"
        self._name_ids[slot] = [self._names.add(slot, alternative, kind)
                                for name in record.names if name for alternative in alternatives(name)]
        for officer in record.officers or ():
            if officer:
                self._officers.add(slot, officer, "person")
        self._identifiers.add(slot, record)
        self._addresses.add(slot, record.addresses)

    def add_many(self, records: Iterable[Record]) -> None:
        """Index several records."""
        for record in records:
            self.add(record)

    def remove(self, record_id: str) -> None:
        """Forget a record; its index entries are skipped from now on."""
        slot = self._slots.pop(record_id, None)
        if slot is None:
            return
        self._records[slot] = None
        self._names.dead.update(self._name_ids.pop(slot, ()))

    def refit_stats(self) -> TokenStats:
        """Relearn token weights from the indexed names (rare words then weigh more)."""
        names = [name for record in self._records if record for name in record.names]
        self.stats = TokenStats.from_names(names)
        for index in (self._names, self._officers):
            index.stats = self.stats
            index.refresh_weights()
        return self.stats

    def _live(self, slot: int) -> bool:
        return self._records[slot] is not None

    def query(self, q: Query, limit: int = 10, min_score: float | None = None) -> list[Hit]:
        """Records most similar to ``q``, best first; ``min_score`` drops weaker hits."""
        names = [alternative for n in [q.name, *q.other_names] if n for alternative in alternatives(n)][:MAX_QUERY_NAMES]
        by_kind = {kind: [analyse_name(n, kind if q.kind == "any" else q.kind) for n in names]
                   for kind in ("organisation", "person", "any")}
        unique = {a.tokens: a for analyses in by_kind.values() for a in analyses}
        wanted = max(MIN_CANDIDATES, CANDIDATES_PER_RESULT * limit)
        found = self._score_candidates(list(unique.values()), by_kind, limit, wanted, min_score or 0.0)
        shared = self._shared_signals(q)
        hits = []
        floor = 0.0 if min_score is None else min_score
        ranked = sorted(found, key=lambda slot: -found[slot][0])
        for slot in ranked[: limit * 2] + [s for s in shared if s not in found]:
            if not self._live(slot):
                continue
            if slot not in found:
                found[slot] = self._best_name(slot, by_kind)
            hit = self._hit(slot, found[slot], shared.get(slot, {}), q)
            if hit.score > 0 and hit.score >= floor:
                hits.append(hit)
        hits.sort(key=lambda h: (-h.score, h.record_id))
        hits = hits[:limit]
        for hit in hits:
            self._explain(hit, q)
        return hits

    def _score_candidates(self, analyses, by_kind, limit: int, wanted: int,
                          min_score: float) -> dict[int, tuple[float, str, str]]:
        """Score candidates in order of their estimate, stopping when the rest cannot compete.

        Ranking is exact down to the review threshold: below it (names that are "probably not the
        same") the list is filled with the best-estimated candidates once ``limit`` have been scored.
        """
        found: dict[int, tuple[float, str, str]] = {}
        top: list[float] = []
        exact_down_to = max(min_score, self.config.review_threshold)
        for scored, (name_id, estimate) in enumerate(self._names.candidates(analyses, wanted)):
            reachable = 100.0 * estimate + ESTIMATE_MARGIN
            if min_score and reachable < min_score:
                break
            if len(top) >= limit and reachable < top[0]:
                break
            if scored >= limit and reachable < exact_down_to:
                break
            slot = self._names.owner[name_id]
            result = self._names.score(name_id, by_kind)
            if result[0] > found.get(slot, (-1.0,))[0]:
                found[slot] = result
                heapq.heappush(top, result[0])
                if len(top) > limit:
                    heapq.heappop(top)
        return found

    def _best_name(self, slot: int, by_kind) -> tuple[float, str, str]:
        best = (0.0, "", "")
        for name_id in self._name_ids.get(slot, ()):
            result = self._names.score(name_id, by_kind)
            if result[0] > best[0] or not best[2]:
                best = result
        return best

    def _shared_signals(self, q: Query) -> dict[int, dict]:
        shared: dict[int, dict] = {}
        for slot, fields in self._identifiers.lookup(q).items():
            shared.setdefault(slot, {}).update(fields)
        for slot, links in self._addresses.lookup(q.addresses, self.config.address_min_similarity,
                                                  self._live).items():
            shared.setdefault(slot, {})["addresses"] = links
        for officer in list(q.officers or ())[:MAX_QUERY_OFFICERS]:
            analysis = analyse_name(officer, "person")
            by_kind = {"person": [analysis]}
            for name_id, _estimate in self._officers.candidates([analysis], 50):
                slot = self._officers.owner[name_id]
                score, _, matched = self._officers.score(name_id, by_kind)
                if score >= self.config.match_threshold and self._live(slot):
                    links = shared.setdefault(slot, {}).setdefault("officers", [])
                    links.append({"query": officer, "matched": matched, "score": score})
        return shared

    def _hit(self, slot: int, name_result, shared: dict, q: Query) -> Hit:
        record = self._records[slot]
        name_score, query_name, matched_name = name_result
        signals = build_signals(name_score, shared, self.config)
        score = combine(signals, self.config)
        match = score >= self.config.match_threshold
        review = not match and score >= self.config.review_threshold
        explanation = {"signals": signals, "shared": shared}
        return Hit(record.id, score, match, review, matched_name or record.names[0],
                   query_name or q.name, explanation, record.payload)

    def _explain(self, hit: Hit, q: Query) -> None:
        """Add the name comparison and the summary to a final hit (token detail from review level up)."""
        record = self._records[self._slots[hit.record_id]]
        if hit.score < self.config.review_threshold:
            name = {"query": hit.query_name, "matched": hit.matched_name,
                    "score": hit.explanation["signals"][0]["score"]}
            hit.explanation = {
                "summary": summary(hit.score, False, False, name, hit.explanation["signals"], record.kind),
                "name": name, "signals": hit.explanation["signals"],
                "shared": {key: hit.explanation["shared"].get(key, []) for key in
                           ("registration_no", "phones", "emails", "websites", "addresses", "officers")}}
            return
        kind = record.kind if record.kind in ("organisation", "person") else "any"
        left = analyse_name(hit.query_name, q.kind if q.kind != "any" else kind)
        right = replace(analyse_name(hit.matched_name, kind), kind=kind)  # as indexed (NameIndex.score)
        _, name = compare_analyses(left, right, kind, self.stats, self.config, explain=True)
        hit.explanation = {
            "summary": summary(hit.score, hit.match, hit.review, name, hit.explanation["signals"], kind),
            "name": name,
            "signals": hit.explanation["signals"],
            "shared": {key: hit.explanation["shared"].get(key, []) for key in
                       ("registration_no", "phones", "emails", "websites", "addresses", "officers")},
        }
