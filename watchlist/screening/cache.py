"""Per-process matching indexes, rebuilt from the database and kept fresh from the audit log.

Every write is in the audit log, so its newest entry is a change marker every worker can read. A worker
checks it at most every MATCH_INDEX_REFRESH_SECONDS and re-reads only the records named by new audit
entries (a window of recent ids is re-scanned so a transaction that commits late is not missed); a full
rebuild runs when the log moved backwards (restore, test wipe), on large changes, and every
MATCH_INDEX_FULL_REBUILD_SECONDS as a backstop. The index only ever sees committed data; a commit in the
same process triggers a check at once, so a worker always sees its own writes.

Queries and in-place changes take `mutate`; a full rebuild builds new structures beside the live ones and only
swaps them in under it, so the index server (watchlist/screening/index_server.py) keeps answering meanwhile.
"""
import ctypes
import gc
import threading
import time
from contextlib import contextmanager

from sqlalchemy import event, select
from sqlalchemy.orm import Session

from registry.agencies.models import Officer
from registry.audit.models import AuditEntry
from registry.licences.models import Licence
from watchlist.cases.models import CaseRespondent
from rapidfuzz import fuzz, process

from watchlist.matching import MatchConfig, MatchIndex, Query, TokenStats, compare_names
from watchlist.screening import sources
from watchlist.screening.models import Flag
from watchlist.sources import records as source_records  # imported FtM entities of other sources

_local_commit = threading.Event()  # set after any commit in this process: re-check now, not after the interval


@event.listens_for(Session, "after_commit")
def _mark_local_commit(session) -> None:
    _local_commit.set()


