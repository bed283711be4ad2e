"""Publishing and changing fee rules: versions by date, scope, audit, listing in plain words, exchange rates."""
from datetime import date

from tests.registry.fees.helpers import PH_RULE, SG_RULE, fee_check, post_rule


def patch(client, headers, rule_id, **body):
    return client.patch(f"/api/v1/fee-ceilings/{rule_id}", json=body, headers=headers)


def test_a_change_is_a_new_version_and_the_old_one_is_closed_not_overwritten(client, ph_regulator):
    rule = post_rule(client, ph_regulator)
    response = patch(client, ph_regulator, rule["id"], version=1, multiple="0.5", effective_from="2026-06-01",
                     citation="Amended rule (demo)")
    assert response.status_code == 200, response.get_json()
    body = response.get_json()
    assert body["version"] == 2 and body["multiple"] == "0.5"
    first, second = body["versions"]
    assert (first["multiple"], first["effective_from"], first["effective_to"]) == ("1", "2016-03-01", "2026-05-31")
    assert (second["effective_from"], second["effective_to"], second["citation"]) == ("2026-06-01", None, "Amended rule (demo)")


def test_a_change_that_leaves_the_cap_out_keeps_the_current_cap(client, ph_regulator):
    rule = post_rule(client, ph_regulator)
    response = patch(client, ph_regulator, rule["id"], version=1, effective_from="2026-06-01",
                     citation="Re-issued rule (demo)")
    assert response.status_code == 200, response.get_json()
    assert [v["multiple"] for v in response.get_json()["versions"]] == ["1", "1"]


def test_a_check_uses_the_version_in_force_on_its_date(client, ph_regulator):
    rule = post_rule(client, ph_regulator)
    patch(client, ph_regulator, rule["id"], version=1, multiple="0.5", effective_from="2026-06-01")
    charge = [{"category": "placement_fee", "amount": "500", "currency": "SGD"}]
    before = fee_check(client, charge, date="2026-05-31", sector="caregiving").get_json()["charges"][0]
    after = fee_check(client, charge, date="2026-06-01", sector="caregiving").get_json()["charges"][0]
    assert (before["cap"], before["rule"]["version"], before["status"]) == ("600.00", 1, "allowed")
    assert (after["cap"], after["rule"]["version"], after["status"]) == ("300.00", 2, "over_cap")
    assert fee_check(client, charge, date="2016-02-29", sector="caregiving").get_json()["charges"][0]["status"] == "no_rule"


def test_a_new_version_cannot_start_before_the_current_one(client, ph_regulator):
    rule = post_rule(client, ph_regulator)
    response = patch(client, ph_regulator, rule["id"], version=1, multiple="2", effective_from="2016-03-01")
    assert response.status_code == 422 and "effective_from" in response.get_json()["errors"]["json"]


def test_a_stale_version_changes_nothing(client, ph_regulator):
    rule = post_rule(client, ph_regulator)
    patch(client, ph_regulator, rule["id"], version=1, multiple="2", effective_from="2020-01-01")
    response = patch(client, ph_regulator, rule["id"], version=1, multiple="3", effective_from="2021-01-01")
    assert response.status_code == 412
    assert len(client.get(f"/api/v1/fee-ceilings/{rule['id']}").get_json()["versions"]) == 2


def test_a_change_of_cap_kind_must_bring_the_new_kind_fields(client, ph_regulator):
    rule = post_rule(client, ph_regulator)
    response = patch(client, ph_regulator, rule["id"], version=1, cap_kind="fixed", effective_from="2020-01-01")
    assert response.status_code == 422 and {"amount", "currency"} <= set(response.get_json()["errors"]["json"])
    response = patch(client, ph_regulator, rule["id"], version=1, cap_kind="fixed", amount="20000", currency="PHP",
                     effective_from="2020-01-01")
    assert response.status_code == 200 and response.get_json()["multiple"] is None


def test_only_the_issuing_country_regulator_publishes_or_changes_a_rule(client, make_token, ph_regulator):
    sg = make_token("regulator", "SG")
    assert client.post("/api/v1/fee-ceilings", json=PH_RULE, headers=sg).status_code == 403
    assert client.post("/api/v1/fee-ceilings", json=SG_RULE, headers=ph_regulator).status_code == 403
    rule = post_rule(client, ph_regulator)
    assert patch(client, sg, rule["id"], version=1, multiple="2", effective_from="2020-01-01").status_code == 403
    assert client.post("/api/v1/fee-ceilings", json=PH_RULE, headers=make_token("verifier", "PH")).status_code == 403
    assert client.post("/api/v1/fee-ceilings", json=PH_RULE).status_code == 401


def test_rule_writes_are_audited(client, ph_regulator, admin):
    rule = post_rule(client, ph_regulator)
    patch(client, ph_regulator, rule["id"], version=1, multiple="2", effective_from="2020-01-01")
    entries = client.get(f"/api/v1/audit?entity_type=fee_rule&entity_id={rule['id']}", headers=admin).get_json()["items"]
    assert [e["action"] for e in entries] == ["fee_rule.change", "fee_rule.create"]


def test_a_second_rule_for_the_same_corridor_sector_and_category_is_a_conflict(client, ph_regulator):
    rule = post_rule(client, ph_regulator)
    response = client.post("/api/v1/fee-ceilings", json=PH_RULE, headers=ph_regulator)
    assert response.status_code == 409 and response.get_json()["existing_id"] == rule["id"]


