"""Parse and validate rows of the agency CSV (`country,licence_no,name,...,status`) without touching the database."""
import csv
import re
from dataclasses import dataclass, field
from datetime import date

from registry.agencies.models import OFFICER_ROLES
from registry.common.fields import is_country
from registry.licences.schemas import SCOPES

COLUMNS = ("country", "licence_no", "name", "other_names", "registration_no", "address", "phone", "email", "website",
           "officers", "scope", "issued_on", "expires_on", "status")
REQUIRED = ("country", "licence_no", "name", "scope", "expires_on", "status")
STATUSES = ("active", "suspended", "revoked", "cancelled", "surrendered", "pending")
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


@dataclass
class AgencyRow:
    line: int
    country: str
    licence_no: str
    name: str
    other_names: list[str]
    registration_no: str | None
    address: str | None
    phone: str | None
    email: str | None
    website: str | None
    officers: list[tuple[str, str]]
    scope: str
    issued_on: date | None
    expires_on: date
    status: str
    extra: dict = field(default_factory=dict)


class RowError(Exception):
    def __init__(self, line: int, message: str):
        super().__init__(f"line {line}: {message}")
        self.line, self.message = line, message


def _date(value: str, column: str, line: int) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise RowError(line, f"{column} '{value}' is not a date (use YYYY-MM-DD)") from None


def _officers(value: str, line: int) -> list[tuple[str, str]]:
    """`Name` or `Name (role)` separated by `|`."""
    result = []
    for part in filter(None, (p.strip() for p in value.split("|"))):
        match = re.fullmatch(r"(.+?)\s*\((\w+)\)", part)
        name, role = (match.group(1), match.group(2).lower()) if match else (part, "director")
        if role not in OFFICER_ROLES:
            raise RowError(line, f"officer role '{role}' is not one of {', '.join(OFFICER_ROLES)}")
        result.append((name[:300], role))
    return result


def parse_row(raw: dict, line: int) -> AgencyRow:
    """Turn one CSV record into a validated AgencyRow or raise RowError naming the column."""
    values = {k: (raw.get(k) or "").strip() for k in COLUMNS}
    for column in REQUIRED:
        if not values[column]:
            raise RowError(line, f"{column} is empty")
    country = values["country"].upper()
    if not is_country(country):
        raise RowError(line, f"country '{values['country']}' is not an ISO 3166-1 alpha-2 code")
    scope = values["scope"].lower().replace("-", "_").replace(" ", "_")
    if scope not in SCOPES:
        raise RowError(line, f"scope '{values['scope']}' is not one of {', '.join(SCOPES)}")
    status = values["status"].lower()
    if status not in STATUSES:
        raise RowError(line, f"status '{values['status']}' is not one of {', '.join(STATUSES)}")
    issued_on, expires_on = _date(values["issued_on"], "issued_on", line), _date(values["expires_on"], "expires_on", line)
    if issued_on and expires_on <= issued_on:
        raise RowError(line, "expires_on must be after issued_on")
    if status != "pending" and not issued_on:
        raise RowError(line, f"issued_on is needed for a licence that is {status}")
    if values["email"] and not _EMAIL.match(values["email"]):
        raise RowError(line, f"email '{values['email']}' is not an e-mail address")
    if len(values["licence_no"]) > 60 or len(values["name"]) > 300:
        raise RowError(line, "licence_no (60) or name (300) is too long")
    return AgencyRow(line=line, country=country, licence_no=values["licence_no"], name=values["name"],
                     other_names=[n.strip() for n in values["other_names"].split("|") if n.strip()],
                     registration_no=values["registration_no"] or None, address=values["address"] or None,
                     phone=values["phone"] or None, email=values["email"] or None, website=values["website"] or None,
                     officers=_officers(values["officers"], line), scope=scope, issued_on=issued_on,
                     expires_on=expires_on, status=status)


def read_rows(stream) -> tuple[list[AgencyRow], list[RowError]]:
    """Read the whole file; returns the good rows and every error (with line numbers, header = line 1)."""
    reader = csv.DictReader(stream)
    missing = [c for c in COLUMNS if c not in (reader.fieldnames or [])]
    if missing:
        return [], [RowError(1, f"missing column(s): {', '.join(missing)}")]
    rows, errors, seen = [], [], {}
    for line, raw in enumerate(reader, start=2):
        try:
            row = parse_row(raw, line)
        except RowError as exc:
            errors.append(exc)
            continue
        key = (row.country, row.licence_no)
        if key in seen:
            errors.append(RowError(line, f"licence {row.licence_no} ({row.country}) already appears on line {seen[key]}"))
            continue
        seen[key] = line
        rows.append(row)
    return rows, errors
