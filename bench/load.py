"""Load test: the public licence check, agency search, fee check and screening under concurrent load, against
gunicorn on 127.0.0.1, beside the ceiling of the same stack (a bare Flask JSON endpoint, same gunicorn settings).

Bounded: each scenario runs for --seconds or --max-requests, whichever comes first. Rate limits are switched off
(RATELIMIT_ENABLED=false) because every request comes from one address.

    python bench/load.py                                   # scratch SQLite database with the demo data
    python bench/load.py --database-url postgresql+psycopg://postgres@127.0.0.1:5432/registry_bench --workers 4
    python bench/load.py --json                            # machine-readable figures
"""
import argparse
import http.client
import json
import multiprocessing
import os
import secrets
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GUNICORN = str(Path(sys.executable).with_name("gunicorn"))


def ceiling_app():
    """The reference: the smallest Flask JSON endpoint, served exactly like the registry."""
    from flask import Flask, jsonify

    app = Flask("ceiling")
    app.get("/ping")(lambda: jsonify({"status": "ok"}))
    return app


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _env(database_url: str) -> dict:
    return {**os.environ, "APP_ENV": "production", "SECRET_KEY": secrets.token_urlsafe(32), "DATABASE_URL": database_url,
            "RATELIMIT_ENABLED": "false", "LOG_LEVEL": "WARNING", "PYTHONPATH": str(ROOT)}


