"""The public agency search without the ORM: three column statements on one read connection, dumped by the page schema.

Same conditions as `service.search_agencies` (`search_conditions`), same output (`AgencyPage`); licence statuses come
from the stored public status with today's dates applied (`registry.licences.public.status_on`).
"""
from sqlalchemy import func, select

from registry.agencies.models import Agency, AgencyName
from registry.agencies.service import search_conditions
from registry.common.pagination import page_body
from registry.common.reads import read
from registry.common.time import today
from registry.licences.models import Licence
from registry.licences.public import status_on


def _names(execute, ids: list[int]) -> dict[int, list[dict]]:
    out: dict[int, list[dict]] = {i: [] for i in ids}
    for agency_id, name, kind in execute(select(AgencyName.agency_id, AgencyName.name, AgencyName.kind)
                                         .where(AgencyName.agency_id.in_(ids)).order_by(AgencyName.id), {}):
        out[agency_id].append({"name": name, "kind": kind})
    return out


def _licences(execute, ids: list[int]) -> dict[int, list[dict]]:
    on, out = today(), {i: [] for i in ids}
    rows = execute(select(Licence.agency_id, Licence.country, Licence.licence_no, Licence.public_status,
                          Licence.expires_on, Licence.suspended_until)
                   .where(Licence.agency_id.in_(ids)).order_by(Licence.id), {})
    for agency_id, country, number, stored, expires_on, suspended_until in rows:
        status = status_on(stored, expires_on, suspended_until, on)
        out[agency_id].append({"country": country, "licence_no": number, "status": status, "valid": status == "valid",
                               "expires_on": expires_on})
    return out


def search(q: str | None, country: str | None, status: str | None, page: int, per_page: int) -> dict | None:
    """A page of matching agencies (the AgencyPage body without suggestions); None when nothing matched."""
    where = search_conditions(q, country, status)
    if where is None:
        return None

    def work(execute):
        rows = execute(select(Agency.id, Agency.name, Agency.country).where(*where).order_by(Agency.name, Agency.id)
                       .limit(per_page).offset((page - 1) * per_page), {})
        if not rows:
            return None
        ids = [r[0] for r in rows]
        total = len(rows) if page == 1 and len(rows) < per_page else execute(
            select(func.count()).select_from(select(Agency.id).where(*where).subquery()), {})[0][0]
        names, licences = _names(execute, ids), _licences(execute, ids)
        items = [{"id": i, "name": name, "country": c, "other_names": names[i], "licences": licences[i]}
                 for i, name, c in rows]
        return page_body(items, total, page, per_page)

    return read(work)
