"""One index server per host: workers stay stateless, answer 503 with Retry-After (never 500) until it is
ready, queue the screening of writes meanwhile (nothing lost), see their own writes at once, and a restart
loads the snapshot plus the audit entries written since."""
import time

import pytest
from sqlalchemy import select

from registry.extensions import db
from tests.registry.factories import act, create_agency, issue_licence
from tests.watchlist.screening.index_helpers import ThreadedIndexServer, remove, server_mode_app, short_dir
from watchlist.screening.models import Flag, ScreeningJob

REVOKED = "Quorvanta Overseas Manpower Inc."


@pytest.fixture
def index_dir():
    directory = short_dir()
    yield directory
    remove(directory)


@pytest.fixture
def worker(app, index_dir):
    """A test client of a worker in "server" mode (no index server running yet)."""
    return server_mode_app(app, index_dir).test_client()


def _revoked(client, headers, name=REVOKED, licence_no="Q-1"):
    agency = create_agency(client, headers, name=name, registration_no=licence_no, other_names=[], officers=[])
    issue_licence(client, headers, agency["id"], licence_no=licence_no)
    assert act(client, headers, licence_no, action="revoke", reason="Illegal recruitment").status_code == 201
    return agency


def _unavailable(response):
    assert response.status_code == 503, response.get_json()
    body = response.get_json()
    assert body["code"] == 503 and body["message"] and int(response.headers["Retry-After"]) > 0
    return body


def test_until_the_index_server_is_ready_screening_answers_503_with_retry_after(worker, make_token):
    verifier = make_token("verifier", "SA")
    _unavailable(worker.post("/api/v1/screen", headers=verifier, json={"name": REVOKED}))
    _unavailable(worker.post("/api/v1/screen/batch", headers=verifier, json={"items": [{"name": REVOKED}]}))
    _unavailable(worker.post("/api/v1/compare", headers=verifier, json={"a": {"name": "A Co"}, "b": {"name": "A Co."}}))
    ready = worker.get("/readyz")
    assert _unavailable(ready)["index"]["stage"] == "no server"
    assert worker.get("/healthz").status_code == 200  # alive, only not ready


def test_a_write_while_the_index_is_not_ready_is_recorded_and_its_screening_runs_once_ready(app, worker, index_dir,
                                                                                            ph_regulator, make_token):
    _revoked(worker, ph_regulator)
    response = worker.post("/api/v1/agencies", headers=ph_regulator, json={
        "name": "Quorvanta Overseas Manpower Incorporated", "country": "PH", "other_names": [], "officers": []})
    assert response.status_code == 201
    created = response.get_json()
    assert created["screening"] == "queued" and created["flags"] == []
    assert db.session.scalar(select(ScreeningJob.ref).where(ScreeningJob.ref == f"agency:{created['id']}"))
    server = ThreadedIndexServer(app, index_dir)
    try:
        server.wait_ready()
        deadline = time.monotonic() + 20
        while db.session.scalar(select(ScreeningJob.id).where(ScreeningJob.done_at.is_(None))) and time.monotonic() < deadline:
            time.sleep(0.1)
            db.session.rollback()
        flags = db.session.scalars(select(Flag).where(Flag.source_ref == f"agency:{created['id']}")).all()
        assert [f.candidate_label for f in flags] == [f"{REVOKED} (licence revoked)"]
        assert worker.get("/readyz").get_json()["ready"] is True
        later = worker.post("/api/v1/agencies", headers=ph_regulator, json={
            "name": "Quorvanta Overseas Manpower Corp.", "country": "PH", "other_names": [], "officers": []}).get_json()
        assert later["screening"] == "done" and later["flags"]
    finally:
        server.stop()


