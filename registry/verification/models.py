"""A stored job-offer verification; written once and never changed (the ORM refuses updates and deletes)."""
from datetime import date, datetime

from sqlalchemy import JSON, ForeignKey, event
from sqlalchemy.orm import Mapped, Session, mapped_column

from registry.common.time import utcnow
from registry.extensions import db


class Verification(db.Model):
    __tablename__ = "verification"

    id: Mapped[int] = mapped_column(primary_key=True)
    token: Mapped[str] = mapped_column(db.String(40), unique=True)  # random; the public reference is this, signed
    verdict: Mapped[str] = mapped_column(db.String(10))
    offer_date: Mapped[date] = mapped_column(db.Date)
    agency_id: Mapped[int | None] = mapped_column(ForeignKey("agency.id"), index=True)
    agency_name: Mapped[str] = mapped_column(db.String(300))
    agency_country: Mapped[str] = mapped_column(db.String(2))
    licence_no: Mapped[str | None] = mapped_column(db.String(60))
    employer_id: Mapped[int | None] = mapped_column(ForeignKey("subject.id"), index=True)
    employer_name: Mapped[str] = mapped_column(db.String(300))
    employer_country: Mapped[str] = mapped_column(db.String(2))
    position: Mapped[str] = mapped_column(db.String(200))
    origin: Mapped[str] = mapped_column(db.String(2))
    destination: Mapped[str] = mapped_column(db.String(2))
    request: Mapped[dict] = mapped_column(JSON)
    findings: Mapped[list] = mapped_column(JSON)
    verifier: Mapped[str] = mapped_column(db.String(300))
    verifier_token_id: Mapped[int | None] = mapped_column(index=True)
    verifier_user_id: Mapped[int | None] = mapped_column()
    verifier_country: Mapped[str | None] = mapped_column(db.String(2))
    verified_at: Mapped[datetime] = mapped_column(db.DateTime(timezone=True), default=utcnow, index=True)


@event.listens_for(Session, "before_flush")
def _verifications_are_immutable(session, flush_context, instances):
    for obj in list(session.dirty) + list(session.deleted):
        if isinstance(obj, Verification) and (obj in session.deleted or session.is_modified(obj)):
            raise RuntimeError("Verifications are stored once and cannot be changed or deleted.")
