"""A screening source (another registry, a sanctions or debarment list), its imported FtM entities and imports.

Entities are keyed by (source, FtM id) and never deleted: an entity missing from a newer file is retired
(retired_at set) and keeps its row and audit history; it comes back if a later file lists it again.
"""
from datetime import datetime

from sqlalchemy import JSON, Boolean, Index, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from registry.common.time import utcnow
from registry.extensions import db


class Source(db.Model):
    __tablename__ = "source"

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(db.String(60), unique=True)
    name: Mapped[str] = mapped_column(db.String(200))
    publisher: Mapped[str] = mapped_column(db.String(200))
    url: Mapped[str | None] = mapped_column(db.String(500))
    licence: Mapped[str | None] = mapped_column(db.String(200))
    public: Mapped[bool] = mapped_column(Boolean, default=False)
    last_import_at: Mapped[datetime | None] = mapped_column(db.DateTime(timezone=True))
    created_at: Mapped[datetime] = mapped_column(db.DateTime(timezone=True), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(db.DateTime(timezone=True), default=utcnow, onupdate=utcnow)
    version: Mapped[int] = mapped_column(default=1)

    __mapper_args__ = {"version_id_col": version}


class SourceEntity(db.Model):
    """One FtM entity of a source. `holder_id` is the FtM id a Sanction or Identification is about."""

    __tablename__ = "source_entity"
    __table_args__ = (UniqueConstraint("source_id", "entity_id", name="uq_source_entity_source_id"),
                      Index("ix_source_entity_holder", "source_id", "holder_id"),
                      Index("ix_source_entity_schema", "schema", "retired_at"))

    id: Mapped[int] = mapped_column(primary_key=True)
    source_id: Mapped[int] = mapped_column(db.ForeignKey("source.id"))
    entity_id: Mapped[str] = mapped_column(db.String(200))
    schema: Mapped[str] = mapped_column(db.String(40))
    caption: Mapped[str] = mapped_column(db.String(400))
    holder_id: Mapped[str | None] = mapped_column(db.String(200))
    names: Mapped[list] = mapped_column(JSON)
    countries: Mapped[list] = mapped_column(JSON)
    identifiers: Mapped[list] = mapped_column(JSON)
    addresses: Mapped[list] = mapped_column(JSON)
    phones: Mapped[list] = mapped_column(JSON)
    emails: Mapped[list] = mapped_column(JSON)
    websites: Mapped[list] = mapped_column(JSON)
    topics: Mapped[list] = mapped_column(JSON)
    sanction: Mapped[dict | None] = mapped_column(JSON)
    properties: Mapped[dict] = mapped_column(JSON)
    digest: Mapped[str] = mapped_column(db.String(40))
    first_seen: Mapped[datetime] = mapped_column(db.DateTime(timezone=True))
    last_seen: Mapped[datetime] = mapped_column(db.DateTime(timezone=True))
    retired_at: Mapped[datetime | None] = mapped_column(db.DateTime(timezone=True))
    import_id: Mapped[int | None] = mapped_column(db.ForeignKey("source_import.id"))


class SourceImport(db.Model):
    """One imported file: what it held and what it changed."""

    __tablename__ = "source_import"

    id: Mapped[int] = mapped_column(primary_key=True)
    source_id: Mapped[int] = mapped_column(db.ForeignKey("source.id"), index=True)
    filename: Mapped[str] = mapped_column(db.String(500))
    sha256: Mapped[str] = mapped_column(db.String(64))
    entities: Mapped[int] = mapped_column()
    created: Mapped[int] = mapped_column()
    updated: Mapped[int] = mapped_column()
    retired: Mapped[int] = mapped_column()
    unchanged: Mapped[int] = mapped_column()
    imported_by: Mapped[str] = mapped_column(db.String(300))
    started_at: Mapped[datetime] = mapped_column(db.DateTime(timezone=True))
    finished_at: Mapped[datetime] = mapped_column(db.DateTime(timezone=True))
