"""What a worker must know before trusting an agency: banned, officers banned elsewhere, records judged the same.

An officer is banned when the same ID number appears among the officers of a banned agency, or a regulator judged
the officer the same as one (a flag decided `same`). Links come from decided flags (`RecordLink`). Batched: a page
of agencies costs a handful of queries, whatever its size.
"""
import re
from datetime import date

from sqlalchemy import or_, select

from registry.agencies.models import Agency, Officer
from registry.common.time import today
from registry.extensions import db
from registry.licences.models import Licence, LicenceAction

_NON_ALNUM = re.compile(r"[^0-9A-Za-z]")


def _number(value: str | None) -> str:
    return _NON_ALNUM.sub("", value or "").upper()


def banned_agencies() -> dict[int, date]:
    """Every banned agency with the date of its first banning revocation (the set is small)."""
    rows = db.session.execute(select(Licence.agency_id, LicenceAction.effective_on).join(LicenceAction)
                              .where(LicenceAction.action == "revoke", LicenceAction.ban.is_(True)))
    banned: dict[int, date] = {}
    for agency_id, on in rows:
        banned[agency_id] = min(on, banned.get(agency_id, on))
    return banned


def _linked_refs(refs: list[str]) -> dict[str, list]:
    from watchlist.screening.models import RecordLink

    found: dict[str, list] = {}
    if not refs:
        return found
    for link in db.session.scalars(select(RecordLink).where(or_(RecordLink.a_ref.in_(refs), RecordLink.b_ref.in_(refs)))
                                   .order_by(RecordLink.id)):
        for mine, other in ((link.a_ref, link.b_ref), (link.b_ref, link.a_ref)):
            if mine in refs:
                found.setdefault(mine, []).append((other, link))
    return found


def _describe(ref: str, banned: dict[int, date]) -> tuple[str, bool, str | None]:
    """A linked record's name, whether it is adverse, and its standing in plain words."""
    kind, _, raw = ref.partition(":")
    record_id = int(raw) if raw.isdigit() else 0
    if kind == "agency":
        agency = db.session.get(Agency, record_id)
        if agency is None:
            return ref, False, None
        return f"{agency.name} ({agency.country})", agency.id in banned, "banned" if agency.id in banned else None
    if kind == "officer":
        officer = db.session.get(Officer, record_id)
        if officer is None:
            return ref, False, None
        adverse = officer.agency_id in banned
        return f"{officer.name}, {officer.role} of {officer.agency.name}", adverse, "officer of a banned agency" if adverse else None
    if kind == "subject":
        try:
            from watchlist.profile import standing
            from watchlist.subjects.models import Subject
        except ImportError:  # the watchlist is optional
            return ref, False, None
        subject = db.session.get(Subject, record_id)
        if subject is None:
            return ref, False, None
        position = standing(subject, today())
        return f"{subject.name} ({subject.country})", position in {"convicted", "debarred"}, position
    return ref, False, None


def standings(agencies: list[Agency]) -> dict[int, dict]:
    """Per agency id: banned / banned_on, banned_officers, linked_records and linked_to_adverse_record."""
    if not agencies:
        return {}
    banned = banned_agencies()
    ids = [a.id for a in agencies]
    officers = db.session.scalars(select(Officer).where(Officer.agency_id.in_(ids), Officer.ended_on.is_(None))).all()
    banned_numbers = {}
    if banned:
        for officer in db.session.scalars(select(Officer).where(Officer.agency_id.in_(list(banned)), Officer.id_number.is_not(None))):
            banned_numbers.setdefault(_number(officer.id_number), officer)
    refs = [f"agency:{i}" for i in ids] + [f"officer:{o.id}" for o in officers]
    links = _linked_refs(refs)
    described: dict[str, tuple] = {}
    result = {}
    for agency in agencies:
        state = {"banned": agency.id in banned, "banned_on": banned.get(agency.id), "banned_officers": [],
                 "linked_records": []}
        mine = [o for o in officers if o.agency_id == agency.id]
        for officer in mine:
            other = banned_numbers.get(_number(officer.id_number)) if officer.id_number else None
            if other is not None and other.agency_id != agency.id:
                state["banned_officers"].append({"name": officer.name, "banned_with": other.agency.name, "via": "id_number"})
        for ref in [f"agency:{agency.id}"] + [f"officer:{o.id}" for o in mine]:
            for other_ref, link in links.get(ref, []):
                if not other_ref.startswith(("agency:", "officer:", "subject:")):  # e.g. a complaint: private
                    continue
                if other_ref not in described:
                    described[other_ref] = _describe(other_ref, banned)
                name, adverse, standing_ = described[other_ref]
                state["linked_records"].append({"record": other_ref, "name": name, "adverse": adverse, "standing": standing_,
                                                "linked_from": ref, "reason": link.reason, "decided_by": link.created_by})
                if ref.startswith("officer:") and adverse and other_ref.startswith(("officer:", "agency:")):
                    officer = next(o for o in mine if f"officer:{o.id}" == ref)
                    if officer.name not in {b["name"] for b in state["banned_officers"]}:
                        state["banned_officers"].append({"name": officer.name, "banned_with": name, "via": "link"})
        state["linked_to_adverse_record"] = any(r["adverse"] for r in state["linked_records"])
        result[agency.id] = state
    return result


def standings_of_ids(agency_ids: list[int]) -> dict[int, dict]:
    """`standings` for agencies known only by id (the ORM-free public reads)."""
    return standings([_AgencyRef(i) for i in agency_ids])


class _AgencyRef:
    __slots__ = ("id",)

    def __init__(self, agency_id: int):
        self.id = agency_id


def standing_of(agency: Agency) -> dict:
    return standings([agency])[agency.id]


def licence_refusal(agency: Agency) -> str | None:
    """Why no licence may be issued to this agency (banned, banned officers, the same as a banned agency), or None."""
    state = standing_of(agency)
    reasons = []
    if state["banned"]:
        reasons.append(f"Agency {agency.name} is banned since {state['banned_on'].isoformat()}.")
    if state["banned_officers"]:
        names = ", ".join(f"{b['name']} (banned with {b['banned_with']})" for b in state["banned_officers"])
        reasons.append(f"Its officers are banned: {names}.")
    same_as_banned = [r["name"] for r in state["linked_records"] if r["linked_from"] == f"agency:{agency.id}"
                      and r["record"].startswith("agency:") and r["adverse"]]
    if same_as_banned:
        reasons.append(f"It was judged the same as the banned agency {', '.join(same_as_banned)}.")
    return " ".join(reasons) or None


def csv_columns(state: dict) -> list[str]:
    """The open-data CSV's trust columns: agency_banned, officers_banned, linked_to_adverse_record."""
    return [str(state["banned"]).lower(), str(bool(state["banned_officers"])).lower(),
            str(state["linked_to_adverse_record"]).lower()]


def attach(agencies: list[Agency]) -> None:
    """Compute the standings of a page of agencies at once and keep each on its agency (for the schemas)."""
    for agency in agencies:
        agency.trust_standing = None
    for agency_id, state in standings(agencies).items():
        next(a for a in agencies if a.id == agency_id).trust_standing = state


def agency_standing(agency: Agency) -> dict:
    """The agency's standing, computed once per loaded agency."""
    state = getattr(agency, "trust_standing", None)
    if state is None:
        state = agency.trust_standing = standing_of(agency)
    return state
