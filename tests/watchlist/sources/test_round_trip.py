"""This registry's FtM export, imported into another registry as a source, gives the same public names, standing
and cases there (as the source's); re-importing it changes nothing."""
from sqlalchemy import func, select

from registry.audit.models import AuditEntry
from registry.extensions import db
from tests.watchlist.helpers import convict, create_case, create_subject
from tests.watchlist.sources.helpers import ACTOR, source
from watchlist.sources.importer import import_stream
from watchlist.sources.service import get_source


def _import_export(client) -> object:
    lines = client.get("/api/v1/watchlist.ftm.json").get_data().splitlines(keepends=True)
    return import_stream(get_source("frr"), lines, "watchlist.ftm.json", ACTOR)


def test_the_watchlist_export_imported_elsewhere_gives_the_same_names_standing_and_cases(client, ph_regulator):
    sid = create_subject(client, ph_regulator)["id"]
    convict(client, ph_regulator, create_case(client, ph_regulator, [sid])["id"], sid)
    person = create_subject(client, ph_regulator, kind="person", name="Orlan Pesquiza Dumaran", external_id="PH-W-009",
                            other_names=[], registration_no=None)["id"]
    convict(client, ph_regulator, create_case(client, ph_regulator, [person], case_no="CRIM-T-002")["id"], person)
    source("frr", name="Fair Recruitment Registry (PH)")
    report = _import_export(client)
    assert report.ok and report.created == 4
    public = {s["name"]: s for s in client.get("/api/v1/watchlist").get_json()["items"]}
    listed = {i["name"]: i for i in client.get("/api/v1/watchlist/listed").get_json()["items"]}
    assert set(listed) == set(public)
    for name, subject in public.items():
        item = listed[name]
        assert sorted(item["names"]) == sorted([name] + [n["name"] for n in subject["other_names"]])
        assert item["countries"] == [subject["country"]] and item["standing"] == subject["standing"]
        assert item["listed_by"]["name"] == "Fair Recruitment Registry (PH)"
        assert [(s["authority_id"], s["authority"], s["country"], s["start"]) for s in item["sanctions"]] == [
            (c["case_no"], c["authority"], c["jurisdiction"], c["decision_on"])
            for c in client.get(f"/api/v1/subjects/{subject['id']}").get_json()["cases"]]
    audit = db.session.scalar(select(func.count()).select_from(AuditEntry))
    again = _import_export(client)
    assert (again.created, again.updated, again.retired, again.unchanged) == (0, 0, 0, 4)
    assert db.session.scalar(select(func.count()).select_from(AuditEntry)) == audit
