"""Every write is in the audit log with actor, time, action, before/after and request id; the log cannot be edited."""
import pytest

from registry.audit.models import AuditEntry
from registry.extensions import db
from tests.registry.factories import act, create_agency, issue_licence


def test_every_write_appends_an_audit_entry_with_before_and_after(client, ph_regulator, admin):
    agency = create_agency(client, ph_regulator)
    issue_licence(client, ph_regulator, agency["id"])
    act(client, ph_regulator, "DMW-001-LB", action="suspend", reason="Overcharging")
    client.patch(f"/api/v1/agencies/{agency['id']}", headers=ph_regulator, json={"phone": "+63 2 1111 2222", "version": 1})
    actions = [e["action"] for e in client.get("/api/v1/audit?per_page=100", headers=admin).get_json()["items"]]
    assert {"agency.create", "licence.create", "licence.issue", "licence.suspend", "agency.update"} <= set(actions)
    update = client.get(f"/api/v1/audit?entity_type=agency&entity_id={agency['id']}", headers=admin).get_json()["items"][0]
    assert update["before"]["phone"] == "+63 2 8123 4567" and update["after"]["phone"] == "+63 2 1111 2222"
    assert "regulator/PH" in update["actor"] and update["request_id"] and update["at"]


def test_request_id_from_the_proxy_is_recorded(client, ph_regulator, admin):
    create_agency_response = client.post("/api/v1/agencies", headers={**ph_regulator, "X-Request-ID": "lb-42"},
                                         json={"name": "Audit Probe Inc.", "country": "PH"})
    assert create_agency_response.headers["X-Request-ID"] == "lb-42"
    entry = client.get("/api/v1/audit?entity_type=agency", headers=admin).get_json()["items"][0]
    assert entry["request_id"] == "lb-42"


def test_refused_write_leaves_no_audit_entry(client, ph_regulator, make_token, admin):
    create_agency(client, ph_regulator)
    other_country = make_token("regulator", "ID")
    before = client.get("/api/v1/audit", headers=admin).get_json()["total"]
    client.post("/api/v1/agencies", headers=other_country, json={"name": "X", "country": "PH"})
    assert client.get("/api/v1/audit", headers=admin).get_json()["total"] == before


def test_only_admins_read_the_audit_log(client, ph_regulator):
    assert client.get("/api/v1/audit", headers=ph_regulator).status_code == 403
    assert client.get("/api/v1/audit").status_code == 401


def test_audit_entries_cannot_be_changed_or_deleted(client, ph_regulator):
    create_agency(client, ph_regulator)
    entry = db.session.query(AuditEntry).first()
    entry.action = "tampered"
    with pytest.raises(RuntimeError, match="append-only"):
        db.session.flush()
    db.session.rollback()
    db.session.delete(db.session.query(AuditEntry).first())
    with pytest.raises(RuntimeError, match="append-only"):
        db.session.flush()
