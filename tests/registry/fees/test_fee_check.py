"""The public fee check against the demo rules (oracles) and against rules and rates made in the test."""
import pytest

from tests.registry.fees.helpers import PH_RULE, SG_RULE, fee_check, post_rule, seed_demo_fees


@pytest.fixture
def demo(app):
    seed_demo_fees(app)


def one(response):
    assert response.status_code == 200, response.get_json()
    return response.get_json()["charges"][0]


def test_philippine_domestic_worker_to_saudi_arabia_charged_any_placement_fee_is_prohibited(client, demo):
    result = one(fee_check(client, [{"category": "placement_fee", "amount": "1.00", "currency": "PHP"}],
                           destination="SA", monthly_salary="1500.00", currency="SAR"))
    assert (result["status"], result["cap"], result["excess"]) == ("prohibited", "0.00", "1.00")
    assert result["rule"]["side"] == "origin" and "household service workers" in result["rule"]["citation"]
    assert "must not be charged" in result["explanation"]


def test_singapore_24_month_contract_at_sgd_600_has_a_cap_of_sgd_1200(client, demo):
    result = one(fee_check(client, [{"category": "placement_fee", "amount": "1500.00", "currency": "SGD"}],
                           origin="MM", sector="caregiving"))
    assert (result["status"], result["cap"], result["excess"]) == ("over_cap", "1200.00", "300.00")
    assert result["rule"]["kind"] == "months_per_contract_year" and result["rule"]["url"].startswith("https://")


def test_hong_kong_first_month_of_hkd_4990_caps_the_commission_at_hkd_499(client, demo):
    result = one(fee_check(client, [{"category": "placement_fee", "amount": "499.00", "currency": "HKD"}],
                           origin="MM", destination="HK", monthly_salary="4990.00", currency="HKD"))
    assert (result["status"], result["cap"], result["excess"]) == ("allowed", "499.00", "0.00")


def test_taiwan_service_fee_in_contract_year_two_is_nt_1700_a_month(client, demo):
    result = one(fee_check(client, [{"category": "placement_fee", "amount": "1800", "currency": "TWD", "contract_year": 2}],
                           origin="VN", destination="TW", sector="manufacturing", monthly_salary="27470", currency="TWD",
                           contract_months=36))
    assert (result["status"], result["cap"], result["excess"]) == ("over_cap", "1700.00", "100.00")


def test_nepal_to_qatar_visa_is_free_and_a_service_charge_above_npr_10000_is_over_cap(client, demo):
    body = fee_check(client, [{"category": "visa_work_permit", "amount": "5000", "currency": "NPR"},
                              {"category": "placement_fee", "amount": "12000", "currency": "NPR"}],
                     origin="NP", destination="QA", sector="construction", monthly_salary="1200", currency="QAR").get_json()
    assert [c["status"] for c in body["charges"]] == ["prohibited", "over_cap"]
    assert body["totals"] == {"charged": {"NPR": "17000.00"}, "excess": {"NPR": "7000.00"},
                              "statuses": {"allowed": 0, "over_cap": 1, "prohibited": 1, "no_rule": 0}}


def test_indonesian_caregiver_pays_no_medical_costs(client, demo):
    result = one(fee_check(client, [{"category": "medical", "amount": "500000", "currency": "IDR"}],
                           origin="ID", destination="HK", sector="caregiving", monthly_salary="4990", currency="HKD"))
    assert result["status"] == "prohibited"


def test_a_charge_no_rule_covers_says_so(client, demo):
    result = one(fee_check(client, [{"category": "equipment", "amount": "20", "currency": "SGD"}], origin="MM"))
    assert (result["status"], result["cap"], result["rule"]) == ("no_rule", None, None)


def test_a_salary_based_cap_is_converted_to_the_charge_currency_and_the_rate_is_reported(client, demo):
    # PH construction worker to SG: the PH cap (one month = SGD 600) binds; the charge is in PHP.
    result = one(fee_check(client, [{"category": "placement_fee", "amount": "40000", "currency": "PHP"}], sector="construction"))
    # 600 SGD -> USD at 1/1.3300 -> PHP at 57.60 (rates of 2026-07-01) = 25984.96...
    assert (result["status"], result["cap"], result["excess"]) == ("over_cap", "25984.96", "14015.04")
    published = result["exchange_rates"][0]["details"]["published"]
    assert [p["date"] for p in published] == ["2026-07-01", "2026-07-01"]


