"""The agency rating formula, pure Python: a compliance record in, a 0-5 score out, each point tied to a record.

Formula (documented in README "Agency record and rating"):
  start at 3 for an agency holding a valid licence (no rating at all without one);
  +1 for every full 2 years licensed without a sanction since the later of first licence and last sanction (at most +2);
  -1 for each suspension and each complaint upheld against the agency in the last 5 years;
  -2 for each revocation or cancellation of any of its licences (ever);
  -3 for each conviction of the agency or one of its officers (ever, unless overturned);
  the result is kept between 0 and 5.
"""
from dataclasses import dataclass, field
from datetime import date, timedelta

START = 3
MAX_SCORE = 5
CLEAN_YEARS_PER_POINT = 2
MAX_CLEAN_POINTS = 2
RECENT = timedelta(days=5 * 365)
PENALTY = {"suspension": -1, "complaint_upheld": -1, "revocation": -2, "cancellation": -2, "conviction": -3}


@dataclass(frozen=True)
class Event:
    """One record that counts: a licence action, an upheld complaint or a conviction."""

    kind: str  # suspension | revocation | cancellation | complaint_upheld | conviction
    on: date
    record_type: str  # licence_action | complaint | case_event
    record_id: int
    detail: str = ""


@dataclass
class Compliance:
    licensed_since: date | None
    events: list[Event] = field(default_factory=list)
    complaints_received: int = 0
    convictions_checked: bool = True
    first_issue: tuple[str, int] | None = None  # (record_type, record_id) of the first licence issue

    def clean_since_record(self) -> tuple[str | None, int | None]:
        """The record the clean period is counted from: the last sanction, else the first licence issue."""
        last = max(self.sanctions, key=lambda e: e.on, default=None)
        if last is not None and self.licensed_since is not None and last.on >= self.licensed_since:
            return last.record_type, last.record_id
        return self.first_issue or (None, None)

    def count(self, kind: str) -> int:
        return sum(1 for e in self.events if e.kind == kind)

    @property
    def sanctions(self) -> list[Event]:
        return [e for e in self.events if e.kind in {"suspension", "revocation", "cancellation", "conviction"}]

    @property
    def last_sanction_on(self) -> date | None:
        return max((e.on for e in self.sanctions), default=None)

    def clean_since(self) -> date | None:
        if self.licensed_since is None:
            return None
        return max(self.licensed_since, self.last_sanction_on or self.licensed_since)

    def years_without_sanction(self, today: date) -> float:
        start = self.clean_since()
        return round(max((today - start).days, 0) / 365.25, 1) if start else 0.0


@dataclass(frozen=True)
class Point:
    points: int
    code: str  # start | clean_years | suspension | revocation | cancellation | complaint_upheld | conviction | floor | ceiling
    on: date | None = None
    record_type: str | None = None
    record_id: int | None = None
    detail: str = ""


@dataclass(frozen=True)
class Rating:
    score: int
    points: list[Point]
    out_of: int = MAX_SCORE


def rate(record: Compliance, has_valid_licence: bool, today: date) -> Rating | None:
    """The rating, or None for an agency without a valid licence (never rated)."""
    if not has_valid_licence:
        return None
    points = [Point(START, "start")]
    clean = min(int(record.years_without_sanction(today) // CLEAN_YEARS_PER_POINT), MAX_CLEAN_POINTS)
    if clean:
        points.append(Point(clean, "clean_years", record.clean_since(), *record.clean_since_record(),
                            detail=str(clean * CLEAN_YEARS_PER_POINT)))
    for event in sorted(record.events, key=lambda e: e.on):
        recent_only = event.kind in {"suspension", "complaint_upheld"}
        if recent_only and today - event.on > RECENT:
            continue
        points.append(Point(PENALTY[event.kind], event.kind, event.on, event.record_type, event.record_id, event.detail))
    total = sum(p.points for p in points)
    if total < 0:
        points.append(Point(-total, "floor"))
    elif total > MAX_SCORE:
        points.append(Point(MAX_SCORE - total, "ceiling"))
    return Rating(max(0, min(MAX_SCORE, total)), points)
