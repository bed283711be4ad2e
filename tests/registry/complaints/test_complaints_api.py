"""Complaints: filed by anyone with an unguessable code, idempotent, contact never public, triaged by the right regulator, audited."""
import re

from registry.audit.models import AuditEntry
from registry.complaints.models import Complaint, ComplaintEvent
from registry.extensions import db
from tests.registry.portal.helpers import agency_with_licence, csrf_token

COMPLAINT = {"agency_licence_no": "DMW-001-LB", "category": "overcharging", "country": "PH",
             "description": "They asked for 90,000 pesos before the medical.", "contact": "+63 917 000 0000",
             "payments": [{"amount": "90000.00", "currency": "PHP", "purpose": "placement fee"}]}


def file(client, **overrides):
    return client.post("/api/v1/complaints", json={**COMPLAINT, **overrides})


def test_filing_returns_an_unguessable_tracking_code_and_the_code_shows_only_the_status(client):
    response = file(client)
    assert response.status_code == 201
    code = response.get_json()["code"]
    assert re.fullmatch(r"[A-Z2-9]{4}(-[A-Z2-9]{4}){3}", code)
    assert file(client).get_json()["code"] != code
    status = client.get(f"/api/v1/complaints/{code.lower().replace('-', '')}").get_json()
    assert set(status) == {"code", "status", "received_at", "updated_at"} and status["status"] == "received"


def test_unknown_tracking_code_is_404_in_the_error_shape(client):
    body = client.get("/api/v1/complaints/AAAA-BBBB-CCCC-DDDD").get_json()
    assert body["code"] == 404 and "tracking code" in body["message"]


def test_the_same_idempotency_key_creates_one_complaint(client):
    first = client.post("/api/v1/complaints", json=COMPLAINT, headers={"Idempotency-Key": "worker-phone-7f3a9c"})
    again = client.post("/api/v1/complaints", json=COMPLAINT, headers={"Idempotency-Key": "worker-phone-7f3a9c"})
    by_field = file(client, idempotency_key="worker-phone-7f3a9c")
    assert (first.status_code, again.status_code, by_field.status_code) == (201, 200, 200)
    assert first.get_json()["code"] == again.get_json()["code"] == by_field.get_json()["code"]
    assert db.session.query(Complaint).count() == 1


def test_a_complaint_must_name_an_agency_or_an_employer(client):
    body = file(client, agency_licence_no=None).get_json()
    assert body["code"] == 422 and "agency_name" in body["errors"]["json"]
    assert db.session.query(Complaint).count() == 0


def test_bad_amount_and_category_are_named_and_nothing_is_written(client):
    body = file(client, category="bribery", payments=[{"amount": "-5", "currency": "PHP"}]).get_json()
    assert set(body["errors"]["json"]) == {"category", "payments"}
    assert db.session.query(Complaint).count() == 0


def test_anonymous_complaint_keeps_no_contact(client):
    file(client, anonymous=True)
    assert db.session.query(Complaint).one().contact is None


def test_employer_only_complaint_goes_to_the_country_given(client):
    assert file(client, agency_licence_no=None, employer_name="Zorvath Holdings LLC", employer_country="SA",
                country="NP").status_code == 201
    complaint = db.session.query(Complaint).one()
    assert (complaint.country, complaint.agency_id) == ("NP", None)


def test_complaint_by_licence_number_is_linked_to_the_agency_and_its_regulator(client, ph_regulator, make_token):
    agency = agency_with_licence(client, ph_regulator)
    file(client, country="ID")
    queue = client.get("/api/v1/complaints", headers=ph_regulator).get_json()
    assert queue["total"] == 1 and queue["items"][0]["agency_id"] == agency["id"]
    assert queue["items"][0]["contact"] == "+63 917 000 0000"
    assert client.get("/api/v1/complaints", headers=make_token("regulator", "ID")).get_json()["total"] == 0
    assert client.get("/api/v1/complaints").status_code == 401


def test_lifecycle_moves_forward_with_notes_and_a_closed_complaint_cannot_reopen(client, ph_regulator):
    agency_with_licence(client, ph_regulator)
    file(client)
    cid = client.get("/api/v1/complaints", headers=ph_regulator).get_json()["items"][0]["id"]
    step = lambda **body: client.post(f"/api/v1/complaints/{cid}/events", json=body, headers=ph_regulator)  # noqa: E731
    assert step(status="resolved", note="x").status_code == 409
    assert step(status="under_review").status_code == 201
    refused = step(status="resolved")
    assert refused.status_code == 422 and "note" in refused.get_json()["errors"]["json"]
    done = step(status="resolved", note="Agency refunded 60,000 pesos.")
    assert done.status_code == 201 and [e["to_status"] for e in done.get_json()["events"]] == ["received", "under_review", "resolved"]
    assert step(status="under_review").status_code == 409


def test_every_change_is_audited_and_history_rows_are_never_rewritten(client, ph_regulator, make_token):
    agency_with_licence(client, ph_regulator)
    code = file(client).get_json()["code"]
    cid = db.session.query(Complaint).one().id
    client.post(f"/api/v1/complaints/{cid}/events", json={"status": "under_review", "note": "Called the agency."}, headers=ph_regulator)
    actions = [a for (a,) in db.session.query(AuditEntry.action).filter_by(entity_type="complaint")]
    assert actions == ["complaint.create", "complaint.status"]
    assert "+63 917" not in str(db.session.query(AuditEntry.after).filter_by(entity_type="complaint").all())
    assert db.session.query(ComplaintEvent).count() == 2
    assert client.get(f"/api/v1/complaints/{code}").get_json()["status"] == "under_review"
    other = client.post(f"/api/v1/complaints/{cid}/events", json={"note": "x"}, headers=make_token("regulator", "ID"))
    assert other.status_code == 403


