"""Find agencies for the public search box and suggest similar names ("did you mean") for a misspelt one."""
from rapidfuzz import fuzz, process
from sqlalchemy import select
from sqlalchemy.orm import joinedload, selectinload

from registry.agencies.models import Agency, AgencyName
from registry.agencies.service import search_agencies
from registry.extensions import db
from registry.licences.keys import licence_key
from registry.licences.models import Licence
from watchlist.matching import search_key

NAME_CUTOFF = 72
NUMBER_CUTOFF = 70


def agency_page_record(agency_id: int) -> Agency | None:
    """An agency with its names, officers, licences and their actions in one statement (the page shows all of them)."""
    statement = (select(Agency).where(Agency.id == agency_id)
                 .options(joinedload(Agency.other_names), joinedload(Agency.officers),
                          joinedload(Agency.licences).joinedload(Licence.actions)))
    return db.session.scalars(statement).unique().one_or_none()


def find(q: str, limit: int = 20) -> list[Agency]:
    """Agencies whose name, other name or licence number contains the query (case, accents, legal form ignored)."""
    items, _total = search_agencies(q, None, None, 1, limit)
    return items


def _screening_suggestions(q: str, limit: int) -> list[int] | None:
    """Agency ids from the matching engine's screening service, when that service is installed."""
    try:
        from watchlist.screening.service import suggest_agencies
    except ImportError:
        return None
    ids = []
    for hit in suggest_agencies(q, limit=limit):
        value = hit if isinstance(hit, int) else getattr(hit, "id", None) if not isinstance(hit, dict) else (
            hit.get("agency_id") or hit.get("id"))
        if isinstance(value, int):
            ids.append(value)
    return ids


def _fuzzy_name_ids(q: str, limit: int) -> dict[int, float]:
    """Fallback without the screening service: fuzzy-compare the query with every agency name and other name."""
    key, scores = search_key(q), {}
    if key:
        names = db.session.execute(select(Agency.id, Agency.search_key)).all()
        names += db.session.execute(select(AgencyName.agency_id, AgencyName.search_key)).all()
        choices = {i: row[1] for i, row in enumerate(names) if row[1]}
        for _choice, score, i in process.extract(key, choices, scorer=fuzz.WRatio, limit=limit * 3, score_cutoff=NAME_CUTOFF):
            scores[names[i][0]] = max(scores.get(names[i][0], 0), score)
    return scores


def _fuzzy_number_ids(q: str, limit: int) -> dict[int, float]:
    """Licence numbers like the query (a typo, a missing digit), for queries that contain digits."""
    lkey, scores = licence_key(q), {}
    if lkey and any(ch.isdigit() for ch in lkey):
        numbers = db.session.execute(select(Licence.agency_id, Licence.licence_key)).all()
        choices = {i: row[1] for i, row in enumerate(numbers)}
        for _choice, score, i in process.extract(lkey, choices, scorer=fuzz.ratio, limit=limit, score_cutoff=NUMBER_CUTOFF):
            scores[numbers[i][0]] = max(scores.get(numbers[i][0], 0), score)
    return scores


def _ranked(scores: dict[int, float]) -> list[int]:
    return [agency_id for agency_id, _ in sorted(scores.items(), key=lambda kv: -kv[1])]


def did_you_mean(q: str, limit: int = 5, exclude: set[int] | None = None) -> list[Agency]:
    """Agencies with a name or number like the query, best first (screening service if present, else fuzzy)."""
    if not q or not q.strip():
        return []
    wanted = limit + len(exclude or ())
    ids = _ranked(_fuzzy_number_ids(q, wanted))
    by_name = _screening_suggestions(q, wanted)
    ids += [i for i in (by_name if by_name is not None else _ranked(_fuzzy_name_ids(q, wanted))) if i not in ids]
    ids = [i for i in ids if i not in (exclude or set())][:limit]
    if not ids:
        return []
    rows = db.session.scalars(select(Agency).where(Agency.id.in_(ids))
                              .options(selectinload(Agency.licences).selectinload(Licence.actions))).all()
    by_id = {a.id: a for a in rows}
    return [by_id[i] for i in ids if i in by_id]
