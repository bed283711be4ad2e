"""The host's one screening index: built (or loaded from its snapshot) in a background thread, kept fresh from
the audit log exactly as an inline index is (watchlist/screening/cache.py), and queried by every worker of
the host over a Unix socket (watchlist/screening/index_client.py), one thread per connection.

Workers hold no copy of the index, so memory is one index per host and a worker starts at once; a restart
loads the snapshot and applies the audit entries written since, instead of rebuilding. Screenings queued
by writes made while the index was not ready (watchlist/screening/flags.py) are run once it is.
"""
import fcntl
import logging
import os
import socket
import threading
import time
from multiprocessing.connection import Listener, answer_challenge, deliver_challenge

from sqlalchemy import select
from sqlalchemy.orm import Session

from registry.audit.models import AuditEntry
from registry.extensions import db
from watchlist.screening import snapshot
from watchlist.screening.cache import local_indexes, release_free_memory
from watchlist.screening.index_client import LOCK_NAME, OPS, SNAPSHOT_NAME, SOCKET_NAME, authkey, index_dir

log = logging.getLogger(__name__)
CATCH_UP_WAIT = 5.0  # a worker's refresh waits at most this long for a refresh already running


class AlreadyRunning(Exception):
    """Another index server holds this MATCH_INDEX_DIR."""


