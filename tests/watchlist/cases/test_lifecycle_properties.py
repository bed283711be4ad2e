"""Property tests: any sequence of events either is refused or leads to a known state, and standing follows it."""
from datetime import date, timedelta

from hypothesis import given, settings, strategies as st

from watchlist.cases.lifecycle import EVENTS, OPEN_STATES, STATES, Position, Sanctions, Step, TransitionRefused, apply, replay
from watchlist.standing import standing_of

FILED = date(2025, 1, 1)
events = st.lists(st.tuples(st.sampled_from(EVENTS), st.booleans()), max_size=12)


def _walk(sequence):
    position, steps = Position("filed"), []
    for n, (event, debar) in enumerate(sequence):
        step = Step(event, FILED + timedelta(days=10 * (n + 1)), Sanctions(debarment_until=FILED + timedelta(days=400)) if debar else None)
        try:
            position = apply(position, step)
        except TransitionRefused as refused:
            assert refused.reason
            continue
        steps.append(step)
    return position, steps


@settings(max_examples=300, deadline=None)
@given(events)
def test_accepted_events_always_lead_to_a_known_state_and_replay_to_the_same(sequence):
    position, steps = _walk(sequence)
    assert position.state in STATES
    assert replay(FILED, steps, date(2030, 1, 1)).state == position.state


@settings(max_examples=300, deadline=None)
@given(events)
def test_standing_is_convicted_exactly_when_a_conviction_stands(sequence):
    position, _ = _walk(sequence)
    on = date(2030, 1, 1)
    result = standing_of([position], on)
    assert (result == "convicted") == position.conviction_stands
    assert result != "debarred"  # every debarment in these sequences ended in 2026
    if result == "pending":
        assert position.state in OPEN_STATES
