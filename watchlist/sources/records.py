"""Imported FtM entities as matching-engine Records, set-wise: a constant number of queries for any number.

A Record's id is "source_entity:<row id>"; its payload names the source (slug, name, link, public flag) and
gives the source's standing and sanctions, so every screening result says where it comes from. Sanctions,
identifications and address entities are separate FtM entities joined to their holder here.
"""
from collections import defaultdict

from sqlalchemy import select, tuple_
from sqlalchemy.orm import Session

from watchlist.matching import Record
from watchlist.sources.ftm import SCREENED
from watchlist.sources.models import Source, SourceEntity
from watchlist.sources.service import listed_standing

REF = "source_entity"
IDENTIFIER_PRIORITY = ("registration_no", "tax_no", "passport", "national_id")
_SANCTION_KEYS = ("authority", "authority_id", "program", "reason", "provisions", "start", "end", "listed", "country", "url")
_IN_CHUNK = 500


def _chunks(items: list, size: int = _IN_CHUNK):
    for i in range(0, len(items), size):
        yield items[i:i + size]


def related(session: Session, keys=None, address_keys=()) -> dict[str, dict]:
    """Sanctions and identifications by holder, and address texts by address entity, as {(source id, FtM id): ...};
    for the given (source id, FtM id) holder and address keys, or for every live entity when keys is None."""
    result = {"sanctions": defaultdict(list), "identifiers": defaultdict(list), "addresses": {}}
    columns = (SourceEntity.source_id, SourceEntity.entity_id, SourceEntity.schema, SourceEntity.holder_id,
               SourceEntity.sanction, SourceEntity.identifiers, SourceEntity.caption)
    base = select(*columns).where(SourceEntity.retired_at.is_(None),
                                  SourceEntity.schema.in_(("Sanction", "Identification", "Passport", "Address")))
    if keys is None:
        queries = [base]
    else:
        keys = list(keys)
        queries = [base.where(tuple_(SourceEntity.source_id, SourceEntity.holder_id).in_(chunk)) for chunk in _chunks(keys)]
        queries += [base.where(SourceEntity.schema == "Address", tuple_(SourceEntity.source_id, SourceEntity.entity_id).in_(chunk))
                    for chunk in _chunks(list(address_keys))]
    for query in queries:
        for source_id, entity_id, schema, holder, sanction, identifiers, caption in session.execute(query):
            if schema == "Sanction":
                result["sanctions"][(source_id, holder)].append({k: sanction.get(k) for k in _SANCTION_KEYS})
            elif schema == "Address":
                result["addresses"][(source_id, entity_id)] = caption
            else:
                result["identifiers"][(source_id, holder)].extend(identifiers)
    return result


_COLUMNS = (SourceEntity.id, SourceEntity.source_id, SourceEntity.entity_id, SourceEntity.schema, SourceEntity.caption,
            SourceEntity.names, SourceEntity.countries, SourceEntity.identifiers, SourceEntity.addresses,
            SourceEntity.phones, SourceEntity.emails, SourceEntity.websites, SourceEntity.topics)


def _record(entity, source: dict, extra: dict) -> Record:
    key = (entity.source_id, entity.entity_id)
    identifiers = entity.identifiers + extra["identifiers"].get(key, [])
    registration = next((i["value"] for kind in IDENTIFIER_PRIORITY for i in identifiers if i["kind"] == kind), None)
    sanctions = extra["sanctions"].get(key, [])
    country = next((c for c in entity.countries if len(c) == 2), None)
    return Record(
        id=f"{REF}:{entity.id}", kind="person" if entity.schema == "Person" else "organisation",
        names=entity.names or [entity.caption], country=country, registration_no=registration,
        phones=entity.phones, emails=entity.emails, websites=entity.websites,
        addresses=[extra["addresses"].get((entity.source_id, a), a) for a in entity.addresses],
        payload={**source, "type": "source_entity", "source_entity_id": entity.id, "external_id": entity.entity_id,
                 "name": entity.caption, "country": country, "standing": listed_standing(entity.topics, sanctions),
                 "sanctions": sanctions})


def _sources(session: Session) -> dict[int, dict]:
    return {s.id: {"source": s.slug, "source_name": s.name, "source_url": s.url, "source_public": s.public}
            for s in session.scalars(select(Source))}


def _legal_entities(session: Session, ids=None) -> list:
    query = select(*_COLUMNS).where(SourceEntity.retired_at.is_(None), SourceEntity.schema.in_(SCREENED))
    if ids is None:
        return list(session.execute(query))
    return [row for chunk in _chunks(sorted(ids)) for row in session.execute(query.where(SourceEntity.id.in_(chunk)))]


def entity_records(session: Session, ids=None) -> list[Record]:
    """Records of the live legal entities of every source (or of those row ids that are live)."""
    rows = _legal_entities(session, ids)
    extra = related(session, None if ids is None else [(e.source_id, e.entity_id) for e in rows],
                    [(e.source_id, a) for e in rows for a in e.addresses] if ids is not None else ())
    sources = _sources(session)
    return [_record(entity, sources[entity.source_id], extra) for entity in rows]


def changed_refs(session: Session, ids: set[int]) -> tuple[list[str], list[Record]]:
    """For changed source_entity rows: the record ids to drop and the Records to (re)add. A changed Sanction or
    Identification re-reads its holder; None means "rebuild instead" (an Address changed)."""
    rows = list(session.execute(select(SourceEntity.id, SourceEntity.source_id, SourceEntity.schema, SourceEntity.holder_id)
                                .where(SourceEntity.id.in_(ids))))
    if any(r.schema == "Address" for r in rows):
        return None
    holders = [(r.source_id, r.holder_id) for r in rows if r.holder_id]
    affected = {r.id for r in rows if r.schema in SCREENED}
    for chunk in _chunks(holders):
        affected |= set(session.scalars(select(SourceEntity.id).where(
            tuple_(SourceEntity.source_id, SourceEntity.entity_id).in_(chunk))))
    return [f"{REF}:{i}" for i in affected], entity_records(session, affected)
