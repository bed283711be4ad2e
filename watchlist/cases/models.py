"""Case, its respondents and its append-only event history; `state`/`status` columns cache a replay to today."""
from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import JSON, ForeignKey, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from registry.common.time import utcnow
from registry.extensions import db
from watchlist.cases.lifecycle import Sanctions, Step, sanctions_of, step_of


class Case(db.Model):
    __tablename__ = "watchlist_case"
    __table_args__ = (UniqueConstraint("jurisdiction", "authority", "case_no"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    case_no: Mapped[str] = mapped_column(db.String(100))
    jurisdiction: Mapped[str] = mapped_column(db.String(2), index=True)
    authority: Mapped[str] = mapped_column(db.String(300))
    offences: Mapped[list] = mapped_column(JSON)
    indicators: Mapped[list] = mapped_column(JSON)
    victims_total: Mapped[int | None] = mapped_column()
    victims_women: Mapped[int | None] = mapped_column()
    victims_minors: Mapped[int | None] = mapped_column()
    sector: Mapped[str | None] = mapped_column(db.String(100))
    destination_country: Mapped[str | None] = mapped_column(db.String(2))
    filed_on: Mapped[date] = mapped_column(db.Date)
    summary: Mapped[str | None] = mapped_column(db.Text)
    notes: Mapped[str | None] = mapped_column(db.Text)
    status: Mapped[str] = mapped_column(db.String(10), default="pending", index=True)
    version: Mapped[int] = mapped_column(default=1)
    created_at: Mapped[datetime] = mapped_column(db.DateTime(timezone=True), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(db.DateTime(timezone=True), default=utcnow)

    respondents: Mapped[list["CaseRespondent"]] = relationship(back_populates="case", order_by="CaseRespondent.id",
                                                                cascade="all, delete-orphan")
    events: Mapped[list["CaseEvent"]] = relationship(back_populates="case", order_by="CaseEvent.seq")

    __mapper_args__ = {"version_id_col": version}

    @property
    def victims(self) -> dict:
        return {"total": self.victims_total, "women": self.victims_women, "minors": self.victims_minors}

    def steps_for(self, subject_id: int) -> list[Step]:
        """The lifecycle steps of one respondent: events naming it or naming no respondent."""
        return [e.step for e in self.events if e.subject_id in (None, subject_id) and e.event != "filed"]


class CaseRespondent(db.Model):
    __tablename__ = "case_respondent"
    __table_args__ = (UniqueConstraint("case_id", "subject_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("watchlist_case.id"), index=True)
    subject_id: Mapped[int] = mapped_column(ForeignKey("subject.id"), index=True)
    role: Mapped[str] = mapped_column(db.String(20))
    state: Mapped[str] = mapped_column(db.String(25), default="filed", index=True)

    case: Mapped[Case] = relationship(back_populates="respondents")
    subject: Mapped["Subject"] = relationship(back_populates="respondents")  # noqa: F821


class CaseEvent(db.Model):
    """One recorded event; never updated. `subject_id` is the respondent it concerns (None: all of them)."""

    __tablename__ = "case_event"
    __table_args__ = (UniqueConstraint("case_id", "seq"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("watchlist_case.id"), index=True)
    seq: Mapped[int] = mapped_column()
    event: Mapped[str] = mapped_column(db.String(25))
    effective_on: Mapped[date] = mapped_column(db.Date)
    subject_id: Mapped[int | None] = mapped_column(ForeignKey("subject.id"), index=True)
    reference: Mapped[str | None] = mapped_column(db.String(200))
    note: Mapped[str | None] = mapped_column(db.Text)
    imprisonment_months: Mapped[int | None] = mapped_column()
    fine_amount: Mapped[Decimal | None] = mapped_column(db.Numeric(18, 2))
    fine_currency: Mapped[str | None] = mapped_column(db.String(3))
    licence_revocation: Mapped[bool | None] = mapped_column()
    debarment_until: Mapped[date | None] = mapped_column(db.Date)
    debarment_permanent: Mapped[bool | None] = mapped_column()
    compensation_ordered_amount: Mapped[Decimal | None] = mapped_column(db.Numeric(18, 2))
    compensation_ordered_currency: Mapped[str | None] = mapped_column(db.String(3))
    compensation_paid_amount: Mapped[Decimal | None] = mapped_column(db.Numeric(18, 2))
    compensation_paid_currency: Mapped[str | None] = mapped_column(db.String(3))
    actor: Mapped[str] = mapped_column(db.String(300))
    recorded_at: Mapped[datetime] = mapped_column(db.DateTime(timezone=True), default=utcnow)

    case: Mapped[Case] = relationship(back_populates="events")

    @property
    def has_sanctions(self) -> bool:
        return sanctions_of(self) is not None

    @property
    def sanctions(self) -> Sanctions | None:
        return sanctions_of(self)

    @property
    def step(self) -> Step:
        return step_of(self)

    @property
    def compensation(self) -> dict | None:
        ordered = ({"amount": self.compensation_ordered_amount, "currency": self.compensation_ordered_currency}
                   if self.compensation_ordered_amount is not None else None)
        paid = ({"amount": self.compensation_paid_amount, "currency": self.compensation_paid_currency}
                if self.compensation_paid_amount is not None else None)
        return {"ordered": ordered, "paid": paid} if ordered or paid else None
