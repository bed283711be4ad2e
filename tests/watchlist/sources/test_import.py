"""`sources import-ftm`: good, bad (line numbers, all or nothing), repeated (no change, no audit) and retirement."""
from sqlalchemy import func, select

from registry.audit.models import AuditEntry
from registry.extensions import db
from tests.watchlist.sources.helpers import COMPANY, FEED, PERSON, SANCTION, load, source, write
from watchlist.sources.models import SourceEntity, SourceImport


def _audit_count() -> int:
    return db.session.scalar(select(func.count()).select_from(AuditEntry))


def _entity(entity_id: str) -> SourceEntity:
    return db.session.scalar(select(SourceEntity).where(SourceEntity.entity_id == entity_id))


def test_good_file_creates_every_entity_with_names_identifiers_and_sanction(app, tmp_path):
    source()
    report = load(tmp_path, FEED)
    assert report.ok and (report.created, report.skipped, report.retired) == (5, 1, 0)
    company = _entity("nr-co-1")
    assert company.names == ["Sarvantis Overseas Employment Sdn. Bhd.", "Sarvantis Overseas"] and company.countries == ["MY"]
    assert company.identifiers == [{"kind": "registration_no", "value": "MY-777-X"}] and company.emails == ["jobs@sarvantis.example"]
    sanction = _entity("nr-sanction-1")
    assert sanction.holder_id == "nr-co-1" and sanction.sanction["authority"] == "Neighbouring Labour Board (fictitious)"
    assert (sanction.sanction["start"], sanction.sanction["end"]) == ("2025-01-02", "2030-01-02")
    assert _entity("nr-pp-1").identifiers == [{"kind": "passport", "value": "A1234567"}]
    assert company.properties["topics"] == ["debarment"] and company.retired_at is None
    actions = {a for (a,) in db.session.execute(select(AuditEntry.action).where(AuditEntry.entity_type == "source_entity"))}
    assert actions == {"source_entity.create"} and db.session.scalar(select(func.count()).select_from(SourceImport)) == 1


def test_gzip_file_imports_like_the_plain_one(app, tmp_path):
    source()
    assert load(tmp_path, FEED, compress=True).created == 5


def test_bad_lines_are_reported_by_number_and_nothing_is_written(app, tmp_path):
    source()
    before = _audit_count()
    lines = [COMPANY, "{not json", {"id": "x", "schema": "Company", "properties": {"alias": ["No Name"]}},
             {"id": "y", "schema": "Person", "properties": {"name": ["A"], "country": ["Malaysia!"]}},
             {"id": "z", "schema": "Spaceship", "properties": {}},
             {"id": "n", "schema": "Person", "properties": {"name": ["Nul\u0000Name"]}}, COMPANY]
    report = load(tmp_path, lines)
    assert report.errors[:5] == ["line 2: not valid JSON: Expecting property name enclosed in double quotes (column 2).",
                                 "line 3: properties.name: required for a Company.",
                                 "line 4: properties.country: 'Malaysia!' is not a country code.",
                                 "line 5: schema: 'Spaceship' is not a FollowTheMoney schema.",
                                 "line 6: properties.name: a value holds a NUL character."]
    assert db.session.scalar(select(func.count()).select_from(SourceEntity)) == 0 and _audit_count() == before


def test_a_repeated_entity_id_names_both_lines(app, tmp_path):
    source()
    report = load(tmp_path, [COMPANY, PERSON, COMPANY])
    assert report.errors == ["line 3: id 'nr-co-1' repeats the entity of line 1."]
    assert db.session.scalar(select(func.count()).select_from(SourceEntity)) == 0


def test_reimporting_the_same_file_changes_nothing_and_writes_no_audit_entries(app, tmp_path):
    source()
    load(tmp_path, FEED)
    before, seen = _audit_count(), _entity("nr-co-1").last_seen
    report = load(tmp_path, list(reversed(FEED)), name="again.ndjson")
    assert (report.created, report.updated, report.retired, report.unchanged) == (0, 0, 0, 5) and report.import_id is None
    assert _audit_count() == before and _entity("nr-co-1").last_seen == seen
    assert db.session.scalar(select(func.count()).select_from(SourceImport)) == 1


def test_a_changed_entity_is_updated_and_audited(app, tmp_path):
    source()
    load(tmp_path, FEED)
    renamed = {**PERSON, "properties": {**PERSON["properties"], "alias": ["D. Qamaruddin"]}}
    report = load(tmp_path, [renamed if e is PERSON else e for e in FEED], name="v2.ndjson")
    assert (report.created, report.updated, report.unchanged) == (0, 1, 4)
    person = _entity("nr-p-1")
    assert person.names == ["Dorvell Qamaruddin", "D. Qamaruddin"]
    assert db.session.scalar(select(func.count()).select_from(AuditEntry).where(
        AuditEntry.action == "source_entity.update", AuditEntry.entity_id == str(person.id))) == 1


def test_entity_missing_from_a_newer_file_is_retired_kept_and_can_return(app, tmp_path):
    source()
    load(tmp_path, FEED)
    report = load(tmp_path, [e for e in FEED if e is not PERSON], name="v2.ndjson")
    assert report.retired == 1
    person = _entity("nr-p-1")
    assert person.retired_at is not None and person.names == ["Dorvell Qamaruddin"]
    assert db.session.scalar(select(AuditEntry.action).where(AuditEntry.entity_id == str(person.id))
                             .order_by(AuditEntry.id.desc()).limit(1)) == "source_entity.retire"
    back = load(tmp_path, FEED, name="v3.ndjson")
    assert back.updated == 1 and _entity("nr-p-1").retired_at is None


def test_sources_are_separate_namespaces_for_entity_ids(app, tmp_path):
    source()
    source("other", public=False, name="Other list")
    load(tmp_path, [COMPANY, SANCTION])
    assert load(tmp_path, [COMPANY], slug="other", name="other.ndjson").created == 1
    assert load(tmp_path, [COMPANY, SANCTION], name="same.ndjson").changed == 0


def test_cli_adds_lists_updates_and_imports(app, tmp_path):
    runner = app.test_cli_runner()
    result = runner.invoke(args=["sources", "add", "nr", "--name", "Neighbouring Registry", "--publisher", "Board",
                                 "--url", "https://nr.example", "--public"])
    assert result.exit_code == 0, result.output
    path = write(tmp_path, FEED, compress=True)
    result = runner.invoke(args=["sources", "import-ftm", "nr", path])
    assert result.exit_code == 0 and "created 5" in result.output, result.output
    assert "Nothing changed" in runner.invoke(args=["sources", "import-ftm", "nr", path]).output
    bad = runner.invoke(args=["sources", "import-ftm", "nr", write(tmp_path, [COMPANY, "{"], name="bad.ndjson")])
    assert bad.exit_code == 1 and "line 2: not valid JSON" in bad.output and "nothing was written" in bad.output
    assert runner.invoke(args=["sources", "update", "nr", "--private"]).exit_code == 0
    listed = runner.invoke(args=["sources", "list"]).output
    assert "nr\tNeighbouring Registry\tprivate\t2 entities" in listed
    assert runner.invoke(args=["sources", "import-ftm", "nope", path]).exit_code == 1


def test_progress_counts_the_bytes_of_the_file_read(app, tmp_path):
    import os
    from tests.watchlist.sources.helpers import ACTOR
    from watchlist.sources.importer import import_ftm
    source()
    path = write(tmp_path, FEED, compress=True)
    seen = []
    assert import_ftm("nr", path, ACTOR, progress=seen.append).created == 5
    assert sum(seen) == os.path.getsize(path)
