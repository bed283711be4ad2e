"""Two app processes on one database: a write through one is seen by the other's screening index
within MATCH_INDEX_REFRESH_SECONDS (no per-process stale index beyond that bound)."""
import json
import os
import subprocess
import sys
import textwrap
import time

from tests.registry.factories import act, create_agency, issue_licence

WORKER = textwrap.dedent("""
    import json, sys, time
    from registry import create_app
    from watchlist.screening.service import screen_one
    app = create_app({"APP_ENV": "testing", "SQLALCHEMY_DATABASE_URI": sys.argv[1], "MATCH_INDEX_REFRESH_SECONDS": 1.0})
    with app.app_context():
        print(json.dumps(screen_one({"name": "Sinar Jaya Manpower", "kind": "organisation"})), flush=True)
        sys.stdin.readline()
        time.sleep(1.2)  # the documented bound: one refresh interval
        print(json.dumps(screen_one({"name": "Sinar Jaya Manpower", "kind": "organisation"})), flush=True)
""")


def test_a_revocation_through_one_process_is_screened_by_another_within_the_refresh_bound(app, client, ph_regulator):
    url = app.config["SQLALCHEMY_DATABASE_URI"]
    worker = subprocess.Popen([sys.executable, "-c", WORKER, url], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                              text=True, cwd=os.getcwd(), env={**os.environ, "APP_ENV": "testing"})
    try:
        before = json.loads(worker.stdout.readline())
        assert before == [], "nothing adverse exists yet"
        agency = create_agency(client, ph_regulator, name="PT Sinar Jaya Manpower", other_names=[], officers=[])
        issue_licence(client, ph_regulator, agency["id"], licence_no="SJ-1")
        act(client, ph_regulator, "SJ-1", action="revoke", reason="Illegal recruitment")
        started = time.monotonic()
        worker.stdin.write("go\n")
        worker.stdin.flush()
        after = json.loads(worker.stdout.readline())
        assert time.monotonic() - started < 10
        assert after and after[0]["agency_id"] == agency["id"] and after[0]["standing"] == "licence_revoked"
    finally:
        worker.kill()
        worker.wait()
