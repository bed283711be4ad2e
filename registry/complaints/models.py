"""A complaint, the payments it reports and its append-only status history; the contact is never public."""
from datetime import datetime
from decimal import Decimal

from sqlalchemy import Boolean, CheckConstraint, ForeignKey, Numeric, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from registry.common.time import utcnow
from registry.extensions import db

CATEGORIES = ("overcharging", "contract_substitution", "passport_retention", "unpaid_wages", "abuse_or_threats",
              "deception", "other")
STATUSES = ("received", "under_review", "referred", "resolved", "dismissed")


class Complaint(db.Model):
    __tablename__ = "complaint"
    __table_args__ = (CheckConstraint("status IN ('received', 'under_review', 'referred', 'resolved', 'dismissed')", name="status"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(db.String(32), unique=True)
    idempotency_key: Mapped[str | None] = mapped_column(db.String(100), unique=True)
    country: Mapped[str] = mapped_column(db.String(2), index=True)
    agency_id: Mapped[int | None] = mapped_column(ForeignKey("agency.id"), index=True)
    agency_given: Mapped[str | None] = mapped_column(db.String(300))
    employer_name: Mapped[str | None] = mapped_column(db.String(300))
    employer_country: Mapped[str | None] = mapped_column(db.String(2))
    category: Mapped[str] = mapped_column(db.String(30))
    description: Mapped[str] = mapped_column(db.Text)
    contact: Mapped[str | None] = mapped_column(db.String(300))
    anonymous: Mapped[bool] = mapped_column(Boolean, default=False)
    status: Mapped[str] = mapped_column(db.String(20), default="received", index=True)
    case_id: Mapped[int | None] = mapped_column()
    version: Mapped[int] = mapped_column(default=1)
    created_at: Mapped[datetime] = mapped_column(db.DateTime(timezone=True), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(db.DateTime(timezone=True), default=utcnow)

    agency: Mapped["Agency | None"] = relationship()  # noqa: F821
    payments: Mapped[list["ComplaintPayment"]] = relationship(back_populates="complaint", order_by="ComplaintPayment.id",
                                                               cascade="all, delete-orphan")
    events: Mapped[list["ComplaintEvent"]] = relationship(back_populates="complaint", order_by="ComplaintEvent.seq")

    __mapper_args__ = {"version_id_col": version}


class ComplaintPayment(db.Model):
    """An amount the worker says they paid (Decimal + ISO 4217)."""

    __tablename__ = "complaint_payment"

    id: Mapped[int] = mapped_column(primary_key=True)
    complaint_id: Mapped[int] = mapped_column(ForeignKey("complaint.id"), index=True)
    amount: Mapped[Decimal] = mapped_column(Numeric(18, 2))
    currency: Mapped[str] = mapped_column(db.String(3))
    purpose: Mapped[str | None] = mapped_column(db.String(200))

    complaint: Mapped[Complaint] = relationship(back_populates="payments")


class ComplaintEvent(db.Model):
    """One status change or note by a regulator; never updated."""

    __tablename__ = "complaint_event"
    __table_args__ = (UniqueConstraint("complaint_id", "seq"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    complaint_id: Mapped[int] = mapped_column(ForeignKey("complaint.id"), index=True)
    seq: Mapped[int] = mapped_column()
    from_status: Mapped[str | None] = mapped_column(db.String(20))
    to_status: Mapped[str] = mapped_column(db.String(20))
    note: Mapped[str | None] = mapped_column(db.Text)
    case_id: Mapped[int | None] = mapped_column()
    actor: Mapped[str] = mapped_column(db.String(300))
    at: Mapped[datetime] = mapped_column(db.DateTime(timezone=True), default=utcnow)

    complaint: Mapped[Complaint] = relationship(back_populates="events")
