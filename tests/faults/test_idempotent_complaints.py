"""The same complaint sent twice (also at the same instant) with one idempotency key is stored once."""
import threading

import pytest
from sqlalchemy import create_engine, text

from tests.faults.processes import Gunicorn, app_env, call, fresh_schema

pytestmark = pytest.mark.fault
COMPLAINT = {"category": "overcharging", "description": "I paid twice the allowed placement fee (fictitious test).",
             "country": "PH", "agency_name": "Nerovale Fault Test Agency", "contact": "+63 900 000 0000"}


def test_one_idempotency_key_gives_one_complaint_even_when_sent_at_once(cluster):
    fresh_schema(cluster.url)
    server = Gunicorn(app_env(cluster.url), workers=2)
    try:
        for round_no in range(5):
            key = {"Idempotency-Key": f"fault-test-key-{round_no:04d}"}
            barrier, answers = threading.Barrier(3), []

            def send():
                barrier.wait()
                answers.append(call(server.base, "POST", "/api/v1/complaints", COMPLAINT, key, timeout=20))

            threads = [threading.Thread(target=send) for _ in range(3)]
            for t in threads:
                t.start()
            for t in threads:
                t.join(30)
            again = call(server.base, "POST", "/api/v1/complaints", COMPLAINT, key)
            statuses = sorted(a[0] for a in answers + [again])
            assert all(s in (200, 201) for s in statuses), statuses
            assert len({a[1]["code"] for a in answers + [again]}) == 1, "every answer names the same complaint"
    finally:
        server.stop()
    engine = create_engine(cluster.url)
    with engine.connect() as conn:
        per_key = conn.execute(text("SELECT idempotency_key, COUNT(*) FROM complaint GROUP BY idempotency_key")).all()
    engine.dispose()
    assert len(per_key) == 5 and all(n == 1 for _k, n in per_key), per_key
