"""Agency, its other names and its officers; former officers are kept (ended_on) for repeat-offender checks."""
from datetime import date, datetime

from sqlalchemy import CheckConstraint, ForeignKey
from sqlalchemy.orm import Mapped, mapped_column, relationship

from registry.common.time import utcnow
from registry.extensions import db

NAME_KINDS = ("trade", "former", "other")
OFFICER_ROLES = ("director", "owner", "manager", "officer", "other")


class Agency(db.Model):
    __tablename__ = "agency"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(db.String(300))
    search_key: Mapped[str] = mapped_column(db.String(300), index=True)
    registration_no: Mapped[str | None] = mapped_column(db.String(100), index=True)
    country: Mapped[str] = mapped_column(db.String(2), index=True)
    address: Mapped[str | None] = mapped_column(db.String(500))
    phone: Mapped[str | None] = mapped_column(db.String(50))
    email: Mapped[str | None] = mapped_column(db.String(254))
    website: Mapped[str | None] = mapped_column(db.String(300))
    version: Mapped[int] = mapped_column(default=1)
    created_at: Mapped[datetime] = mapped_column(db.DateTime(timezone=True), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(db.DateTime(timezone=True), default=utcnow)

    other_names: Mapped[list["AgencyName"]] = relationship(back_populates="agency", order_by="AgencyName.id",
                                                            cascade="all, delete-orphan")
    officers: Mapped[list["Officer"]] = relationship(back_populates="agency", order_by="Officer.id",
                                                      cascade="all, delete-orphan")
    licences: Mapped[list["Licence"]] = relationship(back_populates="agency", order_by="Licence.id")  # noqa: F821

    __mapper_args__ = {"version_id_col": version}

    @property
    def banned_on(self) -> date | None:
        """Date of the first revocation that banned this agency and its officers, if any."""
        dates = [a.effective_on for lic in self.licences for a in lic.actions if a.action == "revoke" and a.ban]
        return min(dates) if dates else None

    @property
    def banned(self) -> bool:
        return self.banned_on is not None

    @property
    def current_officers(self) -> list["Officer"]:
        return [o for o in self.officers if o.ended_on is None]


class AgencyName(db.Model):
    __tablename__ = "agency_name"
    __table_args__ = (CheckConstraint("kind IN ('trade', 'former', 'other')", name="kind"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    agency_id: Mapped[int] = mapped_column(ForeignKey("agency.id"), index=True)
    name: Mapped[str] = mapped_column(db.String(300))
    kind: Mapped[str] = mapped_column(db.String(10), default="other")
    search_key: Mapped[str] = mapped_column(db.String(300), index=True)

    agency: Mapped[Agency] = relationship(back_populates="other_names")


class Officer(db.Model):
    """A director, owner or manager. `id_number` (national ID / passport) is stored for matching, never shown publicly."""

    __tablename__ = "officer"

    id: Mapped[int] = mapped_column(primary_key=True)
    agency_id: Mapped[int] = mapped_column(ForeignKey("agency.id"), index=True)
    name: Mapped[str] = mapped_column(db.String(300))
    search_key: Mapped[str] = mapped_column(db.String(300), index=True)
    role: Mapped[str] = mapped_column(db.String(20), default="director")
    id_number: Mapped[str | None] = mapped_column(db.String(100))
    started_on: Mapped[date | None] = mapped_column(db.Date)
    ended_on: Mapped[date | None] = mapped_column(db.Date)

    agency: Mapped[Agency] = relationship(back_populates="officers")
