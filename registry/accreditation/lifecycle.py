"""The accreditation state machine and status-on-a-date replay; pure Python, no database."""
from dataclasses import dataclass
from datetime import date

from registry.licences.lifecycle import TransitionRefused  # noqa: F401 - one refusal type for every action history

# action -> (states it may be taken from, resulting state; None keeps the state)
TRANSITIONS: dict[str, tuple[frozenset, str | None]] = {
    "accredit": (frozenset({None}), "active"),
    "renew": (frozenset({"active", "suspended"}), None),
    "suspend": (frozenset({"active"}), "suspended"),
    "reinstate": (frozenset({"suspended"}), "active"),
    "revoke": (frozenset({"active", "suspended"}), "revoked"),
}
ACTIONS = tuple(a for a in TRANSITIONS if a != "accredit")
STATUSES = ("valid", "not_yet_valid", "expired", "suspended", "revoked")


@dataclass(frozen=True)
class Step:
    action: str
    effective_on: date
    valid_until: date | None = None


@dataclass(frozen=True)
class Snapshot:
    state: str | None
    status: str
    valid_from: date | None
    valid_until: date | None


def next_state(state: str | None, action: str) -> str:
    allowed_from, target = TRANSITIONS[action]
    if state not in allowed_from:
        if state == "revoked":
            raise TransitionRefused("The accreditation is revoked; that is final and no further action is possible.")
        raise TransitionRefused(f"Cannot {action} an accreditation that is {state}.")
    return target or state


def replay(steps: list[Step], on: date) -> Snapshot:
    """Replay the actions taken up to `on` and derive the status a verifier sees on that date."""
    state, valid_from, valid_until = None, None, None
    for step in steps:
        if step.effective_on > on and step.action != "accredit":
            break
        state = next_state(state, step.action)
        if step.action == "accredit":
            valid_from = step.effective_on
        if step.valid_until is not None:
            valid_until = step.valid_until
    return Snapshot(state, status(state, valid_from, valid_until, on), valid_from, valid_until)


def status(state: str | None, valid_from: date | None, valid_until: date | None, on: date) -> str:
    if state in {"suspended", "revoked"}:
        return state
    if valid_from is None or on < valid_from:
        return "not_yet_valid"
    if valid_until is not None and on > valid_until:
        return "expired"
    return "valid"
