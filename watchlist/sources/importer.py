"""Import a FollowTheMoney NDJSON file (or .gz) into a source: streaming, set-based, all or nothing, idempotent.

Lines are validated and written in chunks to a temporary staging table (memory stays constant whatever the
file size); then a handful of set-based statements create new entities, update changed ones (by content
digest), retire those missing from the file and write one audit entry per changed entity. Any bad line
means nothing is written, and the errors name their lines. A file that changes nothing writes nothing.
"""
import gzip
import hashlib
import json
from dataclasses import dataclass, field

from sqlalchemy import (JSON, Column, Integer, MetaData, String, Table, and_, cast, exists, func, insert, literal, select, text,
                        update)

from registry.audit.models import AuditEntry
from registry.audit.service import record_audit
from registry.common.actor import Actor
from registry.common.time import utcnow
from registry.common.uow import transaction
from registry.domain import NotFound
from registry.extensions import db
from watchlist.sources.ftm import EntityError, parse_line
from watchlist.sources.models import Source, SourceEntity, SourceImport

CHUNK = 5000
MAX_ERRORS = 100
COLUMNS = ("entity_id", "schema", "caption", "holder_id", "names", "countries", "identifiers", "addresses", "phones",
           "emails", "websites", "topics", "sanction", "properties", "digest")

_meta = MetaData()
staging = Table("ftm_staging", _meta,
                Column("line", Integer), Column("entity_id", String(200)), Column("schema", String(40)),
                Column("caption", String(400)), Column("holder_id", String(200)),
                *(Column(c, JSON) for c in ("names", "countries", "identifiers", "addresses", "phones", "emails",
                                            "websites", "topics", "sanction", "properties", "audit")),
                Column("digest", String(40)), prefixes=["TEMPORARY"])


@dataclass
class FtmImportReport:
    entities: int = 0
    skipped: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    retired: int = 0
    errors: list[str] = field(default_factory=list)
    error_count: int = 0
    import_id: int | None = None

    @property
    def ok(self) -> bool:
        return not self.errors

    @property
    def changed(self) -> int:
        return self.created + self.updated + self.retired


def open_ftm(path: str):
    """A binary stream of the file, decompressed when it is gzip (by its magic bytes, not its name)."""
    raw = open(path, "rb")
    if raw.read(2) == b"\x1f\x8b":
        raw.seek(0)
        return gzip.GzipFile(fileobj=raw), raw
    raw.seek(0)
    return raw, raw


def _stage(session, source: Source, lines, report: FtmImportReport, digest, progress) -> None:
    """Parse every line into the staging table, CHUNK rows at a time; collect line-numbered errors."""
    rows, seen_progress = [], 0
    for number, raw in enumerate(lines, start=1):
        raw = raw if isinstance(raw, bytes) else raw.encode("utf-8")
        digest.update(raw)
        if progress:
            seen_progress += len(raw)
            if seen_progress >= 1 << 20:
                progress(seen_progress)
                seen_progress = 0
        try:
            content = raw.decode("utf-8-sig" if number == 1 else "utf-8").strip()
            if not content:
                continue
            row = parse_line(content)
        except (EntityError, UnicodeDecodeError) as exc:
            report.error_count += 1
            if len(report.errors) < MAX_ERRORS:
                report.errors.append(f"line {number}: {exc}")
            continue
        if row is None:
            report.skipped += 1
            continue
        report.entities += 1
        if report.error_count:
            continue  # keep validating, but nothing will be written
        row["line"] = number
        row["audit"] = {"source": source.slug, "entity_id": row["entity_id"], "schema": row["schema"],
                        "caption": row["caption"], "digest": row["digest"]}
        rows.append(row)
        if len(rows) >= CHUNK:
            _write(session, rows)
            rows = []
    if rows and not report.error_count:
        _write(session, rows)
    if progress and seen_progress:
        progress(seen_progress)


STAGED = ("line", *COLUMNS, "audit")
_JSON_COLUMNS = frozenset(c.name for c in staging.columns if isinstance(c.type, JSON))