def prepare_database(database_url: str) -> dict:
    """Create the schema, load the demo data and a verifier token; return the inputs of each scenario."""
    env = _env(database_url)
    flask = [str(Path(sys.executable).with_name("flask")), "--app", "wsgi"]
    subprocess.run(flask + ["db", "upgrade"], cwd=ROOT, env=env, check=True, capture_output=True)
    subprocess.run(flask + ["seed-demo", "--if-empty"], cwd=ROOT, env=env, check=True, capture_output=True)
    script = """
import json
from sqlalchemy import select
from registry import create_app
from registry.auth.service import create_token
from registry.common.actor import cli_actor
from registry.extensions import db
app = create_app()
with app.app_context():
    md = db.metadata.tables
    lic = db.session.execute(select(md["licence"].c.country, md["licence"].c.licence_no)
                             .where(md["licence"].c.state == "active").limit(1)).first()
    agency = db.session.execute(select(md["agency"].c.name).limit(1)).scalar()
    token = create_token("load bench", "verifier", "PH", cli_actor("bench/load.py"))
    print(json.dumps({"licence": list(lic), "agency": agency, "token": token}))
"""
    out = subprocess.run([sys.executable, "-c", script], cwd=ROOT, env=env, check=True, capture_output=True, text=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def scenarios(data: dict) -> list[dict]:
    country, licence_no = data["licence"]
    word = data["agency"].split()[0]
    auth = {"Authorization": f"Bearer {data['token']}"}
    fee_body = {"origin": "PH", "destination": "HK", "monthly_salary": "4990.00", "currency": "HKD",
                "contract_months": 24, "charges": [{"category": "placement_fee", "amount": "4990.00", "currency": "HKD"}]}
    return [
        {"name": "licence check", "method": "GET", "path": f"/api/v1/licences/{country}/{licence_no}"},
        {"name": "agency search", "method": "GET", "path": f"/api/v1/agencies?q={word}"},
        {"name": "fee check", "method": "POST", "path": "/api/v1/fee-checks", "body": fee_body},
        {"name": "screening", "method": "POST", "path": "/api/v1/screen", "headers": auth,
         "body": {"name": "Kalovaren Manpower Services", "country": "PH"}},
    ]


class Server:
    """gunicorn on 127.0.0.1 with the given app and settings; stopped on exit."""

    def __init__(self, target: str, env: dict, workers: int, threads: int, cwd: Path):
        self.port = _free_port()
        self.proc = subprocess.Popen([GUNICORN, "--bind", f"127.0.0.1:{self.port}", "--workers", str(workers),
                                      "--threads", str(threads), "--log-level", "warning", target],
                                     cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        deadline = time.time() + 30
        while time.time() < deadline:
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=0.5).close()
                return
            except OSError:
                if self.proc.poll() is not None:
                    raise RuntimeError(f"gunicorn exited: {self.proc.stderr.read().decode()[-2000:]}")
                time.sleep(0.2)
        raise RuntimeError("gunicorn did not start in 30 s")

    def stop(self):
        self.proc.send_signal(signal.SIGTERM)
        try:
            self.proc.wait(10)
        except subprocess.TimeoutExpired:
            self.proc.kill()


def request(port: int, scenario: dict, timeout: float = 10) -> tuple[int, float]:
    """One request on a new connection (sync workers close it anyway); (status, seconds)."""
    body = json.dumps(scenario["body"]).encode() if "body" in scenario else None
    headers = {"Content-Type": "application/json", **scenario.get("headers", {})} if body else dict(scenario.get("headers", {}))
    start = time.perf_counter()
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        conn.request(scenario["method"], scenario["path"], body=body, headers=headers)
        response = conn.getresponse()
        response.read()
        status = response.status
    except OSError:
        status = 0
    finally:
        conn.close()
    return status, time.perf_counter() - start


def _client(args) -> tuple[list[float], int]:
    port, scenario, stop_at, max_requests = args
    latencies, errors = [], 0
    while time.time() < stop_at and len(latencies) + errors < max_requests:
        status, seconds = request(port, scenario)
        if 200 <= status < 300:
            latencies.append(seconds)
        else:
            errors += 1
    return latencies, errors


def run_scenario(port: int, scenario: dict, concurrency: int, seconds: float, max_requests: int) -> dict:
    per_client = max(1, max_requests // concurrency)
    for _ in range(4 * concurrency):  # warm-up: lazy imports, indexes and connection pools in every worker
        request(port, scenario, timeout=120)
    start = time.time()
    with multiprocessing.Pool(concurrency) as pool:
        parts = pool.map(_client, [(port, scenario, start + seconds, per_client)] * concurrency)
    elapsed = time.time() - start
    latencies = sorted(l for part, _e in parts for l in part)
    errors = sum(e for _p, e in parts)
    q = statistics.quantiles(latencies, n=100) if len(latencies) >= 2 else [0.0] * 99
    return {"scenario": scenario["name"], "requests": len(latencies) + errors, "errors": errors,
            "rps": round(len(latencies) / elapsed, 1), "p50_ms": round(q[49] * 1000, 1), "p99_ms": round(q[98] * 1000, 1)}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--database-url", help="default: a scratch SQLite file with the demo data")
    parser.add_argument("--workers", type=int, default=max(2, os.cpu_count() or 2))
    parser.add_argument("--threads", type=int, default=1)
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--seconds", type=float, default=8.0)
    parser.add_argument("--max-requests", type=int, default=20000)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()

    scratch = tempfile.mkdtemp(prefix="registry-load-")
    url = args.database_url or f"sqlite:///{scratch}/bench.db"
    data = prepare_database(url)
    env = _env(url)
    results = []
    ceiling = Server("load:ceiling_app()", env, args.workers, args.threads, ROOT / "bench")
    try:
        results.append({**run_scenario(ceiling.port, {"name": "ceiling (bare Flask JSON)", "method": "GET", "path": "/ping"},
                                       args.concurrency, args.seconds, args.max_requests)})
    finally:
        ceiling.stop()
    registry = Server("wsgi:app", env, args.workers, args.threads, ROOT)
    try:
        for scenario in scenarios(data):
            status, _s = request(registry.port, scenario, timeout=120)
            if status in (404, 405):
                results.append({"scenario": scenario["name"], "skipped": f"endpoint not available ({status})"})
                continue
            if not 200 <= status < 300:
                results.append({"scenario": scenario["name"], "skipped": f"probe answered {status}"})
                continue
            results.append(run_scenario(registry.port, scenario, args.concurrency, args.seconds, args.max_requests))
    finally:
        registry.stop()
    top = results[0]["rps"] or 1
    for r in results[1:]:
        if "rps" in r:
            r["of_ceiling"] = f"{100 * r['rps'] / top:.0f}%"
    setup = {"workers": args.workers, "threads": args.threads, "concurrency": args.concurrency, "cores": os.cpu_count(),
             "database": url.split(":", 1)[0].split("+")[0], "seconds": args.seconds}
    if args.json:
        print(json.dumps({"setup": setup, "results": results}, indent=2))
    else:
        print("setup: " + ", ".join(f"{k}={v}" for k, v in setup.items()))
        print(f"{'scenario':28} {'requests':>8} {'errors':>6} {'req/s':>8} {'p50 ms':>7} {'p99 ms':>7} {'of ceiling':>10}")
        for r in results:
            if "skipped" in r:
                print(f"{r['scenario']:28} skipped: {r['skipped']}")
            else:
                print(f"{r['scenario']:28} {r['requests']:>8} {r['errors']:>6} {r['rps']:>8} {r['p50_ms']:>7} "
                      f"{r['p99_ms']:>7} {r.get('of_ceiling', '100%'):>10}")
    return 1 if any(r.get("errors") for r in results) else 0


if __name__ == "__main__":
    sys.exit(main())
