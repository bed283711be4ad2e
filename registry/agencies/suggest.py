"""'Did you mean' suggestions for unknown licence numbers and agency names."""
from rapidfuzz import fuzz, process
from sqlalchemy import select

from registry.agencies.models import Agency
from registry.extensions import db
from registry.licences.keys import licence_key
from registry.licences.models import Licence

MAX_SUGGESTIONS = 5


def suggest_licences(country: str, licence_no: str, limit: int = MAX_SUGGESTIONS) -> list[dict]:
    """Licence numbers of the same country that look like the one typed (typos, missing digits)."""
    key = licence_key(licence_no)
    if not key:
        return []
    rows = db.session.execute(select(Licence.licence_key, Licence.licence_no, Licence.country, Agency.id, Agency.name)
                              .join(Agency, Agency.id == Licence.agency_id).where(Licence.country == country)).all()
    choices = {i: r.licence_key for i, r in enumerate(rows)}
    hits = process.extract(key, choices, scorer=fuzz.ratio, limit=limit, score_cutoff=70)
    return [{"country": rows[i].country, "licence_no": rows[i].licence_no, "agency_id": rows[i].id,
             "agency_name": rows[i].name, "similarity": round(score, 1)} for _, score, i in hits]
