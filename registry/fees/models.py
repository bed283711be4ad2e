"""Fee rules with their versions (a change is a new version, never an overwrite) and dated exchange rates."""
from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import JSON, CheckConstraint, ForeignKey, Numeric, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from registry.common.time import utcnow
from registry.extensions import db

MONEY = Numeric(18, 4)


class FeeRule(db.Model):
    """What a rule is about (issuer side, corridor, sector, cost category); its terms live in versions."""

    __tablename__ = "fee_rule"
    __table_args__ = (CheckConstraint("side IN ('origin', 'destination')", name="side"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    side: Mapped[str] = mapped_column(db.String(12))
    origin: Mapped[str | None] = mapped_column(db.String(2), index=True)  # None: any origin (destination side only)
    destination: Mapped[str | None] = mapped_column(db.String(2), index=True)  # None: any destination (origin side only)
    sector: Mapped[str] = mapped_column(db.String(20), default="any")
    category: Mapped[str] = mapped_column(db.String(40))
    version: Mapped[int] = mapped_column(default=1)
    created_at: Mapped[datetime] = mapped_column(db.DateTime(timezone=True), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(db.DateTime(timezone=True), default=utcnow)

    versions: Mapped[list["FeeRuleVersion"]] = relationship(back_populates="rule", order_by="FeeRuleVersion.version")

    __mapper_args__ = {"version_id_col": version}

    @property
    def issuer(self) -> str | None:
        return self.origin if self.side == "origin" else self.destination

    @property
    def current(self) -> "FeeRuleVersion":
        return self.versions[-1]


class FeeRuleVersion(db.Model):
    """The terms of a rule for a period; written once, only `effective_to` is set when a newer version closes it."""

    __tablename__ = "fee_rule_version"
    __table_args__ = (UniqueConstraint("rule_id", "version"),
                      CheckConstraint("payer IN ('worker', 'employer')", name="payer"),
                      CheckConstraint("effective_to IS NULL OR effective_to >= effective_from", name="period"))

    id: Mapped[int] = mapped_column(primary_key=True)
    rule_id: Mapped[int] = mapped_column(ForeignKey("fee_rule.id"), index=True)
    version: Mapped[int] = mapped_column()
    payer: Mapped[str] = mapped_column(db.String(10))
    cap_kind: Mapped[str] = mapped_column(db.String(30))
    amount: Mapped[Decimal | None] = mapped_column(MONEY)
    currency: Mapped[str | None] = mapped_column(db.String(3))
    factor: Mapped[Decimal | None] = mapped_column(Numeric(12, 4))
    steps: Mapped[list | None] = mapped_column(JSON)  # decimal strings, per month in contract year 1, 2, 3+
    max_months: Mapped[Decimal | None] = mapped_column(Numeric(8, 2))
    citation: Mapped[str] = mapped_column(db.String(500))
    url: Mapped[str | None] = mapped_column(db.String(500))
    note: Mapped[str | None] = mapped_column(db.String(1000))
    effective_from: Mapped[date] = mapped_column(db.Date)
    effective_to: Mapped[date | None] = mapped_column(db.Date)
    actor: Mapped[str] = mapped_column(db.String(300))
    recorded_at: Mapped[datetime] = mapped_column(db.DateTime(timezone=True), default=utcnow)

    rule: Mapped[FeeRule] = relationship(back_populates="versions")

    def in_force(self, on: date) -> bool:
        return self.effective_from <= on and (self.effective_to is None or on <= self.effective_to)


class ExchangeRate(db.Model):
    """One unit of `base` buys `rate` units of `quote` from `effective_on` until the next dated rate; append-only.

    `country` is the issuing country whose fee rules the rate serves (a regulator's own); None serves every
    country and only an admin sets it. `actor` is who set the rate.
    """

    __tablename__ = "exchange_rate"
    __table_args__ = (UniqueConstraint("base", "quote", "effective_on", "country"), CheckConstraint("rate > 0", name="positive"))

    id: Mapped[int] = mapped_column(primary_key=True)
    base: Mapped[str] = mapped_column(db.String(3))
    quote: Mapped[str] = mapped_column(db.String(3))
    rate: Mapped[Decimal] = mapped_column(Numeric(24, 10))
    effective_on: Mapped[date] = mapped_column(db.Date, index=True)
    source: Mapped[str | None] = mapped_column(db.String(300))
    country: Mapped[str | None] = mapped_column(db.String(2), index=True)
    actor: Mapped[str] = mapped_column(db.String(300))
    recorded_at: Mapped[datetime] = mapped_column(db.DateTime(timezone=True), default=utcnow)
