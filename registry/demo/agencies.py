"""~60 fictitious agencies across PH, ID, VN, KH, MM, TH, NP, LK with licences in every status and some history."""
import random
from datetime import date, timedelta

from registry.agencies import service as agencies
from registry.common.actor import Actor
from registry.common.time import today
from registry.common.uow import transaction
from registry.licences import service as licences

DEMO_ACTOR = Actor(name="demo data loader", role="admin", via="cli")

COUNTRIES = {
    "PH": ("Department of Migrant Workers", "Inc.", "DMW-{n:03d}-LB-{y}", "+63 2 8{n:03d} {m:04d}"),
    "ID": ("Badan Pelindungan Pekerja Migran Indonesia", "PT", "P3MI/{n:03d}/{y}", "+62 21 5{n:03d} {m:04d}"),
    "VN": ("Department of Overseas Labour", "Co., Ltd.", "{n:03d}/LDTBXH-GP", "+84 24 3{n:03d} {m:04d}"),
    "KH": ("Ministry of Labour and Vocational Training", "Co., Ltd.", "MLVT-{n:04d}", "+855 23 {n:03d} {m:03d}"),
    "MM": ("Ministry of Labour", "Co., Ltd.", "MOL-OEA-{n:04d}", "+95 1 {n:03d} {m:04d}"),
    "TH": ("Department of Employment", "Co., Ltd.", "DOE-{n:04d}", "+66 2 {n:03d} {m:04d}"),
    "NP": ("Department of Foreign Employment", "Pvt. Ltd.", "DOFE-{n:04d}/{y}", "+977 1 4{n:03d}{m:03d}"),
    "LK": ("Sri Lanka Bureau of Foreign Employment", "(Pvt) Ltd", "SLBFE-{n:04d}", "+94 11 2{n:03d} {m:03d}"),
}
STREETS = ["Kalayaan Street", "Mabini Avenue", "Jalan Kenanga", "Pho Hue", "Norodom Boulevard", "Bogyoke Road",
           "Sukhumvit Soi 71", "Putalisadak Marg", "Galle Road", "Rizal Extension", "Jalan Cempaka", "Tran Hung Dao"]
CITIES = {"PH": "Manila", "ID": "Jakarta", "VN": "Hanoi", "KH": "Phnom Penh", "MM": "Yangon", "TH": "Bangkok",
          "NP": "Kathmandu", "LK": "Colombo"}
SYLLABLES = ["ka", "lo", "ri", "ven", "sa", "mar", "ti", "quo", "del", "zan", "ru", "bo", "nel", "vi", "tor", "ya", "pe", "lun"]
GENERIC = ["Manpower Services", "Overseas Placement", "Global Recruitment", "International Manpower", "Employment Agency",
           "Human Resources", "Workforce Solutions", "Career Link"]
GIVEN = ["Maria", "Jose", "Rosalind", "Ramon", "Siti", "Budi", "Thi Lan", "Van Minh", "Sokha", "Aung", "Somchai", "Ram",
         "Kamala", "Nimal", "Dewi", "Arturo", "Mya", "Chanthy"]
SURNAMES = ["Quibranza", "Dumalagan", "Velasquin", "Harimurtoyo", "Sukmaredja", "Trinhvo", "Sokhavuth", "Kyawzinthet",
            "Pornsirikul", "Thapaliyon", "Wickramarachchige", "Macalintal-Oro", "Sarmientoza", "Pradanaputri"]

# Hand-written stories for the repeat-offender features (names invented).
STORIES = [
    {"name": "Velmora Overseas Manpower Inc.", "country": "PH", "story": "revoked_banned",
     "officers": [("Rosalind Quibranza", "director"), ("Arturo Dumalagan", "owner")], "phone": "+63 2 8555 0101",
     "address": "Unit 4, 12 Kalayaan Street, Makati City"},
    {"name": "Velmorra Global Manpower Corp.", "country": "PH", "story": "valid",
     "officers": [("Rosalind B. Quibranza", "director")], "phone": "+63 2 8555 0101",
     "address": "Unit 4, 12 Kalayaan St., Makati"},
    {"name": "PT Sinar Jaya Manpower", "country": "ID", "story": "revoked",
     "officers": [("Budi Harimurtoyo", "director")], "phone": "+62 21 5999 0202", "address": "Jl. Melati No. 8, Jakarta"},
    {"name": "Bright Lotus Recruitment Co., Ltd.", "country": "VN", "story": "suspend_reinstate",
     "officers": [("Trinhvo Thi Lan", "director")], "phone": "+84 24 3777 0303", "address": "21 Hang Bac, Hanoi"},
]


