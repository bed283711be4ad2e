"""Per-process matching indexes, rebuilt from the database and kept fresh from the audit log.

Every write is in the audit log, so its newest entry is a change marker every worker can read. A worker
checks it at most every MATCH_INDEX_REFRESH_SECONDS and re-reads only the records named by new audit
entries (a window of recent ids is re-scanned so a transaction that commits late is not missed); a full
rebuild runs when the log moved backwards (restore, test wipe), on large changes, and every
MATCH_INDEX_FULL_REBUILD_SECONDS as a backstop. The index only ever sees committed data; a commit in the
same process triggers a check at once, so a worker always sees its own writes.
"""
import threading
import time

from sqlalchemy import event, select
from sqlalchemy.orm import Session

from registry.agencies.models import Officer
from registry.audit.models import AuditEntry
from registry.licences.models import Licence
from watchlist.cases.models import CaseRespondent
from watchlist.matching import MatchConfig, MatchIndex, TokenStats
from watchlist.screening import sources
from watchlist.screening.models import Flag
from watchlist.sources import records as source_records  # issue 17 hook: imported FtM entities

_local_commit = threading.Event()  # set after any commit in this process: re-check now, not after the interval


@event.listens_for(Session, "after_commit")
def _mark_local_commit(session) -> None:
    _local_commit.set()


LOOKBACK_IDS = 1000
MAX_INCREMENTAL = 2000
WATCHED = ("agency", "licence", "subject", "case", "flag", "source", "source_entity")


class ScreeningIndexes:
    """The screening index (adverse agencies, their officers, watchlist subjects), the agency-name index and
    the licence numbers, for 'did you mean'."""

    def __init__(self, engine, config: MatchConfig, refresh_seconds: float, full_rebuild_seconds: float):
        self.engine, self.config = engine, config
        self.refresh_seconds, self.full_rebuild_seconds = refresh_seconds, full_rebuild_seconds
        self.lock = threading.RLock()
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
        with self.lock, Session(self.engine) as session:
            marker = session.execute(select(AuditEntry.id, AuditEntry.at).order_by(AuditEntry.id.desc()).limit(1)).first()
            marker = tuple(marker) if marker else (0, None)
            stale_backstop = now - self._built > self.full_rebuild_seconds
            if self.screening is None or stale_backstop or self._log_rewritten(session, marker):
                self._rebuild(session, marker)
            elif marker != self._marker:
                self._refresh(session, marker)
            self._checked = now
        return self

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
        agencies = sources.agency_records(session)
        subjects = sources.subject_records(session)
        names = sources.agency_name_records(session)
        external = source_records.entity_records(session)  # issue 17 hook: other sources' entities
        corpus = [n for r in names.values() for n in r.names] + [n for r in subjects.values() for n in r.names]
        corpus += [n for r in external for n in r.names]  # issue 17 hook
        stats = TokenStats.from_names(corpus)
        screening, agency_names = MatchIndex(self.config, stats), MatchIndex(self.config, stats)
        for agency_id, records in agencies.items():
            screening.add_many(records)
            self._agency_refs[agency_id] = [r.id for r in records]
        screening.add_many(subjects.values())
        screening.add_many(external)  # issue 17 hook
        agency_names.add_many(names.values())
        self.screening, self.agency_names = screening, agency_names
        self.licences, self._licence_choices = dict(sources.licence_numbers(session)), {}
        self._marker, self._seen, self._built = marker, set(), time.monotonic()

    def _refresh(self, session: Session, marker) -> None:
        low = max(0, self._marker[0] - LOOKBACK_IDS)
        rows = [r for r in session.execute(select(AuditEntry.id, AuditEntry.entity_type, AuditEntry.entity_id)
                                           .where(AuditEntry.id > low, AuditEntry.entity_type.in_(WATCHED)))
                if r.id not in self._seen]
        if len(rows) > MAX_INCREMENTAL:
            return self._rebuild(session, marker)
        changed = {kind: set() for kind in WATCHED}
        for row in rows:
            if row.entity_id and row.entity_id.isdigit():
                changed[row.entity_type].add(int(row.entity_id))
        # --- issue 17 hook: a changed source rebuilds; changed imported entities are re-read (a large import,
        # over MAX_INCREMENTAL audit entries, already rebuilt above)
        external = source_records.changed_refs(session, changed["source_entity"]) if changed["source_entity"] else ([], [])
        if changed["source"] or external is None:
            return self._rebuild(session, marker)
        for ref in external[0]:
            self.screening.remove(ref)
        self.screening.add_many(external[1])
        # --- end of issue 17 hook
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
        with self.lock:
            if country not in self._licence_choices:
                rows = [row for rows in self.licences.values() for row in rows if row[0] == country]
                self._licence_choices[country] = ([row[1] for row in rows], rows)
            return self._licence_choices[country]


def indexes(app) -> ScreeningIndexes:
    """The app's (process-wide) indexes, created on first use."""
    found = app.extensions.get("screening_indexes")
    if found is None:
        from registry.extensions import db
        threshold = app.config.get("MATCH_THRESHOLD")
        config = MatchConfig(match_threshold=threshold) if threshold else MatchConfig()
        found = ScreeningIndexes(db.engine, config, app.config.get("MATCH_INDEX_REFRESH_SECONDS", 2.0),
                                 app.config.get("MATCH_INDEX_FULL_REBUILD_SECONDS", 600.0))
        app.extensions["screening_indexes"] = found
    return found.fresh()
