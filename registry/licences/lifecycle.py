"""The licence state machine and status-as-of-a-date replay; pure Python, no database.

States are recorded by actions; the public status also depends on dates (expiry, a suspension's end).
"""
from dataclasses import dataclass
from datetime import date

STATES = ("pending", "active", "suspended", "revoked", "cancelled", "surrendered")
TERMINAL = frozenset({"revoked", "cancelled", "surrendered"})
PUBLIC_STATUSES = ("valid", "expired", "suspended", "revoked", "cancelled", "surrendered", "pending", "not_found")

# action -> (states it may be taken from, resulting state; None keeps the state)
TRANSITIONS: dict[str, tuple[frozenset, str | None]] = {
    "issue": (frozenset({"pending"}), "active"),
    "renew": (frozenset({"active", "suspended"}), None),
    "suspend": (frozenset({"active"}), "suspended"),
    "reinstate": (frozenset({"suspended"}), "active"),
    "revoke": (frozenset({"active", "suspended"}), "revoked"),
    "cancel": (frozenset({"pending", "active", "suspended"}), "cancelled"),
    "surrender": (frozenset({"active", "suspended"}), "surrendered"),
}
ACTIONS = tuple(TRANSITIONS)


class TransitionRefused(Exception):
    """The action is not allowed from the licence's state on that date; `reason` is plain language."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True)
class Step:
    """The part of a recorded action that the replay needs."""

    action: str
    effective_on: date
    until: date | None = None
    expires_on: date | None = None


@dataclass(frozen=True)
class Snapshot:
    """A licence's situation on one date."""

    state: str  # recorded state, with a lapsed suspension already ended
    status: str  # public status
    expires_on: date | None
    suspended_until: date | None
    issued_on: date | None


def _effective_state(state: str, suspended_until: date | None, on: date) -> str:
    if state == "suspended" and suspended_until is not None and on >= suspended_until:
        return "active"
    return state


def next_state(state: str, action: str) -> str:
    """The state after `action`, or TransitionRefused with the reason."""
    if action not in TRANSITIONS:
        raise TransitionRefused(f"Unknown action '{action}'.")
    allowed_from, target = TRANSITIONS[action]
    if state not in allowed_from:
        if state in TERMINAL:
            raise TransitionRefused(f"The licence is {state}; that is final and no further action is possible.")
        needs = " or ".join(sorted(allowed_from))
        raise TransitionRefused(f"Cannot {action} a licence that is {state}; it must be {needs}.")
    return target or state


def replay(steps: list[Step], on: date, initial_expiry: date | None = None) -> Snapshot:
    """Replay the history up to and including `on` and derive the public status on that date."""
    state, expires_on, suspended_until, issued_on = "pending", initial_expiry, None, None
    for step in steps:
        if step.effective_on > on:
            break
        state = next_state(_effective_state(state, suspended_until, step.effective_on), step.action)
        if step.action == "issue":
            issued_on = step.effective_on
        if step.expires_on is not None and step.action in {"issue", "renew"}:
            expires_on = step.expires_on
        suspended_until = step.until if step.action == "suspend" else (None if state != "suspended" else suspended_until)
    state = _effective_state(state, suspended_until, on)
    if state != "suspended":
        suspended_until = None
    return Snapshot(state, public_status(state, expires_on, on), expires_on, suspended_until, issued_on)


def public_status(state: str, expires_on: date | None, on: date) -> str:
    """Map a state and the expiry date to what a worker is told."""
    if state == "active":
        return "expired" if expires_on is not None and on > expires_on else "valid"
    return state