class IndexServer:
    def __init__(self, app, directory=None):
        self.app = app
        self.dir = index_dir(directory or app.config.get("MATCH_INDEX_DIR"))
        self.indexes = local_indexes(app)
        self.indexes.on_rebuilt = self.write_snapshot
        self.key, self.secret = authkey(app.config["SECRET_KEY"]), app.config["SECRET_KEY"]
        self.stamp = snapshot.fingerprint(self.indexes.config)
        self.started, self.error, self.snapshot_loaded = time.time(), None, None
        self._stop, self._wake = threading.Event(), threading.Event()
        self._lock_file = self._listener = self.maintainer = None
        app.extensions["screening_indexes"] = self.indexes  # queued screenings run here use the local index

    # --- lifecycle ---

    def serve_forever(self) -> None:
        """Hold the directory's lock, listen on its socket, maintain the index; returns after stop()."""
        self._lock_file = open(self.dir / LOCK_NAME, "a+")
        try:
            fcntl.flock(self._lock_file, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise AlreadyRunning(f"another screening index server is running in {self.dir}") from None
        address = str(self.dir / SOCKET_NAME)
        if os.path.exists(address):
            os.unlink(address)  # left by a server that died: we hold the lock, so nobody listens on it
        self._listener = listener = Listener(address, family="AF_UNIX", backlog=64)
        os.chmod(address, 0o600)
        self.maintainer = threading.Thread(target=self._maintain, name="index-maintain", daemon=True)
        self.maintainer.start()
        log.info("screening index server listening on %s", address)
        try:
            while not self._stop.is_set():
                try:
                    conn = listener.accept()
                except OSError:
                    break  # closed by stop()
                if self._stop.is_set():
                    conn.close()
                    break
                threading.Thread(target=self._serve, args=(conn,), name="index-conn", daemon=True).start()
        finally:
            self.stop()
            self._lock_file.close()  # releases the lock: another server may start

    def stop(self) -> None:
        self._stop.set()
        self._wake.set()
        if self._listener is not None:
            listener, self._listener = self._listener, None
            try:
                with socket.socket(socket.AF_UNIX) as wake:  # closing alone does not wake a thread blocked in accept()
                    wake.connect(listener.address)
            except OSError:
                pass
            try:
                listener.close()  # also removes the socket file
            except OSError:
                pass

    # --- the background thread: load, build, refresh, drain the queue ---

    def _maintain(self) -> None:
        with self.app.app_context():
            self.load_snapshot()
            while not self._stop.is_set():
                try:
                    self.indexes.check()
                    self.error = None
                    self._drain()
                except Exception as exc:  # noqa: BLE001 - keep serving the last good index; report why
                    log.exception("screening index refresh failed")
                    self.error = type(exc).__name__  # public in /readyz: the details are in the log
                finally:
                    db.session.remove()
                self._wake.wait(self.indexes.refresh_seconds if self.error is None else 5.0)
                self._wake.clear()

    def load_snapshot(self) -> bool:
        """Install the snapshot if its newest audit entry is still in the log (else the build starts afresh)."""
        self.indexes.stage = "loading snapshot"
        started = time.monotonic()
        try:
            state = snapshot.read(self.dir / SNAPSHOT_NAME, self.secret, self.stamp)
        except Exception:  # noqa: BLE001 - an unreadable snapshot only costs a rebuild
            log.exception("screening index snapshot unreadable; rebuilding")
            state = None
        self.indexes.stage = None
        if state is None:
            return False
        last_id, last_at = state["marker"]
        with Session(self.indexes.engine) as session:
            still = last_id == 0 or session.scalar(select(AuditEntry.at).where(AuditEntry.id == last_id)) == last_at
        if not still:
            log.info("screening index snapshot is from another audit log (restore?); rebuilding")
            return False
        self.indexes.install(state)
        built_at = state["built_at"]
        del state
        release_free_memory()
        self.snapshot_loaded = {"seconds": round(time.monotonic() - started, 2), "built_at": built_at}
        log.info("screening index snapshot loaded in %.1f s", time.monotonic() - started)
        return True

    def write_snapshot(self, state: dict) -> None:
        started = time.monotonic()
        try:
            size = snapshot.write(self.dir / SNAPSHOT_NAME, state, self.secret, self.stamp)
        except OSError:  # a full disk costs only the fast restart
            log.exception("screening index snapshot not written")
            return
        log.info("screening index snapshot written (%.0f MB) in %.1f s", size / 1e6, time.monotonic() - started)

    def _drain(self) -> None:
        from watchlist.screening.queue import run_queued
        if self.indexes.screening is not None:
            run_queued()

    # --- one thread per worker connection ---

    def _serve(self, conn) -> None:
        try:
            deliver_challenge(conn, self.key)
            answer_challenge(conn, self.key)
        except Exception:  # noqa: BLE001 - not one of ours (wrong key) or gone
            conn.close()
            return
        with conn:
            while not self._stop.is_set():
                try:
                    op, args, refresh = conn.recv()
                except (EOFError, OSError):
                    return
                try:
                    conn.send(self.answer(op, args, refresh))
                except (EOFError, OSError):
                    return

    def answer(self, op: str, args: tuple, refresh: bool) -> tuple[str, object]:
        if op == "status":
            return "ok", self.status()
        if op not in OPS:
            return "error", f"unknown operation {op!r}"
        if self.indexes.screening is None:
            return "unavailable", self.status()
        if refresh:
            self._catch_up()
        try:
            return "ok", getattr(self.indexes, op)(*args)
        except Exception as exc:  # noqa: BLE001 - the worker turns it into a 500 with the reason logged here
            log.exception("screening index %s failed", op)
            return "error", f"{type(exc).__name__}: {exc}"

    def _catch_up(self) -> None:
        """A worker committed: read the audit log now (not a full rebuild: that is the background thread's).
        Waits for a refresh that is running, not for a full build (the current index answers meanwhile)."""
        deadline = time.monotonic() + CATCH_UP_WAIT
        while not self.indexes.lock.acquire(timeout=0.05):
            if self.indexes.stage is not None or time.monotonic() > deadline:
                return
        try:
            if not self.indexes.check(rebuild=False):
                self._wake.set()
        except Exception:  # noqa: BLE001
            log.exception("screening index catch-up failed")
        finally:
            self.indexes.lock.release()

    def status(self) -> dict:
        found = self.indexes.status()
        found.update(server_pid=os.getpid(), uptime_seconds=round(time.time() - self.started, 1), error=self.error,
                     snapshot_loaded=self.snapshot_loaded)
        return found
