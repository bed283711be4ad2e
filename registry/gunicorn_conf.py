"""gunicorn settings (`gunicorn -c python:registry.gunicorn_conf wsgi:app`): workers ask one screening index
server per host (MATCH_INDEX_MODE=server unless set otherwise), which the master starts when it is ready
unless one already serves this MATCH_INDEX_DIR, and stops on exit. Run `flask watchlist serve-index` as its
own service instead to keep the index across gunicorn restarts.
"""
import fcntl
import os
import subprocess
import sys

os.environ.setdefault("MATCH_INDEX_MODE", "server")
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
graceful_timeout = 20

_index_server = None


def _index_server_running(directory) -> bool:
    """True when some process holds the index server's lock file in `directory`."""
    from watchlist.screening.index_client import LOCK_NAME
    with open(directory / LOCK_NAME, "a+") as lock:
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return True
        fcntl.flock(lock, fcntl.LOCK_UN)
        return False


def when_ready(server):
    global _index_server
    if os.environ.get("MATCH_INDEX_MODE") != "server":
        return
    from watchlist.screening.index_client import index_dir
    directory = index_dir()
    if _index_server_running(directory):
        server.log.info("screening index server already running for %s", directory)
        return
    _index_server = subprocess.Popen([sys.executable, "-m", "flask", "--app", "wsgi", "watchlist", "serve-index"],
                                     env=os.environ.copy())
    server.log.info("screening index server started (pid %s) for %s", _index_server.pid, directory)


def on_exit(server):
    if _index_server is not None and _index_server.poll() is None:
        _index_server.terminate()
        try:
            _index_server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            _index_server.kill()
