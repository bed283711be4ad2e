"""Open-data exports of the public watchlist: CSV (one row per subject and decided case) and
newline-delimited FollowTheMoney entities (Company/Person plus Sanction), public standing only."""
import io
import json
from datetime import date

from registry.common.csv_safe import SafeWriter
from watchlist.profile import public_subjects, subject_profile

CSV_COLUMNS = ("subject_id", "kind", "name", "other_names", "country", "standing", "case_no", "jurisdiction",
               "authority", "offences", "decision", "decision_on", "appeal", "imprisonment_months", "fine_amount",
               "fine_currency", "licence_revocation", "debarment_until", "debarment_permanent")
FTM_PREFIX = "frr-watchlist"
PROGRAM = "Watchlist of employers and persons with labour trafficking and forced labour decisions"
TRAFFICKING = {"trafficking_for_labour_exploitation", "forced_labour", "debt_bondage"}


def _public_profiles(on: date) -> list[dict]:
    return [subject_profile(s, on) for s in public_subjects(on)]


def watchlist_csv(on: date) -> str:
    out = io.StringIO()
    writer = SafeWriter(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for p in _public_profiles(on):
        head = [p["id"], p["kind"], p["name"], "|".join(n["name"] for n in p["other_names"]), p["country"], p["standing"]]
        for c in p["public_cases"]:
            s = c["sanctions"] or {}
            fine = s.get("fine") or {}
            writer.writerow(head + [c["case_no"], c["jurisdiction"], c["authority"], "|".join(c["offences"]), c["decision"],
                                    c["decision_on"] or "", c["appeal"] or "", s.get("imprisonment_months") or "",
                                    fine.get("amount") or "", fine.get("currency") or "",
                                    str(bool(s.get("licence_revocation"))).lower(), s.get("debarment_until") or "",
                                    str(bool(s.get("debarment_permanent"))).lower()])
    return out.getvalue()


def _topics(profile: dict) -> list[str]:
    offences = {o for c in profile["public_cases"] for o in c["offences"]}
    topics = ["crime"] if profile["standing"] == "convicted" else ["debarment"]
    return topics + (["crime.traffick"] if offences & TRAFFICKING else [])


def subject_entity(profile: dict) -> dict:
    """A Company or Person entity: public names, country (lower-case alpha-2 as FtM writes it) and topics."""
    names = profile["other_names"]
    properties = {"name": [profile["name"]], "country": [profile["country"].lower()], "topics": _topics(profile),
                  "alias": [n["name"] for n in names if n["kind"] != "former"],
                  "previousName": [n["name"] for n in names if n["kind"] == "former"]}
    schema = "Person" if profile["kind"] == "person" else "Company"
    return {"id": f"{FTM_PREFIX}-subject-{profile['id']}", "schema": schema,
            "properties": {k: v for k, v in properties.items() if v}}


def sanction_entity(profile: dict, case: dict) -> dict:
    """A Sanction entity for one decided case against the subject."""
    s = case["sanctions"] or {}
    provisions = []
    if s.get("imprisonment_months"):
        provisions.append(f"Imprisonment {s['imprisonment_months']} months")
    if s.get("fine"):
        provisions.append(f"Fine {s['fine']['amount']} {s['fine']['currency']}")
    if s.get("licence_revocation"):
        provisions.append("Licence revocation")
    if s.get("debarment_permanent"):
        provisions.append("Permanent debarment")
    elif s.get("debarment_until"):
        provisions.append(f"Debarment until {s['debarment_until'].isoformat()}")
    properties = {
        "entity": [f"{FTM_PREFIX}-subject-{profile['id']}"], "authority": [case["authority"]],
        "authorityId": [case["case_no"]], "country": [case["jurisdiction"].lower()], "program": [PROGRAM],
        "reason": [f"{case['decision']}: " + ", ".join(o.replace("_", " ") for o in case["offences"])],
        "provisions": provisions, "startDate": [case["decision_on"].isoformat()] if case["decision_on"] else [],
        "endDate": [s["debarment_until"].isoformat()] if s.get("debarment_until") else [],
        "listingDate": [case["decision_on"].isoformat()] if case["decision_on"] else [],
    }
    return {"id": f"{FTM_PREFIX}-sanction-{case['case_id']}-{profile['id']}", "schema": "Sanction",
            "properties": {k: v for k, v in properties.items() if v}}


def watchlist_ftm(on: date):
    """Yield one JSON line per entity: each subject followed by its Sanction entities."""
    for profile in _public_profiles(on):
        yield json.dumps(subject_entity(profile), ensure_ascii=False) + "\n"
        for case in profile["public_cases"]:
            yield json.dumps(sanction_entity(profile, case), ensure_ascii=False, default=str) + "\n"
