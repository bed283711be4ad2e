"""Walk the app's URL map and OpenAPI spec: write endpoints, path values filled from the data, minimal bodies."""
import re
from datetime import date, datetime, timezone

from sqlalchemy import select

from registry.extensions import api, db
from registry.security import required_roles

WRITE_METHODS = ("POST", "PUT", "PATCH", "DELETE")
# Writes the public may make without a token (documented in the README): fee checks and complaints.
PUBLIC_WRITE = re.compile(r"/(fees?|fee-checks?)(/|$).*|/complaints?(/|$)")
COUNTRY_COLUMNS = ("country", "origin", "jurisdiction", "agency_country")
_PARAM = re.compile(r"<(?:[^:<>]+:)?([^<>]+)>")


def api_write_endpoints(app):
    """(rule, method, view, roles) for every write route under /api/v1."""
    for rule in app.url_map.iter_rules():
        if not rule.rule.startswith("/api/v1/"):
            continue
        view = app.view_functions[rule.endpoint]
        for method in sorted(set(rule.methods) & set(WRITE_METHODS)):
            yield rule, method, view, required_roles(view, method)


def openapi_path(rule) -> str:
    return _PARAM.sub(lambda m: "{" + m.group(1) + "}", rule.rule)


def _table_for(param: str):
    stem = param[:-3] if param.endswith("_id") else param
    tables = {t.name: t for t in db.metadata.sorted_tables}
    for name in (stem, stem + "s", f"watchlist_{stem}", f"fee_{stem}"):
        if name in tables:
            return tables[name], "id" if param.endswith("_id") else None
    for table in tables.values():  # e.g. licence_no lives in table licence
        if param in table.c and "country" in table.c:
            return table, param
    return None, None


def path_value(param: str, country: str):
    """A value for a URL parameter naming a record of `country` (looked up generically in the metadata)."""
    if param == "country":
        return country
    table, column = _table_for(param)
    if table is None:
        return None
    query = select(table.c[column or "id"])
    owner = next((table.c[name] for name in COUNTRY_COLUMNS if name in table.c), None)
    if owner is not None:
        query = query.where(owner == country)
    elif "agency_id" in table.c:  # records owned through their agency (accreditations, officers)
        agency = db.metadata.tables["agency"]
        query = query.join(agency, agency.c.id == table.c.agency_id).where(agency.c.country == country)
    return db.session.execute(query.order_by(table.c[column or "id"]).limit(1)).scalar()


def fill_path(rule, country: str) -> str | None:
    """The rule with every parameter replaced by a record of `country`, or None when one is missing."""
    values = {}
    for param in _PARAM.findall(rule.rule):
        value = path_value(param, country)
        if value is None:
            return None
        values[param] = value
    return _PARAM.sub(lambda m: str(values[m.group(1)]), rule.rule)


def _resolve(spec: dict, schema: dict) -> dict:
    while "$ref" in schema:
        schema = spec["components"]["schemas"][schema["$ref"].rsplit("/", 1)[-1]]
    return schema


def _example(spec, name: str, schema: dict, country: str):
    schema = _resolve(spec, schema)
    if "enum" in schema:
        return schema["enum"][0]
    kind, fmt = schema.get("type"), schema.get("format")
    if name in {"country", "nationality"} or (kind == "string" and schema.get("maxLength") == 2):
        return country
    if kind == "object" or "properties" in schema:
        return minimal_body_from_schema(spec, schema, country)
    if kind == "array":
        return []
    if kind == "integer":
        return max(1, schema.get("minimum", 1))
    if kind == "number":
        return "10.00" if fmt == "decimal" else 10
    if kind == "boolean":
        return False
    if fmt == "date":
        return date.today().isoformat()
    if fmt == "date-time":
        return datetime.now(timezone.utc).isoformat()
    if fmt == "email":
        return "desk@ministry.example"
    if fmt in {"url", "uri"}:
        return "https://ministry.example/notice"
    return "Fictitious test value"[: schema.get("maxLength", 200)]


def minimal_body_from_schema(spec, schema: dict, country: str) -> dict:
    """Every required field; a schema with none (a PATCH) gets its version and its first plain text field."""
    schema = _resolve(spec, schema)
    props = {k: v for k, v in schema.get("properties", {}).items() if not _resolve(spec, v).get("readOnly")}
    names = [name for name in schema.get("required", []) if name in props]
    if not names:
        names = [n for n in ("version",) if n in props] + [
            n for n, p in props.items() if _resolve(spec, p).get("type") == "string" and "enum" not in p
            and not _resolve(spec, p).get("format") and n not in {"country", "version"}][:1]
    return {name: _example(spec, name, props[name], country) for name in names}


def minimal_body(rule, method: str, country: str) -> dict | None:
    """A body with every required field of the documented request schema, or None without a body."""
    spec = api.spec.to_dict()
    operation = spec["paths"].get(openapi_path(rule), {}).get(method.lower(), {})
    content = operation.get("requestBody", {}).get("content", {})
    schema = (content.get("application/json") or {}).get("schema")
    return minimal_body_from_schema(spec, schema, country) if schema else None


def if_match(rule, path: str | None) -> dict:
    """An If-Match header with the current version of the record the path names (for versioned PATCH/PUT)."""
    params = _PARAM.findall(rule.rule)
    if not path or not params or not params[-1].endswith("_id"):
        return {}
    table, _column = _table_for(params[-1])
    if table is None or "version" not in table.c:
        return {}
    value = _PARAM.sub("(.+)", re.escape(rule.rule).replace(r"\<", "<").replace(r"\>", ">"))
    match = re.fullmatch(value, path)
    record_id = match.groups()[-1] if match else None
    version = db.session.execute(select(table.c.version).where(table.c.id == int(record_id))).scalar() if record_id else None
    return {"If-Match": f'"{version}"'} if version is not None else {}
