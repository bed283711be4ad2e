"""Validate one FollowTheMoney entity (a parsed NDJSON line) and flatten it into the columns of `source_entity`.

Pure Python. Instead of the `followthemoney` package (17 runtime dependencies, rdflib, networkx, pydantic and
openpyxl among them) a small table holds what screening needs of each schema: its required properties and
which properties are names, countries, identifiers, contacts and dates. Other schemata of the model (Vessel,
Ownership, ...) are skipped; unknown property names are kept in the raw properties, not rejected.
"""
import hashlib
import json
import re

# schema -> (required properties, parent); the screening schemata are the legal entities
SCHEMATA = {
    "LegalEntity": ({"name"}, None), "Person": ({"name"}, "LegalEntity"), "Company": ({"name"}, "LegalEntity"),
    "Organization": ({"name"}, "LegalEntity"), "PublicBody": ({"name"}, "LegalEntity"),
    "Sanction": ({"entity"}, None), "Address": ({"full"}, None),
    "Identification": ({"holder", "number"}, None), "Passport": ({"holder", "number"}, None),
}
SCREENED = ("LegalEntity", "Person", "Company", "Organization", "PublicBody")
HOLDER = {"Sanction": "entity", "Identification": "holder", "Passport": "holder"}
# schemata of the FtM model that are valid input but not used for screening: counted as skipped
OTHER_SCHEMATA = frozenset({
    "Thing", "Asset", "Vessel", "Airplane", "Vehicle", "RealEstate", "Security", "BankAccount", "CryptoWallet",
    "Ownership", "Directorship", "Membership", "Employment", "Family", "Associate", "Representation", "Succession",
    "UnknownLink", "Occupancy", "Position", "Note", "Documentation", "Document", "Article", "Event", "Contract",
    "ContractAward", "Payment", "Debt", "Interval", "Mention", "Project", "ProjectParticipant", "CourtCase",
    "CourtCaseParty", "Trip", "Call", "Email", "Message", "EconomicActivity", "TaxRoll", "Post", "Similar",
    "Analyzable", "Interest", "Value", "Page", "Pages", "Folder", "PlainText", "HyperText", "Image", "Table",
    "Workbook", "Audio", "Video", "Package", "Licence",
})

NAME_PROPS = ("name", "alias", "previousName", "weakAlias", "abbreviation")
COUNTRY_PROPS = ("country", "jurisdiction", "mainCountry", "nationality", "citizenship")
ID_PROPS = {"registrationNumber": "registration_no", "taxNumber": "tax_no", "vatCode": "tax_no", "innCode": "tax_no",
            "ogrnCode": "registration_no", "leiCode": "lei", "dunsCode": "duns", "idNumber": "national_id",
            "passportNumber": "passport", "swiftBic": "bic", "imoNumber": "imo"}
DATE_PROPS = ("startDate", "endDate", "listingDate", "birthDate", "incorporationDate", "dissolutionDate", "modifiedAt")
SANCTION_PROPS = {"authority": "authority", "authorityId": "authority_id", "program": "program", "reason": "reason",
                  "provisions": "provisions", "startDate": "start", "endDate": "end", "listingDate": "listed",
                  "status": "status", "sourceUrl": "url"}
MAX_VALUE = 4000
_COUNTRY = re.compile(r"^[a-z]{2}(-[a-z0-9]{1,8})?$")
_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2}([T ][0-9:.+Z-]*)?)?)?$")


class EntityError(ValueError):
    """The entity is not valid FtM for this importer; the message names the property."""


def _values(properties: dict, prop: str) -> list[str]:
    return properties.get(prop) or []


def _clean_properties(raw) -> dict[str, list[str]]:
    if not isinstance(raw, dict):
        raise EntityError("properties: must be an object of property -> list of values.")
    result = {}
    for prop, values in raw.items():
        values = [values] if not isinstance(values, list) else values
        clean = []
        for value in values:
            if isinstance(value, dict) and isinstance(value.get("id"), str):
                value = value["id"]  # nested entity: keep the reference
            if not isinstance(value, (str, int, float)) or isinstance(value, bool):
                raise EntityError(f"properties.{prop}: values must be strings.")
            value = str(value).strip()
            if "\x00" in value:
                raise EntityError(f"properties.{prop}: a value holds a NUL character.")
            if len(value) > MAX_VALUE:
                raise EntityError(f"properties.{prop}: a value is longer than {MAX_VALUE} characters.")
            if value and value not in clean:
                clean.append(value)
        if clean:
            result[str(prop)] = clean
    return result


