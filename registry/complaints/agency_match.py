"""A complaint naming an agency by a near name ("Kalovarem Manpower"): the matching engine links it when it is a
`match` with one agency, and queues a review (a flag in the agency country's queue) when it only looks similar."""
import logging

from registry.agencies.models import Agency
from registry.audit.service import record_audit
from registry.common.actor import Actor
from registry.extensions import db
from watchlist.screening.models import Flag
from watchlist.screening.service import compare, suggest_agencies

log = logging.getLogger(__name__)
CANDIDATES = 3
TRIGGER = "complaint.agency_name"


def near_agencies(name: str, country: str | None) -> list[tuple[dict, dict]]:
    """(suggestion, comparison) for agencies whose names look like `name`, best first; [] without the index."""
    try:
        found = suggest_agencies(name, limit=CANDIDATES, country=country) or suggest_agencies(name, limit=CANDIDATES)
        return [(s, compare({"name": name, "kind": "organisation"}, {"name": s["matched_name"], "kind": "organisation"}))
                for s in found]
    except Exception:  # noqa: BLE001 - the complaint is kept whatever happens to the matcher; a regulator triages it
        log.warning("complaint: agency name matching not available", exc_info=True)
        return []


def match_agency(name: str, country: str | None) -> tuple[Agency | None, list[tuple[dict, dict]]]:
    """The one agency the engine says `match`, else None and the candidates a regulator should review."""
    candidates = [(s, c) for s, c in near_agencies(name, country) if c["match"] or c["review"]]
    matches = {s["agency_id"] for s, c in candidates if c["match"]}
    if len(matches) == 1:
        return db.session.get(Agency, matches.pop()), []
    return None, candidates


def queue_reviews(complaint, name: str, candidates: list[tuple[dict, dict]], actor: Actor) -> list[Flag]:
    """One open flag per candidate agency, in that agency country's review queue; deciding `same` links the complaint."""
    flags = []
    for suggestion, comparison in candidates:
        flag = Flag(source_ref=f"complaint:{complaint.id}", source_label=f"Complaint {complaint.id} naming '{name}'"[:400],
                    candidate_ref=f"agency:{suggestion['agency_id']}",
                    candidate_label=f"{suggestion['name']} ({suggestion['country']})"[:400], trigger=TRIGGER,
                    country=suggestion["country"], score=comparison["score"], match=comparison["match"],
                    explanation=comparison["explanation"],
                    candidate={"record": f"agency:{suggestion['agency_id']}", "type": "agency", "name": suggestion["name"],
                               "country": suggestion["country"], "agency_id": suggestion["agency_id"]})
        db.session.add(flag)
        db.session.flush()
        record_audit(actor, "flag.create", "flag", flag.id, after={"source": flag.source_ref, "candidate": flag.candidate_ref,
                                                                   "score": flag.score, "trigger": TRIGGER})
        flags.append(flag)
    return flags


def link_decided(flag: Flag) -> None:
    """A complaint flag decided `same`: the complaint is now about that agency (its rating counts it if upheld)."""
    from registry.complaints.models import Complaint

    if not (flag.source_ref.startswith("complaint:") and flag.candidate_ref.startswith("agency:")):
        return
    complaint = db.session.get(Complaint, int(flag.source_ref.split(":", 1)[1]))
    if complaint is not None and complaint.agency_id is None:
        complaint.agency_id = int(flag.candidate_ref.split(":", 1)[1])
