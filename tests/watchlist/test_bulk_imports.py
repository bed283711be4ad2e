"""Set-wise imports of a few hundred rows: same audit snapshots as the API, idempotent, all or nothing with every
bad line named, respondents screened once; no progress bar when stderr is not a terminal."""
import io
import json

from sqlalchemy import func, select

import registry.models  # noqa: F401 - every mapper, before services build loader options
from registry.audit.models import AuditEntry
from registry.common.actor import cli_actor
from registry.common.bulk import progress_bar
from registry.extensions import db
from tests.watchlist.helpers import ago
from watchlist.cases import service as cases
from watchlist.cases.models import Case, CaseEvent
from watchlist.cases.schemas import CaseEventIn, CaseIn
from watchlist.cli import watchlist_cli
from watchlist.imports import import_cases
from watchlist.screening.models import Flag
from watchlist.subjects import service as subjects
from watchlist.subjects.models import Subject

HEADER = "external_id,kind,name,other_names,country,registration_no,address,phone,email\n"
ROWS = 300


def _subjects_csv(rows: int = ROWS, extra: str = "") -> str:
    lines = [f"PH-B-{n:04d},{'organisation' if n % 2 else 'person'},Qorvan Telemir {n} {'Ltd' if n % 2 else 'Santos'},"
             f"Telemir {n} Co|Q. Telemir {n},PH,{'CR-%d' % n if n % 2 else ''},{n} Bench Rd,+63 2 555 {n:04d},"
             f"q{n}@bench.example\n" for n in range(rows)]
    return HEADER + "".join(lines) + extra


def _run(app, tmp_path, command, content, name="data"):
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    return app.test_cli_runner().invoke(watchlist_cli, [command, str(path)])


def _audits(action: str) -> list[AuditEntry]:
    return db.session.scalars(select(AuditEntry).where(AuditEntry.action == action).order_by(AuditEntry.id)).all()


def test_hundreds_of_subjects_are_created_with_the_apis_audit_snapshot_and_reimport_changes_nothing(app, tmp_path):
    result = _run(app, tmp_path, "import-subjects", _subjects_csv())
    assert result.exit_code == 0, result.output
    assert f"created {ROWS}, updated 0, unchanged 0" in result.output
    entries = _audits("subject.create")
    assert len(entries) == ROWS and all(e.actor.startswith("import-subjects") and e.at for e in entries)
    for entry in entries[:5] + entries[-5:]:
        assert entry.after == subjects.snapshot(subjects.get_subject(int(entry.entity_id)))
    total = db.session.scalar(select(func.count(AuditEntry.id)))
    again = _run(app, tmp_path, "import-subjects", _subjects_csv())
    assert f"created 0, updated 0, unchanged {ROWS}" in again.output
    assert db.session.scalar(select(func.count(AuditEntry.id))) == total
    assert db.session.scalar(select(func.count(Subject.id))) == ROWS


def test_changed_rows_among_hundreds_are_updated_with_before_and_after(app, tmp_path):
    _run(app, tmp_path, "import-subjects", _subjects_csv())
    changed = _subjects_csv().replace("Qorvan Telemir 7 Ltd", "Qorvan Telemir Seven Ltd").replace("+63 2 555 0150", "+63 2 555 9150")
    result = _run(app, tmp_path, "import-subjects", changed)
    assert f"created 0, updated 2, unchanged {ROWS - 2}" in result.output, result.output
    updates = _audits("subject.update")
    assert len(updates) == 2
    seven = next(u for u in updates if u.before["name"] == "Qorvan Telemir 7 Ltd")
    assert seven.after["name"] == "Qorvan Telemir Seven Ltd" and seven.after["version"] == seven.before["version"] + 1


def test_bad_lines_among_hundreds_are_all_listed_and_nothing_is_written(app, tmp_path):
    content = _subjects_csv().replace("PH-B-0048,person,Qorvan Telemir 48 Santos", "PH-B-0048,robot,Qorvan Telemir 48 Santos")
    content += "PH-B-0300,person,,,PH,,,,\nPH-B-0301,organisation,Zeta Qor Ltd,,PH,---,,,\n"
    result = _run(app, tmp_path, "import-subjects", content)
    assert result.exit_code != 0
    assert "line 50: kind" in result.output and "line 302: name" in result.output
    assert "line 303: Invalid value for 'registration_no': Has no letters or digits." in result.output
    assert "nothing was written" in result.output
    assert db.session.scalar(select(func.count(Subject.id))) == 0
    assert db.session.scalar(select(func.count(AuditEntry.id))) == 0


def _case_file(rows: int) -> list[dict]:
    items = []
    for n in range(rows):
        case = {"case_no": f"B-{n:04d}", "jurisdiction": "PH", "authority": "Bench Court (test)", "offences": ["forced_labour"],
                "filed_on": ago(400), "respondents": [{"country": "PH", "external_id": f"PH-B-{n:04d}", "role": "employer"}],
                "victims": {"total": 2}}
        if n % 2:
            case["events"] = [{"event": "prosecuted", "date": ago(300)},
                              {"event": "convicted", "date": ago(200), "reference": f"D-{n}",
                               "sanctions": {"imprisonment_months": 6, "fine": {"amount": "1000.50", "currency": "PHP"},
                                             "debarment_until": ago(-300)},
                               "compensation": {"ordered": {"amount": "250", "currency": "PHP"}}}]
        items.append(case)
    return items