@contextmanager
def gc_paused():
    """No cyclic garbage collection while millions of long-lived objects are made (a build, a snapshot load): the
    collector would rescan them again and again (about 1.7x the time); nothing made here is cyclic garbage."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def release_free_memory() -> None:
    """Hand back to the system the heap a build freed (database rows, the index it replaced, the snapshot's
    bytes): glibc keeps freed memory in its arenas otherwise, and the host would count it against the index."""
    try:
        ctypes.CDLL("libc.so.6").malloc_trim(0)
    except (OSError, AttributeError):  # not glibc: nothing to do
        pass


LOOKBACK_IDS = 1000
MAX_INCREMENTAL = 2000
WATCHED = ("agency", "licence", "subject", "case", "flag", "source", "source_entity")


class ScreeningIndexes:
    """The screening index (adverse agencies, their officers, watchlist subjects), the agency-name index and
    the licence numbers, for 'did you mean'."""

    def __init__(self, engine, config: MatchConfig, refresh_seconds: float, full_rebuild_seconds: float):
        self.engine, self.config = engine, config
        self.refresh_seconds, self.full_rebuild_seconds = refresh_seconds, full_rebuild_seconds
        self.lock = threading.RLock()  # one check of the audit log (refresh or rebuild) at a time
        self.mutate = threading.RLock()  # queries and in-place changes; a rebuild only swaps under it
        self.on_rebuilt = None  # called with each newly built state (the index server snapshots it)
        self.stage: str | None = None  # what a running full build is doing, for readiness reports
        self.built_at: float | None = None  # wall-clock time of the data (of the snapshot it was loaded from)
        self.screening: MatchIndex | None = None
        self.agency_names: MatchIndex | None = None
        self.licences: dict[int, list[tuple]] = {}  # agency id -> its licences' (country, key, number, agency id, name)
        self._licence_choices: dict[str, tuple[list[str], list[tuple]]] = {}
        self._marker: tuple[int, object] = (0, None)
        self._seen: set[int] = set()
        self._agency_refs: dict[int, list[str]] = {}
        self._checked = self._built = 0.0

    def fresh(self) -> "ScreeningIndexes":
        """Return self after making sure the indexes reflect the database within the configured bound."""
        now = time.monotonic()
        if self.screening is not None and now - self._checked < self.refresh_seconds and not _local_commit.is_set():
            return self
        _local_commit.clear()
        self.check()
        return self

    def check(self, rebuild: bool = True) -> bool:
        """Bring the indexes up to date with the audit log now. False when a full rebuild is due and `rebuild` is
        False (the index server's request threads leave full rebuilds to its background thread)."""
        with self.lock, Session(self.engine) as session:
            marker = session.execute(select(AuditEntry.id, AuditEntry.at).order_by(AuditEntry.id.desc()).limit(1)).first()
            marker = tuple(marker) if marker else (0, None)
            rewritten = self.screening is None or self._log_rewritten(session, marker)
            if not rewritten and marker != self._marker and not self._refresh(session, marker, rebuild):
                return False  # too many changes for a refresh, and rebuilding is not this caller's job
            if rewritten or time.monotonic() - self._built > self.full_rebuild_seconds:  # (a refresh may have rebuilt)
                if not rebuild:
                    return False
                self._rebuild(session, marker)  # the index refreshed above keeps answering meanwhile
            self._checked = time.monotonic()
        return True

    def _log_rewritten(self, session: Session, marker) -> bool:
        """True when the audit log is not an extension of the one indexed (a restore or a wipe): the entry
        that was newest at the last check must still be there, unchanged."""
        last_id, last_at = self._marker
        if marker[0] < last_id:
            return True
        if last_id == 0:
            return False
        if marker[0] == last_id:
            return marker[1] != last_at
        return session.scalar(select(AuditEntry.at).where(AuditEntry.id == last_id)) != last_at

    def _rebuild(self, session: Session, marker) -> None:
        with gc_paused():
            self._build(session, marker)
        release_free_memory()

    def _build(self, session: Session, marker) -> None:
        started = time.time()
        self.stage = "loading agencies"
        agencies = sources.agency_records(session)
        self.stage = "loading subjects"
        subjects = sources.subject_records(session)
        names = sources.agency_name_records(session)
        external = source_records.entity_records(session)  # other sources' entities
        licences = dict(sources.licence_numbers(session))
        self.stage = "indexing"
        corpus = [n for r in names.values() for n in r.names] + [n for r in subjects.values() for n in r.names]
        corpus += [n for r in external for n in r.names]
        stats = TokenStats.from_names(corpus)
        screening, agency_names, agency_refs = MatchIndex(self.config, stats), MatchIndex(self.config, stats), {}
        for agency_id, records in agencies.items():
            screening.add_many(records)
            agency_refs[agency_id] = [r.id for r in records]
        screening.add_many(subjects.values())
        screening.add_many(external)
        agency_names.add_many(names.values())
        state = {"screening": screening, "agency_names": agency_names, "licences": licences, "agency_refs": agency_refs,
                 "marker": marker, "built_at": started}
        self.install(state)
        self.stage = None
        if self.on_rebuilt is not None:  # queries run meanwhile; refreshes wait (we hold self.lock)
            self.on_rebuilt(state)

    def install(self, state: dict) -> None:
        """Swap in a built (or snapshot-loaded) state; its audit marker says what it reflects."""
        with self.mutate:
            self.screening, self.agency_names = state["screening"], state["agency_names"]
            self.licences, self._licence_choices, self._agency_refs = state["licences"], {}, state["agency_refs"]
            self._marker, self._seen, self.built_at = tuple(state["marker"]), set(), state["built_at"]
            self._built = time.monotonic() - max(0.0, time.time() - state["built_at"])

    def _refresh(self, session: Session, marker, rebuild: bool = True) -> bool:
        low = max(0, self._marker[0] - LOOKBACK_IDS)
        rows = [r for r in session.execute(select(AuditEntry.id, AuditEntry.entity_type, AuditEntry.entity_id)
                                           .where(AuditEntry.id > low, AuditEntry.entity_type.in_(WATCHED)))
                if r.id not in self._seen]
        changed = {kind: set() for kind in WATCHED}
        for row in rows:
            if row.entity_id and row.entity_id.isdigit():
                changed[row.entity_type].add(int(row.entity_id))
        external = None
        if len(rows) <= MAX_INCREMENTAL and not changed["source"]:  # a source's settings change: rebuild
            external = source_records.changed_refs(session, changed["source_entity"]) if changed["source_entity"] else ([], [])
        if external is None:  # too many changes, a source changed, or an imported Address changed
            if rebuild:
                self._rebuild(session, marker)
            return rebuild
        with self.mutate:
            self._apply(session, rows, changed, external, marker)
        return True

    def _apply(self, session: Session, rows, changed: dict[str, set[int]], external, marker) -> None:
        """Re-read what the new audit entries name (records of other sources included) and swap it in."""
        for ref in external[0]:
            self.screening.remove(ref)
        self.screening.add_many(external[1])
        agency_ids, subject_ids = self._expand(session, changed)
        self._apply_agencies(session, agency_ids)
        for subject_id in subject_ids:
            self.screening.remove(f"subject:{subject_id}")
        self.screening.add_many(sources.subject_records(session, subject_ids).values())
        self._seen = {i for i in self._seen | {r.id for r in rows} if i > marker[0] - LOOKBACK_IDS}
        self._marker = marker

    def _expand(self, session: Session, changed: dict[str, set[int]]) -> tuple[set[int], set[int]]:
        """Map changed licences, cases and flags to the agencies and subjects whose records must be re-read."""
        agency_ids, subject_ids = set(changed["agency"]), set(changed["subject"])
        if changed["licence"]:
            agency_ids |= set(session.scalars(select(Licence.agency_id).where(Licence.id.in_(changed["licence"]))))
        if changed["case"]:
            subject_ids |= set(session.scalars(select(CaseRespondent.subject_id).where(CaseRespondent.case_id.in_(changed["case"]))))
        for flag in session.scalars(select(Flag).where(Flag.id.in_(changed["flag"]))) if changed["flag"] else ():
            for ref in (flag.source_ref, flag.candidate_ref):
                kind, _, ident = ref.partition(":")
                if kind == "agency":
                    agency_ids.add(int(ident))
                elif kind == "subject":
                    subject_ids.add(int(ident))
                elif kind == "officer":
                    agency_ids |= set(session.scalars(select(Officer.agency_id).where(Officer.id == int(ident))))
        return agency_ids, subject_ids

    def _apply_agencies(self, session: Session, agency_ids: set[int]) -> None:
        if not agency_ids:
            return
        fresh = sources.agency_records(session, agency_ids)
        names = sources.agency_name_records(session, agency_ids)
        numbers = sources.licence_numbers(session, agency_ids)
        for agency_id in agency_ids:
            for ref in self._agency_refs.pop(agency_id, []):
                self.screening.remove(ref)
            records = fresh.get(agency_id, [])
            self.screening.add_many(records)
            self._agency_refs[agency_id] = [r.id for r in records]
            self.licences[agency_id] = numbers.get(agency_id, [])
            self._licence_choices.clear()
            self.agency_names.remove(f"agency:{agency_id}")
            if agency_id in names:
                self.agency_names.add(names[agency_id])


    def licence_choices(self, country: str) -> tuple[list[str], list[tuple]]:
        """The normalised licence numbers of one country (cached until licences change) and their rows."""
        with self.mutate:
            if country not in self._licence_choices:
                rows = [row for rows in self.licences.values() for row in rows if row[0] == country]
                self._licence_choices[country] = ([row[1] for row in rows], rows)
            return self._licence_choices[country]

    # --- the questions the service asks (the index server's client offers the same methods) ---

    def search(self, query: Query, limit: int = 10, min_score: float | None = None) -> list:
        """Screening hits for one query, best first."""
        with self.mutate:
            return self.screening.query(query, limit=limit, min_score=min_score)

    def search_many(self, queries: list[Query], limit: int = 10) -> list[list]:
        return [self.search(q, limit) for q in queries]

    def suggest(self, query: Query, limit: int, min_score: float) -> list:
        """Agency-name hits, for 'did you mean'."""
        with self.mutate:
            return self.agency_names.query(query, limit=limit, min_score=min_score)

    def licence_matches(self, country: str, key: str, limit: int = 5, cutoff: float = 70) -> list[tuple[tuple, float]]:
        """(licence row, similarity) of the licence numbers of `country` most like `key`."""
        keys, rows = self.licence_choices(country)
        return [(rows[i], score) for _, score, i in process.extract(key, keys, scorer=fuzz.ratio, limit=limit,
                                                                    score_cutoff=cutoff)]

    def compare(self, a: str, b: str, kind: str, matched_kind: str | None = None) -> dict:
        """Two names scored with the engine's rules and the registry's token weights (each with its own kind)."""
        result = compare_names(a, b, kind=kind, stats=self.screening.stats, config=self.config, matched_kind=matched_kind)
        return {"score": result.score, "match": result.match, "review": result.review, "explanation": result.explanation}

    def status(self) -> dict:
        """Readiness facts: built or not, what a running build is doing, which audit entry it reflects."""
        ready = self.screening is not None
        return {"ready": ready, "stage": self.stage or ("ready" if ready else "not built"),
                "records": len(self.screening) if ready else 0, "indexed_through_audit_id": self._marker[0],
                "data_age_seconds": round(time.time() - self.built_at, 1) if self.built_at else None}


def local_indexes(app) -> ScreeningIndexes:
    """A new, unbuilt in-process index configured from the app (inline mode, the index server, build-index)."""
    from registry.extensions import db
    threshold = app.config.get("MATCH_THRESHOLD")
    config = MatchConfig(match_threshold=threshold) if threshold else MatchConfig()
    return ScreeningIndexes(db.engine, config, app.config.get("MATCH_INDEX_REFRESH_SECONDS", 2.0),
                            app.config.get("MATCH_INDEX_FULL_REBUILD_SECONDS", 600.0))


def indexes(app):
    """The app's (process-wide) indexes, created on first use: in "inline" mode this process's own, built lazily;
    in "server" mode a client of the host's index server (same methods; raises Unavailable until it is ready)."""
    found = app.extensions.get("screening_indexes")
    if found is None:
        if app.config.get("MATCH_INDEX_MODE") == "server":
            from watchlist.screening.index_client import IndexClient
            found = IndexClient.from_app(app)
        else:
            found = local_indexes(app)
        app.extensions["screening_indexes"] = found
    return found.fresh()


def indexes_status(app, timeout: float) -> dict:
    """Readiness of the index this process screens with (for /readyz): the server's status in "server" mode;
    in "inline" mode this process's own (always ready: it builds on first use)."""
    if app.config.get("MATCH_INDEX_MODE") == "server":
        found = app.extensions.get("screening_indexes")
        if found is None:
            from watchlist.screening.index_client import IndexClient
            found = app.extensions["screening_indexes"] = IndexClient.from_app(app)
        return found.status(timeout=timeout)
    local = app.extensions.get("screening_indexes")
    built = local is not None and local.screening is not None
    return {**(local.status() if built else {}), "ready": True, "mode": "inline", "built": built}
