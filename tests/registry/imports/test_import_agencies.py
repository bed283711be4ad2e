"""Bulk CSV import: good rows land, any bad row aborts everything with line numbers, re-import is idempotent."""
from registry.agencies.models import Agency
from registry.extensions import db
from registry.licences.models import Licence

HEADER = "country,licence_no,name,other_names,registration_no,address,phone,email,website,officers,scope,issued_on,expires_on,status\n"
GOOD = HEADER + (
    "PH,DMW-100,Tolvaren Manpower Inc.,Tolvaren Travel|TMI,REG-1,1 Demo St,+63 2 8000 0001,a@t.example,https://t.example,"
    "Mara Quibranza|Jo Velasquin (owner),land-based,2024-01-01,2028-01-01,active\n"
    "PH,DMW-101,Sarnel Placement Inc.,,REG-2,,,,,,sea_based,2024-02-01,2028-02-01,suspended\n"
    "ID,P3MI/102/2024,PT Lunaro Karya,,REG-3,,,,,,land_based,2023-01-01,2027-01-01,revoked\n"
    "VN,103/LDTBXH-GP,Vimaro Co. Ltd,,REG-4,,,,,,land_based,,2027-01-01,pending\n"
)


def _import(app, tmp_path, content, *extra):
    path = tmp_path / "agencies.csv"
    path.write_text(content)
    return app.test_cli_runner().invoke(args=["registry", "import-agencies", str(path), *extra])


def test_good_file_imports_agencies_licences_officers_and_statuses(app, tmp_path, client):
    result = _import(app, tmp_path, GOOD)
    assert result.exit_code == 0, result.output
    assert "Created 4" in result.output
    assert client.get("/api/v1/licences/PH/DMW-101").get_json()["status"] == "suspended"
    assert client.get("/api/v1/licences/ID/P3MI/102/2024").get_json()["status"] == "revoked"
    assert client.get("/api/v1/licences/VN/103/LDTBXH-GP").get_json()["status"] == "pending"
    agency = client.get("/api/v1/agencies?q=tolvaren").get_json()["items"][0]
    detail = client.get(f"/api/v1/agencies/{agency['id']}").get_json()
    assert {o["name"] for o in detail["officers"]} == {"Mara Quibranza", "Jo Velasquin"}
    assert {n["name"] for n in detail["other_names"]} == {"Tolvaren Travel", "TMI"}


def test_reimporting_the_same_file_changes_nothing(app, tmp_path, client, admin):
    _import(app, tmp_path, GOOD)
    audit_before = client.get("/api/v1/audit", headers=admin).get_json()["total"]
    result = _import(app, tmp_path, GOOD)
    assert result.exit_code == 0 and "Created 0, updated 0, unchanged 4" in result.output
    assert db.session.query(Agency).count() == 4 and db.session.query(Licence).count() == 4
    assert client.get("/api/v1/audit", headers=admin).get_json()["total"] == audit_before


def test_changed_row_on_reimport_records_an_action(app, tmp_path, client):
    _import(app, tmp_path, GOOD)
    result = _import(app, tmp_path, GOOD.replace("2028-01-01,active", "2028-01-01,suspended"))
    assert "updated 1" in result.output
    history = client.get("/api/v1/licences/PH/DMW-100").get_json()["history"]
    assert [h["action"] for h in history] == ["issue", "suspend"]


def test_one_bad_row_writes_nothing_and_names_its_line(app, tmp_path):
    bad = GOOD + "XX,DMW-200,Bad Country Inc.,,,,,,,,land_based,2024-01-01,2028-01-01,active\n"
    bad += "PH,DMW-201,Bad Dates Inc.,,,,,,,,land_based,2024-01-01,2023-01-01,active\n"
    result = _import(app, tmp_path, bad)
    assert result.exit_code != 0
    assert "line 6" in result.output and "country" in result.output
    assert "line 7" in result.output and "expires_on" in result.output
    assert db.session.query(Agency).count() == 0


def test_duplicate_licence_in_one_file_is_an_error(app, tmp_path):
    result = _import(app, tmp_path, GOOD + GOOD.splitlines()[1] + "\n")
    assert result.exit_code != 0 and "line 6" in result.output and "line 2" in result.output


def test_missing_column_is_reported(app, tmp_path):
    result = _import(app, tmp_path, "country,licence_no\nPH,1\n")
    assert result.exit_code != 0 and "missing column" in result.output


def test_dry_run_validates_and_writes_nothing(app, tmp_path):
    result = _import(app, tmp_path, GOOD, "--dry-run")
    assert result.exit_code == 0 and "Would create 4" in result.output
    assert db.session.query(Agency).count() == 0


def test_unreachable_status_on_reimport_is_a_row_error(app, tmp_path):
    _import(app, tmp_path, GOOD)
    result = _import(app, tmp_path, GOOD.replace("2027-01-01,revoked", "2027-01-01,active"))
    assert result.exit_code != 0 and "line 4" in result.output and "revoked" in result.output


REOPENED = HEADER + (
    "ID,P3MI/900/2026,PT Cahaya Baru Penempatan,,REG-900,,,,,Jo Velasquin (director),land_based,2026-01-01,2029-01-01,active\n"
    "ID,P3MI/901/2026,PT Ombak Biru Tenaga,,REG-901,,,,,Ria Santoso (director),land_based,2026-01-01,2029-01-01,active\n"
)


def test_imported_agency_run_by_a_revoked_agencys_officer_is_flagged(app, tmp_path, client, admin):
    _import(app, tmp_path, GOOD.replace("2028-01-01,active", "2028-01-01,revoked"))
    result = _import(app, tmp_path, REOPENED)
    assert result.exit_code == 0, result.output
    assert "2 possible repeat offender(s) went to the review queue" in result.output
    flags = client.get("/api/v1/flags?status=open", headers=admin).get_json()["items"]
    assert sorted((f["trigger"], f["source_label"], f["candidate_label"]) for f in flags) == [
        ("import.create", "Agency PT Cahaya Baru Penempatan (ID)", "Tolvaren Manpower Inc. (licence revoked)"),
        ("import.create", "Director Jo Velasquin of agency PT Cahaya Baru Penempatan", "Jo Velasquin (licence revoked)")]


def test_import_without_screening_raises_no_flags(app, tmp_path, client, admin):
    _import(app, tmp_path, GOOD.replace("2028-01-01,active", "2028-01-01,revoked"))
    result = _import(app, tmp_path, REOPENED, "--no-screen")
    assert result.exit_code == 0 and "review queue" not in result.output
    assert client.get("/api/v1/flags", headers=admin).get_json()["total"] == 0


def test_large_import_is_screened_while_its_transaction_is_open(app, tmp_path):
    # Enough rows to spill SQLite's page cache: the screening index reads the last commit meanwhile.
    rows = "".join(f"PH,LOAD-{n:05d},Velantor Kalinao {n} Manpower Inc.,,REG-L{n},{n} Load St,,,,"
                   f"Rina Valdoro {n} (owner),land_based,2024-01-01,2028-01-01,active\n" for n in range(2000))
    result = _import(app, tmp_path, HEADER + rows)
    assert result.exit_code == 0, result.output
    assert "Created 2000" in result.output