def _coined(rng: random.Random) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(rng.choice([2, 3]))).capitalize()


def _person(rng: random.Random, taken: set[str]) -> str:
    """A fresh invented person name (never reused, so only the stories share people between agencies)."""
    while True:
        name = f"{rng.choice(GIVEN)} {_coined(rng)}{rng.choice(['', 'on', 'ez', 'ito', 'wan'])}"
        if name not in taken:
            taken.add(name)
            return name


def _story_for(i: int) -> str:
    cycle = ["valid", "valid", "valid", "valid", "expired", "suspended", "suspended_until", "revoked", "cancelled",
             "surrendered", "pending", "suspend_reinstate", "renewed"]
    return cycle[i % len(cycle)]


def _apply_story(country: str, licence_no: str, story: str, issued: date, expiry: date) -> None:
    step = issued + timedelta(days=200)
    act = lambda **kw: licences.apply_action(country, licence_no, kw, DEMO_ACTOR)  # noqa: E731
    if story in {"suspended", "suspended_until", "suspend_reinstate"}:
        until = today() + timedelta(days=90) if story == "suspended_until" else None
        act(action="suspend", effective_on=step, until=until,
            reason="Charged placement fees above the ceiling to 14 workers.", legal_basis="Demo rule 12(b)")
        if story == "suspend_reinstate":
            act(action="reinstate", effective_on=step + timedelta(days=60), reason="Refunds paid to all workers.")
    elif story in {"revoked", "revoked_banned"}:
        act(action="revoke", effective_on=step, ban=story == "revoked_banned",
            reason="Illegal recruitment and retention of workers' passports.", legal_basis="Demo rule 3(a)")
    elif story == "cancelled":
        act(action="cancel", effective_on=step, reason="Licence obtained with false documents.")
    elif story == "surrendered":
        act(action="surrender", effective_on=step, reason="Agency closed its business voluntarily.")
    elif story == "renewed":
        act(action="renew", effective_on=step, expires_on=expiry + timedelta(days=730), reason="Renewal approved.")


def seed_agencies(count: int = 60, seed: int = 7) -> int:
    rng = random.Random(seed)
    specs = list(STORIES)
    countries = list(COUNTRIES)
    taken = {o for story in STORIES for o, _ in story["officers"]}
    for i in range(count - len(STORIES)):
        country = countries[i % len(countries)]
        legal = COUNTRIES[country][1]
        base = f"{_coined(rng)} {rng.choice(GENERIC)}"
        name = f"PT {base}" if legal == "PT" else f"{base} {legal}"
        specs.append({"name": name, "country": country, "story": _story_for(i),
                      "officers": [(_person(rng, taken), "director"), (_person(rng, taken), rng.choice(["owner", "manager"]))],
                      "other_names": [f"{_coined(rng)} Travel and Tours"] if i % 4 == 0 else []})
    for n, spec in enumerate(specs, start=1):
        with transaction():  # one agency at a time, committed: later agencies are screened against earlier ones
            _seed_one(n, spec)
    return len(specs)


def _seed_one(n: int, spec: dict) -> None:
    country = spec["country"]
    authority, _legal, pattern, phone = COUNTRIES[country]
    # dates relative to today, so the demo keeps licences in every status however long ago it was loaded
    issued = today() - timedelta(days=300 + (n * 23) % 900)
    expiry = issued + timedelta(days=4 * 365) if spec["story"] != "expired" else issued + timedelta(days=250)
    agency = agencies.create_agency({
        "name": spec["name"], "country": country, "other_names": [{"name": o, "kind": "trade"} for o in spec.get("other_names", [])],
        "registration_no": f"{country}-REG-{10000 + n}", "address": spec.get("address", f"{10 + n * 7} {STREETS[n % len(STREETS)]}, {CITIES[country]}"),
        "phone": spec.get("phone", phone.format(n=100 + n, m=2000 + 37 * n)), "email": f"info{n}@agency{n}.example",
        "website": f"https://agency{n}.example", "officers": [{"name": o, "role": r} for o, r in spec["officers"]],
    }, DEMO_ACTOR)
    licence_no = pattern.format(n=n, y=issued.year)
    licences.issue_licence(agency.id, {"licence_no": licence_no, "authority": authority,
                                       "scope": "sea_based" if n % 9 == 0 else "land_based",
                                       "destinations": ["SA", "AE", "QA", "MY", "SG", "HK", "TW"][: 2 + n % 5],
                                       "issued_on": issued, "expires_on": expiry, "pending": spec["story"] == "pending",
                                       "reason": "Licence application approved."}, DEMO_ACTOR)
    _apply_story(country, licence_no, spec["story"], issued, expiry)
