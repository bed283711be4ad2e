"""export-all / import-all round-trip every table, ids, history and audit log between SQLite and PostgreSQL."""
import json
from decimal import Decimal

import pytest
from sqlalchemy import create_engine, func, select

from registry.backup.service import export_all, import_all
from registry.demo import seed_demo
from registry.domain import Conflict, InvalidInput
from registry.extensions import db
from tests.registry.factories import act, create_agency, issue_licence


@pytest.fixture
def populated(app, client, ph_regulator):
    seed_demo()
    agency = create_agency(client, ph_regulator, name="Velmora Overseas Staffing", registration_no="PH-REG-BK1")
    issue_licence(client, ph_regulator, agency["id"], licence_no="BK-001")
    assert act(client, ph_regulator, "BK-001", action="suspend", reason="Fictitious backup test").status_code == 201
    db.session.remove()


@pytest.fixture
def other_engine(tmp_path):
    """A second, empty database of the other kind: SQLite for a PostgreSQL run (and for a SQLite run)."""
    engine = create_engine(f"sqlite:///{tmp_path / 'other.db'}")
    db.metadata.create_all(engine)
    yield engine
    engine.dispose()


def _rows(directory) -> dict:
    """Every dumped row, with numbers normalised so '10.0' and '10.00' compare equal."""
    manifest = json.loads((directory / "manifest.json").read_text())
    out = {}
    for table in manifest["tables"]:
        lines = (directory / f"{table}.jsonl").read_text().splitlines()
        out[table] = [json.loads(line, parse_float=Decimal) for line in lines]
    return out


def test_export_writes_every_table_with_history_and_audit_log(app, populated, tmp_path):
    counts = export_all(tmp_path / "dump")
    assert set(counts) == {t.name for t in db.metadata.sorted_tables}
    assert counts["audit_entry"] > 0 and counts["licence_action"] >= 2 and counts["agency"] > 0


def test_round_trip_to_the_other_database_and_back_keeps_every_row_and_id(app, client, ph_regulator, populated,
                                                                           tmp_path, other_engine):
    first = tmp_path / "from-main"
    export_all(first)
    import_all(first, engine=other_engine)
    second = tmp_path / "from-other"
    export_all(second, engine=other_engine)
    assert _rows(second) == _rows(first)

    import_all(second, replace=True)  # back into the test database (PostgreSQL in CI)
    third = tmp_path / "back"
    export_all(third)
    assert _rows(third) == _rows(first)

    # sequences were moved past the restored ids: a new record gets a fresh id
    from registry.agencies.models import Agency
    highest = db.session.scalar(select(func.max(Agency.id)))
    created = create_agency(client, ph_regulator, name="Tarsilo Placement Agency", registration_no="PH-REG-BK2")
    assert created["id"] > highest


def test_import_refuses_a_database_that_already_has_data(app, populated, tmp_path):
    export_all(tmp_path / "dump")
    with pytest.raises(Conflict):
        import_all(tmp_path / "dump")


def test_a_truncated_backup_restores_nothing(app, populated, tmp_path, other_engine):
    dump = tmp_path / "dump"
    export_all(dump)
    lines = (dump / "licence_action.jsonl").read_text().splitlines(keepends=True)
    (dump / "licence_action.jsonl").write_text("".join(lines[:-1]))
    with pytest.raises(InvalidInput, match="Row counts differ"):
        import_all(dump, engine=other_engine)
    with other_engine.connect() as conn:
        assert all(conn.execute(select(func.count()).select_from(t)).scalar() == 0 for t in db.metadata.sorted_tables)


def test_cli_export_all_and_import_all(app, populated, tmp_path):
    runner = app.test_cli_runner()
    result = runner.invoke(args=["registry", "export-all", str(tmp_path / "cli")])
    assert result.exit_code == 0 and "Exported" in result.output
    refused = runner.invoke(args=["registry", "import-all", str(tmp_path / "cli")])
    assert refused.exit_code != 0 and "--replace" in refused.output
    restored = runner.invoke(args=["registry", "import-all", "--replace", str(tmp_path / "cli")])
    assert restored.exit_code == 0 and "Imported" in restored.output
