"""The public employer check: names as typed (substring) plus the matching engine, with "did you mean".

A worker types "Al Rimal Zarkan" for the convicted "Al-Rimal Zarqan": the engine's `match` hits are results,
its `review` hits are suggestions. Only convicted or debarred subjects are ever shown. Without the screening
index (not built, or its server down) the answer is the substring search plus a note, never an error.
"""
import logging
from datetime import date

from flask_babel import gettext
from sqlalchemy import select

from registry.extensions import db
from watchlist.profile import SUBJECT_LOAD, is_public, subject_profile
from watchlist.screening.service import screen_one
from watchlist.subjects.models import Subject
from watchlist.subjects.service import search_public

log = logging.getLogger(__name__)
ENGINE_HITS = 20
SUGGESTIONS = 5


def _engine_hits(q: str, country: str | None) -> list[dict]:
    """Watchlist subjects the engine finds for `q` (best first); raises when the index is not available."""
    hits = screen_one({"name": q, "kind": "any"}, limit=ENGINE_HITS)
    return [h for h in hits if h.get("subject_id") and (not country or h.get("country") == country)]


def check_employer(q: str | None, country: str | None, on: date, page: int, per_page: int) -> dict:
    """Public subjects for `q`: exact (substring) results, then engine matches, and 'did you mean' suggestions."""
    subjects, total = search_public(q, country, on, page, per_page)
    items = [{**subject_profile(s, on), "score": None, "matched_name": None} for s in subjects]
    result = {"items": items, "total": total, "page": page, "per_page": per_page, "suggestions": [], "note": None}
    if not q or not q.strip():
        return result
    try:
        hits = _engine_hits(q.strip(), country)
    except Exception:  # noqa: BLE001 - any failure of the index (not ready, server down) falls back to substrings
        log.warning("employer check: screening index not available, substring search only", exc_info=True)
        result["note"] = gettext("Similar spellings could not be checked just now; only names containing what you typed "
                                 "were searched. Try again in a few minutes.")
        return result
    ids = {h["subject_id"] for h in hits}
    public = {s.id: s for s in db.session.scalars(select(Subject).where(Subject.id.in_(ids)).options(*SUBJECT_LOAD)).unique()
              if is_public(s, on)} if ids else {}
    shown = {s.id for s in subjects}
    extra = []
    for hit in hits:
        subject = public.get(hit["subject_id"])
        if subject is None or subject.id in shown:
            continue
        shown.add(subject.id)
        if hit["match"]:
            extra.append({**subject_profile(subject, on), "score": hit["score"], "matched_name": hit["matched_name"]})
        elif len(result["suggestions"]) < SUGGESTIONS:
            result["suggestions"].append({"subject_id": subject.id, "name": subject.name, "country": subject.country,
                                          "matched_name": hit["matched_name"], "score": hit["score"]})
    if page == 1:
        result["items"] = items + extra
    result["total"] = total + len(extra)
    return result
