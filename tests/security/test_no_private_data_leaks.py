"""With the demo data loaded, no public page, API response or export shows a private value.

Private: officer ID numbers, subjects' passport / national ID / tax numbers, pending cases, complainants' contact
and description, internal notes, console e-mails and secret hashes. Public endpoints are every GET route in the URL
map without a token requirement; path values are filled from the data and query parameters from the OpenAPI spec.
"""
import itertools
import re

import pytest
from sqlalchemy import select

from registry.demo import seed_demo
from registry.extensions import api, db
from registry.security import required_roles
from tests.registry.factories import create_agency
from tests.security.endpoints import _PARAM, _table_for, openapi_path

PERSONAL_ID = re.compile(r"passport|national|tax|id_card|identity|ssn|birth|driver", re.I)
# (table, column, row filter) whose values must never be shown publicly
PRIVATE = [
    ("officer", "id_number", None),
    ("subject_identifier", "value", lambda row: PERSONAL_ID.search(row["kind"] or "")),
    ("watchlist_case", "notes", None),
    ("complaint", "contact", None),
    ("complaint", "description", None),
    ("complaint_event", "note", None),
    ("flag", "reason", None),
    ("console_user", "email", None),
    ("console_user", "password_hash", None),
    ("api_token", "secret_hash", None),
]
SKIP_PREFIXES = ("/static/", "/api/v1/docs")
PER_PARAM = 3


@pytest.fixture
def demo(app, client, ph_regulator):
    """The demo data plus an agency whose director has an ID number on file (the demo officers have none)."""
    seed_demo()
    create_agency(client, ph_regulator, name="Quessandra Global Manpower", registration_no="PH-REG-LEAK",
                  officers=[{"name": "Ottoline Varrasco", "role": "director", "id_number": "PX7734201"}])
    db.session.remove()


def private_values() -> dict[str, str]:
    """value -> where it comes from, for every private value of at least 6 characters in the database."""
    found = {}
    tables = db.metadata.tables
    for table_name, column, keep in PRIVATE:
        table = tables.get(table_name)
        if table is None or column not in table.c:
            continue
        for row in db.session.execute(select(table)).mappings():
            value = row[column]
            if isinstance(value, str) and len(value.strip()) >= 6 and (keep is None or keep(row)):
                found[value.strip()] = f"{table_name}.{column}"
    found.update(_pending_only())
    return found


def _pending_only() -> dict[str, str]:
    """Case numbers of cases where no respondent is decided yet, and names of people who are only respondents in
    open cases (and not public otherwise, as an agency or an agency officer)."""
    tables = db.metadata.tables
    if "case_respondent" not in tables:
        return {}
    from watchlist.cases.lifecycle import OPEN_STATES

    resp, case, subject = tables["case_respondent"], tables["watchlist_case"], tables["subject"]
    rows = db.session.execute(select(case.c.case_no, resp.c.state, subject.c.name, subject.c.agency_id, subject.c.id)
                              .join(case, case.c.id == resp.c.case_id).join(subject, subject.c.id == resp.c.subject_id)).all()
    public_names = set(db.session.scalars(select(tables["officer"].c.name))) | set(db.session.scalars(select(tables["agency"].c.name)))
    found = {}
    for case_no in {r.case_no for r in rows}:
        if all(r.state in OPEN_STATES for r in rows if r.case_no == case_no):
            found[case_no] = "pending case number"
    for subject_id in {r.id for r in rows}:
        mine = [r for r in rows if r.id == subject_id]
        if all(r.state in OPEN_STATES for r in mine) and mine[0].agency_id is None and mine[0].name not in public_names:
            found[mine[0].name] = "name of a person only in pending cases"
    return found


def _values(param: str) -> list:
    if param == "country":
        agency = db.metadata.tables["agency"]
        return [c for (c,) in db.session.execute(select(agency.c.country).distinct().limit(PER_PARAM))]
    table, column = _table_for(param)
    if table is None:
        return []
    key = table.c[column or "id"]
    first = list(db.session.scalars(select(key).order_by(table.c.id).limit(PER_PARAM)))
    last = list(db.session.scalars(select(key).order_by(table.c.id.desc()).limit(PER_PARAM)))
    return list(dict.fromkeys(first + last))  # the oldest and the newest records of each kind


def _rows_with(params: list[str]) -> list[tuple] | None:
    """Values for several path parameters taken from the same rows (country + licence_no of one licence)."""
    if len(params) < 2:
        return None
    for table in db.metadata.sorted_tables:
        if all(p in table.c for p in params):
            first = db.session.execute(select(*[table.c[p] for p in params]).order_by(table.c.id).limit(PER_PARAM)).all()
            last = db.session.execute(select(*[table.c[p] for p in params]).order_by(table.c.id.desc()).limit(PER_PARAM)).all()
            return list(dict.fromkeys(tuple(r) for r in first + last))
    return None


def _query_variants(spec: dict, path: str) -> list[dict]:
    """No query, then each declared string parameter set to a name that has private data attached."""
    operation = spec["paths"].get(path, {}).get("get", {})
    params = [p for p in operation.get("parameters", []) if p.get("in") == "query"]
    names = [p["name"] for p in params if p.get("schema", {}).get("type") == "string" and "enum" not in p.get("schema", {})
             and p.get("schema", {}).get("format") is None]
    base = {p["name"]: 100 for p in params if p["name"] == "per_page"}
    probes = []
    for table, column in (("subject", "name"), ("agency", "name")):
        if table in db.metadata.tables:
            probes += list(db.session.scalars(select(db.metadata.tables[table].c[column]).limit(2)))
    variants = [base] + [{**base, name: probe} for name in names[:3] for probe in probes]
    return variants


def public_get_urls(app) -> list[str]:
    spec = api.spec.to_dict()
    urls = []
    for rule in app.url_map.iter_rules():
        if "GET" not in rule.methods or rule.rule.startswith(SKIP_PREFIXES):
            continue
        if required_roles(app.view_functions[rule.endpoint], "GET"):
            continue
        params = _PARAM.findall(rule.rule)
        combos = _rows_with(params)
        if combos is None:
            choices = [_values(p) for p in params]
            if any(not c for c in choices):
                continue
            combos = list(itertools.product(*choices))
        for combo in combos:
            path = rule.rule
            for value in combo:
                path = _PARAM.sub(str(value), path, count=1)
            for query in _query_variants(spec, openapi_path(rule)):
                urls.append((path, query))
    return urls


def test_no_public_endpoint_or_export_shows_a_private_value(app, client, demo):
    secrets = private_values()
    assert {"officer.id_number", "subject_identifier.value"} <= set(secrets.values())
    urls = public_get_urls(app)
    assert len(urls) >= 10
    # not vacuous: the agency whose director has an ID number on file is among the pages walked
    leak_agency = db.session.scalar(select(db.metadata.tables["agency"].c.id).where(
        db.metadata.tables["agency"].c.registration_no == "PH-REG-LEAK"))
    assert any(path == f"/api/v1/agencies/{leak_agency}" for path, _q in urls)
    leaks = []
    for path, query in urls:
        response = client.get(path, query_string=query, headers={"Accept": "application/json, text/html"})
        assert response.status_code < 500, (path, query, response.get_data(as_text=True)[:300])
        body = response.get_data(as_text=True)
        leaks += [(path, query, where, value) for value, where in secrets.items() if value in body]
    assert not leaks, f"private values shown publicly: {leaks[:10]}"
