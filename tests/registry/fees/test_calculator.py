"""The pure fee calculator: demo oracles, most-specific and stricter-rule logic, conversion, rounding and properties."""
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from registry.fees.calculator import (Charge, MissingRate, Offer, Rate, Rule, assess, convert, most_specific, raw_cap,
                                      round_money)

D = Decimal
SG = Rule(side="destination", payer="worker", kind="months_per_contract_year", category="placement_fee", destination="SG",
          factor=D(1), max_months=D(2))
HK = Rule(side="destination", payer="worker", kind="percent_of_first_month", category="placement_fee", destination="HK",
          factor=D(10))
TW = Rule(side="destination", payer="worker", kind="per_month_of_contract", category="placement_fee", destination="TW",
          currency="TWD", steps=(D(1800), D(1700), D(1500)))
PH_ANY = Rule(side="origin", payer="worker", kind="salary_multiple", category="placement_fee", origin="PH", factor=D(1))
PH_DOMESTIC = Rule(side="origin", payer="employer", kind="zero", category="placement_fee", origin="PH", sector="domestic_work")
NP_FIXED = Rule(side="origin", payer="worker", kind="fixed", category="placement_fee", origin="NP", destination="QA",
                amount=D(10000), currency="NPR")


def no_rates(_from, _to):
    return None


def usd_rates(table):
    def lookup(from_currency, to_currency):
        if from_currency == "USD":
            return Rate("USD", to_currency, D(table[to_currency]))
        if to_currency == "USD":
            return Rate(from_currency, "USD", D(1) / D(table[from_currency]))
        return Rate(from_currency, to_currency, D(table[to_currency]) / D(table[from_currency]))
    return lookup


def test_singapore_24_month_contract_at_600_caps_the_fee_at_1200():
    outcome = assess(Charge("placement_fee", D("1500.00"), "SGD"), [SG], Offer(D("600.00"), "SGD", 24), no_rates)
    assert (outcome.status, outcome.cap, outcome.excess) == ("over_cap", D("1200.00"), D("300.00"))


def test_singapore_cap_stops_at_two_months_for_a_three_year_contract():
    assert raw_cap(SG, Offer(D(600), "SGD", 36), Charge("placement_fee", D(0), "SGD")) == (D(1200), "SGD")


def test_hong_kong_commission_is_ten_percent_of_4990():
    outcome = assess(Charge("placement_fee", D("499.00"), "HKD"), [HK], Offer(D("4990"), "HKD", 24), no_rates)
    assert (outcome.status, outcome.cap, outcome.excess) == ("allowed", D("499.00"), D("0.00"))


def test_taiwan_service_fee_in_year_two_is_1700_a_month():
    outcome = assess(Charge("placement_fee", D("2000"), "TWD", contract_year=2), [TW], Offer(D(30000), "TWD", 36), no_rates)
    assert (outcome.status, outcome.cap, outcome.excess) == ("over_cap", D("1700.00"), D("300.00"))


def test_taiwan_fee_for_year_five_uses_the_last_step():
    assert raw_cap(TW, Offer(D(1), "TWD", 60), Charge("placement_fee", D(0), "TWD", contract_year=5))[0] == D(1500)


def test_taiwan_lump_sum_over_three_years_sums_the_steps():
    assert raw_cap(TW, Offer(D(1), "TWD", 36), Charge("placement_fee", D(0), "TWD"))[0] == D(60000)


def test_philippine_domestic_worker_may_not_be_charged_any_placement_fee():
    outcome = assess(Charge("placement_fee", D("0.01"), "PHP"), [PH_ANY, PH_DOMESTIC], Offer(D(1500), "SAR", 24), no_rates)
    assert (outcome.status, outcome.rule) == ("prohibited", PH_DOMESTIC)


def test_a_zero_charge_under_a_zero_cap_is_allowed():
    assert assess(Charge("placement_fee", D(0), "PHP"), [PH_DOMESTIC], Offer(D(1), "SAR", 1), no_rates).status == "allowed"


def test_sector_rule_is_more_specific_than_a_destination_rule_of_the_same_side():
    destination_only = Rule(side="origin", payer="worker", kind="fixed", category="placement_fee", origin="PH",
                            destination="SA", amount=D(5), currency="PHP")
    assert most_specific([PH_ANY, destination_only, PH_DOMESTIC]) == [PH_DOMESTIC]
    assert most_specific([PH_ANY, destination_only]) == [destination_only]


