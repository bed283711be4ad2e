"""Sources and their entities: add, change and list sources; search imported entities per audience.

The public sees only entities of sources marked public, always as "listed by SOURCE", never as this
registry's own decision; verifiers, regulators and admins see every source.
"""
from sqlalchemy import func, or_, select

from registry.audit.service import record_audit
from registry.common.actor import Actor
from registry.common.uow import transaction
from registry.domain import Conflict, InvalidInput, NotFound, StaleVersion
from registry.extensions import db
from watchlist.sources.ftm import SCREENED
from watchlist.sources.models import Source, SourceEntity

SOURCE_FIELDS = ("name", "publisher", "url", "licence", "public")
# FtM topics -> the standing the source gives; the first that applies wins
TOPIC_STANDINGS = (("crime", "convicted"), ("crime.traffick", "convicted"), ("debarment", "debarred"),
                   ("sanction", "sanctioned"), ("sanction.linked", "sanctioned"))


def listed_standing(topics: list[str], sanctions: list) -> str:
    """The source's standing for an entity: convicted, debarred, sanctioned, or just listed."""
    for topic, standing in TOPIC_STANDINGS:
        if topic in topics:
            return standing
    return "sanctioned" if sanctions else "listed"


def get_source(slug: str) -> Source:
    source = db.session.scalar(select(Source).where(Source.slug == slug))
    if source is None:
        raise NotFound(f"No source '{slug}'.")
    return source


def _snapshot(source: Source) -> dict:
    return {"slug": source.slug, **{f: getattr(source, f) for f in SOURCE_FIELDS}}


def _check_url(url: str | None) -> None:
    """The source's link is shown on public pages: only a plain web address."""
    if url and not url.lower().startswith(("https://", "http://")):
        raise InvalidInput("url: must start with https:// or http://.")


def add_source(data: dict, actor: Actor) -> Source:
    _check_url(data.get("url"))
    with transaction():
        if db.session.scalar(select(Source.id).where(Source.slug == data["slug"])) is not None:
            raise Conflict(f"A source '{data['slug']}' already exists.")
        source = Source(slug=data["slug"], **{f: data.get(f) for f in SOURCE_FIELDS if f != "public"},
                        public=bool(data.get("public")))
        db.session.add(source)
        db.session.flush()
        record_audit(actor, "source.create", "source", source.id, after=_snapshot(source))
    return source


def update_source(slug: str, changes: dict, actor: Actor, version: int | None = None) -> Source:
    _check_url(changes.get("url"))
    with transaction():
        source = get_source(slug)
        if version is not None and version != source.version:
            raise StaleVersion(f"Source '{slug}' is at version {source.version}, not {version}.", current_version=source.version)
        before = _snapshot(source)
        for key, value in changes.items():
            if key in SOURCE_FIELDS and value is not None:
                setattr(source, key, value)
        if _snapshot(source) != before:
            db.session.flush()
            record_audit(actor, "source.update", "source", source.id, before=before, after=_snapshot(source))
    return source


def list_sources(trusted: bool) -> list[dict]:
    """Sources with their live entity counts; the public sees only public sources."""
    query = select(Source).order_by(Source.name)
    if not trusted:
        query = query.where(Source.public.is_(True))
    counts = dict(db.session.execute(select(SourceEntity.source_id, func.count()).where(
        SourceEntity.retired_at.is_(None), SourceEntity.schema.in_(SCREENED)).group_by(SourceEntity.source_id)).all())
    return [{**_snapshot(s), "last_import_at": s.last_import_at, "entities": counts.get(s.id, 0)}
            for s in db.session.scalars(query)]


def search_listed(q: str | None, country: str | None, trusted: bool, page: int, per_page: int) -> tuple[list[dict], int]:
    """Live imported legal entities by name (case-insensitive substring) and country, each with its sanctions."""
    query = (select(SourceEntity, Source).join(Source, Source.id == SourceEntity.source_id)
             .where(SourceEntity.retired_at.is_(None), SourceEntity.schema.in_(SCREENED)))
    if not trusted:
        query = query.where(Source.public.is_(True))
    if q:
        like = f"%{q.strip().lower()}%"
        query = query.where(or_(func.lower(SourceEntity.caption).like(like),
                                func.lower(func.cast(SourceEntity.names, db.Text)).like(like)))
    if country:
        query = query.where(func.cast(SourceEntity.countries, db.Text).like(f'%"{country.upper()}"%'))
    total = db.session.scalar(select(func.count()).select_from(query.subquery()))
    rows = db.session.execute(query.order_by(SourceEntity.caption, SourceEntity.id)
                              .limit(per_page).offset((page - 1) * per_page)).all()
    from watchlist.sources.records import related
    extra = related(db.session, [(e.source_id, e.entity_id) for e, _s in rows],
                    [(e.source_id, a) for e, _s in rows for a in e.addresses])
    return [listed_item(entity, source, extra, trusted) for entity, source in rows], total


def listed_item(entity: SourceEntity, source: Source, extra: dict, trusted: bool) -> dict:
    """One imported entity as shown: who lists it, names, countries, the source's standing and sanctions."""
    key = (entity.source_id, entity.entity_id)
    sanctions = extra["sanctions"].get(key, [])
    item = {"id": entity.id, "entity_id": entity.entity_id, "schema": entity.schema, "name": entity.caption,
            "names": entity.names, "countries": entity.countries,
            "listed_by": {"source": source.slug, "name": source.name, "publisher": source.publisher, "url": source.url},
            "standing": listed_standing(entity.topics, sanctions), "sanctions": sanctions,
            "first_seen": entity.first_seen, "last_seen": entity.last_seen}
    if trusted:
        item.update(identifiers=entity.identifiers + extra["identifiers"].get(key, []),
                    addresses=[extra["addresses"].get((entity.source_id, a), a) for a in entity.addresses],
                    phones=entity.phones, emails=entity.emails, websites=entity.websites, topics=entity.topics,
                    source_public=source.public)
    return item
