"""Screening as deployed: PostgreSQL, gunicorn with 4 workers, generated fictitious subjects, through the real
CLI and HTTP. Prints a markdown table per size.

Usage: .venv/bin/python bench/service_scale.py [--sizes 100k,1M] [--pg-url postgresql+psycopg://postgres@127.0.0.1:5432]
       [--database scale_bench] [--workers 4] [--queries 400] [--batch 500]

Per size: drop and create the database, `flask db upgrade`, `flask watchlist import-subjects` (timed), an admin
token from `flask users create-token`; start gunicorn (with `-c python:registry.gunicorn_conf` when that file
exists) and time start -> first successful `POST /api/v1/screen` (polling `/readyz` first when it answers), then
until 16 screens in a row on 8 connections answer 200 in < 1 s (every worker serving); p50/p95 of single
`/screen` over many different names; `/screen/batch` names/s; PSS per process (gunicorn master, workers, any
children) from /proc/PID/smaps_rollup; seconds from recording a conviction of a new subject through the API until
every answer on 8 connections shows it; the same start figures after a gunicorn restart. 5xx are counted at every step.
"""
from __future__ import annotations

import argparse
import http.client
import json
import os
import random
import secrets
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))
from fictitious_files import conviction_case, write_subjects  # noqa: E402
from seasia_names import typo  # noqa: E402

BIN = Path(sys.executable).parent
CONF = ROOT / "registry" / "gunicorn_conf.py"
WAIT_LIMIT = 300.0  # --wait-limit: give up on a step after this many seconds (reported as n/a)


def parse_size(text: str) -> int:
    text = text.strip().lower()
    return int(float(text.rstrip("km")) * {"k": 1_000, "m": 1_000_000}.get(text[-1], 1))


def fresh_postgres(base: str, name: str) -> str:
    import psycopg

    with psycopg.connect(base.replace("postgresql+psycopg://", "postgresql://") + "/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')
    return f"{base}/{name}"


def flask(env: dict, *args: str) -> str:
    done = subprocess.run([str(BIN / "flask"), "--app", "wsgi", *args], cwd=ROOT, env=env, capture_output=True, text=True)
    if done.returncode:
        raise SystemExit(f"flask {' '.join(args)} failed:\n{done.stdout[-2000:]}\n{done.stderr[-3000:]}")
    return done.stdout


class _NotServing(Exception):
    """/screen never answered 200 within the wait limit."""


class Counter:
    """5xx (and dropped connections) per step. A 503 from /readyz while the index is built is the readiness signal
    a load balancer waits on, not an error: it is counted apart (`not_ready`)."""

    def __init__(self):
        self.lock, self.by_step, self.not_ready = threading.Lock(), {}, {}

    def add(self, step: str, status: int, probe: bool = False) -> None:
        if probe and status == 503:
            with self.lock:
                self.not_ready[step] = self.not_ready.get(step, 0) + 1
        elif status >= 500 or status == 0:
            with self.lock:
                self.by_step[step] = self.by_step.get(step, 0) + 1


class Client:
    def __init__(self, port: int, token: str, counter: Counter):
        self.port, self.token, self.counter = port, token, counter

    def call(self, step: str, method: str, path: str, body=None, timeout: float = 300.0,
             probe: bool = False) -> tuple[int, dict | None, float]:
        headers = {"Authorization": f"Bearer {self.token}"}
        data = None
        if body is not None:
            data, headers["Content-Type"] = json.dumps(body).encode(), "application/json"
        started = time.perf_counter()
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=timeout)
        try:
            conn.request(method, path, body=data, headers=headers)
            response = conn.getresponse()
            raw, status = response.read(), response.status
        except OSError:
            raw, status = b"", 0
        finally:
            conn.close()
        seconds = time.perf_counter() - started
        self.counter.add(step, status, probe)
        try:
            payload = json.loads(raw) if raw else None
        except ValueError:
            payload = None
        return status, payload, seconds

    def screen(self, step: str, name: str, timeout: float = 300.0):
        return self.call(step, "POST", "/api/v1/screen", {"name": name}, timeout)


