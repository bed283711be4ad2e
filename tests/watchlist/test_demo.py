"""The demo data set has cases in every state and ties subjects to revoked demo agencies (names invented)."""
from registry.demo import seed_demo
from registry.extensions import db
from watchlist.cases.models import CaseRespondent
from watchlist.profile import standing
from watchlist.subjects.models import Subject
from registry.common.time import today


def test_demo_covers_every_standing_and_links_revoked_agencies(app):
    counts = seed_demo()
    assert counts["watchlist cases"] == 9
    states = {r.state for r in db.session.query(CaseRespondent)}
    assert {"convicted", "overturned", "settled", "acquitted", "dismissed", "withdrawn", "prosecuted", "under_investigation"} <= states
    standings = {s.name: standing(s, today()) for s in db.session.query(Subject)}
    assert {"convicted", "debarred", "pending", "cleared"} <= set(standings.values())
    assert standings["Qasr Nuvela Cleaning Services LLC"] == "cleared"  # conviction overturned on appeal
    assert standings["Maridel Domestic Staffing Pte. Ltd."] == "cleared"  # debarment expired
    velmora = db.session.query(Subject).filter_by(name="Velmora Overseas Manpower Inc.").one()
    assert velmora.agency_id is not None and {link.person.name for link in velmora.officers} == {"Rosalind Quibranza", "Arturo Dumalagan"}
