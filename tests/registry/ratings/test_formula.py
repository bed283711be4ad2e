"""The rating formula: no rating without a valid licence, each point tied to a record, bounded 0-5."""
from datetime import date

from registry.ratings.formula import Compliance, Event, rate

TODAY = date(2026, 11, 23)


def test_an_agency_without_a_valid_licence_is_never_rated():
    assert rate(Compliance(date(2015, 1, 1)), has_valid_licence=False, today=TODAY) is None


def test_a_new_clean_agency_starts_at_three():
    rating = rate(Compliance(date(2026, 1, 1), first_issue=("licence_action", 7)), True, TODAY)
    assert rating.score == 3 and [p.code for p in rating.points] == ["start"]


def test_two_clean_years_add_a_point_and_at_most_two_points_in_all():
    four_years = rate(Compliance(date(2022, 11, 1), first_issue=("licence_action", 7)), True, TODAY)
    ten_years = rate(Compliance(date(2016, 1, 1), first_issue=("licence_action", 7)), True, TODAY)
    assert four_years.score == 5 and ten_years.score == 5
    clean = four_years.points[1]
    assert (clean.code, clean.points, clean.record_type, clean.record_id) == ("clean_years", 2, "licence_action", 7)


def test_the_clean_period_restarts_at_the_last_sanction():
    record = Compliance(date(2016, 1, 1), [Event("suspension", date(2025, 12, 1), "licence_action", 42)],
                        first_issue=("licence_action", 7))
    rating = rate(record, True, TODAY)
    assert rating.score == 2 and [(p.code, p.points, p.record_id) for p in rating.points] == [
        ("start", 3, None), ("suspension", -1, 42)]


def test_each_penalty_points_to_its_record():
    record = Compliance(date(2020, 1, 1), [Event("conviction", date(2024, 5, 1), "case", 3),
                                          Event("complaint_upheld", date(2025, 1, 1), "complaint", 9)])
    rating = rate(record, True, TODAY)
    assert [(p.code, p.points, p.record_type, p.record_id) for p in rating.points] == [
        ("start", 3, None, None), ("clean_years", 1, "case", 3), ("conviction", -3, "case", 3),
        ("complaint_upheld", -1, "complaint", 9)]
    assert rating.score == 0


def test_the_score_never_goes_below_zero_and_says_so():
    record = Compliance(date(2020, 1, 1), [Event("conviction", date(2026, 5, 1), "case", 3),
                                          Event("conviction", date(2026, 6, 1), "case", 4)])
    rating = rate(record, True, TODAY)
    assert rating.score == 0 and rating.points[-1].code == "floor" and rating.points[-1].points == 3
    assert sum(p.points for p in rating.points) == 0


def test_suspensions_and_complaints_older_than_five_years_no_longer_count_but_revocations_do():
    record = Compliance(date(2012, 1, 1), [Event("suspension", date(2019, 1, 1), "licence_action", 1),
                                          Event("complaint_upheld", date(2019, 2, 1), "complaint", 2),
                                          Event("revocation", date(2019, 3, 1), "licence_action", 3)])
    rating = rate(record, True, TODAY)
    assert [p.code for p in rating.points] == ["start", "clean_years", "revocation"] and rating.score == 3