class Gunicorn:
    def __init__(self, env: dict, workers: int, port: int):
        command = [str(BIN / "gunicorn"), "--bind", f"127.0.0.1:{port}", "--workers", str(workers),
                   "--log-level", "warning"]
        if CONF.exists():
            command += ["-c", "python:registry.gunicorn_conf"]
        self.started = time.perf_counter()
        self.log = tempfile.TemporaryFile()
        self.proc = subprocess.Popen(command + ["wsgi:app"], cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=self.log)

    def stop(self) -> None:
        self.proc.send_signal(signal.SIGTERM)
        try:
            self.proc.wait(60)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()

    def processes(self) -> list[tuple[int, str]]:
        """The master and every descendant, as (pid, role)."""
        children: dict[int, list[int]] = {}
        for entry in os.listdir("/proc"):
            if entry.isdigit():
                try:
                    stat = Path(f"/proc/{entry}/stat").read_text()
                except OSError:
                    continue
                ppid = int(stat.rsplit(")", 1)[1].split()[1])
                children.setdefault(ppid, []).append(int(entry))
        found, todo = [(self.proc.pid, "master")], [(self.proc.pid, 0)]
        while todo:
            pid, depth = todo.pop()
            for child in children.get(pid, []):
                try:
                    command = Path(f"/proc/{child}/cmdline").read_bytes()
                except OSError:
                    command = b""
                role = "index server" if b"serve-index" in command else "worker" if depth == 0 else "child"
                found.append((child, role))
                todo.append((child, depth + 1))
        return found


def pss_mib(pid: int) -> float:
    try:
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            if line.startswith("Pss:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def note(text: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {text}", file=sys.stderr, flush=True)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_first_screen(client: Client, server: Gunicorn, step: str, probe: str) -> float:
    """Seconds from gunicorn start to the first 200 from /screen (after /readyz says ready, if it exists)."""
    deadline = server.started + WAIT_LIMIT
    while time.perf_counter() < deadline:  # not counted: the socket is not bound yet
        try:
            socket.create_connection(("127.0.0.1", client.port), timeout=0.5).close()
            break
        except OSError:
            time.sleep(0.1)
    readyz = True
    while time.perf_counter() < deadline:
        if server.proc.poll() is not None:
            raise SystemExit("gunicorn exited")
        if readyz:
            status, _, _ = client.call(step, "GET", "/readyz", timeout=10, probe=True)
            if status == 404:
                readyz = False
            elif status != 200:
                time.sleep(0.2)
                continue
        status, _, _ = client.screen(step, probe)
        if status == 200:
            return time.perf_counter() - server.started
        time.sleep(0.2)
    return float("nan")


def wait_all_warm(client: Client, server: Gunicorn, step: str, names: list[str]) -> float:
    """Seconds from start until 16 screens in a row, on 8 connections, each answer 200 within 1 s."""
    deadline = server.started + WAIT_LIMIT
    while time.perf_counter() < deadline:
        results = []
        threads = [threading.Thread(target=lambda n=n: results.append(client.screen(step, n, timeout=300)))
                   for n in random.sample(names, 16)]
        for group in (threads[:8], threads[8:]):
            for t in group:
                t.start()
            for t in group:
                t.join()
        if all(status == 200 and seconds < 1.0 for status, _, seconds in results):
            return time.perf_counter() - server.started
    return float("nan")