def test_an_older_check_date_uses_the_older_rate(client, demo):
    result = one(fee_check(client, [{"category": "placement_fee", "amount": "40000", "currency": "PHP"}], sector="construction",
                           date="2026-03-01"))
    assert result["cap"] == "25962.83"  # 600 / 1.3450 * 58.20


def test_no_known_exchange_rate_is_a_422_naming_the_charge_currency(client, demo):
    response = fee_check(client, [{"category": "placement_fee", "amount": "10", "currency": "SGD"},
                                  {"category": "placement_fee", "amount": "100", "currency": "EUR"}], sector="construction")
    assert response.status_code == 422
    assert "EUR" in response.get_json()["errors"]["json"]["charges"]["1"]["currency"][0]


def test_rates_published_after_the_check_date_are_not_used(client, demo):
    response = fee_check(client, [{"category": "placement_fee", "amount": "100", "currency": "PHP"}], sector="construction",
                         date="2025-06-01")
    assert response.status_code == 422


def test_split_charges_of_one_category_share_one_cap(client, demo):
    body = fee_check(client, [{"category": "placement_fee", "amount": "700", "currency": "SGD"},
                              {"category": "placement_fee", "amount": "700", "currency": "SGD"}],
                     origin="MM", sector="caregiving").get_json()
    assert [(c["status"], c["excess"]) for c in body["charges"]] == [("allowed", "0.00"), ("over_cap", "200.00")]


def test_the_stricter_of_origin_and_destination_caps_binds(client, ph_regulator, make_token):
    post_rule(client, ph_regulator)
    post_rule(client, make_token("regulator", "SG"), base=SG_RULE)
    result = one(fee_check(client, [{"category": "placement_fee", "amount": "900", "currency": "SGD"}], sector="caregiving"))
    assert (result["cap"], result["rule"]["side"]) == ("600.00", "origin")
    result = one(fee_check(client, [{"category": "placement_fee", "amount": "900", "currency": "SGD"}], sector="caregiving",
                           monthly_salary="1000", contract_months=12))
    assert (result["cap"], result["rule"]["side"]) == ("1000.00", "destination")


def test_a_sector_rule_wins_over_the_any_sector_rule(client, ph_regulator):
    post_rule(client, ph_regulator)
    post_rule(client, ph_regulator, sector="domestic_work", payer="employer", cap_kind="zero", multiple=None)
    assert one(fee_check(client, [{"category": "placement_fee", "amount": "1", "currency": "SGD"}]))["status"] == "prohibited"
    assert one(fee_check(client, [{"category": "placement_fee", "amount": "1", "currency": "SGD"}],
                         sector="caregiving"))["status"] == "allowed"


def test_a_sector_rule_does_not_apply_when_the_work_is_not_given(client, ph_regulator):
    post_rule(client, ph_regulator)
    post_rule(client, ph_regulator, sector="domestic_work", payer="employer", cap_kind="zero", multiple=None)
    result = one(fee_check(client, [{"category": "placement_fee", "amount": "1", "currency": "SGD"}], sector="any"))
    assert (result["status"], result["cap"]) == ("allowed", "600.00")


def test_a_named_destination_wins_over_any_destination(client, ph_regulator):
    post_rule(client, ph_regulator)
    post_rule(client, ph_regulator, destination="SG", cap_kind="fixed", multiple=None, amount="100", currency="SGD")
    assert one(fee_check(client, [{"category": "placement_fee", "amount": "150", "currency": "SGD"}]))["cap"] == "100.00"
    assert one(fee_check(client, [{"category": "placement_fee", "amount": "150", "currency": "SGD"}],
                         destination="HK", currency="SGD"))["cap"] == "600.00"


@pytest.mark.parametrize("change, field", [
    ({"origin": "XX"}, "origin"), ({"sector": "mining"}, "sector"), ({"monthly_salary": "-1"}, "monthly_salary"),
    ({"currency": "ZZZ"}, "currency"), ({"contract_months": 0}, "contract_months"), ({"charges": []}, "charges"),
    ({"date": "2026-13-01"}, "date"),
])
def test_bad_fee_check_input_is_a_422_naming_the_field(client, change, field):
    response = fee_check(client, **{"charges": [{"category": "placement_fee", "amount": "1", "currency": "SGD"}], **change})
    assert response.status_code == 422 and field in response.get_json()["errors"]["json"]


def test_a_bad_charge_is_a_422_naming_the_charge_field(client):
    response = fee_check(client, [{"category": "bribe", "amount": "1.5x", "currency": "SGD"}])
    assert response.status_code == 422
    assert set(response.get_json()["errors"]["json"]["charges"]["0"]) == {"category", "amount"}
