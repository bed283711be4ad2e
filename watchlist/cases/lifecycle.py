"""The per-respondent case state machine and its replay on a date; pure Python, no database.

A case is `filed` for every respondent when it is created; each later event moves one respondent
(or, for stage events without a respondent, every respondent at once). Allowed transitions:

    event                 from                                       to
    under_investigation   filed                                      under_investigation
    prosecuted            filed, under_investigation                 prosecuted
    convicted             prosecuted                                 convicted
    acquitted             prosecuted                                 acquitted
    dismissed             filed, under_investigation, prosecuted     dismissed
    settled               filed, under_investigation, prosecuted     settled
    withdrawn             filed, under_investigation, prosecuted     withdrawn
    appealed              convicted, acquitted, dismissed            appealed (remembers the decision)
    upheld                appealed                                   the decision under appeal
    overturned            appealed                                   convicted -> overturned;
                                                                     acquitted/dismissed -> prosecuted (retrial)

Open states: filed, under_investigation, prosecuted, appealed. A conviction under appeal still
stands until it is overturned. settled, withdrawn and overturned are final.
"""
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

EVENTS = ("under_investigation", "prosecuted", "convicted", "acquitted", "dismissed", "settled", "withdrawn",
          "appealed", "upheld", "overturned")
STATES = ("filed", "under_investigation", "prosecuted", "convicted", "acquitted", "dismissed", "settled",
          "withdrawn", "appealed", "overturned")
OPEN_STATES = frozenset({"filed", "under_investigation", "prosecuted", "appealed"})
DECISIONS = frozenset({"convicted", "acquitted", "dismissed", "settled", "withdrawn"})
STAGE_EVENTS = frozenset({"under_investigation", "prosecuted", "dismissed", "withdrawn"})  # may apply to all respondents
SANCTIONING_EVENTS = frozenset({"convicted", "settled"})  # the only events that carry sanctions or compensation
PRE_TRIAL = frozenset({"filed", "under_investigation", "prosecuted"})

TRANSITIONS: dict[str, frozenset] = {
    "under_investigation": frozenset({"filed"}),
    "prosecuted": frozenset({"filed", "under_investigation"}),
    "convicted": frozenset({"prosecuted"}),
    "acquitted": frozenset({"prosecuted"}),
    "dismissed": PRE_TRIAL,
    "settled": PRE_TRIAL,
    "withdrawn": PRE_TRIAL,
    "appealed": frozenset({"convicted", "acquitted", "dismissed"}),
    "upheld": frozenset({"appealed"}),
    "overturned": frozenset({"appealed"}),
}


class TransitionRefused(Exception):
    """The event is not allowed from the respondent's state; `reason` is plain language."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True)
class Sanctions:
    """What a decision imposed on one respondent (amounts are Decimal, currencies ISO 4217)."""

    imprisonment_months: int | None = None
    fine_amount: Decimal | None = None
    fine_currency: str | None = None
    licence_revocation: bool = False
    debarment_until: date | None = None
    debarment_permanent: bool = False

    def debarred_on(self, on: date) -> bool:
        """A debarment is in force until (not including) its end date; a permanent one never ends."""
        return self.debarment_permanent or (self.debarment_until is not None and on < self.debarment_until)


@dataclass(frozen=True)
class Step:
    """The part of a recorded event that the replay needs."""

    event: str
    on: date
    sanctions: Sanctions | None = None
    reference: str | None = None


@dataclass(frozen=True)
class Position:
    """A respondent's situation in one case on one date."""

    state: str | None  # None: the case was not yet filed on that date
    under_appeal: str | None = None  # the decision being appealed while state == "appealed"
    decision: str | None = None  # the latest decision (convicted, acquitted, ...) still in effect
    decision_on: date | None = None
    decision_reference: str | None = None
    sanctions: Sanctions | None = None  # of the decision in effect
    appeal: str | None = None  # "pending", "upheld" or "overturned" for the latest appeal
    history: tuple = field(default=())

    @property
    def open(self) -> bool:
        return self.state in OPEN_STATES and not self.conviction_stands

    @property
    def conviction_stands(self) -> bool:
        return self.state == "convicted" or (self.state == "appealed" and self.under_appeal == "convicted")

    def debarred_on(self, on: date) -> bool:
        if self.state not in {"convicted", "settled", "appealed"} or self.sanctions is None:
            return False
        if self.state == "appealed" and self.under_appeal != "convicted":
            return False
        return self.sanctions.debarred_on(on)


def sanctions_of(e) -> Sanctions | None:
    """The sanctions a recorded event carries (a CaseEvent or a database row with its columns), or None."""
    if e.event not in SANCTIONING_EVENTS or not any((e.imprisonment_months, e.fine_amount, e.licence_revocation,
                                                     e.debarment_until, e.debarment_permanent)):
        return None
    return Sanctions(e.imprisonment_months, e.fine_amount, e.fine_currency, bool(e.licence_revocation),
                     e.debarment_until, bool(e.debarment_permanent))


def step_of(e) -> Step:
    """The replayable part of a recorded event (a CaseEvent or a database row with its columns)."""
    return Step(e.event, e.effective_on, sanctions_of(e), e.reference)


def next_state(state: str | None, event: str, under_appeal: str | None = None) -> str:
    """The state after `event`, or TransitionRefused with the reason."""
    if event not in TRANSITIONS:
        raise TransitionRefused(f"Unknown event '{event}'.")
    if state is None:
        raise TransitionRefused("The case was not yet filed on that date.")
    if state not in TRANSITIONS[event]:
        if state in {"settled", "withdrawn", "overturned"}:
            raise TransitionRefused(f"The respondent's case is {state}; that is final and no further event is possible.")
        needs = " or ".join(sorted(TRANSITIONS[event]))
        raise TransitionRefused(f"Cannot record '{event}' for a respondent whose case is {state}; it must be {needs}.")
    if event == "upheld":
        return under_appeal
    if event == "overturned":
        return "overturned" if under_appeal == "convicted" else "prosecuted"
    return event


def apply(position: Position, step: Step) -> Position:
    """The position after one step (raises TransitionRefused)."""
    state = next_state(position.state, step.event, position.under_appeal)
    p = position
    if step.event in DECISIONS:
        return Position(state, None, step.event, step.on, step.reference, step.sanctions, None, p.history + (step,))
    if step.event == "appealed":
        return Position(state, p.state, p.decision, p.decision_on, p.decision_reference, p.sanctions, "pending",
                        p.history + (step,))
    if step.event == "upheld":
        return Position(state, None, p.decision, p.decision_on, p.decision_reference, p.sanctions, "upheld", p.history + (step,))
    if step.event == "overturned":
        if state == "overturned":  # the conviction and its sanctions fall
            return Position(state, None, "convicted", p.decision_on, p.decision_reference, None, "overturned", p.history + (step,))
        return Position(state, None, None, None, None, None, "overturned", p.history + (step,))
    return Position(state, None, p.decision, p.decision_on, p.decision_reference, p.sanctions, p.appeal, p.history + (step,))


def replay(filed_on: date, steps: list[Step], on: date) -> Position:
    """Replay a respondent's steps (in recorded order) up to and including `on`."""
    if on < filed_on:
        return Position(None)
    position = Position("filed")
    for step in steps:
        if step.on > on:
            break
        position = apply(position, step)
    return position
