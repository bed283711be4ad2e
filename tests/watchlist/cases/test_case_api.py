"""Cases through the API: creation, events through the lifecycle, scope, validation and audit."""
from registry.audit.models import AuditEntry
from registry.extensions import db
from tests.watchlist.helpers import EMPLOYER, ago, create_case, create_subject, event
from watchlist.cases.models import Case, CaseEvent
from watchlist.subjects.models import Subject


def test_case_with_an_inline_foreign_respondent_creates_the_subject(client, ph_regulator):
    case = create_case(client, ph_regulator, [], respondents=[
        {"role": "employer", "subject": {**EMPLOYER, "country": "SA", "external_id": "SA-9"}}])
    assert case["respondents"][0]["country"] == "SA" and case["respondents"][0]["state"] == "filed"
    assert case["status"] == "pending" and case["events"][0]["event"] == "filed"
    actions = {e.action for e in db.session.query(AuditEntry)}
    assert {"subject.create", "case.create"} <= actions


def test_respondent_by_external_id(client, ph_regulator):
    subject = create_subject(client, ph_regulator)
    case = create_case(client, ph_regulator, [], respondents=[{"country": "PH", "external_id": "PH-W-001", "role": "employer"}])
    assert case["respondents"][0]["subject_id"] == subject["id"]


def test_case_number_is_unique_per_jurisdiction_and_authority(client, ph_regulator):
    sid = create_subject(client, ph_regulator)["id"]
    create_case(client, ph_regulator, [sid])
    again = client.post("/api/v1/cases", json={"case_no": "CRIM-T-001", "jurisdiction": "PH", "authority": "Regional Trial Court Branch 7 (test)",
                                               "offences": ["forced_labour"], "filed_on": ago(10),
                                               "respondents": [{"subject_id": sid, "role": "employer"}]}, headers=ph_regulator)
    assert again.status_code == 409
    create_case(client, ph_regulator, [sid], authority="Another Court (test)")


def test_bad_case_input_is_422_naming_fields_and_writes_nothing(client, ph_regulator):
    response = client.post("/api/v1/cases", json={
        "case_no": "X-1", "jurisdiction": "PH", "authority": "Court", "offences": ["smuggling"], "indicators": ["rudeness"],
        "filed_on": "2026-13-01", "respondents": [{"role": "boss", "subject": {**EMPLOYER, "country": "ZZ"}}],
        "victims": {"total": 2, "women": 3, "minors": 5}}, headers=ph_regulator)
    assert response.status_code == 422
    errors = response.get_json()["errors"]["json"]
    assert {"offences", "indicators", "filed_on", "respondents", "victims"} <= set(errors)
    assert set(errors["victims"]) == {"women", "minors"}
    assert db.session.query(Case).count() == 0 and db.session.query(Subject).count() == 0


def test_unknown_respondent_rolls_back_inline_subjects_too(client, ph_regulator):
    response = client.post("/api/v1/cases", json={
        "case_no": "X-2", "jurisdiction": "PH", "authority": "Court", "offences": ["forced_labour"], "filed_on": ago(5),
        "respondents": [{"role": "employer", "subject": EMPLOYER}, {"role": "director", "subject_id": 4242}]}, headers=ph_regulator)
    assert response.status_code == 422 and "respondents.1.subject_id" in response.get_json()["errors"]["json"]
    assert db.session.query(Subject).count() == 0 and db.session.query(AuditEntry).filter_by(entity_type="subject").count() == 0


def test_filing_date_in_the_future_is_422(client, ph_regulator):
    sid = create_subject(client, ph_regulator)["id"]
    response = client.post("/api/v1/cases", json={"case_no": "F", "jurisdiction": "PH", "authority": "C", "offences": ["other"],
                                                  "filed_on": ago(-3), "respondents": [{"subject_id": sid, "role": "employer"}]},
                           headers=ph_regulator)
    assert response.status_code == 422 and "filed_on" in response.get_json()["errors"]["json"]


def test_regulator_cannot_file_or_add_events_in_another_jurisdiction(client, ph_regulator, make_token):
    sid = create_subject(client, ph_regulator)["id"]
    case = create_case(client, ph_regulator, [sid])
    id_regulator = make_token("regulator", "ID")
    response = client.post("/api/v1/cases", json={"case_no": "I-1", "jurisdiction": "PH", "authority": "C", "offences": ["other"],
                                                  "filed_on": ago(3), "respondents": [{"subject_id": sid, "role": "employer"}]},
                           headers=id_regulator)
    assert response.status_code == 403
    assert event(client, id_regulator, case["id"], "prosecuted", 10).status_code == 403
    assert event(client, make_token("verifier", "PH"), case["id"], "prosecuted", 10).status_code == 403
    assert db.session.query(CaseEvent).count() == 1


def test_full_lifecycle_with_sanctions_and_compensation(client, ph_regulator):
    sid = create_subject(client, ph_regulator)["id"]
    cid = create_case(client, ph_regulator, [sid])["id"]
    assert event(client, ph_regulator, cid, "under_investigation", 300).status_code == 201
    assert event(client, ph_regulator, cid, "prosecuted", 250).status_code == 201
    response = event(client, ph_regulator, cid, "convicted", 100, respondent_id=sid, reference="Crim. Case 123",
                     sanctions={"imprisonment_months": 24, "fine": {"amount": "50000.00", "currency": "php"},
                                "debarment_until": None, "debarment_permanent": True},
                     compensation={"ordered": {"amount": "12000.50", "currency": "PHP"}, "paid": {"amount": "0", "currency": "PHP"}})
    assert response.status_code == 201, response.get_json()
    body = response.get_json()
    last = body["events"][-1]
    assert body["status"] == "decided" and body["respondents"][0]["state"] == "convicted"
    assert last["sanctions"]["fine"] == {"amount": "50000.00", "currency": "PHP"} and last["sanctions"]["debarment_permanent"]
    assert last["compensation"]["ordered"] == {"amount": "12000.50", "currency": "PHP"}
    assert event(client, ph_regulator, cid, "appealed", 50, respondent_id=sid).status_code == 201
    assert event(client, ph_regulator, cid, "upheld", 10, respondent_id=sid).get_json()["respondents"][0]["state"] == "convicted"


