"""Accreditation of a foreign employer (a watchlist subject) with an agency, its action history and job orders."""
from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import CheckConstraint, ForeignKey, Numeric, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from registry.common.time import utcnow
from registry.extensions import db


class Accreditation(db.Model):
    __tablename__ = "accreditation"

    id: Mapped[int] = mapped_column(primary_key=True)
    employer_id: Mapped[int] = mapped_column(ForeignKey("subject.id"), index=True)
    agency_id: Mapped[int] = mapped_column(ForeignKey("agency.id"), index=True)
    destination: Mapped[str] = mapped_column(db.String(2), index=True)
    valid_from: Mapped[date] = mapped_column(db.Date)
    valid_until: Mapped[date] = mapped_column(db.Date)
    state: Mapped[str] = mapped_column(db.String(12), default="active")
    version: Mapped[int] = mapped_column(default=1)
    created_at: Mapped[datetime] = mapped_column(db.DateTime(timezone=True), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(db.DateTime(timezone=True), default=utcnow)

    employer: Mapped["Subject"] = relationship()  # noqa: F821
    agency: Mapped["Agency"] = relationship()  # noqa: F821
    actions: Mapped[list["AccreditationAction"]] = relationship(back_populates="accreditation",
                                                                order_by="AccreditationAction.seq")
    job_orders: Mapped[list["JobOrder"]] = relationship(back_populates="accreditation", order_by="JobOrder.id")

    __mapper_args__ = {"version_id_col": version}


class AccreditationAction(db.Model):
    """One recorded action (accredit, renew, suspend, reinstate, revoke); never updated."""

    __tablename__ = "accreditation_action"
    __table_args__ = (UniqueConstraint("accreditation_id", "seq"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    accreditation_id: Mapped[int] = mapped_column(ForeignKey("accreditation.id"), index=True)
    seq: Mapped[int] = mapped_column()
    action: Mapped[str] = mapped_column(db.String(12))
    from_state: Mapped[str | None] = mapped_column(db.String(12))
    to_state: Mapped[str] = mapped_column(db.String(12))
    effective_on: Mapped[date] = mapped_column(db.Date)
    valid_until: Mapped[date | None] = mapped_column(db.Date)
    reason: Mapped[str | None] = mapped_column(db.Text)
    legal_basis: Mapped[str | None] = mapped_column(db.String(500))
    actor: Mapped[str] = mapped_column(db.String(300))
    recorded_at: Mapped[datetime] = mapped_column(db.DateTime(timezone=True), default=utcnow)

    accreditation: Mapped[Accreditation] = relationship(back_populates="actions")


class JobOrder(db.Model):
    """Approved demand from an accredited employer: position, workers, wage and contract length."""

    __tablename__ = "job_order"
    __table_args__ = (CheckConstraint("workers > 0", name="workers"),
                      CheckConstraint("valid_until >= approved_on", name="period"))

    id: Mapped[int] = mapped_column(primary_key=True)
    accreditation_id: Mapped[int] = mapped_column(ForeignKey("accreditation.id"), index=True)
    position: Mapped[str] = mapped_column(db.String(200))
    sector: Mapped[str] = mapped_column(db.String(20))
    workers: Mapped[int] = mapped_column()
    monthly_wage: Mapped[Decimal] = mapped_column(Numeric(18, 4))
    currency: Mapped[str] = mapped_column(db.String(3))
    contract_months: Mapped[int] = mapped_column()
    approved_on: Mapped[date] = mapped_column(db.Date)
    valid_until: Mapped[date] = mapped_column(db.Date)
    actor: Mapped[str] = mapped_column(db.String(300))
    created_at: Mapped[datetime] = mapped_column(db.DateTime(timezone=True), default=utcnow)

    accreditation: Mapped[Accreditation] = relationship(back_populates="job_orders")

    def in_force(self, on: date) -> bool:
        return self.approved_on <= on <= self.valid_until
