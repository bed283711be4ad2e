"""Every verification finding and the verdict it leads to."""
import pytest

from registry.verification.findings import verdict
from tests.registry.factories import act
from tests.registry.verification.conftest import OFFER, codes


def test_a_clean_offer_is_clear(verify, scenario):
    response = verify()
    found = codes(response)
    assert response.get_json()["verdict"] == "clear"
    assert {"licence_valid", "employer_accredited", "job_order_matches"} <= set(found)
    assert all(f["severity"] == "info" for f in found.values())


def test_an_unknown_licence_is_critical(verify, scenario):
    response = verify(agency={"country": "PH", "licence_no": "DMW-999-XX"})
    assert "licence_not_found" in codes(response) and response.get_json()["verdict"] == "reject"


def test_the_agency_can_be_named_instead_of_its_licence(verify, scenario):
    found = codes(verify(agency={"country": "PH", "name": "KALOVAREN Manpower Services, Inc"}))
    assert found["licence_valid"]["evidence"]["licence_no"] == "DMW-001-LB"


@pytest.mark.parametrize("action, code", [("suspend", "licence_suspended"), ("revoke", "licence_revoked"),
                                          ("cancel", "licence_cancelled"), ("surrender", "licence_surrendered")])
def test_a_licence_that_is_not_valid_on_the_date_is_critical(client, ph_regulator, verify, scenario, action, code):
    assert act(client, ph_regulator, "DMW-001-LB", action=action, effective_on="2026-01-10",
               reason="Demo reason.").status_code == 201
    response = verify()
    assert codes(response)[code]["severity"] == "critical" and response.get_json()["verdict"] == "reject"


def test_an_expired_licence_is_critical(verify, scenario):
    found = codes(verify(date="2029-02-01"))
    assert found["licence_expired"]["severity"] == "critical"


def test_a_pending_licence_is_critical(client, ph_regulator, verify, scenario):
    from tests.registry.factories import create_agency, issue_licence
    agency = create_agency(client, ph_regulator, name="Pending Demo Placement Inc.", registration_no="PH-REG-0777")
    issue_licence(client, ph_regulator, agency["id"], licence_no="DMW-777-LB", pending=True)
    assert "licence_pending" in codes(verify(agency={"country": "PH", "licence_no": "DMW-777-LB"}))


def test_a_destination_the_licence_does_not_authorise_is_critical(verify, scenario):
    found = codes(verify(destination="QA", charges=[]))
    assert found["destination_not_authorised"]["evidence"]["authorised"] == ["SA", "AE"]


def test_an_employer_not_accredited_with_the_agency_is_critical(verify, scenario):
    found = codes(verify(employer={"name": "Demo Desert Palms Trading Est.", "country": "SA"}))
    assert found["employer_not_accredited"]["severity"] == "critical"


def test_the_employer_is_recognised_by_registration_number_under_another_spelling(verify, scenario):
    assert "employer_accredited" in codes(verify(employer={"name": "Qasr Al-Marjan Services", "country": "SA",
                                                           "registration_no": "sa cr 7781234"}))


def test_a_suspended_accreditation_is_critical(client, ph_regulator, verify, scenario):
    client.post(f"/api/v1/accreditations/{scenario['accreditation']['id']}/actions", headers=ph_regulator,
                json={"action": "suspend", "effective_on": "2026-05-01", "reason": "Unpaid wages."})
    assert codes(verify())["employer_accreditation_suspended"]["severity"] == "critical"


def test_no_job_order_for_the_position_is_a_warning(verify, scenario):
    response = verify(position="Private driver", sector="any", charges=[])
    assert codes(response)["no_job_order"]["severity"] == "warning" and response.get_json()["verdict"] == "caution"


def test_a_wage_below_the_job_order_is_critical(verify, scenario):
    found = codes(verify(monthly_wage="1400.00"))
    assert found["wage_below_job_order"]["evidence"]["approved_wage"] == "1500.00"


def test_a_wage_in_another_currency_is_compared_at_the_published_rate(client, ph_regulator, verify, scenario):
    client.post("/api/v1/exchange-rates", headers=ph_regulator, json={"base": "USD", "quote": "SAR", "rate": "3.75", "date": "2026-01-01"})
    assert "job_order_matches" in codes(verify(monthly_wage="400.00", currency="USD", charges=[]))
    assert "wage_below_job_order" in codes(verify(monthly_wage="399.00", currency="USD", charges=[]))
    assert "wage_not_compared" in codes(verify(monthly_wage="400.00", currency="EUR", charges=[]))


def test_an_agency_with_a_past_suspension_gets_a_warning(client, ph_regulator, verify, scenario):
    act(client, ph_regulator, "DMW-001-LB", action="suspend", effective_on="2025-05-01", reason="Overcharging.")
    act(client, ph_regulator, "DMW-001-LB", action="reinstate", effective_on="2025-07-01")
    response = verify()
    assert codes(response)["agency_adverse_history"]["evidence"]["standing"] == "licence_suspended"
    assert response.get_json()["verdict"] == "caution"


def test_a_prohibited_charge_is_critical_with_its_excess(client, ph_regulator, verify, scenario):
    client.post("/api/v1/fee-ceilings", headers=ph_regulator, json={
        "side": "origin", "origin": "PH", "sector": "domestic_work", "category": "placement_fee", "payer": "employer",
        "cap_kind": "zero", "citation": "2016 POEA Rules, Section 51 (demo)", "effective_from": "2016-03-01"})
    found = codes(verify(charges=[{"category": "placement_fee", "amount": "5000.00", "currency": "PHP"}]))
    assert found["charge_prohibited"]["evidence"]["excess"] == "5000.00"


