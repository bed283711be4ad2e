"""Subject (organisation or person) with other names, identifiers, contacts and officer links; versioned."""
from datetime import datetime

from sqlalchemy import CheckConstraint, ForeignKey, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from registry.common.time import utcnow
from registry.extensions import db


class Subject(db.Model):
    __tablename__ = "subject"
    __table_args__ = (UniqueConstraint("country", "external_id"),
                      CheckConstraint("kind IN ('organisation', 'person')", name="subject_kind"))

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(db.String(12))
    name: Mapped[str] = mapped_column(db.String(300))
    search_key: Mapped[str] = mapped_column(db.String(300), index=True)
    country: Mapped[str] = mapped_column(db.String(2), index=True)
    # The country whose regulators keep this record (the creating regulator's); not the subject's own country.
    jurisdiction: Mapped[str] = mapped_column(db.String(2), index=True)
    external_id: Mapped[str | None] = mapped_column(db.String(100))
    agency_id: Mapped[int | None] = mapped_column(ForeignKey("agency.id"), index=True)
    version: Mapped[int] = mapped_column(default=1)
    created_at: Mapped[datetime] = mapped_column(db.DateTime(timezone=True), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(db.DateTime(timezone=True), default=utcnow)

    other_names: Mapped[list["SubjectName"]] = relationship(back_populates="subject", order_by="SubjectName.id",
                                                             cascade="all, delete-orphan")
    identifiers: Mapped[list["SubjectIdentifier"]] = relationship(order_by="SubjectIdentifier.id", cascade="all, delete-orphan")
    contacts: Mapped[list["SubjectContact"]] = relationship(order_by="SubjectContact.id", cascade="all, delete-orphan")
    officer_of: Mapped[list["SubjectLink"]] = relationship(foreign_keys="SubjectLink.person_id", order_by="SubjectLink.id",
                                                           cascade="all, delete-orphan", back_populates="person")
    officers: Mapped[list["SubjectLink"]] = relationship(foreign_keys="SubjectLink.organisation_id", order_by="SubjectLink.id",
                                                         viewonly=True)
    respondents: Mapped[list["CaseRespondent"]] = relationship(back_populates="subject", viewonly=True)  # noqa: F821

    __mapper_args__ = {"version_id_col": version}

    def identifier(self, kind: str) -> str | None:
        return next((i.value for i in self.identifiers if i.kind == kind), None)


class SubjectName(db.Model):
    __tablename__ = "subject_name"
    __table_args__ = (CheckConstraint("kind IN ('alias', 'former', 'trade', 'native_script')", name="subject_name_kind"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    subject_id: Mapped[int] = mapped_column(ForeignKey("subject.id"), index=True)
    name: Mapped[str] = mapped_column(db.String(300))
    kind: Mapped[str] = mapped_column(db.String(15), default="alias")
    search_key: Mapped[str] = mapped_column(db.String(300), index=True)

    subject: Mapped[Subject] = relationship(back_populates="other_names")


class SubjectIdentifier(db.Model):
    """Registration, tax, passport or national ID number: stored and matchable, never public."""

    __tablename__ = "subject_identifier"

    id: Mapped[int] = mapped_column(primary_key=True)
    subject_id: Mapped[int] = mapped_column(ForeignKey("subject.id"), index=True)
    kind: Mapped[str] = mapped_column(db.String(20))
    value: Mapped[str] = mapped_column(db.String(100))
    normalised: Mapped[str] = mapped_column(db.String(100), index=True)


class SubjectContact(db.Model):
    """Address, phone, e-mail or website; `normalised` is the comparable form (never public)."""

    __tablename__ = "subject_contact"

    id: Mapped[int] = mapped_column(primary_key=True)
    subject_id: Mapped[int] = mapped_column(ForeignKey("subject.id"), index=True)
    kind: Mapped[str] = mapped_column(db.String(10))
    value: Mapped[str] = mapped_column(db.String(500))
    normalised: Mapped[str | None] = mapped_column(db.String(500), index=True)


class SubjectLink(db.Model):
    """A person who is (or was) an officer of an organisation, e.g. director or owner."""

    __tablename__ = "subject_link"
    __table_args__ = (UniqueConstraint("person_id", "organisation_id", "role"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("subject.id"), index=True)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("subject.id"), index=True)
    relation: Mapped[str] = mapped_column(db.String(20), default="officer_of")
    role: Mapped[str] = mapped_column(db.String(50), default="director")

    person: Mapped[Subject] = relationship(foreign_keys=[person_id], back_populates="officer_of")
    organisation: Mapped[Subject] = relationship(foreign_keys=[organisation_id])
