"""API token records; the secret itself is never stored, only its SHA-256 digest."""
from sqlalchemy import CheckConstraint
from sqlalchemy.orm import Mapped, mapped_column

from registry.common.time import utcnow
from registry.extensions import db
from datetime import datetime


class ApiToken(db.Model):
    __tablename__ = "api_token"
    __table_args__ = (CheckConstraint("role IN ('regulator', 'verifier', 'admin')", name="role"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(db.String(200))
    role: Mapped[str] = mapped_column(db.String(20))
    country: Mapped[str | None] = mapped_column(db.String(2))
    prefix: Mapped[str] = mapped_column(db.String(16), unique=True)
    secret_hash: Mapped[str] = mapped_column(db.String(64))
    created_at: Mapped[datetime] = mapped_column(db.DateTime(timezone=True), default=utcnow)
    revoked_at: Mapped[datetime | None] = mapped_column(db.DateTime(timezone=True))
    last_used_at: Mapped[datetime | None] = mapped_column(db.DateTime(timezone=True))


class User(db.Model):
    """A regulator-console user; the password is stored only as a werkzeug scrypt hash. Failed logins lock the account."""

    __tablename__ = "console_user"
    __table_args__ = (CheckConstraint("role IN ('regulator', 'verifier', 'admin')", name="role"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(db.String(254), unique=True)
    password_hash: Mapped[str] = mapped_column(db.String(300))
    role: Mapped[str] = mapped_column(db.String(20))
    country: Mapped[str | None] = mapped_column(db.String(2))
    failed_logins: Mapped[int] = mapped_column(default=0)
    locked_until: Mapped[datetime | None] = mapped_column(db.DateTime(timezone=True))
    last_login_at: Mapped[datetime | None] = mapped_column(db.DateTime(timezone=True))
    disabled_at: Mapped[datetime | None] = mapped_column(db.DateTime(timezone=True))
    created_at: Mapped[datetime] = mapped_column(db.DateTime(timezone=True), default=utcnow)
    # Bumped at logout: a session cookie carries the epoch it was issued in and stops working once it is stale.
    session_epoch: Mapped[int] = mapped_column(default=0, server_default="0")
