"""The database restarted under load: requests fail fast with 503 in the error shape, then recover in the same workers."""
import threading
import time

import pytest

from tests.faults.processes import Gunicorn, app_env, call, fresh_schema

pytestmark = pytest.mark.fault
AGENCY = {"name": "Orvanta Fault Test Manpower", "country": "PH", "registration_no": "PH-FLT-DB1"}
LICENCE = {"licence_no": "FLT-DB-001", "authority": "Department of Migrant Workers", "scope": "land_based",
           "issued_on": "2025-01-15", "expires_on": "2030-01-14"}


def _load(base: str, path: str, stop: threading.Event, results: list):
    while not stop.is_set():
        started = time.time()
        status, body, seconds = call(base, "GET", path, timeout=10)
        results.append((started, status, body, seconds))
        time.sleep(0.02)


def test_database_restart_gives_fast_503s_and_recovers_without_restarting_workers(cluster):
    tokens = fresh_schema(cluster.url)
    server = Gunicorn(app_env(cluster.url), workers=2)
    try:
        auth = {"Authorization": f"Bearer {tokens['regulator']}"}
        status, agency, _s = call(server.base, "POST", "/api/v1/agencies", AGENCY, auth)
        assert status == 201, agency
        assert call(server.base, "POST", f"/api/v1/agencies/{agency['id']}/licences", LICENCE, auth)[0] == 201
        path = f"/api/v1/licences/PH/{LICENCE['licence_no']}"
        workers = sorted(server.workers())

        stop, results = threading.Event(), []
        loaders = [threading.Thread(target=_load, args=(server.base, path, stop, results)) for _ in range(3)]
        for t in loaders:
            t.start()
        time.sleep(1.5)
        cluster.stop("fast")
        down_at = time.time()
        time.sleep(3)
        health_status, health, _s = call(server.base, "GET", "/healthz")
        starting_at = time.time()  # the database may answer before pg_ctl returns
        cluster.start()
        up_at = time.time()
        recovered_at = None
        while time.time() < up_at + 20 and recovered_at is None:
            time.sleep(0.2)
            recent = [r for r in results if r[0] > up_at]
            if len(recent) >= 10 and all(r[1] == 200 for r in recent[-10:]):
                recovered_at = recent[-10][0]
        stop.set()
        for t in loaders:
            t.join(15)

        before = [r for r in results if r[0] < down_at - 0.2]
        during = [r for r in results if down_at + 0.3 < r[0] and r[0] + r[3] < starting_at]
        assert before and all(r[1] == 200 for r in before)
        assert len(during) >= 10, "too few requests while the database was down"
        assert {r[1] for r in during} == {503}, sorted({r[1] for r in during})
        assert all(r[2] and r[2]["code"] == 503 and r[2]["status"] == "Service Unavailable" and r[2]["message"]
                   for r in during)
        assert max(r[3] for r in during) < 3.0, "requests must fail fast while the database is down"
        assert health_status == 503 and health["code"] == 503
        assert recovered_at is not None, "requests did not recover after the database came back"
        assert sorted(server.workers()) == workers, "recovery must not need a worker restart"
        print(f"\nrestart: {len(before)} ok before, {len(during)} x 503 during (max {max(r[3] for r in during) * 1000:.0f} ms), "
              f"recovered {recovered_at - up_at:.1f} s after the database was back")
    finally:
        server.stop()
