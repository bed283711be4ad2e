"""A private PostgreSQL cluster (never the shared server on 5432) and gunicorn, started and stopped by the fault tests."""
import glob
import json
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _as_postgres(args: list[str], **kwargs):
    prefix = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
    return subprocess.run(prefix + args, check=True, capture_output=True, text=True, timeout=120, **kwargs)


class PrivateCluster:
    """initdb + pg_ctl in a temp directory on its own port, trust auth; only this object starts or stops it."""

    def __init__(self):
        found = sorted(glob.glob("/usr/lib/postgresql/*/bin/pg_ctl"))
        if not found:
            raise RuntimeError("no PostgreSQL server binaries under /usr/lib/postgresql")
        self.bin = Path(found[-1]).parent
        self.dir = Path(tempfile.mkdtemp(prefix="registry-faults-pg-"))
        shutil.chown(self.dir, "postgres") if os.geteuid() == 0 else None
        self.data = self.dir / "data"
        self.port = free_port()
        _as_postgres([str(self.bin / "initdb"), "-D", str(self.data), "-A", "trust", "-U", "postgres", "--no-sync"])
        self.start()
        _as_postgres([str(self.bin / "createdb"), "-h", "127.0.0.1", "-p", str(self.port), "-U", "postgres", "registry"])
        self.url = f"postgresql+psycopg://postgres@127.0.0.1:{self.port}/registry"

    def start(self):
        _as_postgres([str(self.bin / "pg_ctl"), "-D", str(self.data), "-w", "-l", str(self.dir / "log"),
                      "-o", f"-p {self.port} -k {self.dir} -c listen_addresses=127.0.0.1 -c fsync=off", "start"])

    def stop(self, mode: str = "fast"):
        _as_postgres([str(self.bin / "pg_ctl"), "-D", str(self.data), "-w", "-m", mode, "stop"])

    def destroy(self):
        try:
            self.stop("immediate")
        except subprocess.CalledProcessError:
            pass
        shutil.rmtree(self.dir, ignore_errors=True)


def app_env(database_url: str, **extra) -> dict:
    return {**os.environ, "APP_ENV": "production", "SECRET_KEY": secrets.token_urlsafe(32), "DATABASE_URL": database_url,
            "RATELIMIT_ENABLED": "false", "LOG_LEVEL": "WARNING", "PYTHONPATH": str(ROOT),
            "DB_POOL_TIMEOUT": "2", "DB_CONNECT_TIMEOUT": "2",
            "PUBLIC_CACHE_SECONDS": "0",  # every request must reach the database under test
            **extra}


def run_python(code: str, env: dict) -> dict:
    """Run a snippet with the app against `env`'s database; it prints one JSON line, returned parsed."""
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)
    if out.returncode:
        raise RuntimeError(out.stderr[-3000:])
    return json.loads(out.stdout.strip().splitlines()[-1])


SETUP = """
import json
from registry import create_app
from registry.auth.service import create_token
from registry.common.actor import cli_actor
from registry.extensions import db
app = create_app()
with app.app_context():
    db.drop_all()
    db.create_all()
    op = cli_actor("fault tests")
    print(json.dumps({role: create_token(f"{role} fault desk", role, None if role == "admin" else "PH", op)
                      for role in ("regulator", "admin")}
                     | {"regulator2": create_token("second PH desk", "regulator", "PH", op)}))
"""


def fresh_schema(database_url: str) -> dict:
    """Empty tables and three tokens (two PH regulators, one admin) in clear text."""
    return run_python(SETUP, app_env(database_url))


class Gunicorn:
    """The registry under gunicorn (sync workers) on a free port of 127.0.0.1."""

    def __init__(self, env: dict, workers: int = 2):
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.proc = subprocess.Popen([str(BIN / "gunicorn"), "--bind", f"127.0.0.1:{self.port}", "--workers", str(workers),
                                      "--graceful-timeout", "5", "--timeout", "30", "--log-level", "warning", "wsgi:app"],
                                     cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        deadline = time.time() + 60
        while time.time() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(self.proc.stderr.read().decode()[-3000:])
            try:
                urllib.request.urlopen(self.base + "/healthz", timeout=2)
                if len(self.workers()) == workers:
                    return
            except (OSError, urllib.error.HTTPError):
                pass
            time.sleep(0.3)
        raise RuntimeError("gunicorn did not become healthy")

    def workers(self) -> list[int]:
        children = Path(f"/proc/{self.proc.pid}/task/{self.proc.pid}/children")
        return [int(p) for p in children.read_text().split()] if children.exists() else []

    def stop(self):
        self.proc.send_signal(signal.SIGTERM)
        try:
            self.proc.wait(15)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait(5)


def call(base: str, method: str, path: str, body=None, headers=None, timeout: float = 15) -> tuple[int, dict | None, float]:
    """(status, JSON body or None, seconds); status 0 when the connection failed."""
    data = json.dumps(body).encode() if body is not None else None
    req = urllib.request.Request(base + path, data=data, method=method,
                                 headers={"Content-Type": "application/json", **(headers or {})})
    start = time.perf_counter()
    try:
        with urllib.request.urlopen(req, timeout=timeout) as resp:
            status, raw = resp.status, resp.read()
    except urllib.error.HTTPError as err:
        status, raw = err.code, err.read()
    except OSError:
        return 0, None, time.perf_counter() - start
    try:
        parsed = json.loads(raw) if raw else None
    except ValueError:
        parsed = None
    return status, parsed, time.perf_counter() - start
