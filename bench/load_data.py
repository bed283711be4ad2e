"""Inputs of bench/load.py: the demo data plus, on request, a generated larger register written with bulk inserts.

Run inside an app context (bench/load.py starts it in a subprocess with the bench database's environment).
Generated agencies are fictitious ("Loadgen ..."), each with one licence and its recorded history; the licence's
cached state and public status are derived by the same lifecycle replay the service uses.
"""
import random
from datetime import timedelta

from sqlalchemy import func, insert, select

from registry.common.time import today, utcnow
from registry.extensions import db
from registry.licences import lifecycle
from registry.licences.keys import licence_key
from watchlist.matching import search_key

PREFIX = "Loadgen"
SYLLABLES = ["ka", "lo", "ri", "ven", "sa", "mar", "ti", "quo", "del", "zan", "ru", "bo", "nel", "vi", "tor", "ya"]
COUNTRIES = ("PH", "ID", "VN", "KH", "MM", "TH", "NP", "LK")
# story -> actions after the issue (most licences are simply valid, as in a real register)
STORIES = ["valid"] * 14 + ["suspended", "lapsed_suspension", "revoked", "expired", "surrendered", "renewed"]


def _tables():
    md = db.metadata.tables
    return md["agency"], md["licence"], md["licence_action"]


def _history(rng: random.Random, story: str, on):
    """(steps, initial expiry) for one generated licence."""
    issued = on - timedelta(days=rng.randint(400, 1500))
    expiry = issued + timedelta(days=3 * 365)
    steps = [lifecycle.Step("issue", issued, expires_on=expiry)]
    if story == "expired":
        steps[0] = lifecycle.Step("issue", issued, expires_on=on - timedelta(days=rng.randint(1, 300)))
    elif story == "suspended":
        steps.append(lifecycle.Step("suspend", on - timedelta(days=20), until=on + timedelta(days=rng.randint(5, 90))))
    elif story == "lapsed_suspension":
        steps.append(lifecycle.Step("suspend", on - timedelta(days=60), until=on - timedelta(days=rng.randint(1, 30))))
    elif story in {"revoked", "surrendered"}:
        steps.append(lifecycle.Step({"revoked": "revoke", "surrendered": "surrender"}[story],
                                    on - timedelta(days=rng.randint(1, 300))))
    elif story == "renewed":
        steps.append(lifecycle.Step("renew", on - timedelta(days=10), expires_on=expiry + timedelta(days=3 * 365)))
    return steps


def generate_agencies(count: int, seed: int = 16) -> int:
    """Add generated agencies until `count` of them exist; returns how many were inserted."""
    agency, licence, action = _tables()
    have = db.session.scalar(select(func.count()).select_from(agency).where(agency.c.name.like(f"{PREFIX} %")))
    if have >= count:
        return 0
    rng, on, now = random.Random(seed + have), today(), utcnow()
    with_status = "public_status" in licence.c
    start = (db.session.scalar(select(func.max(agency.c.id))) or 0) + 1
    lic_start = (db.session.scalar(select(func.max(licence.c.id))) or 0) + 1
    agencies, licences, actions = [], [], []
    for i in range(count - have):
        n = have + i + 1
        name = f"{PREFIX} {''.join(rng.choice(SYLLABLES) for _ in range(3)).capitalize()} {n:05d} Manpower"
        country = COUNTRIES[n % len(COUNTRIES)]
        agencies.append({"id": start + i, "name": name, "search_key": search_key(name), "country": country,
                         "version": 1, "created_at": now, "updated_at": now})
        steps = _history(rng, rng.choice(STORIES), on)
        snap = lifecycle.replay(steps, on)
        last = lifecycle.replay(steps, steps[-1].effective_on)
        number = f"LG-{n:06d}"
        row = {"id": lic_start + i, "agency_id": start + i, "country": country, "licence_no": number,
               "licence_key": licence_key(number), "authority": "Generated authority (bench)", "scope": "land_based",
               "destinations": [], "issued_on": snap.issued_on, "expires_on": snap.expires_on, "state": last.state,
               "suspended_until": last.suspended_until, "version": 1 + len(steps), "created_at": now, "updated_at": now}
        if with_status:
            from registry.licences.public import stored_status
            row["public_status"] = stored_status(last.state)
        licences.append(row)
        state = "pending"
        for seq, step in enumerate(steps, 1):
            to_state = lifecycle.next_state(state, step.action)
            actions.append({"licence_id": lic_start + i, "seq": seq, "action": step.action, "from_state": state,
                            "to_state": to_state, "effective_on": step.effective_on, "until": step.until,
                            "expires_on": step.expires_on, "reason": None if step.action in {"issue", "renew"}
                            else "Generated for the load bench", "legal_basis": None, "ban": False,
                            "actor": "bench/load.py", "recorded_at": now})
            state = to_state
    for table, rows in ((agency, agencies), (licence, licences), (action, actions)):
        for chunk in range(0, len(rows), 2000):
            db.session.execute(insert(table), rows[chunk:chunk + 2000])
    if db.engine.dialect.name == "postgresql":  # keep the serial sequences ahead of the explicit ids
        for table in (agency, licence):
            db.session.execute(db.text(f"SELECT setval(pg_get_serial_sequence('{table.name}', 'id'), "
                                       f"(SELECT max(id) FROM {table.name}))"))
        db.session.execute(db.text("ANALYZE agency; ANALYZE licence; ANALYZE licence_action"))
    db.session.commit()
    return len(agencies)


def inputs(limit: int | None) -> dict:
    """Every licence (country, number), agency id and agency name, for the --spread rotation."""
    agency, licence, _action = _tables()
    licences = [list(r) for r in db.session.execute(select(licence.c.country, licence.c.licence_no)
                                                    .order_by(licence.c.id).limit(limit))]
    agencies = [list(r) for r in db.session.execute(select(agency.c.id, agency.c.name).order_by(agency.c.id).limit(limit))]
    active = db.session.execute(select(licence.c.country, licence.c.licence_no)
                                .where(licence.c.state == "active").order_by(licence.c.id).limit(1)).first()
    return {"licence": list(active), "agency": agencies[0][1], "agency_id": agencies[0][0],
            "licences": licences, "agencies": agencies}
