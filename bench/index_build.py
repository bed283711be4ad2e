"""The screening index as deployed: set-wise load and full build from a database, snapshot write and load,
and the memory (PSS) of an index server and its gunicorn workers, on generated fictitious data.

    python bench/index_build.py --database-url postgresql+psycopg://postgres@127.0.0.1:5432/SCRATCH [--subjects 100k]

The database is emptied and filled with bulk inserts (subjects with other names, identifiers, contacts and
cases; agencies with officers and licences, some revoked). Figures are printed, not asserted.
"""
from __future__ import annotations

import argparse
import json
import os
import random
import secrets
import subprocess
import sys
import tempfile
import time
import urllib.request
from datetime import date, timedelta
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from seasia_names import generate_names  # noqa: E402


def parse_size(text: str) -> int:
    text = text.lower()
    return int(float(text[:-1]) * (1000 if text[-1] == "k" else 1_000_000)) if text[-1] in "km" else int(text)


def pss_kib(pid: int) -> int:
    for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
        if line.startswith("Pss:"):
            return int(line.split()[1])
    return 0


def fill(db, subjects: int, seed: int = 11) -> None:
    """Bulk-insert `subjects` subjects (every 5th with a case) and subjects/20 agencies (every 10th revoked)."""
    from registry.agencies.models import Agency, AgencyName, Officer
    from registry.audit.models import AuditEntry
    from registry.licences.models import Licence, LicenceAction
    from watchlist.cases.models import Case, CaseEvent, CaseRespondent
    from watchlist.matching import search_key
    from watchlist.subjects.models import Subject, SubjectContact, SubjectIdentifier, SubjectName

    rng = random.Random(seed)
    names = generate_names(subjects + subjects // 20, seed=seed)
    filed = date.today() - timedelta(days=500)
    ins = lambda model, rows: rows and db.session.execute(model.__table__.insert(), rows)  # noqa: E731
    chunk = 20_000
    for start in range(0, subjects, chunk):
        part = range(start + 1, min(subjects, start + chunk) + 1)
        ins(Subject, [{"id": i, "kind": names[i - 1][0], "name": names[i - 1][1], "search_key": search_key(names[i - 1][1]),
                       "country": rng.choice(("PH", "ID", "VN", "TH")), "jurisdiction": "PH", "external_id": f"B-{i}", "version": 1}
                      for i in part])
        ins(SubjectName, [{"subject_id": i, "name": names[i - 1][1].split()[0] + " Group", "kind": "alias",
                           "search_key": "x"} for i in part if i % 3 == 0])
        ins(SubjectIdentifier, [{"subject_id": i, "kind": "registration_no", "value": f"R-{i}", "normalised": f"R{i}"}
                                for i in part if i % 2 == 0])
        ins(SubjectContact, [{"subject_id": i, "kind": "phone", "value": f"+63 2 {i:08d}", "normalised": f"632{i:08d}"}
                             for i in part if i % 2 == 1])
        cases = [i for i in part if i % 5 == 0]
        ins(Case, [{"id": i, "case_no": f"K-{i}", "jurisdiction": "PH", "authority": "Bench court", "offences": ["forced_labour"],
                    "indicators": [], "filed_on": filed, "status": "decided", "version": 1} for i in cases])
        ins(CaseRespondent, [{"case_id": i, "subject_id": i, "role": "employer", "state": "convicted"} for i in cases])
        ins(CaseEvent, [row for i in cases for row in (
            {"case_id": i, "seq": 1, "event": "filed", "effective_on": filed, "actor": "bench"},
            {"case_id": i, "seq": 2, "event": "prosecuted", "effective_on": filed + timedelta(days=20), "actor": "bench"},
            {"case_id": i, "seq": 3, "event": "convicted", "effective_on": filed + timedelta(days=200), "subject_id": i,
             "imprisonment_months": 12, "actor": "bench"})])
    agencies = range(1, subjects // 20 + 1)
    ins(Agency, [{"id": a, "name": names[subjects + a - 1][1], "search_key": "x", "country": "PH", "registration_no": f"A-{a}",
                  "version": 1} for a in agencies])
    ins(AgencyName, [{"agency_id": a, "name": names[subjects + a - 1][1] + " Travel", "kind": "trade", "search_key": "x"}
                     for a in agencies if a % 4 == 0])
    ins(Officer, [{"agency_id": a, "name": f"Officer {a} Santos", "search_key": "x", "role": "director"} for a in agencies])
    ins(Licence, [{"id": a, "agency_id": a, "country": "PH", "licence_no": f"L-{a}", "licence_key": f"L{a}", "authority": "DMW",
                   "scope": "land_based", "expires_on": date(2030, 1, 1), "state": "revoked" if a % 10 == 0 else "active",
                   "version": 1} for a in agencies])
    ins(LicenceAction, [row for a in agencies for row in (
        [{"licence_id": a, "seq": 1, "action": "issue", "from_state": "pending", "to_state": "active", "effective_on": filed,
          "ban": False, "actor": "bench"}] + ([{"licence_id": a, "seq": 2, "action": "revoke", "from_state": "active",
                                               "to_state": "revoked", "effective_on": filed, "ban": False, "actor": "bench"}]
                                             if a % 10 == 0 else []))])
    ins(AuditEntry, [{"actor": "bench", "actor_role": "admin", "action": "bench.fill", "entity_type": "bench", "entity_id": "1"}])
    if db.engine.dialect.name == "postgresql":
        from sqlalchemy import text
        for table in ("subject", "watchlist_case", "agency", "licence"):
            db.session.execute(text(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), (SELECT max(id) FROM {table}))"))
    db.session.commit()


def run_gunicorn(env: dict, workers: int) -> dict:
    """Start gunicorn with registry.gunicorn_conf; time until /readyz is 200; PSS of index server and workers."""
    port = 8700 + os.getpid() % 200
    gunicorn = str(Path(sys.executable).with_name("gunicorn"))
    proc = subprocess.Popen([gunicorn, "-c", "python:registry.gunicorn_conf", "--bind", f"127.0.0.1:{port}",
                             "--workers", str(workers), "--log-level", "warning", "wsgi:app"], cwd=REPO, env=env)
    started, ready = time.monotonic(), None
    try:
        while time.monotonic() - started < 600:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/readyz", timeout=5) as r:
                    ready = json.loads(r.read())
                    break
            except OSError:
                time.sleep(0.2)
        seconds = time.monotonic() - started
        children = [int(p) for p in Path(f"/proc/{proc.pid}/task/{proc.pid}/children").read_text().split()]
        server = ready["index"]["server_pid"]
        return {"seconds_to_ready": round(seconds, 1), "server_pss_mib": round(pss_kib(server) / 1024, 1),
                "workers_pss_mib": [round(pss_kib(p) / 1024, 1) for p in children if p != server],
                "snapshot_loaded": ready["index"].get("snapshot_loaded"), "records": ready["index"]["records"]}
    finally:
        proc.terminate()
        proc.wait(30)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", required=True)
    parser.add_argument("--subjects", default="100k")
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--keep", action="store_true", help="Reuse the data already in the database.")
    args = parser.parse_args()
    subjects = parse_size(args.subjects)
    directory = tempfile.mkdtemp(prefix="ixb", dir="/tmp")
    secret = secrets.token_urlsafe(32)
    env = {**os.environ, "APP_ENV": "production", "SECRET_KEY": secret, "DATABASE_URL": args.database_url,
           "MATCH_INDEX_DIR": directory, "RATELIMIT_ENABLED": "false", "LOG_LEVEL": "WARNING", "PYTHONPATH": str(REPO)}
    os.environ.update({k: env[k] for k in ("APP_ENV", "SECRET_KEY", "DATABASE_URL", "MATCH_INDEX_DIR")})
    from sqlalchemy import event

    from registry import create_app
    from registry.extensions import db
    from watchlist.screening import snapshot
    from watchlist.screening.index_client import SNAPSHOT_NAME
    from watchlist.screening.index_server import IndexServer

    app = create_app({"MATCH_INDEX_MODE": "inline"})
    with app.app_context():
        if not args.keep:
            db.drop_all()
            db.create_all()
            started = time.monotonic()
            fill(db, subjects)
            print(f"filled {subjects} subjects, {subjects // 20} agencies in {time.monotonic() - started:.1f} s", flush=True)
        server = IndexServer(app, directory)
        statements = [0]
        event.listen(db.engine, "before_cursor_execute", lambda *a: statements.__setitem__(0, statements[0] + 1))
        written = {}
        server.indexes.on_rebuilt = lambda state: _timed_write(server, state, written)
        from watchlist.screening import sources
        from watchlist.screening.cache import gc_paused
        started = time.monotonic()
        with gc_paused():  # as in a build
            loaded = {"agencies": len(sources.agency_records(db.session)), "subjects": len(sources.subject_records(db.session)),
                      "agency names": len(sources.agency_name_records(db.session)),
                      "licence numbers": len(sources.licence_numbers(db.session))}
        db.session.rollback()
        print(f"set-wise load only: {time.monotonic() - started:.1f} s, {statements[0]} SQL statements ({loaded})", flush=True)
        statements[0] = 0
        started = time.monotonic()
        server.indexes.check()
        total = time.monotonic() - started
        print(f"full build: {total:.1f} s in total ({statements[0]} SQL statements; of which snapshot write "
              f"{written['write_seconds']:.1f} s, {written['bytes'] / 1e6:.0f} MB); {len(server.indexes.screening)} records",
              flush=True)
        started = time.monotonic()
        state = snapshot.read(Path(directory) / SNAPSHOT_NAME, secret, server.stamp)
        print(f"snapshot load: {time.monotonic() - started:.1f} s ({'ok' if state else 'REJECTED'})", flush=True)
        del state, server
        db.engine.dispose()
    result = run_gunicorn(env, args.workers)
    print(f"gunicorn with {args.workers} workers (index from snapshot): ready in {result['seconds_to_ready']} s; "
          f"PSS index server {result['server_pss_mib']} MiB, workers {result['workers_pss_mib']} MiB; "
          f"snapshot {result['snapshot_loaded']}", flush=True)
    os.unlink(Path(directory) / SNAPSHOT_NAME)
    result = run_gunicorn(env, args.workers)
    print(f"gunicorn with {args.workers} workers (no snapshot: full build): ready in {result['seconds_to_ready']} s; "
          f"PSS index server {result['server_pss_mib']} MiB, workers {result['workers_pss_mib']} MiB", flush=True)


def _timed_write(server, state, written) -> None:
    started = time.monotonic()
    written["bytes"] = snapshot_write(server, state)
    written["write_seconds"] = time.monotonic() - started


def snapshot_write(server, state) -> int:
    from watchlist.screening import snapshot
    from watchlist.screening.index_client import SNAPSHOT_NAME
    return snapshot.write(server.dir / SNAPSHOT_NAME, state, server.secret, server.stamp)


if __name__ == "__main__":
    main()