def _check(schema: str, props: dict[str, list[str]]) -> None:
    missing = sorted(p for p in SCHEMATA[schema][0] if not props.get(p))
    if missing:
        raise EntityError(f"properties.{missing[0]}: required for a {schema}.")
    for prop in COUNTRY_PROPS:
        bad = [v for v in _values(props, prop) if not _COUNTRY.match(v.lower())]
        if bad:
            raise EntityError(f"properties.{prop}: '{bad[0]}' is not a country code.")
    for prop in DATE_PROPS:
        bad = [v for v in _values(props, prop) if not _DATE.match(v)]
        if bad:
            raise EntityError(f"properties.{prop}: '{bad[0]}' is not an ISO date.")
    bad = [v for v in _values(props, "email") if "@" not in v]
    if bad:
        raise EntityError(f"properties.email: '{bad[0]}' is not an e-mail address.")


def _countries(props: dict) -> list[str]:
    seen = []
    for prop in COUNTRY_PROPS:
        for value in _values(props, prop):
            code = value.upper() if len(value) == 2 else value.lower()
            if code not in seen:
                seen.append(code)
    return seen


def digest_of(schema: str, props: dict) -> str:
    """A stable fingerprint of the entity's content: a re-import compares it instead of every column."""
    text = json.dumps([schema, props], sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha1(text.encode("utf-8")).hexdigest()


def parse_entity(data) -> dict | None:
    """The row for one entity (None for a schema that is skipped), or EntityError saying what is wrong."""
    if not isinstance(data, dict):
        raise EntityError("not a JSON object.")
    entity_id, schema = data.get("id"), data.get("schema")
    if not isinstance(entity_id, str) or not entity_id.strip() or len(entity_id) > 200 or "\x00" in entity_id:
        raise EntityError("id: required, a string of at most 200 characters.")
    if not isinstance(schema, str) or not schema:
        raise EntityError("schema: required.")
    if schema not in SCHEMATA:
        if schema in OTHER_SCHEMATA:
            return None
        raise EntityError(f"schema: '{schema}' is not a FollowTheMoney schema.")
    props = _clean_properties(data.get("properties", {}))
    _check(schema, props)
    names = [n for p in NAME_PROPS for n in _values(props, p)]
    if schema == "Address":
        names = _values(props, "full")
    identifiers = [{"kind": kind, "value": v} for prop, kind in ID_PROPS.items() for v in _values(props, prop)]
    if schema in ("Identification", "Passport"):
        kind = "passport" if schema == "Passport" else (_values(props, "type") or ["id"])[0]
        identifiers = [{"kind": kind, "value": v} for v in _values(props, "number")]
    sanction = None
    if schema == "Sanction":
        sanction = {key: (_values(props, prop) if prop == "provisions" else (_values(props, prop) or [None])[0])
                    for prop, key in SANCTION_PROPS.items()}
        sanction["country"] = (_countries(props) or [None])[0]
    caption = (names or _values(props, "number") or _values(props, "program") or _values(props, "authority") or [entity_id])[0]
    holder = (_values(props, HOLDER[schema]) or [None])[0] if schema in HOLDER else None
    return {"entity_id": entity_id.strip(), "schema": schema, "caption": caption[:400],
            "holder_id": holder[:200] if holder else None, "names": names, "countries": _countries(props),
            "identifiers": identifiers,
            "addresses": _values(props, "address") + _values(props, "addressEntity") if schema != "Address" else [],
            "phones": _values(props, "phone"), "emails": _values(props, "email"), "websites": _values(props, "website"),
            "topics": _values(props, "topics"), "sanction": sanction, "properties": props,
            "digest": digest_of(schema, props)}


def parse_line(text: str) -> dict | None:
    """Parse and validate one NDJSON line (EntityError for bad JSON too); None for a skipped schema."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise EntityError(f"not valid JSON: {exc.msg} (column {exc.colno}).") from None
    return parse_entity(data)
