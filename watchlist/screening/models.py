"""Flags raised by automatic screening, their review decisions, and links between records judged the same."""
from datetime import datetime

from sqlalchemy import JSON, Boolean, Float, Index
from sqlalchemy.orm import Mapped, mapped_column

from registry.common.time import utcnow
from registry.extensions import db

FLAG_STATUSES = ("open", "same", "different")


class Flag(db.Model):
    """A possible repeat offender: `source_ref` (the new or changed record) looks like `candidate_ref`.

    Refs are "agency:<id>", "officer:<id>" or "subject:<id>".
    """

    __tablename__ = "flag"
    __table_args__ = (Index("ix_flag_pair", "source_ref", "candidate_ref"), Index("ix_flag_queue", "country", "status"))

    id: Mapped[int] = mapped_column(primary_key=True)
    source_ref: Mapped[str] = mapped_column(db.String(40))
    source_label: Mapped[str] = mapped_column(db.String(400))
    candidate_ref: Mapped[str] = mapped_column(db.String(40))
    candidate_label: Mapped[str] = mapped_column(db.String(400))
    trigger: Mapped[str] = mapped_column(db.String(40))
    country: Mapped[str] = mapped_column(db.String(2))
    score: Mapped[float] = mapped_column(Float)
    match: Mapped[bool] = mapped_column(Boolean)
    explanation: Mapped[dict] = mapped_column(JSON)
    candidate: Mapped[dict] = mapped_column(JSON)
    status: Mapped[str] = mapped_column(db.String(10), default="open")
    reason: Mapped[str | None] = mapped_column(db.Text)
    decided_by: Mapped[str | None] = mapped_column(db.String(300))
    decided_at: Mapped[datetime | None] = mapped_column(db.DateTime(timezone=True))
    created_at: Mapped[datetime] = mapped_column(db.DateTime(timezone=True), default=utcnow)
    version: Mapped[int] = mapped_column(default=1)

    __mapper_args__ = {"version_id_col": version}


class RecordLink(db.Model):
    """Two records a regulator judged to be the same person or organisation; history follows the link."""

    __tablename__ = "record_link"
    __table_args__ = (Index("ix_record_link_a", "a_ref"), Index("ix_record_link_b", "b_ref"))

    id: Mapped[int] = mapped_column(primary_key=True)
    a_ref: Mapped[str] = mapped_column(db.String(40))
    b_ref: Mapped[str] = mapped_column(db.String(40))
    flag_id: Mapped[int | None] = mapped_column(db.ForeignKey("flag.id"))
    reason: Mapped[str | None] = mapped_column(db.Text)
    created_by: Mapped[str] = mapped_column(db.String(300))
    created_at: Mapped[datetime] = mapped_column(db.DateTime(timezone=True), default=utcnow)


class ScreeningJob(db.Model):
    """A screening a write could not run because the index was not ready; run once it is (nothing skipped).

    `ref` is the record to screen ("agency:<id>" or "subject:<id>"), `actor` who wrote it (the flags are theirs).
    """

    __tablename__ = "screening_job"
    __table_args__ = (Index("ix_screening_job_pending", "done_at", "id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    ref: Mapped[str] = mapped_column(db.String(40))
    trigger: Mapped[str] = mapped_column(db.String(40))
    country: Mapped[str] = mapped_column(db.String(2))
    actor: Mapped[dict] = mapped_column(JSON)
    created_at: Mapped[datetime] = mapped_column(db.DateTime(timezone=True), default=utcnow)
    done_at: Mapped[datetime | None] = mapped_column(db.DateTime(timezone=True))
    flags: Mapped[int | None] = mapped_column()
