"""Property tests of the licence state machine: any action sequence stays in a valid state and replays identically."""
from datetime import date, timedelta
from itertools import count

from hypothesis import HealthCheck, given, settings, strategies as st

from registry.common.actor import cli_actor
from registry.common.time import today
from registry.domain import Conflict, InvalidInput
from registry.extensions import db
from registry.licences import lifecycle, service
from registry.licences.models import Licence, licence_status
from tests.registry.factories import AGENCY

ACTION = st.sampled_from(lifecycle.ACTIONS)
# (action, days after the previous step, suspension length in days or None, days added to the expiry)
STEP = st.tuples(ACTION, st.integers(0, 90), st.none() | st.integers(1, 120), st.integers(1, 900))
SEQUENCES = st.lists(STEP, max_size=14)


def _fold(sequence, start: date):
    """Apply a sequence the way the service does: refused actions change nothing, accepted ones are appended."""
    steps, on, expires_on = [], start, start + timedelta(days=365)
    for action, gap, suspend_days, extend in sequence:
        on = on + timedelta(days=gap)
        current = lifecycle.replay(steps, on, expires_on if not steps else None)
        try:
            new_state = lifecycle.next_state(current.state, action)
        except lifecycle.TransitionRefused as refused:
            assert refused.reason
            continue
        assert new_state in lifecycle.STATES
        until = on + timedelta(days=suspend_days) if action == "suspend" and suspend_days else None
        new_expiry = (current.expires_on or on) + timedelta(days=extend) if action in {"issue", "renew"} else None
        steps.append(lifecycle.Step(action, on, until, new_expiry))
    return steps, on


@given(SEQUENCES)
def test_random_action_sequences_never_leave_the_known_states(sequence):
    steps, last = _fold(sequence, date(2020, 1, 1))
    for offset in (0, 1, 400, 4000):
        snap = lifecycle.replay(steps, last + timedelta(days=offset))
        assert snap.state in lifecycle.STATES
        assert snap.status in lifecycle.PUBLIC_STATUSES
        assert (snap.suspended_until is not None) <= (snap.state == "suspended")


@given(SEQUENCES)
def test_a_terminal_state_refuses_every_later_action(sequence):
    steps, last = _fold(sequence, date(2020, 1, 1))
    state = lifecycle.replay(steps, last).state
    if state in lifecycle.TERMINAL:
        for action in lifecycle.ACTIONS:
            try:
                lifecycle.next_state(state, action)
            except lifecycle.TransitionRefused:
                continue
            raise AssertionError(f"{action} accepted from terminal state {state}")


@given(SEQUENCES)
def test_replaying_an_accepted_history_never_refuses_a_step_and_is_deterministic(sequence):
    steps, last = _fold(sequence, date(2020, 1, 1))
    assert lifecycle.replay(steps, last) == lifecycle.replay(list(steps), last)
    assert lifecycle.replay(steps[:0], last).state == "pending"


_numbers = count(1)


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(sequence=SEQUENCES)
def test_recorded_history_replays_to_the_stored_state_and_status(app, sequence):
    """Through the service and the database: the cached state equals a replay of the stored actions."""
    from registry.agencies.service import create_agency

    operator = cli_actor("property test")
    n = next(_numbers)
    agency = create_agency({**AGENCY, "registration_no": f"PH-PROP-{n}", "officers": []}, operator)
    start = today() - timedelta(days=sum(gap for _a, gap, _s, _e in sequence) + 1)
    licence = service.issue_licence(agency.id, {"licence_no": f"PROP-{n}", "authority": "Department of Migrant Workers",
                                                "scope": "land_based", "expires_on": start + timedelta(days=365),
                                                "pending": True}, operator)
    on = start
    for action, gap, suspend_days, extend in sequence:
        on = on + timedelta(days=gap)
        data = {"action": action, "effective_on": on, "reason": "property test"}
        if action == "suspend" and suspend_days:
            data["until"] = on + timedelta(days=suspend_days)
        if action in {"issue", "renew"}:
            data["expires_on"] = (licence.expires_on or on) + timedelta(days=extend)
        try:
            service.apply_action("PH", licence.licence_no, data, operator)
        except (Conflict, InvalidInput):
            db.session.rollback()
    db.session.expire_all()
    stored = db.session.get(Licence, licence.id)
    assert stored.state in lifecycle.STATES
    assert [a.seq for a in stored.actions] == list(range(1, len(stored.actions) + 1))
    replayed = lifecycle.replay([lifecycle.Step(a.action, a.effective_on, a.until, a.expires_on) for a in stored.actions],
                                today(), stored.expires_on if not stored.actions else None)
    assert replayed.status == licence_status(stored, today())
    assert replayed.state == lifecycle._effective_state(stored.state, stored.suspended_until, today())
    if any(a.action in {"issue", "renew"} for a in stored.actions):  # else the expiry is only the one proposed at creation
        assert replayed.expires_on == stored.expires_on
