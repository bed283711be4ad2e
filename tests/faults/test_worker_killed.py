"""A gunicorn worker killed (SIGKILL) under write load loses no acknowledged write: every 2xx is in the database."""
import itertools
import os
import signal
import threading
import time

import pytest
from sqlalchemy import create_engine, text

from tests.faults.processes import Gunicorn, app_env, call, fresh_schema

pytestmark = pytest.mark.fault


def test_every_acknowledged_write_survives_a_killed_worker(cluster):
    tokens = fresh_schema(cluster.url)
    server = Gunicorn(app_env(cluster.url), workers=2)
    auth = {"Authorization": f"Bearer {tokens['regulator']}"}
    numbers, acknowledged, failed = itertools.count(1), [], []
    stop = threading.Event()

    def writer():
        while not stop.is_set():
            n = next(numbers)
            body = {"name": f"Kestravel Fault Agency {n}", "country": "PH", "registration_no": f"PH-FLT-K{n:05d}"}
            status, created, _s = call(server.base, "POST", "/api/v1/agencies", body, auth, timeout=20)
            (acknowledged if status == 201 else failed).append((body["registration_no"], status, created))

    try:
        threads = [threading.Thread(target=writer) for _ in range(4)]
        for t in threads:
            t.start()
        time.sleep(2)
        victim = server.workers()[0]
        os.kill(victim, signal.SIGKILL)
        time.sleep(3)
        stop.set()
        for t in threads:
            t.join(30)
        deadline = time.time() + 20
        while len(server.workers()) < 2 and time.time() < deadline:
            time.sleep(0.2)
        assert victim not in server.workers() and len(server.workers()) == 2, "gunicorn must replace the killed worker"
    finally:
        server.stop()

    engine = create_engine(cluster.url)
    with engine.connect() as conn:
        stored = dict(conn.execute(text("SELECT registration_no, id FROM agency")).all())
        audited = {row[0] for row in conn.execute(text("SELECT entity_id FROM audit_entry WHERE action = 'agency.create'"))}
    engine.dispose()
    assert len(acknowledged) > 20
    lost = [(reg, c["id"]) for reg, _st, c in acknowledged if stored.get(reg) != c["id"]]
    assert not lost, f"acknowledged writes missing from the database: {lost}"
    assert {str(i) for i in stored.values()} == audited, "every stored agency has its audit entry, and no more"
    print(f"\nworker killed: {len(acknowledged)} acknowledged writes all stored; "
          f"{len(failed)} requests cut off ({sorted({s for _r, s, _c in failed})})")
