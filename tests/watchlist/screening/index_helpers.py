"""Apps in "server" mode on the test database, and an index server run in a thread, for readiness tests."""
import shutil
import tempfile
import threading
import time

from registry import create_app


def server_mode_app(app, directory: str):
    """A second app on the same database whose workers ask the index server in `directory`."""
    return create_app({"APP_ENV": "testing", "TESTING": True, "RATELIMIT_ENABLED": False,
                       "SQLALCHEMY_DATABASE_URI": app.config["SQLALCHEMY_DATABASE_URI"], "MATCH_INDEX_MODE": "server",
                       "MATCH_INDEX_DIR": directory, "MATCH_INDEX_REFRESH_SECONDS": 0.2})


def short_dir() -> str:
    return tempfile.mkdtemp(prefix="ix", dir="/tmp")  # Unix socket paths are limited to ~100 characters


def remove(directory: str) -> None:
    shutil.rmtree(directory, ignore_errors=True)


class ThreadedIndexServer:
    """An IndexServer (its own app, as its own process would have) serving from a thread."""

    def __init__(self, app, directory: str):
        from watchlist.screening.index_server import IndexServer
        self.server = IndexServer(server_mode_app(app, directory))
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def wait_ready(self, timeout: float = 30) -> dict:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            status = self.server.status()
            if status["ready"] and status["stage"] == "ready":
                return status
            time.sleep(0.05)
        raise AssertionError(f"index server not ready: {self.server.status()}")

    def stop(self) -> None:
        self.server.stop()
        self.thread.join(10)
        if self.server.maintainer is not None:
            self.server.maintainer.join(30)
        with self.server.app.app_context():
            from registry.extensions import db
            db.session.remove()
            db.engine.dispose()
