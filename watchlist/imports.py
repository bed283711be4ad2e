"""Bulk loads for the watchlist: subjects from CSV (idempotent on country + external_id) and cases from JSON.

Every row is validated first and every write happens in one transaction: on any error nothing is written
and the errors name the line (CSV) or the position in the list (JSON).
"""
import csv
import json
from dataclasses import dataclass, field

from marshmallow import ValidationError

from registry.common.actor import Actor
from registry.common.uow import Rollback, transaction
from registry.domain import DomainError
from watchlist.cases import service as cases
from watchlist.cases.schemas import CaseImportIn
from watchlist.subjects import service as subjects
from watchlist.subjects.models import Subject
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
    rows, errors, seen = [], [], {}
    for line, raw in enumerate(reader, start=2):
        try:
            data = SubjectIn().load(_subject_row(raw))
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


def _differs(subject: Subject, data: dict) -> bool:
    current_names = {n.name for n in subject.other_names if n.kind != "former"}
    contacts = {kind: [c.value for c in subject.contacts if c.kind == kind] for kind in ("address", "phone", "email")}
    return (subject.kind != data["kind"] or subject.name != data["name"].strip()
            or current_names != {n["name"].strip() for n in data["other_names"]}
            or subject.identifier("registration_no") != data.get("registration_no")
            or contacts["address"] != data["addresses"] or contacts["phone"] != data["phones"]
            or contacts["email"] != data["emails"])


def import_subjects(stream, actor: Actor, progress=None) -> ImportReport:
    rows, errors = read_subjects(stream)
    report = ImportReport(errors=errors)
    if errors:
        return report
    try:
        with transaction():
            for line, data in rows:
                try:
                    existing = subjects.find_by_external_id(data["country"], data["external_id"])
                    if existing is None:
                        subjects.create_subject(data, actor)
                        report.created += 1
                    elif _differs(existing, data):
                        changes = {k: v for k, v in data.items() if k in CSV_FIELDS}
                        subjects.update_subject(existing.id, changes, existing.version, actor)
                        report.updated += 1
                    else:
                        report.unchanged += 1
                except DomainError as exc:
                    report.errors.append(f"line {line}: {exc.message}")
                if progress:
                    progress(1)
            if report.errors:
                raise Rollback()
    except Rollback:
        report.created = report.updated = report.unchanged = 0
    return report


def import_cases(stream, actor: Actor, progress=None) -> ImportReport:
    """Create each case of a JSON list (and record its events); a case already recorded is left unchanged."""
    try:
        items = json.load(stream)
    except json.JSONDecodeError as exc:
        return ImportReport(errors=[f"line {exc.lineno}: not valid JSON: {exc.msg}"])
    if not isinstance(items, list):
        return ImportReport(errors=["The file must hold a JSON list of cases."])
    report, loaded = ImportReport(), []
    for n, item in enumerate(items, start=1):
        try:
            loaded.append((n, CaseImportIn().load(item if isinstance(item, dict) else {})))
        except ValidationError as err:
            report.errors += _messages(err, f"case {n}: ")
    if report.errors:
        return report
    try:
        with transaction():
            for n, data in loaded:
                try:
                    _import_case(data, actor, report)
                except DomainError as exc:
                    report.errors.append(f"case {n} ({data['case_no']}): {exc.message}")
                if progress:
                    progress(1)
            if report.errors:
                raise Rollback()
    except Rollback:
        report.created = report.unchanged = 0
    return report


def _import_case(data: dict, actor: Actor, report: ImportReport) -> None:
    if cases.find_case(data["jurisdiction"], data["authority"], data["case_no"]) is not None:
        report.unchanged += 1
        return
    events = data.pop("events", [])
    case = cases.create_case(data, actor)
    for event in events:
        cases.add_event(case.id, event, actor)
    report.created += 1
