"""Screening, comparison and 'did you mean' over the matching indexes; results as plain dicts for the API."""
from flask import current_app

from registry.domain import Unavailable
from registry.licences.keys import licence_key
from watchlist.matching import Hit, Query
from watchlist.screening.cache import indexes

KINDS = ("organisation", "person", "any")


def _as_list(value) -> list[str]:
    if value is None:
        return []
    return [v for v in ([value] if isinstance(value, str) else value) if v]


def to_query(item: dict) -> Query:
    """Build an engine Query from an API/CLI screening item (single values or lists)."""
    return Query(name=item.get("name") or "", kind=item.get("kind") or "any", country=item.get("country"),
                 other_names=_as_list(item.get("other_names")), registration_no=item.get("registration_no"),
                 phones=_as_list(item.get("phone")) + _as_list(item.get("phones")),
                 emails=_as_list(item.get("email")) + _as_list(item.get("emails")),
                 websites=_as_list(item.get("website")) + _as_list(item.get("websites")),
                 addresses=_as_list(item.get("address")) + _as_list(item.get("addresses")),
                 officers=_as_list(item.get("officers")))


def hit_to_result(hit: Hit) -> dict:
    """One result in the API's shape (see ScreenResultSchema)."""
    p = hit.payload
    return {"record": hit.record_id, "source": p.get("source"), "type": p.get("type"),
            "subject_id": p.get("subject_id"), "external_id": p.get("external_id"), "agency_id": p.get("agency_id"),
            "officer_id": p.get("officer_id"), "name": p.get("name"), "country": p.get("country"),
            "matched_name": hit.matched_name, "query_name": hit.query_name, "score": hit.score, "match": hit.match,
            "review": hit.review, "standing": p.get("standing"), "agency_name": p.get("agency_name"),
            "licence_history": p.get("licence_history", []), "linked_records": p.get("linked_records", []),
            "source_name": p.get("source_name") or SOURCE_NAMES.get(p.get("source")), "source_url": p.get("source_url"),
            "sanctions": p.get("sanctions", []), "explanation": _with_source(hit.explanation, p)}


SOURCE_NAMES = {"watchlist": "this registry's watchlist", "registry": "this registry's licence records"}


def _with_source(explanation: dict, payload: dict) -> dict:
    """The explanation names where the record comes from; another source's standing is its own, not ours."""
    source = payload.get("source_name") or SOURCE_NAMES.get(payload.get("source"))
    if not source:
        return explanation
    summary = explanation.get("summary", "")
    if payload.get("type") == "source_entity":
        summary = f"{summary} Listed by {source} ({(payload.get('standing') or 'listed').replace('_', ' ')} there)."
    else:
        summary = f"{summary} Source: {source}."
    return {**explanation, "summary": summary.strip(), "source": source}


def screen_one(item: dict, limit: int = 10, exclude: set[str] = frozenset()) -> list[dict]:
    """Screen one name (with optional identifiers and officers) against the watchlist and adverse registry records."""
    query = to_query(item)
    if not _screenable(query):
        return []
    hits = indexes(current_app).search(query, limit=limit + len(exclude))
    return [hit_to_result(h) for h in hits if h.record_id not in exclude][:limit]


def _screenable(query: Query) -> bool:
    return bool(query.name or query.registration_no or query.phones or query.emails or query.websites or query.addresses)


def screen_batch(items: list[dict], limit: int = 10) -> list[list[dict]]:
    """Screen many items (one round trip to the index server); results in the items' order."""
    queries = [to_query(item) for item in items]
    wanted = [q for q in queries if _screenable(q)]
    found = iter(indexes(current_app).search_many(wanted, limit=limit) if wanted else [])
    return [[hit_to_result(h) for h in next(found)] if _screenable(q) else [] for q in queries]


def compare(a: dict, b: dict) -> dict:
    """Score two names with the engine's rules and the registry's token weights."""
    return indexes(current_app).compare(a["name"], b["name"], a.get("kind") or "any", b.get("kind") or "any")


def suggest_agencies(q: str, limit: int = 5, country: str | None = None, min_score: float = 55.0) -> list[dict]:
    """Agency names that look like `q` (typos, legal forms, joined words): for public 'did you mean'."""
    if not q or not q.strip():
        return []
    try:
        hits = indexes(current_app).suggest(Query(name=q, kind="organisation", country=country), limit * 2, min_score)
    except Unavailable:
        return []  # a suggestion is a courtesy: the search itself still answers while the index is not ready
    found = [h for h in hits if not country or h.payload.get("country") == country]
    return [{"agency_id": h.payload["agency_id"], "name": h.payload["name"], "country": h.payload["country"],
             "matched_name": h.matched_name, "score": h.score} for h in found[:limit]]


def suggest_licences(country: str, licence_no: str, limit: int = 5) -> list[dict]:
    """Licence numbers of that country that look like the one typed (typos, missing or swapped digits)."""
    key = licence_key(licence_no)
    if not key:
        return []
    try:
        hits = indexes(current_app).licence_matches(country, key, limit, 70)
    except Unavailable:
        return []
    return [{"country": row[0], "licence_no": row[2], "agency_id": row[3], "agency_name": row[4],
             "similarity": round(score, 1)} for row, score in hits]
