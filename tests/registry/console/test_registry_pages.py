"""Console agencies, licences and complaints: the same services and messages as the API, CSRF on every form, audit per record."""
import re

from registry.audit.models import AuditEntry
from registry.complaints.models import Complaint
from registry.extensions import db
from tests.registry.console.helpers import form_token, login, make_user
from tests.registry.portal.helpers import agency_with_licence, status_box


def _flashes(html):
    return re.findall(r'<p class="(?:notice|alert)" role="(?:status|alert)">([^<]+)</p>', html)


def test_regulator_revokes_a_licence_and_the_public_page_then_says_revoked(client, ph_regulator):
    agency = agency_with_licence(client, ph_regulator)
    make_user()
    login(client)
    token = form_token(client, f"/console/agencies/{agency['id']}")
    page = client.post("/console/licences/PH/DMW-001-LB/actions", follow_redirects=True, data={
        "csrf_token": token, "action": "revoke", "reason": "Passports retained.", "agency_id": agency["id"]})
    assert "Recorded &#39;revoke&#39; on licence DMW-001-LB: it is now revoked." in _flashes(page.get_data(as_text=True))
    assert status_box(client.get(f"/agencies/{agency['id']}").get_data(as_text=True))[0] == "REVOKED"
    entry = db.session.query(AuditEntry).filter_by(action="licence.revoke").one()
    assert entry.user_id is not None and entry.actor.startswith("desk@dmw.example")


def test_console_refuses_an_action_without_its_csrf_token(client, ph_regulator):
    agency_with_licence(client, ph_regulator)
    make_user()
    login(client)
    response = client.post("/console/licences/PH/DMW-001-LB/actions", data={"action": "revoke", "reason": "x"})
    assert response.status_code == 400
    assert "This form has expired or was not sent from this site." in response.get_data(as_text=True)
    assert db.session.query(AuditEntry).filter_by(action="licence.revoke").count() == 0


def test_console_gives_the_same_refusals_as_the_api(client, ph_regulator):
    agency = agency_with_licence(client, ph_regulator)
    make_user()
    login(client)
    token = form_token(client, f"/console/agencies/{agency['id']}")
    post = lambda **data: _flashes(client.post("/console/licences/PH/DMW-001-LB/actions", follow_redirects=True,  # noqa: E731
                                               data={"csrf_token": token, "agency_id": agency["id"], **data}).get_data(as_text=True))
    assert "reason: Give the reason; workers and the agency will read it." in post(action="suspend")
    api = client.post("/api/v1/licences/PH/DMW-001-LB/actions", json={"action": "reinstate"}, headers=ph_regulator).get_json()
    assert api["message"] in post(action="reinstate")


def test_a_regulator_cannot_act_on_another_countrys_licence(client, ph_regulator):
    agency = agency_with_licence(client, ph_regulator)
    make_user(email="desk@bp2mi.example", country="ID")
    login(client, email="desk@bp2mi.example")
    assert "Record an action" not in client.get(f"/console/agencies/{agency['id']}").get_data(as_text=True)
    token = form_token(client, "/console/agencies")
    flashes = _flashes(client.post("/console/licences/PH/DMW-001-LB/actions", follow_redirects=True, data={
        "csrf_token": token, "action": "revoke", "reason": "x", "agency_id": agency["id"]}).get_data(as_text=True))
    assert any("may not write records of PH" in f for f in flashes)


def test_regulator_registers_an_agency_and_sees_its_audit_trail(client):
    make_user()
    login(client)
    token = form_token(client, "/console/agencies/new")
    bad = client.post("/console/agencies/new", data={"csrf_token": token, "country": "PH"})
    assert bad.status_code == 422 and "name" in bad.get_data(as_text=True)
    response = client.post("/console/agencies/new", data={
        "csrf_token": token, "name": "Tarovel Placement Inc.", "country": "PH", "other_names": "Tarovel Travel",
        "officers": "Mirasol Dantaroy (owner)\nBenito Kalaw"})
    assert response.status_code == 302
    agency_page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "Mirasol Dantaroy (owner" in agency_page and "Tarovel Travel (trade)" in agency_page
    agency_id = response.headers["Location"].rsplit("/", 1)[1]
    trail = client.get(f"/console/audit/agency/{agency_id}").get_data(as_text=True)
    assert "agency.create" in trail and "desk@dmw.example" in trail


