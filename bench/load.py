"""Load test: the public licence check, agency search, agency page, fee check and screening under concurrent load,
against gunicorn on 127.0.0.1, beside the ceiling of the same stack (a bare Flask JSON endpoint, same gunicorn settings).

The client is wrk when installed (`apt-get install wrk`; C, so the client takes little of the machine), else Python
processes. Each scenario runs --seconds; the ceiling is measured before and after the scenarios of each round and
every scenario is reported as a share of their mean, so a machine shared with other jobs still gives comparable
figures. --repeat runs several rounds and reports the median share. Rate limits are switched off
(RATELIMIT_ENABLED=false) because every request comes from one address.

    python bench/load.py                                   # scratch SQLite database with the demo data
    python bench/load.py --database-url postgresql+psycopg://postgres@127.0.0.1:5432/registry_bench --workers 2 \
        --spread --public-cache-seconds 0 --repeat 3       # every licence / agency in turn, no cache: real traffic
    python bench/load.py ... --spread --agencies 5000      # plus 5,000 generated agencies (bulk inserts, kept)
    python bench/load.py --json                            # machine-readable figures
"""
import argparse
import http.client
import json
import multiprocessing
import os
import secrets
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import quote

ROOT = Path(__file__).resolve().parent.parent
GUNICORN = str(Path(sys.executable).with_name("gunicorn"))
WRK = shutil.which("wrk")


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


def _env(database_url: str, cache_seconds: float | None) -> dict:
    env = {**os.environ, "APP_ENV": "production", "SECRET_KEY": secrets.token_urlsafe(32), "DATABASE_URL": database_url,
           "RATELIMIT_ENABLED": "false", "LOG_LEVEL": "WARNING", "PYTHONPATH": str(ROOT)}
    if cache_seconds is not None:
        env["PUBLIC_CACHE_SECONDS"] = str(cache_seconds)
    return env


