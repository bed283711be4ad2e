"""Two regulators edit the same licence (and agency) at the same moment: exactly one wins, the other gets 409/412."""
import threading
from datetime import date, timedelta

import pytest

from tests.faults.processes import Gunicorn, app_env, call, fresh_schema

pytestmark = pytest.mark.fault
ROUNDS = 8


def _race(requests: list) -> list[int]:
    """Send the requests at the same instant from separate threads; their statuses, in order."""
    barrier, statuses = threading.Barrier(len(requests)), [None] * len(requests)

    def send(i, args):
        barrier.wait()
        status, body, _seconds = call(*args, timeout=20)
        statuses[i] = status
        if status not in (200, 201, 409, 412):
            print(f"\nunexpected {status}: {body}")

    threads = [threading.Thread(target=send, args=(i, args)) for i, args in enumerate(requests)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    return statuses


def test_concurrent_licence_actions_and_agency_edits_have_exactly_one_winner(cluster):
    tokens = fresh_schema(cluster.url)
    server = Gunicorn(app_env(cluster.url), workers=2)
    first, second = ({"Authorization": f"Bearer {tokens[k]}"} for k in ("regulator", "regulator2"))
    try:
        status, agency, _s = call(server.base, "POST", "/api/v1/agencies",
                                  {"name": "Prasilo Fault Test Agency", "country": "PH", "registration_no": "PH-FLT-C1"}, first)
        assert status == 201
        expiry = date(2030, 1, 14)
        assert call(server.base, "POST", f"/api/v1/agencies/{agency['id']}/licences",
                    {"licence_no": "FLT-C-001", "authority": "Department of Migrant Workers", "scope": "land_based",
                     "issued_on": "2025-01-15", "expires_on": expiry.isoformat()}, first)[0] == 201
        path = "/api/v1/licences/PH/FLT-C-001"
        outcomes = []
        for n in range(ROUNDS):
            _st, licence, _s = call(server.base, "GET", path, headers=first)
            version, current = licence["version"], date.fromisoformat(licence["expires_on"])
            statuses = _race([(server.base, "POST", path + "/actions",
                               {"action": "renew", "expires_on": (current + timedelta(days=30 + k)).isoformat(),
                                "version": version, "reason": f"round {n} desk {k}"}, who)
                              for k, who in enumerate((first, second))])
            outcomes.append(statuses)
            assert sorted(statuses)[0] == 201 and sorted(statuses)[1] in (409, 412), statuses
        _st, licence, _s = call(server.base, "GET", path, headers=first)
        assert len(licence["history"]) == 1 + ROUNDS, "exactly one action recorded per round"

        for n in range(ROUNDS):
            _st, current, _s = call(server.base, "GET", f"/api/v1/agencies/{agency['id']}", headers=first)
            statuses = _race([(server.base, "PATCH", f"/api/v1/agencies/{agency['id']}",
                               {"address": f"{n} Desk {k} Street, Manila", "version": current["version"]}, who)
                              for k, who in enumerate((first, second))])
            assert sorted(statuses)[0] == 200 and sorted(statuses)[1] in (409, 412), statuses
            outcomes.append(statuses)
        print(f"\nconcurrent edits: {2 * ROUNDS} races, each one winner: {outcomes}")
    finally:
        server.stop()