def test_through_the_index_server_a_worker_sees_its_own_write_at_once(app, worker, index_dir, ph_regulator, make_token):
    server = ThreadedIndexServer(app, index_dir)
    try:
        server.wait_ready()
        verifier = make_token("verifier", "SA")
        assert worker.post("/api/v1/screen", headers=verifier, json={"name": REVOKED}).get_json()["results"] == []
        server.server.indexes.refresh_seconds = 3600  # only the worker's own commit can make it look again
        _revoked(worker, ph_regulator)
        results = worker.post("/api/v1/screen", headers=verifier, json={"name": REVOKED}).get_json()["results"]
        assert results and results[0]["standing"] == "licence_revoked"
    finally:
        server.stop()


def test_a_restarted_index_server_loads_its_snapshot_and_the_writes_made_since(app, client, worker, index_dir,
                                                                               ph_regulator, make_token):
    _revoked(client, ph_regulator)
    first = ThreadedIndexServer(app, index_dir)
    first.wait_ready()
    first.stop()
    _revoked(client, ph_regulator, name="Belmundo Staffing Inc.", licence_no="B-1")  # while no server runs
    second = ThreadedIndexServer(app, index_dir)
    try:
        status = second.wait_ready()
        assert status["snapshot_loaded"] is not None
        verifier = make_token("verifier", "SA")
        for name in (REVOKED, "Belmundo Staffing"):
            results = worker.post("/api/v1/screen", headers=verifier, json={"name": name}).get_json()["results"]
            assert results and results[0]["match"], name
    finally:
        second.stop()


def test_a_case_recorded_while_the_index_is_not_ready_queues_the_screening_of_each_respondent(worker, ph_regulator):
    from tests.watchlist.helpers import create_case, create_subject
    subjects = [create_subject(worker, ph_regulator, external_id=f"PH-Q-{n}", name=name)["id"]
                for n, name in enumerate(("Zarqan Vellamar Contracting Est.", "Tavelon Builders Co."))]
    case = create_case(worker, ph_regulator, subjects)
    assert case["screening"] == "queued" and case["flags"] == []
    queued = db.session.scalars(select(ScreeningJob.ref).where(ScreeningJob.done_at.is_(None))).all()
    assert sorted(queued) == sorted(f"subject:{i}" for i in subjects)


def test_a_bulk_case_import_while_the_index_is_not_ready_queues_each_respondent_and_nothing_is_lost(app, worker, tmp_path):
    import json

    from tests.watchlist.helpers import ago
    from watchlist.cli import watchlist_cli
    worker_app = worker.application
    subjects = tmp_path / "subjects.csv"
    subjects.write_text("external_id,kind,name,other_names,country,registration_no,address,phone,email\n"
                        "PH-BQ-1,organisation,Zarqan Vellamar Contracting Est.,,PH,,,,\n"
                        "PH-BQ-2,organisation,Tavelon Builders Co.,,PH,,,,\n", encoding="utf-8")
    cases = tmp_path / "cases.json"
    cases.write_text(json.dumps([{"case_no": f"BQ-{n}", "jurisdiction": "PH", "authority": "Bench Court (test)",
                                  "offences": ["forced_labour"], "filed_on": ago(100), "victims": {"total": 1},
                                  "respondents": [{"country": "PH", "external_id": f"PH-BQ-{n}", "role": "employer"}]}
                                 for n in (1, 2)]), encoding="utf-8")
    runner = worker_app.test_cli_runner()
    with worker_app.app_context():  # the commands run in the worker's app (server mode), not the test's
        assert runner.invoke(watchlist_cli, ["import-subjects", str(subjects)]).exit_code == 0
        result = runner.invoke(watchlist_cli, ["import-cases", str(cases)])
        assert result.exit_code == 0, result.output
        from watchlist.subjects.models import Subject
        ids = db.session.scalars(select(Subject.id).where(Subject.external_id.like("PH-BQ-%"))).all()
        queued = db.session.scalars(select(ScreeningJob.ref).where(ScreeningJob.done_at.is_(None))).all()
        db.session.remove()
    assert sorted(queued) == sorted(f"subject:{i}" for i in ids) and len(ids) == 2
