"""A subject's standing on a date, derived from its case positions (pure, no database)."""
from datetime import date

from watchlist.cases.lifecycle import Sanctions, Step, replay
from watchlist.standing import decided_against, standing_of

FILED = date(2025, 1, 10)
PROSECUTED = Step("prosecuted", date(2025, 2, 1))


def standing(cases: list[list[Step]], on: date) -> str:
    return standing_of([replay(FILED, steps, on) for steps in cases], on)


def test_subject_without_cases_has_no_standing():
    assert standing([], date(2025, 1, 1)) == "none"


def test_case_not_yet_filed_on_the_date_does_not_count():
    assert standing([[PROSECUTED]], date(2025, 1, 9)) == "none"


def test_open_case_makes_the_subject_pending():
    assert standing([[PROSECUTED]], date(2025, 3, 1)) == "pending"


def test_conviction_outranks_a_pending_case():
    convicted = [PROSECUTED, Step("convicted", date(2025, 5, 1))]
    assert standing([convicted, [PROSECUTED]], date(2025, 6, 1)) == "convicted"


def test_overturned_conviction_leaves_the_subject_cleared():
    steps = [PROSECUTED, Step("convicted", date(2025, 5, 1)), Step("appealed", date(2025, 5, 20)),
             Step("overturned", date(2025, 9, 1))]
    assert standing([steps], date(2025, 8, 31)) == "convicted"
    assert standing([steps], date(2025, 9, 1)) == "cleared"


def test_settlement_with_debarment_makes_the_subject_debarred_until_the_debarment_expires():
    steps = [Step("settled", date(2025, 3, 1), Sanctions(debarment_until=date(2026, 3, 1)))]
    assert standing([steps], date(2026, 2, 28)) == "debarred"
    assert standing([steps], date(2026, 3, 1)) == "cleared"


def test_debarment_outranks_a_pending_case():
    debarred = [Step("settled", date(2025, 3, 1), Sanctions(debarment_permanent=True))]
    assert standing([debarred, [PROSECUTED]], date(2025, 4, 1)) == "debarred"


def test_acquittal_under_appeal_is_pending_and_acquittal_alone_is_cleared():
    acquitted = [PROSECUTED, Step("acquitted", date(2025, 4, 1))]
    assert standing([acquitted], date(2025, 4, 2)) == "cleared"
    assert standing([acquitted + [Step("appealed", date(2025, 5, 1))]], date(2025, 5, 2)) == "pending"


def test_only_decisions_standing_against_the_subject_are_public():
    on = date(2025, 6, 1)
    assert decided_against(replay(FILED, [PROSECUTED, Step("convicted", date(2025, 5, 1))], on))
    assert not decided_against(replay(FILED, [PROSECUTED, Step("acquitted", date(2025, 5, 1))], on))
    assert not decided_against(replay(FILED, [PROSECUTED], on))
    assert not decided_against(replay(FILED, [Step("settled", date(2025, 5, 1))], on))
