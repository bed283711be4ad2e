"""Set-based writes for bulk imports: multi-row INSERTs (SQLAlchemy insertmanyvalues) instead of one ORM flush
per row, and a progress bar on stderr only when a person is watching (stderr is a terminal)."""
import shutil
import sys
from contextlib import contextmanager
from typing import Iterator, Sequence

from registry.extensions import db

CHUNK = 1000


def chunks(items: Sequence, size: int = CHUNK) -> Iterator[Sequence]:
    for start in range(0, len(items), size):
        yield items[start:start + size]


def insert_rows(model, rows: list[dict]) -> None:
    """Insert rows with one multi-row statement per batch (no ids read back)."""
    if rows:
        db.session.execute(model.__table__.insert(), rows)


def insert_returning_ids(model, rows: list[dict]) -> list[int]:
    """Insert rows and return their new primary keys in the rows' order (INSERT ... RETURNING, batched)."""
    if not rows:
        return []
    table = model.__table__
    result = db.session.execute(table.insert().returning(table.c.id, sort_by_parameter_order=True), rows)
    return [row[0] for row in result]


@contextmanager
def progress_bar(total: int, label: str, stream=None):
    """Yield an `update(n)` callable: a tqdm bar (rows/s, ETA) when `stream` (stderr) is a terminal, else a no-op,
    so logs and pipes get no control characters."""
    stream = stream or sys.stderr
    if not (hasattr(stream, "isatty") and stream.isatty()):
        yield lambda n=1: None
        return
    from tqdm import tqdm

    width = shutil.get_terminal_size((100, 20)).columns or 100  # a terminal that reports no size gets 100 columns
    with tqdm(total=total, desc=label, unit=" rows", file=stream, ncols=width, smoothing=0.1) as bar:
        yield bar.update
