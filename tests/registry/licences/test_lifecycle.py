"""The licence state machine and status-as-of replay, tested without a database."""
from datetime import date

import pytest

from registry.licences.lifecycle import ACTIONS, STATES, TRANSITIONS, Step, TransitionRefused, next_state, replay

ALLOWED = {(state, action) for action, (sources, _) in TRANSITIONS.items() for state in sources}


@pytest.mark.parametrize("state,action", sorted(ALLOWED))
def test_allowed_transition_reaches_its_target_state(state, action):
    target = TRANSITIONS[action][1] or state
    assert next_state(state, action) == target


@pytest.mark.parametrize("state,action", sorted({(s, a) for s in STATES for a in ACTIONS} - ALLOWED))
def test_refused_transition_gives_a_plain_reason(state, action):
    with pytest.raises(TransitionRefused) as refused:
        next_state(state, action)
    assert state in refused.value.reason


def test_terminal_states_refuse_every_action():
    for state in ("revoked", "cancelled", "surrendered"):
        for action in ACTIONS:
            with pytest.raises(TransitionRefused, match="final"):
                next_state(state, action)


ISSUED = Step("issue", date(2024, 1, 1), expires_on=date(2026, 1, 1))


def test_status_before_issue_is_pending():
    assert replay([ISSUED], date(2023, 12, 31)).status == "pending"


def test_status_after_expiry_is_expired_without_any_action():
    assert replay([ISSUED], date(2025, 12, 31)).status == "valid"
    assert replay([ISSUED], date(2026, 1, 2)).status == "expired"


def test_renewal_moves_the_expiry_date():
    steps = [ISSUED, Step("renew", date(2025, 6, 1), expires_on=date(2028, 1, 1))]
    assert replay(steps, date(2027, 1, 1)).status == "valid"
    assert replay(steps, date(2025, 5, 1)).expires_on == date(2026, 1, 1)


def test_suspension_with_an_end_date_ends_by_itself():
    steps = [ISSUED, Step("suspend", date(2024, 3, 1), until=date(2024, 4, 1))]
    assert replay(steps, date(2024, 3, 15)).status == "suspended"
    assert replay(steps, date(2024, 3, 15)).suspended_until == date(2024, 4, 1)
    assert replay(steps, date(2024, 4, 1)).status == "valid"


def test_indefinite_suspension_lasts_until_reinstated():
    steps = [ISSUED, Step("suspend", date(2024, 3, 1)), Step("reinstate", date(2024, 9, 1))]
    assert replay(steps, date(2024, 8, 31)).status == "suspended"
    assert replay(steps, date(2024, 9, 1)).status == "valid"


def test_status_as_of_a_date_before_revocation_is_valid():
    steps = [ISSUED, Step("revoke", date(2024, 6, 1))]
    assert replay(steps, date(2024, 5, 31)).status == "valid"
    assert replay(steps, date(2024, 6, 1)).status == "revoked"
    assert replay(steps, date(2030, 1, 1)).status == "revoked"
