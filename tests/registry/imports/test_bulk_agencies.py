"""Agency imports of a few hundred rows: an audit entry per licence, idempotent, every bad line listed, all or nothing."""
from sqlalchemy import func, select

from registry.agencies.models import Agency
from registry.audit.models import AuditEntry
from registry.extensions import db

HEADER = "country,licence_no,name,other_names,registration_no,address,phone,email,website,officers,scope,issued_on,expires_on,status\n"
ROWS = 300


def _csv(rows: int = ROWS) -> str:
    return HEADER + "".join(f"PH,BULK-{n:04d},Qelvaran {n} Manpower Inc.,Qelvaran Travel {n},REG-B{n},{n} Bulk St,,,,"
                            f"Mira Qelvaran {n} (owner),land_based,2024-01-01,2028-01-01,{'revoked' if n % 7 == 0 else 'active'}\n"
                            for n in range(rows))


def _import(app, tmp_path, content):
    path = tmp_path / "agencies.csv"
    path.write_text(content)
    return app.test_cli_runner().invoke(args=["registry", "import-agencies", str(path)])


def _count(model) -> int:
    return db.session.scalar(select(func.count()).select_from(model))


def test_hundreds_of_agencies_get_an_audit_entry_each_and_reimport_writes_nothing(app, tmp_path):
    result = _import(app, tmp_path, _csv())
    assert result.exit_code == 0, result.output
    assert f"Created {ROWS}, updated 0, unchanged 0" in result.output
    entries = db.session.scalars(select(AuditEntry).where(AuditEntry.action == "import.create")).all()
    assert len(entries) == ROWS and {e.entity_type for e in entries} == {"licence"}
    assert all(e.actor.startswith("import-agencies") and e.at and e.after["licence_no"].startswith("BULK-") for e in entries)
    total = _count(AuditEntry)
    again = _import(app, tmp_path, _csv())
    assert f"Created 0, updated 0, unchanged {ROWS}" in again.output
    assert _count(AuditEntry) == total and _count(Agency) == ROWS


def test_bad_lines_among_hundreds_are_all_listed_and_nothing_is_written(app, tmp_path):
    content = _csv().replace("PH,BULK-0040,", "XX,BULK-0040,").replace("2028-01-01,active\n", "2023-01-01,active\n", 1)
    result = _import(app, tmp_path, content)
    assert result.exit_code != 0
    assert "line 3: expires_on" in result.output and "line 42: country" in result.output
    assert "2 bad row(s); nothing was written." in result.output
    assert _count(Agency) == 0 and _count(AuditEntry) == 0
