"""Licence and its append-only action history; `state` caches the result of replaying the history."""
from datetime import date, datetime

from sqlalchemy import JSON, Boolean, ForeignKey, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from registry.common.time import utcnow
from registry.extensions import db


class Licence(db.Model):
    __tablename__ = "licence"
    __table_args__ = (UniqueConstraint("country", "licence_no"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    agency_id: Mapped[int] = mapped_column(ForeignKey("agency.id"), index=True)
    country: Mapped[str] = mapped_column(db.String(2))
    licence_no: Mapped[str] = mapped_column(db.String(60))
    licence_key: Mapped[str] = mapped_column(db.String(60), index=True)
    authority: Mapped[str] = mapped_column(db.String(300))
    scope: Mapped[str] = mapped_column(db.String(30))
    destinations: Mapped[list | None] = mapped_column(JSON)
    issued_on: Mapped[date | None] = mapped_column(db.Date)
    expires_on: Mapped[date] = mapped_column(db.Date)
    state: Mapped[str] = mapped_column(db.String(20), default="pending", index=True)
    suspended_until: Mapped[date | None] = mapped_column(db.Date)
    # The public status as recorded by the last action (kept by registry.licences.public.keep_public_status);
    # readers apply the dates that pass without an action (expiry, a suspension's end) with `status_on`.
    public_status: Mapped[str] = mapped_column(db.String(20), default="pending", server_default="pending")
    version: Mapped[int] = mapped_column(default=1)
    created_at: Mapped[datetime] = mapped_column(db.DateTime(timezone=True), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(db.DateTime(timezone=True), default=utcnow)

    agency: Mapped["Agency"] = relationship(back_populates="licences")  # noqa: F821
    actions: Mapped[list["LicenceAction"]] = relationship(back_populates="licence", order_by="LicenceAction.seq")

    __mapper_args__ = {"version_id_col": version}

    @property
    def status(self) -> str:
        """Public status today (valid, expired, suspended, revoked, cancelled, surrendered, pending)."""
        from registry.common.time import today
        return licence_status(self, today())

    @property
    def valid(self) -> bool:
        return self.status == "valid"

    @property
    def history(self) -> list["LicenceAction"]:
        return self.actions


class LicenceAction(db.Model):
    """One recorded action (issue, renew, suspend, reinstate, revoke, cancel, surrender); never updated."""

    __tablename__ = "licence_action"
    __table_args__ = (UniqueConstraint("licence_id", "seq"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    licence_id: Mapped[int] = mapped_column(ForeignKey("licence.id"), index=True)
    seq: Mapped[int] = mapped_column()
    action: Mapped[str] = mapped_column(db.String(20))
    from_state: Mapped[str] = mapped_column(db.String(20))
    to_state: Mapped[str] = mapped_column(db.String(20))
    effective_on: Mapped[date] = mapped_column(db.Date)
    until: Mapped[date | None] = mapped_column(db.Date)
    expires_on: Mapped[date | None] = mapped_column(db.Date)
    reason: Mapped[str | None] = mapped_column(db.Text)
    legal_basis: Mapped[str | None] = mapped_column(db.String(500))
    ban: Mapped[bool] = mapped_column(Boolean, default=False)
    actor: Mapped[str] = mapped_column(db.String(300))
    recorded_at: Mapped[datetime] = mapped_column(db.DateTime(timezone=True), default=utcnow)

    licence: Mapped[Licence] = relationship(back_populates="actions")


def _current_snapshot(licence: Licence, on: date):
    from registry.licences import lifecycle

    state = lifecycle._effective_state(licence.state, licence.suspended_until, on)
    return state, lifecycle.public_status(state, licence.expires_on, on)


def licence_status(licence: Licence, on: date) -> str:
    """Public status on `on` from the cached state and dates (equal to a replay, since actions are never future-dated)."""
    return _current_snapshot(licence, on)[1]
