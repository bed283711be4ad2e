"""Fictitious watchlist demo data: invented employers and persons with cases in every state.

Called by `registry.demo.seed_demo` inside its transaction, after the agencies (some subjects are the
same legal persons as demo agencies whose licences were revoked). Dates are relative to today so the
standings stay true: convictions, one overturned on appeal, one expired and one current debarment,
pending cases, an acquittal, a dismissal and a withdrawal.
"""
import zlib
from datetime import timedelta

from sqlalchemy import select

from registry.agencies.models import Agency
from registry.common.time import today
from registry.extensions import db
from registry.demo.agencies import DEMO_ACTOR
from watchlist.cases import service as cases
from watchlist.subjects import service as subjects

ORGS = [
    ("SA-DEMO-001", "Al-Rimal Zarqan Contracting Est.", "SA", ["Zarqan Contracting", ("مؤسسة الرمال زرقان للمقاولات", "native_script")], "1010998877"),
    ("AE-DEMO-001", "Qasr Nuvela Cleaning Services LLC", "AE", ["Nuvela Cleaning"], "CN-7781200"),
    ("SG-DEMO-001", "Maridel Domestic Staffing Pte. Ltd.", "SG", ["Maridel Maids"], "201912345K"),
    ("HK-DEMO-001", "Harbourlane Home Services Ltd", "HK", [("Harbour Lane Helpers", "trade")], "HK-3345120"),
    ("QA-DEMO-001", "Doha Virella Facilities W.L.L.", "QA", [], "QA-88120"),
    ("MY-DEMO-001", "Kembara Sawit Plantation Sdn. Bhd.", "MY", ["Kembara Sawit"], "201801022331"),
    ("TW-DEMO-001", "Tainan Kovelit Electronics Co., Ltd.", "TW", [("台南科維利電子", "native_script")], "TW-54098712"),
]
PERSONS = [
    ("SA-DEMO-P01", "Faridun Qalmazi", "SA", "SA-DEMO-001", "owner"),
    ("MY-DEMO-P01", "Zulkefli Ramanathar", "MY", "MY-DEMO-001", "director"),
    ("MY-DEMO-P02", "Lim Sook Varrel", "MY", "MY-DEMO-001", "manager"),
]
AGENCY_LINKS = [  # demo agencies whose licences were revoked, with their officers
    ("PH-DEMO-A01", "Velmora Overseas Manpower Inc.", "PH", [("Rosalind Quibranza", "director"), ("Arturo Dumalagan", "owner")]),
    ("ID-DEMO-A01", "PT Sinar Jaya Manpower", "ID", [("Budi Harimurtoyo", "director")]),
]


def _ago(days: int):
    return today() - timedelta(days=days)


def _org(ext, name, country, other_names, reg_no, agency_id=None):
    names = [{"name": n, "kind": "alias"} if isinstance(n, str) else {"name": n[0], "kind": n[1]} for n in other_names]
    return subjects.create_subject({"kind": "organisation", "name": name, "country": country, "external_id": ext,
                                    "other_names": names, "registration_no": reg_no, "agency_id": agency_id,
                                    "addresses": [f"Demo Building {ext[-3:]}, {country}"]}, DEMO_ACTOR)


def _person(ext, name, country, org_id, role):
    return subjects.create_subject({"kind": "person", "name": name, "country": country, "external_id": ext,
                                    "id_numbers": [{"kind": "passport", "value": f"P{zlib.crc32(ext.encode()) % 10**7:07d}"}],
                                    "officer_of": [{"subject_id": org_id, "role": role}]}, DEMO_ACTOR)


def _case(case_no, jurisdiction, authority, offences, respondents, filed_days_ago, events, **extra):
    case = cases.create_case({"case_no": case_no, "jurisdiction": jurisdiction, "authority": authority,
                              "offences": offences, "indicators": extra.pop("indicators", []),
                              "filed_on": _ago(filed_days_ago),
                              "respondents": [{"subject_id": s.id, "role": r} for s, r in respondents], **extra}, DEMO_ACTOR)
    for days_ago, event in events:
        cases.add_event(case.id, {**event, "date": _ago(days_ago)}, DEMO_ACTOR)
    return case


