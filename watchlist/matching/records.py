"""The data exchanged with the index: what is indexed (Record), what is asked (Query) and
what comes back (Hit)."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Sequence


@dataclass(slots=True)
class Record:
    """An indexed organisation or person; ``names[0]`` is the primary name."""

    id: str
    kind: str
    names: list[str]
    country: str | None = None
    registration_no: str | None = None
    phones: Sequence[str] = ()
    emails: Sequence[str] = ()
    websites: Sequence[str] = ()
    addresses: Sequence[str] = ()
    officers: list[str] = field(default_factory=list)
    payload: dict = field(default_factory=dict)


@dataclass
class Query:
    """What to screen: a name with optional other names, identifiers and officers."""

    name: str
    kind: str = "any"
    country: str | None = None
    other_names: Sequence[str] = ()
    registration_no: str | None = None
    phones: Sequence[str] = ()
    emails: Sequence[str] = ()
    websites: Sequence[str] = ()
    addresses: Sequence[str] = ()
    officers: Sequence[str] = ()


@dataclass
class Hit:
    """One screening result, best first; ``explanation`` says why in plain terms."""

    record_id: str
    score: float
    match: bool
    review: bool
    matched_name: str
    query_name: str
    explanation: dict
    payload: dict