def prepare_database(database_url: str, agencies: int, spread_limit: int | None) -> dict:
    """Create the schema, load the demo data (and generated agencies) and a verifier token; the scenarios' inputs."""
    env = _env(database_url, None)
    flask = [str(Path(sys.executable).with_name("flask")), "--app", "wsgi"]
    subprocess.run(flask + ["db", "upgrade"], cwd=ROOT, env=env, check=True, capture_output=True)
    subprocess.run(flask + ["seed-demo", "--if-empty"], cwd=ROOT, env=env, check=True, capture_output=True)
    script = f"""
import json, sys
sys.path.insert(0, "bench")
from registry import create_app
from registry.auth.service import create_token
from registry.common.actor import cli_actor
from load_data import generate_agencies, inputs
app = create_app()
with app.app_context():
    added = generate_agencies({agencies}) if {agencies} else 0
    token = create_token("load bench", "verifier", "PH", cli_actor("bench/load.py"))
    print(json.dumps({{**inputs({spread_limit!r}), "token": token, "generated": added}}))
"""
    out = subprocess.run([sys.executable, "-c", script], cwd=ROOT, env=env, check=True, capture_output=True, text=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def _licence_path(country: str, number: str) -> str:
    return f"/api/v1/licences/{country}/{quote(number, safe='/')}"


def scenarios(data: dict, spread: bool) -> list[dict]:
    """Each scenario: a name and the requests it rotates over (one request unless --spread)."""
    country, licence_no = data["licence"]
    word = data["agency"].split()[0]
    auth = {"Authorization": f"Bearer {data['token']}"}
    fee_body = {"origin": "PH", "destination": "HK", "monthly_salary": "4990.00", "currency": "HKD",
                "contract_months": 24, "charges": [{"category": "placement_fee", "amount": "4990.00", "currency": "HKD"}]}
    if spread:
        licences = [_licence_path(c, n) for c, n in data["licences"]]
        searches = [f"/api/v1/agencies?q={quote(name)}" for _id, name in data["agencies"]]
        pages = [f"/agencies/{agency_id}" for agency_id, _name in data["agencies"]]
    else:
        licences, searches = [_licence_path(country, licence_no)], [f"/api/v1/agencies?q={quote(word)}"]
        pages = [f"/agencies/{data['agency_id']}"]

    def gets(paths):
        return [{"method": "GET", "path": p} for p in paths]

    return [
        {"name": "licence check", "requests": gets(licences)},
        {"name": "agency search", "requests": gets(searches)},
        {"name": "agency page (portal)", "requests": gets(pages)},
        {"name": "fee check", "requests": [{"method": "POST", "path": "/api/v1/fee-checks", "body": fee_body}]},
        {"name": "screening", "requests": [{"method": "POST", "path": "/api/v1/screen", "headers": auth,
                                            "body": {"name": "Kalovaren Manpower Services", "country": "PH"}}]},
    ]


class Server:
    """gunicorn on 127.0.0.1 with the given app and settings; stopped on exit."""

    def __init__(self, target: str, env: dict, workers: int, threads: int, cwd: Path):
        self.port = _free_port()
        self.proc = subprocess.Popen([GUNICORN, "--bind", f"127.0.0.1:{self.port}", "--workers", str(workers),
                                      "--threads", str(threads), "--backlog", "2048", "--log-level", "warning", target],
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


def request(port: int, req: dict, timeout: float = 10) -> tuple[int, float]:
    """One request on a new connection (sync workers close it anyway); (status, seconds)."""
    body = json.dumps(req["body"]).encode() if "body" in req else None
    headers = {"Content-Type": "application/json", **req.get("headers", {})} if body else dict(req.get("headers", {}))
    start = time.perf_counter()
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        conn.request(req["method"], req["path"], body=body, headers=headers)
        response = conn.getresponse()
        response.read()
        status = response.status
    except OSError:
        status = 0
    finally:
        conn.close()
    return status, time.perf_counter() - start


def _client(args) -> tuple[list[float], int]:
    port, requests, offset, stop_at = args
    latencies, errors, i = [], 0, offset
    while time.time() < stop_at:
        status, seconds = request(port, requests[i % len(requests)])
        i += 1
        if 200 <= status < 300:
            latencies.append(seconds)
        else:
            errors += 1
    return latencies, errors


def _run_python(port: int, scenario: dict, concurrency: int, seconds: float) -> dict:
    start = time.time()
    reqs = scenario["requests"]
    jobs = [(port, reqs, k * len(reqs) // concurrency, start + seconds) for k in range(concurrency)]
    with multiprocessing.Pool(concurrency) as pool:
        parts = pool.map(_client, jobs)
    elapsed = time.time() - start
    latencies = sorted(l for part, _e in parts for l in part)
    errors = sum(e for _p, e in parts)
    q = statistics.quantiles(latencies, n=100) if len(latencies) >= 2 else [0.0] * 99
    return {"requests": len(latencies) + errors, "errors": errors, "rps": round(len(latencies) / elapsed, 1),
            "p50_ms": round(q[49] * 1000, 1), "p99_ms": round(q[98] * 1000, 1)}


WRK_SCRIPT = """
local reqs = {%s}
local counter = 0
function setup(thread) thread:set("offset", counter); counter = counter + 1 end
function init(args) i = (tonumber(offset) or 0) * math.floor(#reqs / %d) end
function request() i = i %% #reqs + 1; return reqs[i] end
function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("WRK {\\"requests\\": %%d, \\"errors\\": %%d, \\"duration_us\\": %%d, \\"p50_us\\": %%d, \\"p99_us\\": %%d}\\n",
    summary.requests, e.connect + e.read + e.write + e.status + e.timeout, summary.duration,
    latency:percentile(50), latency:percentile(99)))
end
"""


def _lua(value: str) -> str:
    return json.dumps(value)  # a JSON string is a valid Lua string literal for our ASCII paths and bodies


def _run_wrk(port: int, scenario: dict, concurrency: int, seconds: float, threads: int) -> dict:
    formatted = []
    for req in scenario["requests"]:
        headers = dict(req.get("headers", {}))
        body = "nil"
        if "body" in req:
            headers["Content-Type"] = "application/json"
            body = _lua(json.dumps(req["body"]))
        header_table = "{" + ", ".join(f"[{_lua(k)}] = {_lua(v)}" for k, v in headers.items()) + "}"
        formatted.append(f"wrk.format({_lua(req['method'])}, {_lua(req['path'])}, {header_table}, {body})")
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
        script.write(WRK_SCRIPT % (",\n".join(formatted), threads))
    try:
        out = subprocess.run([WRK, "-t", str(threads), "-c", str(concurrency), "-d", f"{max(1, round(seconds))}s", "--timeout", "10s",
                              "-s", script.name, f"http://127.0.0.1:{port}"], capture_output=True, text=True)
        if out.returncode:
            raise RuntimeError(f"wrk failed: {out.stderr[-2000:]}{out.stdout[-2000:]}")
    finally:
        os.unlink(script.name)
    line = next(l for l in out.stdout.splitlines() if l.startswith("WRK "))
    found = json.loads(line[4:])
    ok = found["requests"] - found["errors"]
    return {"requests": found["requests"], "errors": found["errors"],
            "rps": round(ok / (found["duration_us"] / 1e6), 1),
            "p50_ms": round(found["p50_us"] / 1000, 1), "p99_ms": round(found["p99_us"] / 1000, 1)}


def run_scenario(port: int, scenario: dict, args) -> dict:
    warm = scenario["requests"][:200] if len(scenario["requests"]) > 1 else scenario["requests"] * 8
    for req in warm:  # warm-up: lazy imports, indexes and connection pools in every worker
        request(port, req, timeout=120)
    if args.client == "wrk":
        figures = _run_wrk(port, scenario, args.concurrency, args.seconds, args.wrk_threads)
    else:
        figures = _run_python(port, scenario, args.concurrency, args.seconds)
    return {"scenario": scenario["name"], "spread_over": len(scenario["requests"]), **figures}


def one_round(ceiling: "Server", registry: "Server", todo: list[dict], args) -> list[dict]:
    """The ceiling, every scenario, the ceiling again; shares of the mean ceiling."""
    ping = {"name": "ceiling (bare Flask JSON)", "requests": [{"method": "GET", "path": "/ping"}]}
    before = run_scenario(ceiling.port, ping, args)
    results = []
    for scenario in todo:
        status, _s = request(registry.port, scenario["requests"][0], timeout=120)
        if not 200 <= status < 300:
            results.append({"scenario": scenario["name"], "skipped": f"probe answered {status}"})
            continue
        results.append(run_scenario(registry.port, scenario, args))
    after = run_scenario(ceiling.port, ping, args)
    top = (before["rps"] + after["rps"]) / 2 or 1
    ceiling_row = {**before, "rps": round(top, 1), "ceiling_before": before["rps"], "ceiling_after": after["rps"],
                   "requests": before["requests"] + after["requests"], "errors": before["errors"] + after["errors"],
                   "p99_ms": max(before["p99_ms"], after["p99_ms"]), "of_ceiling": 1.0}
    for r in results:
        if "rps" in r:
            r["of_ceiling"] = round(r["rps"] / top, 3)
    return [ceiling_row] + results


def summarise(rounds: list[list[dict]]) -> list[dict]:
    """Per scenario: the round with the median share of the ceiling (its own figures), and every round's share."""
    out = []
    for i, first in enumerate(rounds[0]):
        rows = [r[i] for r in rounds if "rps" in r[i]]
        if not rows:
            out.append(first)
            continue
        rows.sort(key=lambda r: r["of_ceiling"])
        median = dict(rows[(len(rows) - 1) // 2])
        median["of_ceiling"] = round(statistics.median(r["of_ceiling"] for r in rows), 3)
        median["shares"] = [r["of_ceiling"] for r in rows]
        median["errors"] = sum(r["errors"] for r in rows)
        out.append(median)
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--database-url", help="default: a scratch SQLite file with the demo data")
    parser.add_argument("--workers", type=int, default=max(2, os.cpu_count() or 2))
    parser.add_argument("--threads", type=int, default=1, help="gunicorn threads per worker (1: sync workers)")
    parser.add_argument("--client", choices=("wrk", "python"), default="wrk" if WRK else "python")
    parser.add_argument("--concurrency", type=int, default=None, help="open connections (default: wrk 32, python 8)")
    parser.add_argument("--wrk-threads", type=int, default=2)
    parser.add_argument("--seconds", type=float, default=8.0)
    parser.add_argument("--spread", action="store_true", help="rotate over every licence / agency instead of one")
    parser.add_argument("--agencies", type=int, default=0, help="generate this many extra agencies with a licence each")
    parser.add_argument("--spread-limit", type=int, default=None, help="rotate over at most this many of them")
    parser.add_argument("--public-cache-seconds", type=float, default=None,
                        help="PUBLIC_CACHE_SECONDS of the registry (default: the environment's or the app's default)")
    parser.add_argument("--only", help="comma-separated scenario names (prefixes) to run, e.g. 'licence,agency'")
    parser.add_argument("--repeat", type=int, default=1, help="rounds; the median share of the ceiling is reported")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    args.concurrency = args.concurrency or (32 if args.client == "wrk" else 8)

    scratch = tempfile.mkdtemp(prefix="registry-load-")
    url = args.database_url or f"sqlite:///{scratch}/bench.db"
    data = prepare_database(url, args.agencies, args.spread_limit)
    env = _env(url, args.public_cache_seconds)
    todo = scenarios(data, args.spread)
    if args.only:
        wanted = [w.strip() for w in args.only.split(",")]
        todo = [s for s in todo if any(s["name"].startswith(w) for w in wanted)]
    ceiling = Server("load:ceiling_app()", env, args.workers, args.threads, ROOT / "bench")
    registry = Server("wsgi:app", env, args.workers, args.threads, ROOT)
    try:
        rounds = [one_round(ceiling, registry, todo, args) for _ in range(args.repeat)]
    finally:
        ceiling.stop()
        registry.stop()
    results = summarise(rounds)
    setup = {"client": args.client, "workers": args.workers, "threads": args.threads, "concurrency": args.concurrency,
             "cores": os.cpu_count(), "database": url.split(":", 1)[0].split("+")[0], "seconds": args.seconds,
             "spread": args.spread, "licences": len(data["licences"]), "agencies": len(data["agencies"]),
             "public_cache_seconds": env.get("PUBLIC_CACHE_SECONDS", "app default"), "rounds": args.repeat}
    if args.json:
        print(json.dumps({"setup": setup, "results": results}, indent=2))
    else:
        print("setup: " + ", ".join(f"{k}={v}" for k, v in setup.items()))
        print(f"{'scenario':28} {'spread':>6} {'requests':>8} {'errors':>6} {'req/s':>8} {'p50 ms':>7} {'p99 ms':>7} "
              f"{'of ceiling':>10}  rounds")
        for r in results:
            if "skipped" in r:
                print(f"{r['scenario']:28} skipped: {r['skipped']}")
            else:
                shares = " ".join(f"{s:.2f}" for s in r.get("shares", []))
                print(f"{r['scenario']:28} {r['spread_over']:>6} {r['requests']:>8} {r['errors']:>6} {r['rps']:>8} "
                      f"{r['p50_ms']:>7} {r['p99_ms']:>7} {r['of_ceiling']:>10.2f}  {shares}")
    return 1 if any(r.get("errors") for r in results) else 0


if __name__ == "__main__":
    sys.exit(main())