def seed_watchlist() -> dict:
    s = {ext: _org(ext, name, c, names, reg) for ext, name, c, names, reg in ORGS}
    for ext, name, country, org, role in PERSONS:
        s[ext] = _person(ext, name, country, s[org].id, role)
    for ext, name, country, officers in AGENCY_LINKS:
        agency_id = db.session.scalar(select(Agency.id).where(Agency.name == name))
        s[ext] = _org(ext, name, country, [], None, agency_id)
        for n, (officer, role) in enumerate(officers, start=1):
            s[f"{ext}-P{n}"] = _person(f"{ext}-P{n}", officer, country, s[ext].id, role)
    fine = lambda amount, cur: {"amount": amount, "currency": cur}  # noqa: E731
    ph_court, id_court = "Regional Trial Court of Makati, Branch 61 (demo)", "Pengadilan Negeri Jakarta Selatan (demo)"
    victims = {"victims": {"total": 14, "women": 11, "minors": 1}, "sector": "construction", "destination_country": "SA"}
    _case("CRIM-DEMO-2301", "PH", ph_court, ["trafficking_for_labour_exploitation", "retention_of_identity_documents"],
          [(s["SA-DEMO-001"], "employer"), (s["SA-DEMO-P01"], "director")], 900,
          [(850, {"event": "prosecuted"}),
           (500, {"event": "convicted", "respondent_id": s["SA-DEMO-001"].id, "reference": "Decision 2301-A",
                  "sanctions": {"fine": fine("2000000.00", "PHP"), "debarment_permanent": True},
                  "compensation": {"ordered": fine("1400000.00", "PHP"), "paid": fine("350000.00", "PHP")}}),
           (500, {"event": "convicted", "respondent_id": s["SA-DEMO-P01"].id, "reference": "Decision 2301-B",
                  "sanctions": {"imprisonment_months": 240, "fine": fine("2000000.00", "PHP")}})],
          indicators=["deception", "retention_of_identity_documents", "withholding_of_wages", "isolation"], **victims)
    _case("LAB-DEMO-118", "PH", "National Labor Relations Commission (demo)", ["withholding_of_wages", "contract_substitution"],
          [(s["AE-DEMO-001"], "employer")], 700,
          [(650, {"event": "prosecuted"}),
           (520, {"event": "convicted", "reference": "NLRC-118", "sanctions": {"fine": fine("450000.00", "PHP")}}),
           (500, {"event": "appealed", "reference": "CA-G.R. 118"}),
           (200, {"event": "overturned", "reference": "CA-G.R. 118 decision", "note": "Evidence of wage records found adequate."})],
          indicators=["withholding_of_wages"], destination_country="AE")
    _case("MOM-DEMO-0412", "SG", "Ministry of Manpower (demo)", ["excessive_fees"], [(s["SG-DEMO-001"], "agency")], 800,
          [(760, {"event": "under_investigation"}),
           (700, {"event": "settled", "reference": "Composition 0412",
                  "sanctions": {"fine": fine("8000.00", "SGD"), "debarment_until": _ago(30)}})])
    _case("LD-DEMO-2207", "HK", "Labour Department (demo)", ["excessive_fees", "retention_of_identity_documents"],
          [(s["HK-DEMO-001"], "agency")], 300,
          [(280, {"event": "under_investigation"}),
           (120, {"event": "settled", "reference": "LD-2207-S",
                  "sanctions": {"fine": fine("60000.00", "HKD"), "licence_revocation": True, "debarment_until": _ago(-600)}})])
    _case("CRIM-DEMO-2488", "PH", ph_court, ["forced_labour"], [(s["QA-DEMO-001"], "employer")], 90,
          [(60, {"event": "under_investigation"})], indicators=["restriction_of_movement", "excessive_overtime"],
          victims={"total": 6, "women": 6, "minors": 0}, notes="Witnesses relocated; do not contact employer directly.")
    _case("ID-DEMO-771", "ID", id_court, ["debt_bondage", "forced_labour"],
          [(s["MY-DEMO-001"], "employer"), (s["MY-DEMO-P01"], "director"), (s["MY-DEMO-P02"], "other")], 400,
          [(380, {"event": "prosecuted", "respondent_id": s["MY-DEMO-001"].id}),
           (380, {"event": "prosecuted", "respondent_id": s["MY-DEMO-P01"].id}),
           (300, {"event": "withdrawn", "respondent_id": s["MY-DEMO-P02"].id})],
          indicators=["debt_bondage", "abusive_working_and_living_conditions"], sector="agriculture", destination_country="MY")
    _case("CRIM-DEMO-1950", "PH", ph_court, ["illegal_recruitment"], [(s["TW-DEMO-001"], "employer")], 600,
          [(560, {"event": "prosecuted"}), (250, {"event": "acquitted", "reference": "Decision 1950"})])
    _case("CRIM-DEMO-2112", "PH", ph_court, ["illegal_recruitment", "excessive_fees"],
          [(s["PH-DEMO-A01"], "agency"), (s["PH-DEMO-A01-P1"], "director"), (s["PH-DEMO-A01-P2"], "recruiter")], 500,
          [(470, {"event": "prosecuted"}),
           (200, {"event": "convicted", "respondent_id": s["PH-DEMO-A01"].id, "reference": "Decision 2112-A",
                  "sanctions": {"fine": fine("1000000.00", "PHP"), "licence_revocation": True, "debarment_permanent": True}}),
           (200, {"event": "convicted", "respondent_id": s["PH-DEMO-A01-P1"].id, "reference": "Decision 2112-B",
                  "sanctions": {"imprisonment_months": 96, "debarment_permanent": True}})])
    _case("ID-DEMO-902", "ID", id_court, ["excessive_fees"], [(s["ID-DEMO-A01"], "agency"), (s["ID-DEMO-A01-P1"], "director")], 350,
          [(320, {"event": "dismissed", "respondent_id": s["ID-DEMO-A01"].id, "note": "Filed against the wrong entity."}),
           (300, {"event": "under_investigation", "respondent_id": s["ID-DEMO-A01-P1"].id})])
    return {"watchlist subjects": len(s), "watchlist cases": 9}
