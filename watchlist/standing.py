"""A subject's standing on a date, derived from its positions in cases (never stored as truth); pure Python.

Precedence, first match wins:

    convicted  a conviction that has not been overturned (also while under appeal)
    debarred   a debarment in force from a decision still in effect (it ends on its end date by itself)
    pending    an open case (filed, under investigation, prosecuted, or an acquittal/dismissal under appeal)
    cleared    every case filed by that date is closed without a standing conviction
    none       no case filed by that date

A case is shown publicly for a subject only when the decision stands against it on that date
(a standing conviction, or a settlement carrying sanctions); acquittals and pending cases never are.
"""
from collections.abc import Iterable
from datetime import date

from watchlist.cases.lifecycle import Position, Step, replay


def standing_from_cases(cases: Iterable[tuple[date, list[Step]]], on: date) -> str:
    """The standing from a subject's cases as loaded rows: (filed_on, its steps in recorded order) per case.
    The one derivation shared by the profile (ORM objects) and the screening index (set-wise loaded rows)."""
    return standing_of([replay(filed_on, steps, on) for filed_on, steps in cases], on)


def standing_of(positions: Iterable[Position], on: date) -> str:
    """The standing from a subject's positions (one per case, each already replayed to `on`)."""
    filed = [p for p in positions if p.state is not None]
    if any(p.conviction_stands for p in filed):
        return "convicted"
    if any(p.debarred_on(on) for p in filed):
        return "debarred"
    if any(p.open for p in filed):
        return "pending"
    return "cleared" if filed else "none"


def decided_against(position: Position) -> bool:
    """Whether the case may be shown publicly for this respondent (see the module docstring)."""
    if position.conviction_stands:
        return True
    return position.state == "settled" and position.sanctions is not None and _has_sanction(position)


def _has_sanction(position: Position) -> bool:
    s = position.sanctions
    return bool(s.imprisonment_months or s.fine_amount or s.licence_revocation or s.debarment_until or s.debarment_permanent)
