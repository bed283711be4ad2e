"""Turn flat HTML form fields into the API's JSON shapes, so console writes go through the same schemas and services."""
from flask import flash
from marshmallow import Schema, ValidationError

from registry.domain import DomainError


def clean(form, fields) -> dict:
    """Non-empty, stripped values of the named fields."""
    return {f: form.get(f, "").strip() for f in fields if form.get(f, "").strip()}


def lines(text: str | None) -> list[str]:
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


def officers_from(text: str | None) -> list[dict]:
    """'Jane Roe (owner)' per line -> [{'name': 'Jane Roe', 'role': 'owner'}] (role defaults to director)."""
    officers = []
    for line in lines(text):
        name, role = line, "director"
        if line.endswith(")") and "(" in line:
            name, role = line[:line.rindex("(")].strip(), line[line.rindex("(") + 1:-1].strip().lower()
        officers.append({"name": name, "role": role})
    return officers


def load(schema: Schema, data: dict) -> tuple[dict | None, dict]:
    """(loaded data, {}) or (None, field errors) - the same messages the API gives."""
    try:
        return schema.load(data), {}
    except ValidationError as exc:
        return None, exc.messages


def report(exc: DomainError) -> None:
    """Show a service refusal exactly as the API words it."""
    flash(exc.message, "error")
    for location in (exc.errors or {}).values():
        for field, messages in (location.items() if isinstance(location, dict) else []):
            flash(f"{field}: {' '.join(map(str, messages)) if isinstance(messages, list) else messages}", "error")


def flash_errors(errors: dict) -> None:
    for field, messages in errors.items():
        flash(f"{field}: {messages if not isinstance(messages, list) else ' '.join(map(str, messages))}", "error")
