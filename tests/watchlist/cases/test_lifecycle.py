"""The per-respondent case state machine, tested without a database."""
from datetime import date

import pytest

from watchlist.cases.lifecycle import (EVENTS, STATES, TRANSITIONS, Position, Sanctions, Step, TransitionRefused, apply,
                                       next_state, replay)

ALLOWED = {(state, event) for event, sources in TRANSITIONS.items() for state in sources}
FILED = date(2025, 1, 10)


@pytest.mark.parametrize("state,event", sorted(ALLOWED - {(s, e) for s, e in ALLOWED if e in {"upheld", "overturned"}}))
def test_allowed_event_reaches_its_state(state, event):
    assert next_state(state, event) == event


@pytest.mark.parametrize("state,event", sorted({(s, e) for s in STATES for e in EVENTS} - ALLOWED))
def test_refused_event_gives_a_plain_reason(state, event):
    with pytest.raises(TransitionRefused) as refused:
        next_state(state, event)
    assert state in refused.value.reason


@pytest.mark.parametrize("state", ["settled", "withdrawn", "overturned"])
def test_final_states_refuse_every_event(state):
    for event in EVENTS:
        with pytest.raises(TransitionRefused, match="final"):
            next_state(state, event)


def test_upheld_appeal_returns_to_the_decision_under_appeal():
    assert next_state("appealed", "upheld", under_appeal="acquitted") == "acquitted"
    assert next_state("appealed", "upheld", under_appeal="convicted") == "convicted"


def test_overturned_conviction_is_final_and_overturned_acquittal_goes_back_to_trial():
    assert next_state("appealed", "overturned", under_appeal="convicted") == "overturned"
    assert next_state("appealed", "overturned", under_appeal="acquitted") == "prosecuted"


def test_dismissal_and_withdrawal_may_come_before_prosecution():
    assert next_state("filed", "dismissed") == "dismissed"
    assert next_state("under_investigation", "withdrawn") == "withdrawn"


def test_conviction_needs_a_prosecution_first():
    with pytest.raises(TransitionRefused, match="must be prosecuted"):
        next_state("filed", "convicted")


def test_event_before_filing_is_refused():
    with pytest.raises(TransitionRefused, match="not yet filed"):
        next_state(None, "prosecuted")


DEBAR = Sanctions(debarment_until=date(2026, 1, 1))
CONVICTED = [Step("prosecuted", date(2025, 2, 1)), Step("convicted", date(2025, 6, 1), DEBAR, "Crim. 1")]


def test_replay_before_filing_has_no_state():
    assert replay(FILED, CONVICTED, date(2025, 1, 9)).state is None


def test_replay_on_a_date_ignores_later_events():
    assert replay(FILED, CONVICTED, date(2025, 5, 31)).state == "prosecuted"
    position = replay(FILED, CONVICTED, date(2025, 6, 1))
    assert (position.state, position.decision, position.decision_reference) == ("convicted", "convicted", "Crim. 1")


def test_conviction_under_appeal_still_stands_until_overturned():
    steps = CONVICTED + [Step("appealed", date(2025, 7, 1))]
    assert replay(FILED, steps, date(2025, 8, 1)).conviction_stands
    overturned = replay(FILED, steps + [Step("overturned", date(2025, 9, 1))], date(2025, 9, 1))
    assert not overturned.conviction_stands and overturned.sanctions is None and overturned.appeal == "overturned"


def test_debarment_ends_on_its_date_by_itself():
    position = replay(FILED, CONVICTED, date(2025, 12, 31))
    assert position.debarred_on(date(2025, 12, 31))
    assert not position.debarred_on(date(2026, 1, 1))


def test_permanent_debarment_never_ends():
    assert Sanctions(debarment_permanent=True).debarred_on(date(2999, 1, 1))


def test_apply_keeps_history_in_order():
    position = apply(apply(Position("filed"), Step("prosecuted", date(2025, 2, 1))), Step("acquitted", date(2025, 3, 1)))
    assert [s.event for s in position.history] == ["prosecuted", "acquitted"]
