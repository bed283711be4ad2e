"""Who may read one record's audit trail: admins, and regulators of the record's jurisdiction (the trail holds
private fields: triage notes, officers' passport numbers, contact details)."""
from registry.common.actor import Actor
from registry.domain import NotFound, PermissionDenied
from registry.extensions import db


def record_jurisdiction(entity_type: str, entity_id: str) -> str | None:
    """The country whose regulators own the record (NotFound when there is no such record)."""
    from registry.agencies.models import Agency
    from registry.complaints.models import Complaint
    from registry.licences.models import Licence
    from watchlist.cases.models import Case
    from watchlist.screening.models import Flag
    from watchlist.subjects.models import Subject

    models = {"agency": Agency, "licence": Licence, "complaint": Complaint, "case": Case, "subject": Subject, "flag": Flag}
    model = models.get(entity_type)
    record = db.session.get(model, int(entity_id)) if model is not None and entity_id.isdigit() and len(entity_id) < 12 else None
    if record is None:
        raise NotFound(f"No {entity_type} with id {entity_id}.")
    if entity_type == "licence":
        return record.agency.country
    if entity_type == "case":
        return record.jurisdiction
    if entity_type == "subject":
        return getattr(record, "jurisdiction", None) or record.country
    return record.country


def check_trail_access(actor: Actor, entity_type: str, entity_id: str) -> None:
    """PermissionDenied unless `actor` is an admin or a regulator of the record's jurisdiction."""
    jurisdiction = record_jurisdiction(entity_type, entity_id)
    if actor.role == "admin" or (actor.role == "regulator" and actor.country == jurisdiction):
        return
    raise PermissionDenied(f"Only admins and regulators of {jurisdiction} may read this record's audit trail.")
