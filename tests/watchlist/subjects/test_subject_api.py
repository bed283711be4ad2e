"""Subjects through the API: create, validate, scope, version and audit."""
from registry.audit.models import AuditEntry
from registry.extensions import db
from tests.watchlist.helpers import EMPLOYER, create_case, create_subject
from watchlist.subjects.models import Subject


def test_regulator_creates_subject_with_names_identifiers_and_contacts(client, ph_regulator):
    body = create_subject(client, ph_regulator, other_names=["Vellamar Builders", {"name": "ベラマー", "kind": "native_script"}],
                          tax_no="TIN 123-456", id_numbers=[{"kind": "national_id", "value": "NID-99"}])
    assert body["standing"] == "none" and body["version"] == 1
    assert {(n["name"], n["kind"]) for n in body["other_names"]} == {("Vellamar Builders", "alias"), ("ベラマー", "native_script")}
    assert body["registration_no"] == "CR-4455-01" and body["tax_no"] == "TIN 123-456"
    assert body["id_numbers"] == [{"kind": "national_id", "value": "NID-99"}]
    subject = db.session.get(Subject, body["id"])
    assert {i.normalised for i in subject.identifiers} >= {"CR445501", "TIN123456"}


def test_bad_subject_input_is_422_naming_each_field_and_writes_nothing(client, ph_regulator):
    response = client.post("/api/v1/subjects", json={**EMPLOYER, "kind": "company", "country": "XX",
                                                      "other_names": [{"name": "A", "kind": "nickname"}]}, headers=ph_regulator)
    assert response.status_code == 422
    errors = response.get_json()["errors"]["json"]
    assert {"kind", "country", "other_names"} <= set(errors)
    assert db.session.query(Subject).count() == 0


def test_external_id_is_unique_per_country(client, ph_regulator, admin):
    create_subject(client, ph_regulator)
    assert client.post("/api/v1/subjects", json=EMPLOYER, headers=ph_regulator).status_code == 409
    create_subject(client, admin, country="SA")  # same external_id in another country is a different subject


def test_regulator_cannot_create_or_change_subjects_of_another_country(client, make_token, ph_regulator):
    sa_subject = create_subject(client, make_token("admin", None), country="SA", external_id="SA-1")
    assert client.post("/api/v1/subjects", json={**EMPLOYER, "country": "SA"}, headers=ph_regulator).status_code == 403
    response = client.patch(f"/api/v1/subjects/{sa_subject['id']}", json={"name": "Other", "version": 1}, headers=ph_regulator)
    assert response.status_code == 403


def test_regulator_may_edit_foreign_subject_that_is_a_respondent_in_its_case(client, ph_regulator):
    case = create_case(client, ph_regulator, [], respondents=[{"role": "employer", "subject": {**EMPLOYER, "country": "SA"}}])
    sid = case["respondents"][0]["subject_id"]
    response = client.patch(f"/api/v1/subjects/{sid}", json={"phones": ["+966 11 555 0000"], "version": 1}, headers=ph_regulator)
    assert response.status_code == 200, response.get_json()


def test_naming_a_subject_as_respondent_in_a_throwaway_case_grants_no_write_access(client, admin, make_token):
    sa_subject = create_subject(client, admin, country="SA", external_id="SA-1")
    id_regulator = make_token("regulator", "ID")
    create_case(client, id_regulator, [sa_subject["id"]], jurisdiction="ID")
    response = client.patch(f"/api/v1/subjects/{sa_subject['id']}", json={"phones": ["+62 0"], "version": 1}, headers=id_regulator)
    assert response.status_code == 403
    assert client.get(f"/api/v1/subjects/{sa_subject['id']}", headers=admin).get_json()["jurisdiction"] == "SA"


def test_a_subject_can_only_be_linked_to_an_agency_of_the_writers_jurisdiction(client, ph_regulator, make_token):
    from tests.registry.factories import create_agency
    ph_agency = create_agency(client, ph_regulator)
    id_regulator = make_token("regulator", "ID")
    body = {**EMPLOYER, "country": "ID", "external_id": "ID-1"}
    assert client.post("/api/v1/subjects", json={**body, "agency_id": ph_agency["id"]}, headers=id_regulator).status_code == 403
    sid = create_subject(client, id_regulator, **body)["id"]
    response = client.patch(f"/api/v1/subjects/{sid}", json={"agency_id": ph_agency["id"], "version": 1}, headers=id_regulator)
    assert response.status_code == 403
    assert db.session.get(Subject, sid).agency_id is None
    assert client.patch(f"/api/v1/subjects/{sid}", json={"agency_id": ph_agency["id"], "version": 1},
                        headers=ph_regulator).status_code == 403  # nor may PH write a subject of ID's that is not linked


