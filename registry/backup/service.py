"""export_all / import_all: one JSON Lines file per table plus a manifest, generic over the SQLAlchemy metadata.

Ids are kept, so foreign keys, histories and the audit log survive; PostgreSQL sequences are moved past them.
"""
import json
from pathlib import Path

from sqlalchemy import Engine, func, insert, select, text

from registry.backup.codec import decoder, encode
from registry.common.time import utcnow
from registry.domain import Conflict, InvalidInput
from registry.extensions import db

FORMAT = "registry-backup/1"
BATCH = 1000


def _tables():
    return list(db.metadata.sorted_tables)


def export_all(directory: str | Path, engine: Engine | None = None) -> dict[str, int]:
    """Write every table (parents first) to DIR/<table>.jsonl in one consistent read; return row counts."""
    engine = engine or db.engine
    out = Path(directory)
    out.mkdir(parents=True, exist_ok=True)
    counts = {}
    with engine.connect() as conn:
        if conn.dialect.name == "postgresql":
            conn.execute(text("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY"))
        for table in _tables():
            order = list(table.primary_key.columns) or list(table.columns)
            names = [c.name for c in table.columns]
            n = 0
            with open(out / f"{table.name}.jsonl", "w", encoding="utf-8") as fh:
                result = conn.execution_options(yield_per=BATCH).execute(select(table).order_by(*order))
                for row in result:
                    fh.write(json.dumps({k: encode(v) for k, v in zip(names, row)}, ensure_ascii=False) + "\n")
                    n += 1
            counts[table.name] = n
        revision = _alembic_revision(conn)
    manifest = {"format": FORMAT, "exported_at": utcnow().isoformat(), "dialect": engine.dialect.name,
                "alembic_revision": revision, "tables": counts}
    (out / "manifest.json").write_text(json.dumps(manifest, indent=2))
    return counts


def import_all(directory: str | Path, engine: Engine | None = None, replace: bool = False) -> dict[str, int]:
    """Load a dump written by export_all, all or nothing; refuse a non-empty database unless `replace`."""
    engine = engine or db.engine
    src = Path(directory)
    manifest = _read_manifest(src)
    known = {t.name for t in _tables()}
    unknown = sorted(set(manifest["tables"]) - known)
    if unknown:
        raise InvalidInput(f"The backup has tables this version does not know: {', '.join(unknown)}. "
                           "Upgrade the code (and run `flask db upgrade`) before restoring.")
    counts = {}
    with engine.begin() as conn:
        occupied = [t.name for t in _tables() if conn.execute(select(func.count()).select_from(t)).scalar()]
        if occupied and not replace:
            raise Conflict(f"The database already has data ({', '.join(occupied[:5])}...); "
                           "restore into an empty database or pass --replace.")
        for table in reversed(_tables()):
            conn.execute(table.delete())
        for table in _tables():
            counts[table.name] = _load_table(conn, table, src / f"{table.name}.jsonl")
        # licence.public_status is derived from the recorded state: recomputed, so a backup taken before it existed restores right
        conn.execute(text("UPDATE licence SET public_status = CASE WHEN state = 'active' THEN 'valid' ELSE state END"))
        mismatched = {k: (v, counts.get(k)) for k, v in manifest["tables"].items() if counts.get(k) != v}
        if mismatched:  # a truncated or edited file: roll the whole restore back
            raise InvalidInput(f"Row counts differ from the manifest (expected, found): {mismatched}")
        if conn.dialect.name == "postgresql":
            _reset_sequences(conn)
    return counts


def _load_table(conn, table, path: Path) -> int:
    if not path.exists():
        return 0
    decoders = {c.name: decoder(c) for c in table.columns}
    n, batch = 0, []
    with open(path, encoding="utf-8") as fh:
        for line_no, line in enumerate(fh, 1):
            row = json.loads(line)
            extra = set(row) - set(decoders)
            if extra:
                raise InvalidInput(f"{path.name} line {line_no}: unknown columns {sorted(extra)}.")
            batch.append({k: decoders[k](v) for k, v in row.items()})
            if len(batch) >= BATCH:
                conn.execute(insert(table), batch)
                n, batch = n + len(batch), []
    if batch:
        conn.execute(insert(table), batch)
        n += len(batch)
    return n


def _reset_sequences(conn) -> None:
    """After explicit ids, move each serial/identity sequence past the largest id so new rows do not collide."""
    for table in _tables():
        for column in table.primary_key.columns:
            seq = conn.execute(text("SELECT pg_get_serial_sequence(:t, :c)"), {"t": table.name, "c": column.name}).scalar()
            if seq:
                conn.execute(text(f'SELECT setval(:s, COALESCE((SELECT MAX("{column.name}") FROM "{table.name}"), 0) + 1, false)'),
                             {"s": seq})


def _read_manifest(src: Path) -> dict:
    try:
        manifest = json.loads((src / "manifest.json").read_text())
    except FileNotFoundError:
        raise InvalidInput(f"{src} has no manifest.json: it is not a backup written by `registry export-all`.") from None
    if manifest.get("format") != FORMAT:
        raise InvalidInput(f"Unknown backup format {manifest.get('format')!r}; expected {FORMAT}.")
    return manifest


def _alembic_revision(conn) -> str | None:
    try:
        with conn.begin_nested():
            return conn.execute(text("SELECT version_num FROM alembic_version")).scalar()
    except Exception:  # noqa: BLE001 - databases made by create_all (tests) have no alembic table
        return None