def run_size(size: int, args, counter: Counter) -> dict:
    url = fresh_postgres(args.pg_url, args.database)
    env = {**os.environ, "APP_ENV": "production", "SECRET_KEY": secrets.token_urlsafe(32), "DATABASE_URL": url,
           "RATELIMIT_ENABLED": "false", "LOG_LEVEL": "WARNING", "PYTHONPATH": str(ROOT)}
    flask(env, "db", "upgrade")
    figures: dict = {"size": size}
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "subjects.csv"
        names = write_subjects(path, size)
        started = time.perf_counter()
        flask(env, "watchlist", "import-subjects", str(path))
        figures["import_s"] = time.perf_counter() - started
        note(f"imported {size:,} subjects in {figures['import_s']:.1f} s")
    token = flask(env, "users", "create-token", "--role", "admin", "--name", "scale bench").strip().splitlines()[-1]
    rng = random.Random(5)
    picked = [names[i][1] for i in rng.sample(range(size), min(size, args.queries))]
    queries = [typo(rng, n) if i % 2 else n for i, n in enumerate(picked)]
    port = free_port()
    client = Client(port, token, counter)

    server = Gunicorn(env, args.workers, port)
    try:
        figures["first_screen_s"] = wait_first_screen(client, server, "start", queries[0])
        note(f"first screen after {figures['first_screen_s']:.1f} s")
        figures["all_warm_s"] = wait_all_warm(client, server, "start", queries)
        note(f"all workers serving after {figures['all_warm_s']:.1f} s")
        if figures["first_screen_s"] != figures["first_screen_s"]:  # never served: the rest cannot be measured
            figures.update(p50_ms=float("nan"), p95_ms=float("nan"), batch_per_s=float("nan"), fresh_s=float("nan"),
                           pss=[(role, pid, pss_mib(pid)) for pid, role in server.processes()])
            raise _NotServing()
        latencies = [client.screen("single", q)[2] * 1000 for q in queries]
        figures["p50_ms"] = statistics.median(latencies)
        figures["p95_ms"] = statistics.quantiles(latencies, n=20)[18]
        batch = [{"name": n} for n in (queries * (args.batch // len(queries) + 1))[:args.batch]]
        total = 0.0
        for _ in range(3):
            status, _, seconds = client.call("batch", "POST", "/api/v1/screen/batch", {"items": batch, "limit": 5})
            total += seconds if status == 200 else float("nan")
        figures["batch_per_s"] = 3 * len(batch) / total
        processes = server.processes()
        figures["pss"] = [(role, pid, pss_mib(pid)) for pid, role in processes]
        note(f"single p50/p95 {figures['p50_ms']:.1f}/{figures['p95_ms']:.1f} ms, batch {figures['batch_per_s']:.0f}/s")
        figures["fresh_s"] = freshness(client, size)
        note(f"conviction seen by all after {figures['fresh_s']:.1f} s")
    except _NotServing:
        pass
    finally:
        server.stop()
    server = Gunicorn(env, args.workers, port)
    try:
        figures["restart_first_screen_s"] = wait_first_screen(client, server, "restart", queries[1])
        figures["restart_all_warm_s"] = wait_all_warm(client, server, "restart", queries) \
            if figures["restart_first_screen_s"] == figures["restart_first_screen_s"] else float("nan")
    finally:
        server.stop()
    return figures


def freshness(client: Client, size: int) -> float:
    """Record a conviction of a new subject through the API, then screen on 8 connections until 40 answers in a
    row name it as convicted; seconds from the conviction's answer to the first of those 40."""
    name = f"Zorvakin Qeltrano Bench Fresh {size} Trading"
    status, case, _ = client.call("freshness", "POST", "/api/v1/cases", conviction_case(size, name))
    if status != 201:
        raise SystemExit(f"case creation answered {status}: {case}")
    for event in ({"event": "prosecuted", "date": "2024-03-01"},
                  {"event": "convicted", "date": "2024-09-01", "sanctions": {"imprisonment_months": 24}}):
        status, body, _ = client.call("freshness", "POST", f"/api/v1/cases/{case['id']}/events", event)
        if status not in (200, 201):
            raise SystemExit(f"event answered {status}: {body}")
    recorded = time.perf_counter()
    lock, window, first_good = threading.Lock(), [], [None]
    stop = threading.Event()

    def worker():
        while not stop.is_set() and time.perf_counter() - recorded < WAIT_LIMIT:
            sent = time.perf_counter()
            status, body, _ = client.screen("freshness", name)
            seen = status == 200 and any(r.get("name") == name and r.get("standing") == "convicted"
                                         for r in (body or {}).get("results", []))
            with lock:
                window.append((sent, seen))
                recent = window[-40:]
                if len(recent) == 40 and all(ok for _, ok in recent):
                    first_good[0] = min(s for s, _ in recent)
                    stop.set()

    threads = [threading.Thread(target=worker) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    if first_good[0] is None:
        return float("nan")
    good_from = min((s for s, ok in window if ok and s >= first_good[0]), default=first_good[0])
    return max(0.0, good_from - recorded)


def _f(value: float, unit: str, digits: int = 1) -> str:
    return f"n/a (not within {WAIT_LIMIT:.0f} s)" if value != value else f"{value:,.{digits}f} {unit}"


def table(results: list[dict], counter: Counter, workers: int) -> str:
    rows = ["| size | import (CLI) | start to first screen | all workers serving | single /screen p50 / p95 (HTTP) | "
            "batch | PSS total (master + workers + index server) | PSS per worker | PSS index server | "
            "new conviction seen by all | restart to first screen | restart, all serving | 5xx |", "| --- " * 13 + "|"]
    notes = []
    for r in results:
        workers_pss = [m for role, _, m in r["pss"] if role == "worker"]
        total = sum(m for _, _, m in r["pss"])
        latency = "n/a" if r["p50_ms"] != r["p50_ms"] else f"{r['p50_ms']:.1f} / {r['p95_ms']:.1f} ms"
        rows.append(f"| {r['size']:,} | {_f(r['import_s'], 's')} | {_f(r['first_screen_s'], 's')} | "
                    f"{_f(r['all_warm_s'], 's')} | {latency} | {_f(r['batch_per_s'], 'names/s', 0)} | {total:.0f} MiB "
                    f"({len(r['pss'])} processes) | {', '.join(f'{m:.0f}' for m in workers_pss)} MiB | "
                    f"{sum(m for role, _, m in r['pss'] if role == 'index server'):.0f} MiB | "
                    f"{_f(r['fresh_s'], 's')} | {_f(r['restart_first_screen_s'], 's')} | {_f(r['restart_all_warm_s'], 's')} | "
                    f"{sum(r['errors'].values())} ({', '.join(f'{k}: {v}' for k, v in r['errors'].items()) or 'none'}) |")
        if r.get("not_ready_503"):
            notes.append(f"{r['size']:,}: /readyz answered 503 while the index was not ready "
                         f"({', '.join(f'{k}: {v}' for k, v in r['not_ready_503'].items())} probes; not counted as 5xx).")
    return "\n".join(rows + [""] + notes) + f"\n\ngunicorn {workers} workers, PostgreSQL; `-c python:registry.gunicorn_conf`: " \
                             f"{'yes' if CONF.exists() else 'no (file absent)'}."


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="100k")
    parser.add_argument("--pg-url", default="postgresql+psycopg://postgres@127.0.0.1:5432")
    parser.add_argument("--database", default="scale_bench")
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--queries", type=int, default=400)
    parser.add_argument("--batch", type=int, default=500)
    parser.add_argument("--wait-limit", type=float, default=WAIT_LIMIT)
    args = parser.parse_args(argv)
    globals()["WAIT_LIMIT"] = args.wait_limit
    results = []
    for size in (parse_size(s) for s in args.sizes.split(",")):
        counter = Counter()
        figures = run_size(size, args, counter)
        figures["errors"] = dict(counter.by_step)
        figures["not_ready_503"] = dict(counter.not_ready)
        print(json.dumps({k: v for k, v in figures.items()}, default=str), flush=True)
        results.append(figures)
    print(table(results, Counter(), args.workers))


if __name__ == "__main__":
    main()
