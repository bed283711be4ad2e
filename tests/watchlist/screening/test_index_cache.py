"""After a restore or wipe the per-process index reflects the new database, not a patch of the old one."""
from registry.extensions import db
from tests.conftest import _wipe
from tests.registry.factories import act, create_agency, issue_licence


def _revoked(client, headers, name, licence_no):
    agency = create_agency(client, headers, name=name, registration_no=licence_no, other_names=[], officers=[])
    issue_licence(client, headers, agency["id"], licence_no=licence_no)
    act(client, headers, licence_no, action="revoke", reason="Illegal recruitment")
    return agency


def test_after_the_database_is_replaced_screening_sees_only_the_new_records(client, make_token):
    regulator = make_token("regulator", "PH")
    create_agency(client, regulator, name="Clean First Agency Inc.", registration_no="C-0", other_names=[], officers=[])
    _revoked(client, regulator, "Quorvanta Overseas Manpower Inc.", "Q-1")  # agency id 2
    verifier = make_token("verifier", "SA")
    assert client.post("/api/v1/screen", headers=verifier, json={"name": "Quorvanta Overseas Manpower"}).get_json()["results"]
    _wipe()  # as after a restore of another dump: ids start again, more entries than before
    regulator, verifier = make_token("regulator", "PH"), make_token("verifier", "SA")
    for n in range(10):  # audit entries that screen nothing: the new log grows past the old one's length
        make_token("admin", None, name=f"ops {n}")
    _revoked(client, regulator, "Belmundo Staffing Inc.", "B-1")  # agency id 1
    stale = client.post("/api/v1/screen", headers=verifier, json={"name": "Quorvanta Overseas Manpower"}).get_json()["results"]
    fresh = client.post("/api/v1/screen", headers=verifier, json={"name": "Belmundo Staffing"}).get_json()["results"]
    assert not any(r["match"] for r in stale), "records of the replaced database must be gone"
    assert fresh and fresh[0]["match"]
    db.session.remove()
