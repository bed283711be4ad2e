"""Record and read audit entries; recording joins the caller's transaction so a write and its audit commit together."""
import json
from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import func, select

from registry.audit.models import AuditEntry
from registry.common.actor import Actor
from registry.extensions import db


def _plain(value):
    """Make before/after snapshots JSON-safe (dates, decimals) without losing information."""
    return json.loads(json.dumps(value, default=lambda v: v.isoformat() if isinstance(v, (date, datetime)) else str(v) if isinstance(v, Decimal) else repr(v)))


def record_audit(actor: Actor, action: str, entity_type: str, entity_id, before=None, after=None) -> AuditEntry:
    entry = AuditEntry(
        actor=actor.label, actor_role=actor.role, actor_country=actor.country, token_id=actor.token_id,
        user_id=actor.user_id, action=action, entity_type=entity_type,
        entity_id=None if entity_id is None else str(entity_id),
        before=_plain(before) if before is not None else None, after=_plain(after) if after is not None else None,
        request_id=actor.request_id,
    )
    db.session.add(entry)
    return entry


def record_audit_bulk(actor: Actor, rows: list[dict]) -> None:
    """Insert many audit entries at once (bulk imports); each row has action, entity_type, entity_id, before, after,
    whose values must already be JSON-safe (plain str, numbers, lists, dicts)."""
    if not rows:
        return
    base = {"actor": actor.label, "actor_role": actor.role, "actor_country": actor.country,
            "token_id": actor.token_id, "user_id": actor.user_id, "request_id": actor.request_id}
    from registry.common.time import utcnow
    now = utcnow()
    db.session.execute(AuditEntry.__table__.insert(), [
        {**base, "at": now, "action": r["action"], "entity_type": r["entity_type"], "entity_id": str(r["entity_id"]),
         "before": r.get("before"), "after": r.get("after")}
        for r in rows
    ])


def list_audit(entity_type: str | None, entity_id: str | None, page: int, per_page: int):
    query = select(AuditEntry)
    if entity_type:
        query = query.where(AuditEntry.entity_type == entity_type)
    if entity_id:
        query = query.where(AuditEntry.entity_id == str(entity_id))
    total = db.session.scalar(select(func.count()).select_from(query.subquery()))
    items = db.session.scalars(query.order_by(AuditEntry.id.desc()).limit(per_page).offset((page - 1) * per_page)).all()
    return items, total
