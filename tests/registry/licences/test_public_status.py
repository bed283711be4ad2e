"""The stored public status and the one-statement licence check agree with the history replay, for every licence."""
import json
from datetime import date, timedelta

import pytest
from sqlalchemy import select

from registry.extensions import db
from registry.licences import public, service
from registry.licences.models import Licence
from registry.licences.schemas import LicencePublicSchema
from tests.registry.factories import act, create_agency, issue_licence

TODAY = date.today()
LATER = (TODAY + timedelta(days=40), TODAY + timedelta(days=400), TODAY + timedelta(days=5000))


def _licence(client, headers, number, **overrides):
    agency = create_agency(client, headers, name=f"Agency {number} Manpower Inc.", registration_no=f"REG-{number}")
    return issue_licence(client, headers, agency["id"], licence_no=number, **overrides)


def _every_kind_of_action(client, headers):
    """One licence after each kind of action (and the dated cases: a suspension that ends, one that does not)."""
    soon = (TODAY + timedelta(days=30)).isoformat()
    _licence(client, headers, "L-PENDING", pending=True)
    _licence(client, headers, "L-ISSUED")
    _licence(client, headers, "L-EXPIRED", issued_on="2020-01-01", expires_on="2021-01-01")
    _licence(client, headers, "L-RENEWED", issued_on="2020-01-01", expires_on="2021-01-01")
    _licence(client, headers, "L-SUSP-UNTIL")
    _licence(client, headers, "L-SUSP-OPEN")
    _licence(client, headers, "L-SUSP-LAPSED", issued_on="2024-01-01", expires_on="2099-01-01")
    _licence(client, headers, "L-REINSTATED")
    for number in ("L-REVOKED", "L-CANCELLED", "L-SURRENDERED", "L-PENDING-ISSUED", "L-EXPIRES-SOON"):
        _licence(client, headers, number, pending=number == "L-PENDING-ISSUED",
                 expires_on=(TODAY + timedelta(days=10)).isoformat() if number == "L-EXPIRES-SOON" else "2029-01-14")
    steps = [("L-RENEWED", {"action": "renew", "expires_on": "2099-01-01"}),
             ("L-SUSP-UNTIL", {"action": "suspend", "reason": "Overcharging", "until": soon}),
             ("L-SUSP-OPEN", {"action": "suspend", "reason": "Overcharging"}),
             ("L-SUSP-LAPSED", {"action": "suspend", "reason": "Overcharging", "effective_on": "2025-01-01",
                                "until": "2025-03-01"}),
             ("L-REINSTATED", {"action": "suspend", "reason": "Overcharging"}),
             ("L-REINSTATED", {"action": "reinstate", "reason": "Refunds paid"}),
             ("L-PENDING-ISSUED", {"action": "issue", "expires_on": "2029-01-14"}),
             ("L-CANCELLED", {"action": "cancel", "reason": "Closed by the regulator"}),
             ("L-SURRENDERED", {"action": "surrender"}),
             # last: the factory's agencies share an officer, and a ban refuses licences to agencies of banned officers
             ("L-REVOKED", {"action": "revoke", "reason": "Fraud", "ban": True})]
    for number, body in steps:
        assert act(client, headers, number, **body).status_code == 201, number


def _licences():
    db.session.expire_all()
    return db.session.scalars(select(Licence).order_by(Licence.id)).all()


def test_stored_public_status_equals_the_replay_for_every_licence_today_and_as_time_passes(client, ph_regulator):
    _every_kind_of_action(client, ph_regulator)
    licences = _licences()
    assert len(licences) == 13
    for licence in licences:
        for on in (TODAY, *LATER):
            replayed = service.status_as_of(licence, on).status
            assert public.status_on(licence.public_status, licence.expires_on, licence.suspended_until, on) == replayed, (
                licence.licence_no, on)
    statuses = {lic.licence_no: public.status_on(lic.public_status, lic.expires_on, lic.suspended_until, TODAY)
                for lic in licences}
    assert statuses["L-SUSP-LAPSED"] == "valid" and statuses["L-SUSP-UNTIL"] == "suspended"
    assert statuses["L-EXPIRED"] == "expired" and statuses["L-RENEWED"] == "valid"


def test_suspension_with_an_end_date_lapses_and_a_licence_expires_without_any_action(client, ph_regulator):
    _every_kind_of_action(client, ph_regulator)
    by_no = {lic.licence_no: lic for lic in _licences()}
    until = by_no["L-SUSP-UNTIL"]
    assert public.status_on(until.public_status, until.expires_on, until.suspended_until, until.suspended_until) == "valid"
    soon = by_no["L-EXPIRES-SOON"]
    assert public.status_on(soon.public_status, soon.expires_on, None, soon.expires_on + timedelta(days=1)) == "expired"


def test_public_licence_check_answers_what_the_replay_and_schema_answer_for_every_licence(client, ph_regulator):
    _every_kind_of_action(client, ph_regulator)
    schema = LicencePublicSchema()
    for licence in _licences():
        expected = json.loads(schema.dumps(service.licence_as_of(licence, TODAY)))
        response = client.get(f"/api/v1/licences/PH/{licence.licence_no}")
        assert response.status_code == 200
        assert response.get_json() == expected, licence.licence_no
        assert response.headers["ETag"] == f'"{licence.version}"'
        assert response.headers["Content-Security-Policy"] and response.headers["X-Content-Type-Options"] == "nosniff"


@pytest.mark.parametrize("kind", ["revoke", "suspend"])
def test_licence_check_shows_an_action_at_once(client, ph_regulator, kind):
    _licence(client, ph_regulator, "L-1")
    assert client.get("/api/v1/licences/PH/L-1").get_json()["status"] == "valid"
    act(client, ph_regulator, "L-1", action=kind, reason="Fraud")
    body = client.get("/api/v1/licences/PH/L-1").get_json()
    assert body["status"] == {"revoke": "revoked", "suspend": "suspended"}[kind] and body["valid"] is False
    assert [h["action"] for h in body["history"]] == ["issue", kind]