def test_hundreds_of_cases_are_idempotent_with_an_audit_entry_per_case_and_event(app, tmp_path):
    _run(app, tmp_path, "import-subjects", _subjects_csv())
    content = json.dumps(_case_file(ROWS))
    result = _run(app, tmp_path, "import-cases", content, "cases.json")
    assert result.exit_code == 0, result.output
    assert f"created {ROWS}" in result.output
    assert len(_audits("case.create")) == ROWS and len(_audits("case.event")) == ROWS // 2 * 2
    assert db.session.scalar(select(func.count(CaseEvent.id))) == ROWS + ROWS // 2 * 2
    convicted = db.session.scalar(select(Case).where(Case.case_no == "B-0001"))
    assert convicted.status == "decided" and convicted.respondents[0].state == "convicted" and convicted.version == 3
    total = db.session.scalar(select(func.count(AuditEntry.id)))
    again = _run(app, tmp_path, "import-cases", content, "cases.json")
    assert f"created 0, updated 0, unchanged {ROWS}" in again.output
    assert db.session.scalar(select(func.count(AuditEntry.id))) == total


def _without_ids(value):
    if isinstance(value, dict):
        return {k: _without_ids(v) for k, v in value.items() if k not in {"id", "case_no", "subject_id", "respondent_id"}}
    if isinstance(value, list):
        return [_without_ids(v) for v in value]
    return value


def test_an_imported_case_is_audited_exactly_as_the_api_records_it(app):
    actor = cli_actor("tests")
    for ext in ("PH-A", "PH-B", "PH-C"):
        subjects.create_subject({"kind": "person", "name": f"Velomir Quist {ext}", "country": "PH", "external_id": ext}, actor)
    events = [{"event": "prosecuted", "date": ago(300)},
              {"event": "convicted", "date": ago(200), "respondent_id": None,
               "sanctions": {"imprisonment_months": 3, "fine": {"amount": "99.5", "currency": "PHP"}}}]

    def body(case_no, ext):
        return {"case_no": case_no, "jurisdiction": "PH", "authority": "Court (test)", "offences": ["debt_bondage"],
                "filed_on": ago(400), "indicators": ["debt_bondage"], "victims": {"total": 4, "women": 1},
                "respondents": [{"country": "PH", "external_id": ext, "role": "recruiter"}]}

    report = import_cases(io.StringIO(json.dumps([{**body("BULK-1", "PH-A"), "events": [
        {k: v for k, v in e.items() if k != "respondent_id"} for e in events]}])), actor)
    assert report.ok and report.created == 1, report.errors
    bulk = [(e.action, _without_ids(e.before), _without_ids(e.after)) for e in _audits("case.create") + _audits("case.event")]
    case = cases.create_case(CaseIn().load(body("API-1", "PH-B")), actor)
    for event in events:
        cases.add_event(case.id, CaseEventIn().load({k: v for k, v in event.items() if k != "respondent_id"}), actor)
    api = [(e.action, _without_ids(e.before), _without_ids(e.after))
           for e in _audits("case.create") + _audits("case.event") if e.entity_id == str(case.id)]
    assert bulk == api and len(api) == 3


def test_bad_cases_among_hundreds_are_all_listed_and_nothing_is_written(app, tmp_path):
    _run(app, tmp_path, "import-subjects", _subjects_csv())
    items = _case_file(ROWS)
    items[10]["respondents"][0]["external_id"] = "NOPE-1"
    items[201]["events"].append({"event": "settled", "date": ago(10)})
    items[250]["filed_on"] = ago(-5)
    total = db.session.scalar(select(func.count(AuditEntry.id)))
    result = _run(app, tmp_path, "import-cases", json.dumps(items), "cases.json")
    assert result.exit_code != 0
    assert "case 11 (B-0010): Invalid value for 'respondents.0.external_id'" in result.output
    assert "case 202 (B-0201)" in result.output and "case 251 (B-0250): Invalid value for 'filed_on'" in result.output
    assert "3 error(s); nothing was written." in result.output
    assert db.session.scalar(select(func.count(Case.id))) == 0
    assert db.session.scalar(select(func.count(AuditEntry.id))) == total


def test_imported_respondents_are_screened_once_after_the_insert(app, tmp_path):
    _run(app, tmp_path, "import-subjects", HEADER + "SA-1,organisation,Rimvale Zarqan Est.,,SA,CR-100,,,\n")
    items = [{"case_no": f"S-{n}", "jurisdiction": "PH", "authority": "Court (test)", "offences": ["forced_labour"],
              "filed_on": ago(30), "respondents": [{"role": "employer", "subject": {
                  "kind": "organisation", "name": "Rimvale Zarqan Establishment", "country": "PH", "external_id": "PH-R-1"}}
                  if n == 0 else {"role": "employer", "country": "PH", "external_id": "PH-R-1"}]} for n in range(3)]
    result = _run(app, tmp_path, "import-cases", json.dumps(items), "cases.json")
    assert result.exit_code == 0, result.output
    flags = db.session.scalars(select(Flag)).all()
    assert [(f.trigger, f.candidate_label, f.country) for f in flags] == [
        ("case.create", "Rimvale Zarqan Est. (none)", "PH")]
    assert len(_audits("flag.create")) == 1
    _run(app, tmp_path, "import-cases", json.dumps(items), "cases.json")
    assert db.session.scalar(select(func.count(Flag.id))) == 1


def test_progress_bar_stays_silent_when_stderr_is_not_a_terminal():
    stream = io.StringIO()
    with progress_bar(10, "Importing", stream) as update:
        update(10)
    assert stream.getvalue() == ""


def test_progress_bar_shows_rows_per_second_on_a_terminal():
    class Terminal(io.StringIO):
        def isatty(self):
            return True

    stream = Terminal()
    with progress_bar(2000, "Importing", stream) as update:
        update(1000)
        update(1000)
    assert "Importing: 100%" in stream.getvalue() and "rows/s" in stream.getvalue()
