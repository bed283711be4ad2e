"""A worker's side of the host's screening index server: the same questions as ScreeningIndexes (search,
search_many, suggest, licence_matches, compare, status), asked over a Unix socket in MATCH_INDEX_DIR.

Each worker thread keeps one connection and reconnects once on failure. No server, a server still
building, or one that does not answer within MATCH_INDEX_TIMEOUT_SECONDS is `Unavailable` (503 with
Retry-After), never a hung or killed worker. A worker that committed since its last question asks the
server to catch up with the audit log first (`refresh`), so it always sees its own writes.
"""
import hashlib
import hmac
import os
import threading
from multiprocessing.connection import Client
from pathlib import Path

from registry.domain import Unavailable
from watchlist.screening.cache import _local_commit

SOCKET_NAME = "screening-index.sock"
LOCK_NAME = "screening-index.lock"
SNAPSHOT_NAME = "screening-index.snapshot"
RETRY_AFTER = 5
OPS = ("search", "search_many", "suggest", "licence_matches", "compare", "status")


def index_dir(configured: str | None = None) -> Path:
    """MATCH_INDEX_DIR (created if missing); by default the instance directory."""
    from registry.config import INSTANCE_DIR
    path = Path(configured or os.environ.get("MATCH_INDEX_DIR") or INSTANCE_DIR)
    path.mkdir(parents=True, exist_ok=True)
    return path


def authkey(secret_key: str) -> bytes:
    """The connection's shared secret, derived from SECRET_KEY (so only this deployment's processes may talk)."""
    return hmac.new(secret_key.encode(), b"screening-index-server", hashlib.sha256).digest()


class IndexClient:
    """Forwards each question to the index server; one persistent connection per thread."""

    def __init__(self, directory: Path, secret_key: str, timeout: float):
        self.address = str(Path(directory) / SOCKET_NAME)
        self.authkey, self.timeout = authkey(secret_key), timeout
        self._local = threading.local()

    @classmethod
    def from_app(cls, app) -> "IndexClient":
        return cls(index_dir(app.config.get("MATCH_INDEX_DIR")), app.config["SECRET_KEY"],
                   app.config.get("MATCH_INDEX_TIMEOUT_SECONDS", 10.0))

    def fresh(self) -> "IndexClient":
        return self  # freshness is the server's job; `refresh` below carries this process's own commits

    def search(self, query, limit: int = 10, min_score: float | None = None):
        return self._call("search", query, limit, min_score)

    def search_many(self, queries, limit: int = 10):
        return self._call("search_many", queries, limit, timeout=self.timeout + 0.05 * len(queries))

    def suggest(self, query, limit: int, min_score: float):
        return self._call("suggest", query, limit, min_score)

    def licence_matches(self, country: str, key: str, limit: int = 5, cutoff: float = 70):
        return self._call("licence_matches", country, key, limit, cutoff)

    def compare(self, a: str, b: str, kind: str, matched_kind: str | None = None) -> dict:
        return self._call("compare", a, b, kind, matched_kind)

    def status(self, timeout: float | None = None) -> dict:
        return self._call("status", timeout=timeout)

    def _connection(self):
        conn = getattr(self._local, "conn", None)
        if conn is None:
            try:
                conn = Client(self.address, family="AF_UNIX", authkey=self.authkey)
            except (OSError, EOFError) as exc:
                raise Unavailable("The screening index server is not running yet; try again shortly.",
                                  retry_after=RETRY_AFTER, index={"ready": False, "stage": "no server",
                                                                  "error": type(exc).__name__})
            self._local.conn = conn
        return conn

    def _drop(self) -> None:
        conn, self._local.conn = getattr(self._local, "conn", None), None
        if conn is not None:
            try:
                conn.close()
            except OSError:
                pass

    def _call(self, op: str, *args, timeout: float | None = None):
        refresh = _local_commit.is_set()
        _local_commit.clear()
        for attempt in (1, 2):
            conn = self._connection()
            try:
                conn.send((op, args, refresh))
                if not conn.poll(timeout or self.timeout):
                    self._drop()  # the answer may still come: this connection is out of step now
                    raise Unavailable("The screening index server is busy; try again shortly.", retry_after=RETRY_AFTER)
                status, value = conn.recv()
            except (OSError, EOFError):
                self._drop()  # the server restarted: reconnect once
                if attempt == 2:
                    if refresh:
                        _local_commit.set()
                    raise Unavailable("The screening index server is restarting; try again shortly.",
                                      retry_after=RETRY_AFTER)
                continue
            if status == "ok":
                return value
            if status == "unavailable":
                if refresh:
                    _local_commit.set()
                raise Unavailable(f"The screening index is not ready ({value.get('stage')}); try again shortly.",
                                  retry_after=RETRY_AFTER, index=value)
            raise RuntimeError(f"screening index server failed on {op}: {value}")