def test_each_cap_kind_needs_its_own_fields(client, ph_regulator):
    response = client.post("/api/v1/fee-ceilings", json={**PH_RULE, "cap_kind": "per_month_of_contract"}, headers=ph_regulator)
    errors = response.get_json()["errors"]["json"]
    assert response.status_code == 422 and {"monthly_amounts", "currency", "multiple"} <= set(errors)


def test_deposits_can_only_be_recorded_as_never_allowed(client, ph_regulator):
    response = client.post("/api/v1/fee-ceilings", json={**PH_RULE, "category": "deposit_bond"}, headers=ph_regulator)
    assert response.status_code == 422 and "category" in response.get_json()["errors"]["json"]


def test_a_destination_side_rule_names_its_destination(client, make_token):
    response = client.post("/api/v1/fee-ceilings", json={**SG_RULE, "destination": None}, headers=make_token("regulator", "SG"))
    assert response.status_code == 422 and "destination" in response.get_json()["errors"]["json"]


def test_the_ceilings_list_shows_rules_in_force_in_plain_words(client, app):
    from tests.registry.fees.helpers import seed_demo_fees
    seed_demo_fees(app)
    body = client.get("/api/v1/fee-ceilings?origin=PH&destination=SG&sector=domestic_work&date=2026-11-01").get_json()
    summaries = [item["summary"] for item in body["items"]]
    assert body["total"] == 3
    assert "Workers going from Philippines to any country for domestic work must not pay any recruitment, placement or service fee: the employer pays it" in " ".join(summaries)
    assert any("one month's salary for each year of the contract, and never more than 2 months' salary" in s for s in summaries)
    assert client.get("/api/v1/fee-ceilings?origin=PH&destination=SG&date=2010-01-01").get_json()["total"] == 0
    assert client.get("/api/v1/fee-ceilings?origin=XX").status_code == 422


def test_exchange_rates_are_published_by_regulators_and_audited(client, ph_regulator, admin):
    body = {"base": "USD", "quote": "PHP", "rate": "58.25", "date": "2026-10-01", "source": "Central bank reference rate"}
    response = client.post("/api/v1/exchange-rates", json=body, headers=ph_regulator)
    assert response.status_code == 201 and response.get_json()["rate"] == "58.2500000000"
    assert client.post("/api/v1/exchange-rates", json=body, headers=ph_regulator).status_code == 409
    assert client.get("/api/v1/exchange-rates?base=USD").get_json()["total"] == 1
    entries = client.get("/api/v1/audit?entity_type=exchange_rate", headers=admin).get_json()["items"]
    assert entries[0]["action"] == "exchange_rate.create"


def test_a_bad_exchange_rate_is_refused_naming_the_field(client, ph_regulator):
    for body, field in (({"quote": "USD"}, "quote"), ({"rate": "0"}, "rate"), ({"rate": "abc"}, "rate"), ({"base": "XYZ"}, "base")):
        response = client.post("/api/v1/exchange-rates", headers=ph_regulator,
                               json={"base": "USD", "quote": "PHP", "rate": "58", "date": "2026-10-01", **body})
        assert response.status_code == 422 and field in response.get_json()["errors"]["json"]


def test_another_countrys_regulator_cannot_change_a_fee_checks_outcome_with_an_exchange_rate(client, app, make_token):
    from tests.registry.fees.helpers import seed_demo_fees
    seed_demo_fees(app)
    check = {"origin": "NP", "destination": "QA", "sector": "construction", "monthly_salary": "1200", "currency": "QAR",
             "contract_months": 24, "charges": [{"category": "placement_fee", "amount": "400", "currency": "QAR"}]}
    assert client.post("/api/v1/fee-checks", json=check).get_json()["charges"][0]["status"] == "over_cap"
    id_regulator = make_token("regulator", "ID")
    rate = {"base": "NPR", "quote": "QAR", "rate": "1", "date": date.today().isoformat()}
    assert client.post("/api/v1/exchange-rates", json={**rate, "country": "NP"}, headers=id_regulator).status_code == 403
    published = client.post("/api/v1/exchange-rates", json=rate, headers=id_regulator)
    assert published.status_code == 201 and published.get_json()["country"] == "ID"  # serves Indonesia's fee rules only
    result = client.post("/api/v1/fee-checks", json=check).get_json()["charges"][0]
    assert result["status"] == "over_cap"
    assert all(p["country"] is None for r in result["exchange_rates"] for p in r["details"]["published"])


def test_each_exchange_rate_shows_who_set_it_and_the_country_it_serves(client, make_token):
    np_regulator = make_token("regulator", "NP", name="Nepal rates desk")
    rate = {"base": "NPR", "quote": "QAR", "rate": "0.027", "date": "2026-10-01"}
    assert client.post("/api/v1/exchange-rates", json=rate, headers=np_regulator).status_code == 201
    item = client.get("/api/v1/exchange-rates?base=NPR").get_json()["items"][0]
    assert item["country"] == "NP" and item["set_by"].startswith("Nepal rates desk (regulator/NP")
    assert client.get("/api/v1/exchange-rates?country=ID").get_json()["total"] == 0