def _write(session, rows: list[dict]) -> None:
    """Add parsed rows to the staging table: PostgreSQL's COPY (several times faster), else a plain executemany."""
    if session.get_bind().dialect.name != "postgresql":
        session.execute(insert(staging), rows)
        return
    dumps = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode
    driver = session.connection().connection.driver_connection
    with driver.cursor() as cursor, cursor.copy(f"COPY ftm_staging ({', '.join(STAGED)}) FROM STDIN") as copy:
        for row in rows:
            copy.write_row([None if row[c] is None else dumps(row[c]) if c in _JSON_COLUMNS else row[c] for c in STAGED])


def _repeated_ids(session, report: FtmImportReport) -> None:
    query = (select(staging.c.entity_id, func.min(staging.c.line), func.max(staging.c.line))
             .group_by(staging.c.entity_id).having(func.count() > 1).limit(MAX_ERRORS))
    for entity_id, first, last in session.execute(query):
        report.error_count += 1
        report.errors.append(f"line {last}: id '{entity_id}' repeats the entity of line {first}.")


def _match(source_id: int):
    current = SourceEntity.__table__
    return and_(current.c.source_id == source_id, current.c.entity_id == staging.c.entity_id)


def _changed(source_id: int):
    """Staged entities whose stored row differs (content digest) or was retired."""
    current = SourceEntity.__table__
    return and_(_match(source_id), (current.c.digest != staging.c.digest) | current.c.retired_at.is_not(None))


def _counts(session, source_id: int) -> tuple[int, int, int]:
    """(new, changed, gone) for the staged file, read-only: nothing is written when all are zero."""
    current = SourceEntity.__table__
    new = session.scalar(select(func.count()).select_from(staging).where(~exists().where(_match(source_id)))) or 0
    changed = session.scalar(select(func.count()).select_from(current.join(staging, _match(source_id)))
                             .where(_changed(source_id))) or 0
    gone = session.scalar(select(func.count()).select_from(current).where(_gone(source_id))) or 0
    return new, changed, gone


def _gone(source_id: int):
    current = SourceEntity.__table__
    return and_(current.c.source_id == source_id, current.c.retired_at.is_(None),
                ~exists().where(staging.c.entity_id == current.c.entity_id))


def _audit_rows(session, actor: Actor, select_from, action: str, after) -> None:
    """Insert one audit entry per selected source_entity row in one statement (INSERT ... SELECT)."""
    current = SourceEntity.__table__
    base = [literal(utcnow(), AuditEntry.__table__.c.at.type), literal(actor.label), literal(actor.role),
            literal(actor.country, String), literal(actor.token_id, Integer), literal(actor.user_id, Integer),
            literal(action), literal("source_entity"), cast(current.c.id, String), after]
    cols = ["at", "actor", "actor_role", "actor_country", "token_id", "user_id", "action", "entity_type", "entity_id", "after"]
    session.execute(insert(AuditEntry.__table__).from_select(cols, select(*base).select_from(select_from[0]).where(select_from[1])))


def _apply(session, source: Source, imp: SourceImport, actor: Actor, now) -> None:
    """Create, update, touch and retire in set-based statements, then audit each created, updated or retired row."""
    current = SourceEntity.__table__
    values = {c: staging.c[c] for c in COLUMNS}
    mine = and_(current.c.source_id == source.id, current.c.import_id == imp.id)
    session.execute(update(current).where(_changed(source.id))
                    .values(**{c: v for c, v in values.items() if c != "entity_id"}, last_seen=now, retired_at=None,
                            import_id=imp.id))
    _audit_rows(session, actor, (current.join(staging, _match(source.id)), mine), "source_entity.update", staging.c.audit)
    session.execute(update(current).where(_gone(source.id)).values(retired_at=now, import_id=imp.id))
    _audit_rows(session, actor, (current, and_(mine, current.c.retired_at.is_not(None))), "source_entity.retire",
                literal({"source": source.slug, "retired_by_import": imp.id}, JSON))
    session.execute(update(current).where(_match(source.id), current.c.import_id.is_distinct_from(imp.id))
                    .values(last_seen=now))
    session.execute(insert(current).from_select(
        ["source_id", *COLUMNS, "first_seen", "last_seen", "import_id"],
        select(literal(source.id), *values.values(), literal(now, current.c.first_seen.type),
               literal(now, current.c.last_seen.type), literal(imp.id)).where(~exists().where(_match(source.id)))))
    _audit_rows(session, actor, (current.join(staging, _match(source.id)), and_(mine, current.c.first_seen == now)),
                "source_entity.create", staging.c.audit)