def test_verifier_cannot_write_subjects(client, make_token):
    assert client.post("/api/v1/subjects", json=EMPLOYER, headers=make_token("verifier", "PH")).status_code == 403


def test_stale_version_is_refused_with_412_and_changes_nothing(client, ph_regulator):
    sid = create_subject(client, ph_regulator)["id"]
    assert client.patch(f"/api/v1/subjects/{sid}", json={"name": "First Change", "version": 1}, headers=ph_regulator).status_code == 200
    stale = client.patch(f"/api/v1/subjects/{sid}", json={"name": "Second Change", "version": 1}, headers=ph_regulator)
    assert stale.status_code == 412
    assert client.get(f"/api/v1/subjects/{sid}", headers=ph_regulator).get_json()["name"] == "First Change"


def test_update_without_version_asks_for_it(client, ph_regulator):
    sid = create_subject(client, ph_regulator)["id"]
    response = client.patch(f"/api/v1/subjects/{sid}", json={"name": "X Co"}, headers=ph_regulator)
    assert response.status_code == 428 and "version" in response.get_json()["errors"]["json"]


def test_renamed_subject_keeps_its_old_name_as_former(client, ph_regulator):
    sid = create_subject(client, ph_regulator)["id"]
    body = client.patch(f"/api/v1/subjects/{sid}", json={"name": "Vellamar Holdings Est."},
                        headers={**ph_regulator, "If-Match": '"1"'}).get_json()
    assert {"name": EMPLOYER["name"], "kind": "former"} in body["other_names"]
    assert body["version"] == 2


def test_person_is_linked_as_officer_of_an_organisation(client, ph_regulator):
    org = create_subject(client, ph_regulator)
    person = create_subject(client, ph_regulator, kind="person", name="Teodora Malvarin", external_id="PH-P-1",
                            other_names=[], officer_of=[{"subject_id": org["id"], "role": "owner"}])
    assert person["officer_of"] == [{"subject_id": org["id"], "name": org["name"], "role": "owner"}]
    assert client.get(f"/api/v1/subjects/{org['id']}", headers=ph_regulator).get_json()["officers"][0]["name"] == "Teodora Malvarin"


def test_organisation_cannot_be_an_officer(client, ph_regulator):
    org = create_subject(client, ph_regulator)
    response = client.post("/api/v1/subjects", json={**EMPLOYER, "external_id": "2", "officer_of": [{"subject_id": org["id"]}]},
                           headers=ph_regulator)
    assert response.status_code == 422 and "officer_of" in response.get_json()["errors"]["json"]


def test_subject_writes_are_audited_with_entity_type_subject(client, ph_regulator):
    sid = create_subject(client, ph_regulator)["id"]
    client.patch(f"/api/v1/subjects/{sid}", json={"name": "Renamed Est.", "version": 1}, headers=ph_regulator)
    entries = db.session.query(AuditEntry).filter_by(entity_type="subject", entity_id=str(sid)).order_by(AuditEntry.id).all()
    assert [e.action for e in entries] == ["subject.create", "subject.update"]
    assert entries[1].before["name"] == EMPLOYER["name"] and entries[1].after["name"] == "Renamed Est."


def test_unknown_agency_link_is_422(client, ph_regulator):
    response = client.post("/api/v1/subjects", json={**EMPLOYER, "agency_id": 999}, headers=ph_regulator)
    assert response.status_code == 422 and "agency_id" in response.get_json()["errors"]["json"]


def test_external_id_taken_by_a_concurrent_write_is_409_not_500(client, ph_regulator, monkeypatch):
    from watchlist.subjects import service

    create_subject(client, ph_regulator)
    monkeypatch.setattr(service, "_check_external_id", lambda *args, **kwargs: None)  # as if both checked before either wrote
    response = client.post("/api/v1/subjects", json=EMPLOYER, headers=ph_regulator)
    assert response.status_code == 409 and db.session.query(Subject).count() == 1


def test_patch_with_another_subjects_external_id_is_409_naming_the_field_and_changes_nothing(client, ph_regulator):
    create_subject(client, ph_regulator)
    other = create_subject(client, ph_regulator, external_id="PH-W-002", name="Tavimor Sendrak Holdings")
    response = client.patch(f"/api/v1/subjects/{other['id']}", json={"external_id": "PH-W-001", "name": "Renamed",
                                                                      "version": other["version"]}, headers=ph_regulator)
    assert response.status_code == 409 and "external_id" in response.get_json()["errors"]["json"]
    after = client.get(f"/api/v1/subjects/{other['id']}", headers=ph_regulator).get_json()
    assert after["external_id"] == "PH-W-002" and after["name"] == "Tavimor Sendrak Holdings"
