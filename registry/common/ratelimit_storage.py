"""A `limits` storage in one SQLite file (`sqlite-file:///path/to/file`), so every worker on a host counts together.

Flask-Limiter's `memory://` counts per worker (2 workers doubled every limit); this is the default instead. Each
acquisition is one short `BEGIN IMMEDIATE` transaction, so concurrent workers never both take the last slot.
Redis or memcached (`RATELIMIT_STORAGE_URI`) share counts across hosts.
"""
import os
import random
import sqlite3
import threading
import time
from pathlib import Path
from urllib.parse import urlsplit

from limits.storage import MovingWindowSupport, Storage

_SCHEMA = ("CREATE TABLE IF NOT EXISTS hit (key TEXT NOT NULL, at REAL NOT NULL, expires REAL NOT NULL)",
           "CREATE INDEX IF NOT EXISTS ix_hit_key_at ON hit (key, at)",
           "CREATE INDEX IF NOT EXISTS ix_hit_expires ON hit (expires)",
           "CREATE TABLE IF NOT EXISTS counter (key TEXT PRIMARY KEY, value INTEGER NOT NULL, expires REAL NOT NULL)")


def path_of(uri: str) -> Path:
    """`sqlite-file:///abs/file` or `sqlite-file://relative/file` -> the file's path."""
    parts = urlsplit(uri)
    return Path(parts.netloc + parts.path) if parts.netloc else Path(parts.path)


class SQLiteFileStorage(Storage, MovingWindowSupport):
    """Fixed- and moving-window limits kept in a SQLite file shared by the processes of one host."""

    STORAGE_SCHEME = ["sqlite-file"]

    def __init__(self, uri: str | None = None, wrap_exceptions: bool = False, **options):
        self.path = path_of(uri or "")
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._local = threading.local()
        with self._transaction() as conn:
            for statement in _SCHEMA:
                conn.execute(statement)
        super().__init__(uri, wrap_exceptions=wrap_exceptions, **options)

    @property
    def base_exceptions(self):
        return sqlite3.Error

    def _connection(self) -> sqlite3.Connection:
        conn = getattr(self._local, "conn", None)
        if conn is None or getattr(self._local, "pid", None) != os.getpid():  # never share a connection across a fork
            conn = sqlite3.connect(self.path, timeout=10, isolation_level=None, check_same_thread=False)
            conn.execute("PRAGMA journal_mode=WAL")
            conn.execute("PRAGMA synchronous=NORMAL")
            self._local.conn, self._local.pid = conn, os.getpid()
        return conn

    def _transaction(self):
        storage = self

        class _Tx:
            def __enter__(self):
                self.conn = storage._connection()
                self.conn.execute("BEGIN IMMEDIATE")
                return self.conn

            def __exit__(self, exc_type, exc, tb):
                self.conn.execute("ROLLBACK" if exc_type else "COMMIT")
                return False

        return _Tx()

    # --- moving window (the configured strategy) -------------------------------------------------------------
    def acquire_entry(self, key: str, limit: int, expiry: int, amount: int = 1) -> bool:
        if amount > limit:
            return False
        now = time.time()
        with self._transaction() as conn:
            if random.random() < 0.01:  # now and then drop every expired hit, of any key
                conn.execute("DELETE FROM hit WHERE expires <= ?", (now,))
            taken = conn.execute("SELECT COUNT(*) FROM hit WHERE key = ? AND at > ?", (key, now - expiry)).fetchone()[0]
            if taken + amount > limit:
                return False
            conn.executemany("INSERT INTO hit (key, at, expires) VALUES (?, ?, ?)", [(key, now, now + expiry)] * amount)
        return True

    def get_moving_window(self, key: str, limit: int, expiry: int) -> tuple[float, int]:
        now = time.time()
        rows = self._connection().execute("SELECT at FROM hit WHERE key = ? AND at > ? ORDER BY at DESC LIMIT ?",
                                          (key, now - expiry, limit)).fetchall()
        return (rows[-1][0], len(rows)) if rows else (now, 0)

    # --- fixed window counters ----------------------------------------------------------------------------------
    def incr(self, key: str, expiry: int, amount: int = 1) -> int:
        now = time.time()
        with self._transaction() as conn:
            row = conn.execute("SELECT value, expires FROM counter WHERE key = ?", (key,)).fetchone()
            if row is None or row[1] <= now:
                value, expires = amount, now + expiry
            else:
                value, expires = row[0] + amount, row[1]
            conn.execute("INSERT OR REPLACE INTO counter (key, value, expires) VALUES (?, ?, ?)", (key, value, expires))
        return value

    def get(self, key: str) -> int:
        row = self._connection().execute("SELECT value FROM counter WHERE key = ? AND expires > ?", (key, time.time())).fetchone()
        return row[0] if row else 0

    def get_expiry(self, key: str) -> float:
        row = self._connection().execute("SELECT expires FROM counter WHERE key = ?", (key,)).fetchone()
        return row[0] if row else time.time()

    def check(self) -> bool:
        try:
            self._connection().execute("SELECT 1").fetchone()
            return True
        except sqlite3.Error:
            return False

    def reset(self) -> int | None:
        with self._transaction() as conn:
            count = conn.execute("SELECT (SELECT COUNT(*) FROM hit) + (SELECT COUNT(*) FROM counter)").fetchone()[0]
            conn.execute("DELETE FROM hit")
            conn.execute("DELETE FROM counter")
        return count

    def clear(self, key: str) -> None:
        with self._transaction() as conn:
            conn.execute("DELETE FROM hit WHERE key = ?", (key,))
            conn.execute("DELETE FROM counter WHERE key = ?", (key,))
