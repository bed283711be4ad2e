"""Bulk imports: subjects from CSV (idempotent on country + external_id) and cases from JSON, all or nothing."""
import json

from registry.audit.models import AuditEntry
from registry.extensions import db
from tests.watchlist.helpers import ago
from watchlist.cases.models import Case, CaseEvent
from watchlist.cli import watchlist_cli
from watchlist.subjects.models import Subject

HEADER = "external_id,kind,name,other_names,country,registration_no,address,phone,email\n"
GOOD = HEADER + (
    "SA-100,organisation,Rimvale Zarqan Est.,Rimvale Co|زرقان,SA,CR-100,\"1 Demo Rd, Riyadh\",+966 11 555 0100,hr@rimvale.example\n"
    "SA-101,person,Faridun Qalmazi,,SA,,,,\n")


def _run(app, tmp_path, command, content, name="data"):
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    return app.test_cli_runner().invoke(watchlist_cli, [command, str(path)])


def test_good_subject_csv_creates_every_row_with_audit(app, tmp_path):
    result = _run(app, tmp_path, "import-subjects", GOOD)
    assert result.exit_code == 0, result.output
    assert "created 2, updated 0, unchanged 0" in result.output
    subject = db.session.query(Subject).filter_by(external_id="SA-100").one()
    assert {n.name for n in subject.other_names} == {"Rimvale Co", "زرقان"} and subject.identifier("registration_no") == "CR-100"
    assert db.session.query(AuditEntry).filter_by(action="subject.create").count() == 2


def test_reimport_is_idempotent_and_updates_changed_rows(app, tmp_path):
    _run(app, tmp_path, "import-subjects", GOOD)
    again = _run(app, tmp_path, "import-subjects", GOOD)
    assert "created 0, updated 0, unchanged 2" in again.output
    changed = _run(app, tmp_path, "import-subjects", GOOD.replace("+966 11 555 0100", "+966 11 555 0999"))
    assert "created 0, updated 1, unchanged 1" in changed.output
    assert db.session.query(Subject).count() == 2
    subject = db.session.query(Subject).filter_by(external_id="SA-100").one()
    assert [c.value for c in subject.contacts if c.kind == "phone"] == ["+966 11 555 0999"]


def test_bad_subject_csv_writes_nothing_and_names_lines_and_fields(app, tmp_path):
    bad = GOOD + "SA-102,company,,,XX,,,,not-an-email\nSA-100,person,Duplicate,,SA,,,,\n"
    result = _run(app, tmp_path, "import-subjects", bad)
    assert result.exit_code != 0
    assert "line 4: kind" in result.output and "line 4: name" in result.output and "line 4: country" in result.output
    assert "line 4: emails" in result.output and "line 5: external_id" in result.output
    assert db.session.query(Subject).count() == 0


def test_subject_csv_without_required_columns_is_refused(app, tmp_path):
    result = _run(app, tmp_path, "import-subjects", "name,country\nX,PH\n")
    assert result.exit_code != 0 and "missing column(s): external_id" in result.output


def _cases(subject_ref: dict) -> list[dict]:
    return [{"case_no": "IMP-1", "jurisdiction": "PH", "authority": "Court (test)", "offences": ["forced_labour"],
             "filed_on": ago(300), "respondents": [{**subject_ref, "role": "employer"}],
             "events": [{"event": "prosecuted", "date": ago(200)},
                        {"event": "convicted", "date": ago(100), "sanctions": {"imprisonment_months": 12}}]},
            {"case_no": "IMP-2", "jurisdiction": "PH", "authority": "Court (test)", "offences": ["illegal_recruitment"],
             "filed_on": ago(50), "respondents": [{"role": "recruiter", "subject": {"kind": "person", "name": "Ines Talvora", "country": "PH"}}]}]


def test_good_case_json_creates_cases_with_events_and_is_idempotent(app, tmp_path):
    _run(app, tmp_path, "import-subjects", GOOD)
    content = json.dumps(_cases({"country": "SA", "external_id": "SA-100"}))
    result = _run(app, tmp_path, "import-cases", content, "cases.json")
    assert result.exit_code == 0, result.output
    assert "created 2" in result.output
    case = db.session.query(Case).filter_by(case_no="IMP-1").one()
    assert case.respondents[0].state == "convicted" and case.status == "decided"
    again = _run(app, tmp_path, "import-cases", content, "cases.json")
    assert "created 0, updated 0, unchanged 2" in again.output and db.session.query(CaseEvent).count() == 4


def test_bad_case_json_writes_nothing(app, tmp_path):
    _run(app, tmp_path, "import-subjects", GOOD)
    cases = _cases({"country": "SA", "external_id": "SA-100"})
    cases[0]["events"].append({"event": "settled", "date": ago(10)})  # a convicted respondent cannot settle: 409
    result = _run(app, tmp_path, "import-cases", json.dumps(cases), "cases.json")
    assert result.exit_code != 0 and "case 1 (IMP-1)" in result.output
    assert db.session.query(Case).count() == 0 and db.session.query(Subject).count() == 2
    invalid = _run(app, tmp_path, "import-cases", json.dumps([{"case_no": "X"}]), "cases.json")
    assert "case 1: jurisdiction" in invalid.output and "case 1: respondents" in invalid.output
    assert "not valid JSON" in _run(app, tmp_path, "import-cases", "[{", "cases.json").output