def test_a_charge_over_the_cap_is_critical_with_its_excess(client, ph_regulator, verify, scenario):
    client.post("/api/v1/fee-ceilings", headers=ph_regulator, json={
        "side": "origin", "origin": "PH", "category": "placement_fee", "payer": "worker", "cap_kind": "salary_multiple",
        "multiple": "1", "citation": "2016 POEA Rules, Section 51 (demo)", "effective_from": "2016-03-01"})
    found = codes(verify(sector="construction", position="Household service worker",
                         charges=[{"category": "placement_fee", "amount": "2000.00", "currency": "SAR"}]))
    assert (found["charge_over_cap"]["evidence"]["cap"], found["charge_over_cap"]["evidence"]["excess"]) == ("1500.00", "500.00")


def test_charges_that_cannot_be_converted_are_a_warning_not_an_error(client, ph_regulator, verify, scenario):
    client.post("/api/v1/fee-ceilings", headers=ph_regulator, json={
        "side": "origin", "origin": "PH", "category": "placement_fee", "payer": "worker", "cap_kind": "salary_multiple",
        "multiple": "1", "citation": "demo", "effective_from": "2016-03-01"})
    assert "charges_not_checked" in codes(verify(sector="construction", charges=[
        {"category": "placement_fee", "amount": "2000.00", "currency": "PHP"}]))


@pytest.mark.parametrize("standing, match, severity, expected", [
    ("convicted", True, "critical", "reject"), ("debarred", True, "critical", "reject"),
    ("pending", True, "warning", "caution"), ("convicted", False, "warning", "caution"), ("none", True, None, "clear")])
def test_a_watchlist_match_of_the_employer_sets_the_verdict_by_standing(monkeypatch, verify, scenario, standing, match,
                                                                          severity, expected):
    def fake_screen_one(item, limit=5):
        if item["kind"] != "organisation" or item["country"] != "SA":
            return []
        return [{"source": "watchlist", "subject_id": 4242, "agency_id": None, "name": "Kasr Al Marjan Services",
                 "matched_name": "Kasr Al Marjan Services", "score": 93.0, "match": match, "review": not match,
                 "standing": standing, "explanation": {"rule": "names share all tokens"}}]
    monkeypatch.setattr("watchlist.screening.service.screen_one", fake_screen_one)
    response = verify()
    found = codes(response)
    assert response.get_json()["verdict"] == expected
    if severity:
        assert found["employer_watchlist_match"]["severity"] == severity
        assert found["employer_watchlist_match"]["evidence"]["explanation"] == {"rule": "names share all tokens"}
    else:
        assert "employer_watchlist_match" not in found


def test_an_agency_that_looks_like_a_revoked_agency_gets_a_finding_with_the_explanation(monkeypatch, verify, scenario):
    def fake_screen_one(item, limit=5):
        if item["kind"] != "organisation" or item["country"] != "PH":
            return []
        return [{"source": "registry", "subject_id": None, "agency_id": 987654, "name": "Kalovaren Manpower Svcs Corp.",
                 "matched_name": "Kalovaren Manpower Svcs Corp.", "score": 91.5, "match": True, "review": False,
                 "standing": "licence_revoked", "explanation": {"same_phone": True}}]
    monkeypatch.setattr("watchlist.screening.service.screen_one", fake_screen_one)
    found = codes(verify())
    assert found["agency_watchlist_match"]["severity"] == "critical"
    assert found["agency_watchlist_match"]["evidence"]["explanation"] == {"same_phone": True}


def test_an_officer_of_a_banned_agency_is_flagged(client, ph_regulator, verify, scenario):
    from tests.registry.factories import create_agency, issue_licence
    other = create_agency(client, ph_regulator, name="Velmora Demo Overseas Inc.", registration_no="PH-REG-0555",
                          officers=[{"name": "Rosalind Quibranza", "role": "director"}], phone="+63 2 8555 0000",
                          email="x@velmora.example", website="https://velmora.example", address="1 Other Street, Manila")
    issue_licence(client, ph_regulator, other["id"], licence_no="DMW-555-LB", issued_on="2023-01-15")
    act(client, ph_regulator, "DMW-555-LB", action="revoke", effective_on="2024-01-10", ban=True, reason="Trafficking.")
    found = codes(verify())
    assert found["officer_watchlist_match"]["evidence"]["standing"] == "banned"
    assert found["officer_watchlist_match"]["severity"] == "critical"


def test_the_verdict_is_reject_for_any_critical_and_caution_for_any_warning():
    info, warning, critical = ({"severity": s} for s in ("info", "warning", "critical"))
    assert [verdict([]), verdict([info]), verdict([info, warning]), verdict([warning, critical])] == \
           ["clear", "clear", "caution", "reject"]


def test_findings_are_listed_most_severe_first(verify, scenario):
    severities = [f["severity"] for f in verify(monthly_wage="1400.00", position="Household service worker").get_json()["findings"]]
    order = {"critical": 0, "warning": 1, "info": 2}
    assert severities == sorted(severities, key=order.get)
    assert OFFER["position"] == "Household service worker"