def test_origin_and_destination_caps_both_apply_and_the_stricter_binds():
    offer = Offer(D(600), "SGD", 24)
    outcome = assess(Charge("placement_fee", D(900), "SGD"), [PH_ANY, SG], offer, no_rates)
    assert (outcome.status, outcome.cap, outcome.rule) == ("over_cap", D("600.00"), PH_ANY)
    assert sorted(cap for _, cap in outcome.considered) == [D(600), D(1200)]


def test_a_salary_cap_of_zero_is_over_cap_not_prohibited():
    outcome = assess(Charge("placement_fee", D(10), "HKD"), [HK], Offer(D(0), "HKD", 24), no_rates)
    assert (outcome.status, outcome.cap, outcome.excess) == ("over_cap", D("0.00"), D("10.00"))


def test_no_rule_when_nothing_applies():
    outcome = assess(Charge("medical", D(50), "SGD"), [], Offer(D(600), "SGD", 24), no_rates)
    assert (outcome.status, outcome.cap, outcome.excess) == ("no_rule", None, None)


def test_deposits_are_prohibited_even_without_a_recorded_rule():
    outcome = assess(Charge("deposit_bond", D(100), "PHP"), [], Offer(D(600), "SGD", 24), no_rates)
    assert outcome.status == "prohibited" and "ILO" in outcome.rule.citation


def test_a_cap_in_another_currency_is_converted_at_the_rate_given():
    lookup = usd_rates({"NPR": "135.50", "QAR": "3.64"})
    outcome = assess(Charge("placement_fee", D(300), "QAR"), [NP_FIXED], Offer(D(1200), "QAR", 24), lookup)
    assert outcome.cap == round_money(D(10000) * D("3.64") / D("135.50"), "QAR") == D("268.63")
    assert outcome.status == "over_cap" and outcome.rates[0].from_currency == "NPR"


def test_conversion_without_a_rate_is_refused():
    with pytest.raises(MissingRate) as refused:
        assess(Charge("placement_fee", D(300), "QAR"), [NP_FIXED], Offer(D(1200), "QAR", 24), no_rates)
    assert (refused.value.from_currency, refused.value.to_currency) == ("NPR", "QAR")


def test_earlier_charges_of_the_same_category_use_up_the_cap():
    outcome = assess(Charge("placement_fee", D(700), "SGD"), [SG], Offer(D(600), "SGD", 24), no_rates, earlier=D(700))
    assert (outcome.status, outcome.excess) == ("over_cap", D("200.00"))


def test_rounding_is_half_up_to_the_minor_unit():
    assert round_money(D("1.005"), "SGD") == D("1.01")
    assert round_money(D("2.5"), "JPY") == D("3")
    assert round_money(D("1.0005"), "KWD") == D("1.001")


money = st.decimals(min_value=0, max_value=10**9, places=2, allow_nan=False, allow_infinity=False)
rate = st.decimals(min_value=D("0.0001"), max_value=D(100000), places=4, allow_nan=False, allow_infinity=False)
rules = st.sampled_from([SG, HK, TW, PH_ANY, PH_DOMESTIC, NP_FIXED])


@settings(max_examples=200, deadline=None)
@given(rule=rules, salary=money, months=st.integers(1, 120), year=st.one_of(st.none(), st.integers(1, 10)), amount=money)
def test_a_cap_is_never_negative_and_stays_decimal(rule, salary, months, year, amount):
    charge = Charge("placement_fee", amount, rule.currency or "SGD", contract_year=year)
    outcome = assess(charge, [rule], Offer(salary, "SGD", months), usd_rates({"SGD": "1.34", "NPR": "135.5", "TWD": "32.4"}))
    assert isinstance(outcome.cap, Decimal) and isinstance(outcome.excess, Decimal)
    assert outcome.cap >= 0 and 0 <= outcome.excess <= amount


@settings(max_examples=200, deadline=None)
@given(amount=money, value=rate)
def test_conversion_round_trips_within_rounding(amount, value):
    lookup = lambda f, t: Rate(f, t, value if (f, t) == ("USD", "PHP") else D(1) / value)  # noqa: E731
    there = round_money(convert(amount, "USD", "PHP", lookup)[0], "PHP")
    back = round_money(convert(there, "PHP", "USD", lookup)[0], "USD")
    assert isinstance(back, Decimal)
    assert abs(back - amount) <= D("0.005") / value + D("0.005")
