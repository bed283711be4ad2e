"""The audit entry table; the ORM refuses to update or delete rows once written."""
from datetime import datetime

from sqlalchemy import JSON, event
from sqlalchemy.orm import Mapped, Session, mapped_column

from registry.common.time import utcnow
from registry.extensions import db


class AuditEntry(db.Model):
    __tablename__ = "audit_entry"

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(db.DateTime(timezone=True), default=utcnow, index=True)
    actor: Mapped[str] = mapped_column(db.String(300))
    actor_role: Mapped[str | None] = mapped_column(db.String(20))
    actor_country: Mapped[str | None] = mapped_column(db.String(2))
    token_id: Mapped[int | None] = mapped_column()
    user_id: Mapped[int | None] = mapped_column()
    action: Mapped[str] = mapped_column(db.String(60))
    entity_type: Mapped[str] = mapped_column(db.String(40))
    entity_id: Mapped[str | None] = mapped_column(db.String(60))
    before: Mapped[dict | None] = mapped_column(JSON)
    after: Mapped[dict | None] = mapped_column(JSON)
    request_id: Mapped[str | None] = mapped_column(db.String(64))

    __table_args__ = (db.Index("ix_audit_entry_entity", "entity_type", "entity_id"),)


@event.listens_for(Session, "before_flush")
def _audit_is_append_only(session, flush_context, instances):
    for obj in list(session.dirty) + list(session.deleted):
        if isinstance(obj, AuditEntry) and (obj in session.deleted or session.is_modified(obj)):
            raise RuntimeError("Audit entries are append-only and cannot be changed or deleted.")