def test_invalid_transition_is_409_with_a_reason_and_records_nothing(client, ph_regulator):
    sid = create_subject(client, ph_regulator)["id"]
    cid = create_case(client, ph_regulator, [sid])["id"]
    response = event(client, ph_regulator, cid, "convicted", 10, respondent_id=sid)
    assert response.status_code == 409
    assert "filed" in response.get_json()["message"] and "prosecuted" in response.get_json()["message"]
    assert db.session.query(CaseEvent).count() == 1


def test_decision_in_a_case_with_several_respondents_needs_the_respondent(client, ph_regulator):
    a = create_subject(client, ph_regulator)["id"]
    b = create_subject(client, ph_regulator, kind="person", name="Teodora Malvarin", external_id="P-2", other_names=[])["id"]
    cid = create_case(client, ph_regulator, [a, b])["id"]
    assert event(client, ph_regulator, cid, "prosecuted", 50).status_code == 201  # a stage event applies to all
    response = event(client, ph_regulator, cid, "convicted", 10)
    assert response.status_code == 422 and "respondent_id" in response.get_json()["errors"]["json"]
    stranger = create_subject(client, ph_regulator, external_id="P-3")["id"]
    assert event(client, ph_regulator, cid, "convicted", 10, respondent_id=stranger).status_code == 422
    body = event(client, ph_regulator, cid, "acquitted", 10, respondent_id=b).get_json()
    assert {r["subject_id"]: r["state"] for r in body["respondents"]} == {a: "prosecuted", b: "acquitted"}
    assert body["status"] == "pending"


def test_event_dates_must_not_go_backwards_or_into_the_future(client, ph_regulator):
    sid = create_subject(client, ph_regulator)["id"]
    cid = create_case(client, ph_regulator, [sid], filed_days_ago=100)["id"]
    assert event(client, ph_regulator, cid, "prosecuted", 120).status_code == 422  # before filing
    assert event(client, ph_regulator, cid, "prosecuted", -1).status_code == 422  # tomorrow
    assert event(client, ph_regulator, cid, "prosecuted", 50).status_code == 201
    response = event(client, ph_regulator, cid, "convicted", 60)
    assert response.status_code == 422 and "date" in response.get_json()["errors"]["json"]


def test_sanctions_only_on_a_conviction_or_settlement(client, ph_regulator):
    sid = create_subject(client, ph_regulator)["id"]
    cid = create_case(client, ph_regulator, [sid])["id"]
    response = event(client, ph_regulator, cid, "prosecuted", 50, sanctions={"imprisonment_months": 3})
    assert response.status_code == 422 and "sanctions" in response.get_json()["errors"]["json"]
    response = event(client, ph_regulator, cid, "settled", 50, sanctions={"fine": {"amount": "1.234", "currency": "XXQ"}})
    assert response.status_code == 422 and set(response.get_json()["errors"]["json"]["sanctions"]["fine"]) == {"amount", "currency"}
    response = event(client, ph_regulator, cid, "settled", 50, sanctions={"debarment_until": ago(60)})
    assert response.status_code == 422 and "debarment_until" in response.get_json()["errors"]["json"]["sanctions"]
    assert db.session.query(CaseEvent).count() == 1


def test_stale_case_version_is_412(client, ph_regulator):
    sid = create_subject(client, ph_regulator)["id"]
    cid = create_case(client, ph_regulator, [sid])["id"]
    assert event(client, ph_regulator, cid, "prosecuted", 50, version=1).status_code == 201
    assert event(client, ph_regulator, cid, "dismissed", 40, version=1).status_code == 412


def test_case_events_are_audited_with_entity_type_case(client, ph_regulator):
    sid = create_subject(client, ph_regulator)["id"]
    cid = create_case(client, ph_regulator, [sid])["id"]
    event(client, ph_regulator, cid, "prosecuted", 50)
    entries = db.session.query(AuditEntry).filter_by(entity_type="case", entity_id=str(cid)).order_by(AuditEntry.id).all()
    assert [e.action for e in entries] == ["case.create", "case.event"]
    assert entries[1].before["respondents"][0]["state"] == "filed" and entries[1].after["respondents"][0]["state"] == "prosecuted"


def test_cases_are_listed_by_status_and_jurisdiction_for_verifiers(client, ph_regulator, make_token):
    sid = create_subject(client, ph_regulator)["id"]
    open_case = create_case(client, ph_regulator, [sid])["id"]
    closed = create_case(client, ph_regulator, [sid], case_no="CRIM-T-002")["id"]
    event(client, ph_regulator, closed, "withdrawn", 10)
    verifier = make_token("verifier", "AE")
    assert [c["id"] for c in client.get("/api/v1/cases?status=pending", headers=verifier).get_json()["items"]] == [open_case]
    assert [c["id"] for c in client.get("/api/v1/cases?status=withdrawn&country=PH", headers=verifier).get_json()["items"]] == [closed]
    assert client.get("/api/v1/cases?country=SA", headers=verifier).get_json()["total"] == 0
    assert client.get("/api/v1/cases").status_code == 401
    assert client.get(f"/api/v1/cases/{open_case}", headers=verifier).get_json()["notes"] == "INTERNAL-NOTE-do-not-publish"
