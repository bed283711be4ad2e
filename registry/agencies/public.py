"""The public agency search without the ORM: one column statement on a read connection, dumped by the page schema.

Same conditions as `service.search_agencies` (with bound parameters, so each shape of query is built and compiled
once per process and prepared once per connection), same output (`AgencyPage`); licence statuses come from the stored
public status with today's dates applied (`registry.licences.public.status_on`). The tests compare both searches.
"""
import functools

from sqlalchemy import Date, String, bindparam, cast, exists, func, literal, null, or_, select, union_all

from registry.agencies.models import Agency, AgencyName
from registry.agencies.service import status_clause
from registry.agencies.trust import standings_of_ids
from registry.common.pagination import page_body
from registry.common.reads import read_rows
from registry.common.time import today
from registry.licences.models import Licence
from registry.licences.keys import licence_key
from registry.licences.public import status_on
from watchlist.matching import search_key


def _pattern(value: str) -> str:
    """A LIKE pattern for 'contains value', escaped with '/' as SQLAlchemy's autoescape does."""
    return "%" + value.replace("/", "//").replace("%", "/%").replace("_", "/_") + "%"


def _conditions(by_name: bool, by_number: bool, country: bool, status: str | None) -> list:
    """The conditions of `service.search_agencies` with bound parameters, so each shape is built and compiled once."""
    where = []
    conditions = []
    if by_name:
        name = bindparam("name_pattern")
        conditions += [Agency.search_key.like(name, escape="/"),
                       exists().where(AgencyName.agency_id == Agency.id, AgencyName.search_key.like(name, escape="/"))]
    if by_number:
        conditions.append(exists().where(Licence.agency_id == Agency.id,
                                         Licence.licence_key.like(bindparam("number_pattern"), escape="/")))
    if conditions:
        where.append(or_(*conditions))
    if country:
        where.append(Agency.country == bindparam("country"))
    if status:
        where.append(exists().where(Licence.agency_id == Agency.id, status_clause(status, bindparam("on", type_=Date))))
    return where


@functools.lru_cache(maxsize=64)
def _statements(by_name: bool, by_number: bool, country: bool, status: str | None):
    """(page statement, count statement): the page of agencies, their other names and their licences as one
    UNION ALL (part 0, 1, 2) in page order; and the number of matches."""
    where = _conditions(by_name, by_number, country, status)
    order = func.row_number().over(order_by=(Agency.name, Agency.id))
    found = (select(Agency.id, Agency.name, Agency.country, order.label("ord")).where(*where)
             .order_by(Agency.name, Agency.id).limit(bindparam("limit")).offset(bindparam("offset")).cte("found"))
    agencies = select(literal(0).label("part"), found.c.id, found.c.name, found.c.country,
                      cast(null(), String).label("status"), found.c.ord, cast(null(), Date).label("expires_on"),
                      cast(null(), Date).label("suspended_until"))
    names = (select(literal(1), AgencyName.agency_id, AgencyName.name, AgencyName.kind, cast(null(), String),
                    AgencyName.id, cast(null(), Date), cast(null(), Date).label("until"))
             .join(found, found.c.id == AgencyName.agency_id))
    licences = (select(literal(2), Licence.agency_id, Licence.country, Licence.licence_no, Licence.public_status,
                       Licence.id, Licence.expires_on, Licence.suspended_until)
                .join(found, found.c.id == Licence.agency_id))
    union = union_all(agencies, names, licences).subquery()
    count = select(func.count()).select_from(select(Agency.id).where(*where).subquery())
    return select(union).order_by(union.c[0], union.c[5]), count


def search(q: str | None, country: str | None, status: str | None, page: int, per_page: int) -> dict | None:
    """A page of matching agencies (the AgencyPage body without suggestions); None when nothing matched."""
    key, lkey = (search_key(q), licence_key(q)) if q and q.strip() else ("", "")
    if q and q.strip() and not key and not lkey:
        return None
    on = today()
    page_of, count = _statements(bool(key), bool(lkey), bool(country), status)
    params = {"name_pattern": _pattern(key), "number_pattern": _pattern(lkey), "country": country, "on": on,
              "limit": per_page, "offset": (page - 1) * per_page}
    rows = read_rows(page_of, params)
    items, by_id = [], {}
    for part, agency_id, a, b, stored, _ord, expires_on, suspended_until in rows:
        if part == 0:
            by_id[agency_id] = {"id": agency_id, "name": a, "country": b, "other_names": [], "licences": []}
            items.append(by_id[agency_id])
        elif part == 1:
            by_id[agency_id]["other_names"].append({"name": a, "kind": b})
        else:
            status_now = status_on(stored, expires_on, suspended_until, on)
            by_id[agency_id]["licences"].append({"country": a, "licence_no": b, "status": status_now,
                                                 "valid": status_now == "valid", "expires_on": expires_on})
    if not items:
        return None
    trust = standings_of_ids(list(by_id))
    for item in items:
        item["trust_standing"] = trust[item["id"]]
    total = len(items) if page == 1 and len(items) < per_page else read_rows(count, params)[0][0]
    return page_body(items, total, page, per_page)