def import_ftm(source_slug: str, path: str, actor: Actor, progress=None) -> FtmImportReport:
    """Import one file into a source (see the module docstring); `progress(n)` is told how many file bytes were read."""
    source = db.session.scalar(select(Source).where(Source.slug == source_slug))
    if source is None:
        raise NotFound(f"No source '{source_slug}'. Add it first with `flask sources add`.")
    stream, raw = open_ftm(path)
    with stream, raw:
        tracker = None
        if progress:
            last = [0]

            def tracker(_n):
                position = raw.tell()
                progress(position - last[0])
                last[0] = position
        return import_stream(source, stream, path, actor, tracker)


def _discard(session) -> None:
    """Undo the staging work: a rollback when this import owns the transaction, else just drop the table."""
    if session.info.get("uow_depth", 0) == 0:
        session.rollback()
    else:
        session.execute(text("DROP TABLE IF EXISTS ftm_staging"))


def import_stream(source: Source, lines, filename: str, actor: Actor, progress=None) -> FtmImportReport:
    """Import NDJSON lines (bytes or str) into `source`; the work behind `import_ftm`, also used by the demo."""
    report, digest, started = FtmImportReport(), hashlib.sha256(), utcnow()
    session = db.session
    if session.get_bind().dialect.name == "postgresql":
        session.execute(text("SET LOCAL statement_timeout = 0"))  # a batch job: the web's per-statement bound is not for it
    session.execute(text("DROP TABLE IF EXISTS ftm_staging"))
    staging.create(session.connection())
    try:
        _stage(session, source, lines, report, digest, progress)
        if not report.error_count:
            _repeated_ids(session, report)
        if report.error_count:
            _discard(session)
            return report
        session.execute(text("CREATE INDEX ix_ftm_staging_entity ON ftm_staging (entity_id)"))
        if session.get_bind().dialect.name == "postgresql":
            session.execute(text("ANALYZE ftm_staging"))  # temporary tables are never auto-analysed
        report.created, report.updated, report.retired = _counts(session, source.id)
        report.unchanged = report.entities - report.created - report.updated
        if not report.changed:
            _discard(session)
            return report
    except BaseException:
        _discard(session)
        raise
    with transaction():
        now = utcnow()
        imp = SourceImport(source_id=source.id, filename=str(filename)[-500:], sha256=digest.hexdigest(),
                           entities=report.entities, created=report.created, updated=report.updated,
                           retired=report.retired, unchanged=report.unchanged, imported_by=actor.label,
                           started_at=started, finished_at=now)
        session.add(imp)
        source.last_import_at = now
        session.flush()
        _apply(session, source, imp, actor, now)
        record_audit(actor, "source.import", "source_import", imp.id,
                     after={"source": source.slug, "file": imp.filename, "sha256": imp.sha256,
                            "entities": report.entities, "created": report.created, "updated": report.updated,
                            "retired": report.retired, "unchanged": report.unchanged})
        session.execute(text("DROP TABLE IF EXISTS ftm_staging"))
        report.import_id = imp.id
    return report


def lines_of(entities) -> list[bytes]:
    """NDJSON lines for a list of entity dicts (for the demo feed and tests)."""
    return [json.dumps(e, ensure_ascii=False).encode("utf-8") + b"\n" for e in entities]