def test_complaint_triage_moves_a_complaint_and_keeps_its_history(client, ph_regulator):
    agency_with_licence(client, ph_regulator)
    client.post("/api/v1/complaints", json={"agency_licence_no": "DMW-001-LB", "category": "unpaid_wages",
                                            "country": "PH", "description": "Three months unpaid.", "contact": "+63 917 1"})
    make_user()
    login(client)
    queue = client.get("/console/complaints").get_data(as_text=True)
    cid = re.search(r'/console/complaints/(\d+)"', queue).group(1)
    page = client.get(f"/console/complaints/{cid}").get_data(as_text=True)
    assert "+63 917 1" in page and "Three months unpaid." in page
    token = form_token(client, f"/console/complaints/{cid}")
    done = client.post(f"/console/complaints/{cid}/events", follow_redirects=True,
                       data={"csrf_token": token, "status": "under_review", "note": "Called the employer."}).get_data(as_text=True)
    assert f"Complaint {cid} is now under_review." in _flashes(done) and "Called the employer." in done
    refused = client.post(f"/console/complaints/{cid}/events", follow_redirects=True,
                          data={"csrf_token": token, "status": "received"}).get_data(as_text=True)
    assert "A complaint that is under_review can move to referred, resolved, dismissed, not received." in _flashes(refused)


def test_only_regulators_of_the_records_jurisdiction_and_admins_read_its_audit_trail(client, ph_regulator):
    agency = agency_with_licence(client, ph_regulator)
    client.post("/api/v1/complaints", json={"agency_licence_no": "DMW-001-LB", "category": "unpaid_wages",
                                            "country": "PH", "description": "Three months unpaid.", "contact": "+63 917 1"})
    complaint_id = db.session.query(Complaint).one().id
    client.post(f"/api/v1/complaints/{complaint_id}/events", headers=ph_regulator,
                json={"status": "under_review", "note": "Worker hiding at the embassy shelter."})
    trails = [f"/console/audit/complaint/{complaint_id}", f"/console/audit/agency/{agency['id']}"]
    private = ("Worker hiding at the embassy shelter.", "P1234567")
    for email, role, country in (("check@embassy.example", "verifier", "SA"), ("desk@bp2mi.example", "regulator", "ID")):
        make_user(email=email, role=role, country=country)
        login(client, email=email)
        for path in trails:
            response = client.get(path)
            assert response.status_code == 403, (email, path)
            assert not any(p in response.get_data(as_text=True) for p in private)
        client.post("/console/logout", data={"csrf_token": form_token(client, "/console/")})
    assert client.get("/console/audit/complaint/999999").status_code in (302, 404)
    make_user()
    login(client)
    pages = [client.get(path).get_data(as_text=True) for path in trails]
    assert private[0] in pages[0] and private[1] in pages[1]
    assert client.get("/console/audit/complaint/999999").status_code == 404


def test_the_console_shows_a_banned_agency_and_offers_only_an_explicit_override(client, ph_regulator):
    agency = agency_with_licence(client, ph_regulator)
    client.post("/api/v1/licences/PH/DMW-001-LB/actions", headers=ph_regulator,
                json={"action": "revoke", "reason": "Passports retained.", "ban": True})
    make_user()
    login(client)
    page = client.get(f"/console/agencies/{agency['id']}").get_data(as_text=True)
    assert "BANNED since" in page and 'name="override"' in page
    assert "<strong>banned</strong>" in client.get("/console/agencies?q=Kalovaren").get_data(as_text=True)
    token = form_token(client, f"/console/agencies/{agency['id']}")
    issue = {"csrf_token": token, "licence_no": "DMW-002-LB", "authority": "DMW", "scope": "land_based", "expires_on": "2030-01-01"}
    refused = _flashes(client.post(f"/console/agencies/{agency['id']}/licences", data=issue, follow_redirects=True).get_data(as_text=True))
    assert any("banned" in f for f in refused)
    client.post(f"/console/agencies/{agency['id']}/licences", data={**issue, "override": "yes", "override_reason": "Court order 7."})
    assert db.session.query(AuditEntry).filter_by(action="licence.override").count() == 1
