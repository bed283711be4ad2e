"""Bulk loads for the watchlist: subjects from CSV (idempotent on country + external_id) and cases from JSON.

Every row is validated first and every write happens in one transaction: on any error nothing is written
and the errors name the line (CSV) or the position in the list (JSON).
"""
import csv
import json
from dataclasses import dataclass, field

from marshmallow import ValidationError

from registry.common.actor import Actor
from registry.common.bulk import chunks
from registry.common.uow import Rollback, transaction
from registry.domain import DomainError
from watchlist.cases.schemas import CaseImportIn
from watchlist import bulk_cases, bulk_subjects
from watchlist.subjects.schemas import SubjectIn

SUBJECT_COLUMNS = ("external_id", "kind", "name", "other_names", "country", "registration_no", "address", "phone", "email")
CSV_FIELDS = {"kind", "name", "other_names", "registration_no", "addresses", "phones", "emails"}  # what a re-import may change


@dataclass
class ImportReport:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    errors: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors


def _messages(err: ValidationError, prefix: str = "") -> list[str]:
    def walk(messages, path):
        if isinstance(messages, dict):
            for key, value in messages.items():
                yield from walk(value, path + [str(key)])
        elif isinstance(messages, list) and messages and all(isinstance(m, str) for m in messages):
            yield f"{'.'.join(path) or 'row'}: {' '.join(messages)}"
        else:
            for item in messages if isinstance(messages, list) else [messages]:
                yield from walk(item, path)
    return [prefix + m for m in walk(err.messages, [])]


def _subject_row(row: dict) -> dict:
    cell = {k: (row.get(k) or "").strip() for k in SUBJECT_COLUMNS}
    data = {"external_id": cell["external_id"] or None, "kind": cell["kind"], "name": cell["name"], "country": cell["country"],
            "other_names": [n.strip() for n in cell["other_names"].split("|") if n.strip()],
            "registration_no": cell["registration_no"] or None,
            "addresses": [cell["address"]] if cell["address"] else [], "phones": [cell["phone"]] if cell["phone"] else [],
            "emails": [cell["email"]] if cell["email"] else []}
    return data


def read_subjects(stream) -> tuple[list[tuple[int, dict]], list[str]]:
    """Parse and validate every row; returns (line, data) pairs and the errors."""
    reader = csv.DictReader(stream)
    missing = [c for c in SUBJECT_COLUMNS if c not in (reader.fieldnames or [])]
    if missing:
        return [], [f"line 1: missing column(s): {', '.join(missing)}"]
    rows, errors, seen, schema = [], [], {}, SubjectIn()
    for line, raw in enumerate(reader, start=2):
        try:
            data = schema.load(_subject_row(raw))
        except ValidationError as err:
            errors += _messages(err, f"line {line}: ")
            continue
        if not data.get("external_id"):
            errors.append(f"line {line}: external_id: Required so that re-imports update instead of duplicating.")
            continue
        key = (data["country"], data["external_id"])
        if key in seen:
            errors.append(f"line {line}: external_id: {data['external_id']} ({data['country']}) repeats line {seen[key]}.")
            continue
        seen[key] = line
        rows.append((line, data))
    return rows, errors


def _differs(state: dict, data: dict) -> bool:
    """Whether a row would change the subject whose current state (`bulk_subjects.current_state`) is given."""
    return (state["kind"] != data["kind"] or state["name"] != data["name"].strip()
            or state["other_names"] != {n["name"].strip() for n in data["other_names"]}
            or state["registration_no"] != data.get("registration_no")
            or state["address"] != data["addresses"] or state["phone"] != data["phones"] or state["email"] != data["emails"])


def import_subjects(stream, actor: Actor, progress=None) -> ImportReport:
    """Create new subjects and update changed ones, a chunk of rows at a time (existing keys pre-loaded per chunk,
    new rows in multi-row INSERTs, audit entries in bulk), all in one transaction."""
    rows, errors = read_subjects(stream)
    report = ImportReport(errors=errors)  # the valid rows are still tried, so every error is listed at once
    try:
        with transaction():
            for chunk in chunks(rows):
                _import_subject_chunk(chunk, actor, report)
                if progress:
                    progress(len(chunk))
            if report.errors:
                raise Rollback()
    except Rollback:
        report.created = report.updated = report.unchanged = 0
    except DomainError as exc:  # a concurrent write: everything was rolled back
        report.errors.append(exc.message)
        report.created = report.updated = report.unchanged = 0
    return report


def _import_subject_chunk(chunk: list[tuple[int, dict]], actor: Actor, report: ImportReport) -> None:
    state = bulk_subjects.current_state({(d["country"], d["external_id"]) for _, d in chunk})
    new, changed = [], []
    for line, data in chunk:
        key = (data["country"], data["external_id"])
        if key not in state:
            if actor.can_write_country(data["country"]):
                new.append((f"line {line}: ", data))
            else:
                report.errors.append(f"line {line}: A {actor.role} token for {actor.country or 'no country'} may not "
                                     f"create subjects of {data['country']}.")
        elif _differs(state[key], data):
            changed.append((line, key, data))
        else:
            report.unchanged += 1
    loaded = bulk_subjects.existing_by_key({key for _, key, _ in changed})  # ORM objects only for rows that change
    ids = bulk_subjects.create_subjects(new, actor, report.errors)
    report.created += sum(1 for i in ids if i is not None)
    report.updated += bulk_subjects.update_subjects(
        [(f"line {line}: ", loaded[key], {k: v for k, v in data.items() if k in CSV_FIELDS}) for line, key, data in changed],
        actor, report.errors)


def import_cases(stream, actor: Actor, progress=None) -> ImportReport:
    """Create each case of a JSON list (and record its events); a case already recorded is left unchanged."""
    try:
        items = json.load(stream)
    except json.JSONDecodeError as exc:
        return ImportReport(errors=[f"line {exc.lineno}: not valid JSON: {exc.msg}"])
    if not isinstance(items, list):
        return ImportReport(errors=["The file must hold a JSON list of cases."])
    report, loaded, schema = ImportReport(), [], CaseImportIn()
    for n, item in enumerate(items, start=1):
        try:
            loaded.append((n, schema.load(item if isinstance(item, dict) else {})))
        except ValidationError as err:
            report.errors += _messages(err, f"case {n}: ")
    try:  # the valid cases are still tried, so every error is listed at once
        with transaction():
            bulk_cases.import_cases(loaded, actor, report, progress)
            if report.errors:
                raise Rollback()
    except Rollback:
        report.created = report.unchanged = 0
    except DomainError as exc:  # a concurrent write: everything was rolled back
        report.errors.append(exc.message)
        report.created = report.unchanged = 0
    return report