def test_the_form_needs_its_csrf_token_and_then_files_and_shows_the_code(client):
    assert client.post("/complaints/new", data={"category": "other"}).status_code == 400
    form = client.get("/complaints/new?agency_name=Kalovaren").get_data(as_text=True)
    key = re.search(r'name="idempotency_key" value="([^"]+)"', form).group(1)
    data = {"csrf_token": csrf_token(form), "idempotency_key": key, "agency_name": "Kalovaren", "country": "PH",
            "category": "passport_retention", "description": "They kept my passport.", "amount": "12,000", "currency": "PHP"}
    sent = client.post("/complaints/new", data=data)
    assert sent.status_code == 303
    page = client.get(sent.headers["Location"]).get_data(as_text=True)
    code = re.search(r'id="tracking-code">([^<]+)<', page).group(1)
    assert "COMPLAINT RECEIVED" in page and code == db.session.query(Complaint).one().code
    assert client.post("/complaints/new", data=data).status_code == 303  # a double submit files nothing new
    assert db.session.query(Complaint).count() == 1
    assert str(db.session.query(Complaint).one().payments[0].amount) == "12000.00"


def test_the_form_shows_field_errors_in_the_workers_language(client):
    client.set_cookie("lang", "vi")
    form = client.get("/complaints/new").get_data(as_text=True)
    response = client.post("/complaints/new", data={"csrf_token": csrf_token(form), "country": "VN"})
    html = response.get_data(as_text=True)
    assert response.status_code == 422 and "Bắt buộc phải điền mục này." in html


RATE_SCRIPT = """
import json
from registry import create_app
from registry.extensions import db
app = create_app({"APP_ENV": "testing", "TESTING": True, "SQLALCHEMY_DATABASE_URI": "sqlite://", "RATELIMIT_ENABLED": True})
with app.app_context():
    db.create_all()
    client = app.test_client()
    body = {"employer_name": "Zorvath Holdings LLC", "category": "other", "country": "NP", "description": "x"}
    out = [client.post("/api/v1/complaints", json=body, environ_base={"REMOTE_ADDR": "203.0.113.7"}).status_code for _ in range(4)]
    out.append(client.post("/api/v1/complaints", json=body, environ_base={"REMOTE_ADDR": "203.0.113.8"}).status_code)
    from registry.complaints.models import Complaint
    out.append(db.session.query(Complaint).count())
print(json.dumps(out))
"""


def test_complaints_are_rate_limited_per_client():
    """In a fresh interpreter, because Flask-Limiter's extension object is process-global."""
    import json
    import os
    import subprocess
    import sys

    result = subprocess.run([sys.executable, "-c", RATE_SCRIPT], capture_output=True, text=True, timeout=60,
                            env={**os.environ, "RATELIMIT_ENABLED": "true"}, cwd=os.getcwd())
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout.strip().splitlines()[-1]) == [201, 201, 201, 429, 201, 4]


def test_a_complaint_naming_an_agency_by_a_near_name_is_linked_when_the_matcher_says_match(client, ph_regulator):
    agency = agency_with_licence(client, ph_regulator)
    response = file(client, agency_licence_no=None, agency_name="Kalovarem Manpower Services")
    assert response.status_code == 201
    complaint = db.session.query(Complaint).one()
    assert complaint.agency_id == agency["id"]


def test_a_complaint_naming_an_agency_by_a_similar_name_queues_a_review_and_same_links_it(client, ph_regulator, make_token):
    agency = agency_with_licence(client, ph_regulator)
    assert file(client, agency_licence_no=None, agency_name="Kalovarin Manpowr Agency").status_code == 201
    complaint = db.session.query(Complaint).one()
    assert complaint.agency_id is None
    queue = client.get("/api/v1/flags?status=open", headers=ph_regulator).get_json()
    assert queue["total"] == 1 and queue["items"][0]["candidate_ref"] == f"agency:{agency['id']}"
    assert client.get("/api/v1/flags", headers=make_token("regulator", "ID")).get_json()["total"] == 0
    decided = client.post(f"/api/v1/flags/{queue['items'][0]['id']}/decision", headers=ph_regulator,
                          json={"decision": "same", "reason": "The worker's receipt carries the licence number."})
    assert decided.status_code == 200
    db.session.expire_all()
    assert db.session.get(Complaint, complaint.id).agency_id == agency["id"]
    standing = client.get(f"/api/v1/agencies/{agency['id']}").get_json()["standing"]
    assert standing["linked_records"] == []  # a complaint is never shown as a public link


def test_a_complaint_naming_an_unlike_agency_is_neither_linked_nor_queued(client, ph_regulator):
    agency_with_licence(client, ph_regulator)
    assert file(client, agency_licence_no=None, agency_name="Zorvath Holdings").status_code == 201
    assert db.session.query(Complaint).one().agency_id is None
    assert client.get("/api/v1/flags", headers=ph_regulator).get_json()["total"] == 0
