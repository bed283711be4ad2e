"""Stored verifications: the signed public reference, the printable page with its QR code, a verifier's list, bad input."""
import pytest

from registry.extensions import db
from registry.verification.models import Verification
from tests.registry.verification.conftest import OFFER


def tamper(reference: str) -> str:
    """Alter the first character of the signature (the last base64 character may carry only padding bits,
    so changing it can leave the decoded signature, and thus the reference, unchanged)."""
    payload, _, signature = reference.rpartition(".")
    first = signature[0]
    return f"{payload}.{'A' if first != 'A' else 'B'}{signature[1:]}"


def test_the_public_summary_shows_verdict_date_agency_employer_and_position(client, verify, scenario):
    answer = verify().get_json()
    assert answer["links"]["summary"] == f"/api/v1/verifications/{answer['reference']}"
    body = client.get(answer["links"]["summary"]).get_json()
    assert (body["verdict"], body["date"], body["position"]) == ("clear", "2026-11-01", "Household service worker")
    assert body["agency"] == {"name": "Kalovaren Manpower Services Inc.", "country": "PH", "licence_no": "DMW-001-LB"}
    assert body["employer"] == {"name": OFFER["employer"]["name"], "country": "SA"}
    assert "findings" not in body


def test_a_tampered_or_invented_reference_is_404(client, verify, scenario):
    reference = verify().get_json()["reference"]
    for bad in (tamper(reference), "abc", reference.split(".")[0] + ".forged", "x" * 300):
        response = client.get(f"/api/v1/verifications/{bad}")
        assert response.status_code == 404 and response.get_json()["code"] == 404
    assert client.get(f"/verify/{tamper(reference)}").status_code == 404


def test_references_are_unguessable_and_differ_for_the_same_offer(verify, scenario):
    first, second = verify().get_json()["reference"], verify().get_json()["reference"]
    assert first != second and len(first) > 30


def test_the_printable_page_carries_a_local_qr_code_that_opens_it(client, verify, scenario):
    reference = verify(monthly_wage="1400.00").get_json()["reference"]
    page = client.get(f"/verify/{reference}")
    html = page.get_data(as_text=True)
    assert page.status_code == 200 and "<svg" in html and "<script" not in html
    assert f"http://localhost/verify/{reference}" in html and "Rejected" in html
    from registry.verification.pages import qr_svg
    assert str(qr_svg(f"http://localhost/verify/{reference}")) in html  # the QR encodes this page's own address


def test_a_verifier_lists_only_their_own_verifications(client, verify, scenario, make_token, admin):
    other = make_token("verifier", None, name="Another embassy desk")
    verify()
    verify(headers=other, monthly_wage="1400.00")
    mine = client.get("/api/v1/verifications", headers=other).get_json()
    assert mine["total"] == 1 and mine["items"][0]["verdict"] == "reject" and mine["items"][0]["findings"]
    assert client.get("/api/v1/verifications?mine=false", headers=other).status_code == 403
    assert client.get("/api/v1/verifications?mine=false", headers=admin).get_json()["total"] == 2


def test_verifications_are_stored_once_and_never_changed(verify, scenario):
    verify()
    record = db.session.scalars(db.select(Verification)).one()
    record.verdict = "clear" if record.verdict != "clear" else "reject"
    with pytest.raises(RuntimeError):
        db.session.flush()
    db.session.rollback()


def test_every_verification_is_audited(client, verify, scenario, admin):
    verify()
    entry = client.get("/api/v1/audit?entity_type=verification", headers=admin).get_json()["items"][0]
    assert entry["action"] == "verification.create" and entry["after"]["verdict"] == "clear"


def test_only_verifiers_regulators_and_admins_may_verify(client, scenario, ph_regulator):
    assert client.post("/api/v1/job-offers/verify", json=OFFER).status_code == 401
    assert client.post("/api/v1/job-offers/verify", json=OFFER, headers=ph_regulator).status_code == 201
    assert client.get("/api/v1/verifications").status_code == 401


@pytest.mark.parametrize("change, path", [
    ({"agency": {"country": "PH"}}, ("agency", "licence_no")),
    ({"agency": {"country": "XX", "licence_no": "1"}}, ("agency", "country")),
    ({"employer": {"country": "SA"}}, ("employer", "name")),
    ({"monthly_wage": "-5"}, ("monthly_wage",)), ({"currency": "RIYAL"}, ("currency",)),
    ({"sector": "mining"}, ("sector",)), ({"destination": None}, ("destination",)),
    ({"charges": [{"category": "placement_fee", "amount": "x", "currency": "PHP"}]}, ("charges", "0", "amount")),
    ({"date": "yesterday"}, ("date",)),
])
def test_bad_input_is_a_422_naming_the_field_and_stores_nothing(client, verify, scenario, change, path):
    response = verify(**change)
    assert response.status_code == 422
    errors = response.get_json()["errors"]["json"]
    for key in path:
        errors = errors[key]
    assert errors and db.session.scalar(db.select(db.func.count(Verification.id))) == 0
