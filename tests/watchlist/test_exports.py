"""The public exports: CSV parses, and each FollowTheMoney line is JSON with its schema's required properties."""
import csv
import io
import json

from tests.watchlist.helpers import convict, create_case, create_subject, event
from watchlist.exports import CSV_COLUMNS

REQUIRED = {"Company": {"name"}, "Person": {"name"}, "Organization": {"name"}, "Sanction": {"entity"}}


def _seed(client, headers):
    org = create_subject(client, headers, other_names=["Vellamar Builders", {"name": "Old Vellamar", "kind": "former"}])["id"]
    person = create_subject(client, headers, kind="person", name="Teodora Malvarin", external_id="P-1", other_names=[],
                            officer_of=[{"subject_id": org, "role": "owner"}])["id"]
    cid = create_case(client, headers, [org, person])["id"]
    convict(client, headers, cid, org, debarment_permanent=True, licence_revocation=True)
    event(client, headers, cid, "convicted", 90, respondent_id=person, sanctions={"imprisonment_months": 60})
    pending = create_subject(client, headers, name="Pending Only Co.", external_id="P-9")["id"]
    create_case(client, headers, [pending], case_no="PENDING-9")
    return org, person


def test_csv_export_parses_and_lists_only_public_subjects(client, ph_regulator):
    _seed(client, ph_regulator)
    response = client.get("/api/v1/watchlist.csv")
    assert response.status_code == 200 and response.mimetype == "text/csv"
    rows = list(csv.DictReader(io.StringIO(response.get_data(as_text=True))))
    assert tuple(rows[0]) == CSV_COLUMNS
    assert {r["name"] for r in rows} == {"Zarqan Vellamar Contracting Est.", "Teodora Malvarin"}
    org_row = next(r for r in rows if r["kind"] == "organisation")
    assert org_row["debarment_permanent"] == "true" and org_row["licence_revocation"] == "true"
    assert "PENDING-9" not in response.get_data(as_text=True)


def test_ftm_export_lines_are_entities_with_required_properties(client, ph_regulator):
    org, person = _seed(client, ph_regulator)
    response = client.get("/api/v1/watchlist.ftm.json")
    lines = [line for line in response.get_data(as_text=True).splitlines() if line]
    entities = [json.loads(line) for line in lines]
    for entity in entities:
        assert set(entity) == {"id", "schema", "properties"}
        assert REQUIRED[entity["schema"]] <= set(entity["properties"]), entity
        assert all(isinstance(v, list) and all(isinstance(x, str) for x in v) for v in entity["properties"].values())
    by_schema = {}
    for entity in entities:
        by_schema.setdefault(entity["schema"], []).append(entity)
    assert len(by_schema["Company"]) == 1 and len(by_schema["Person"]) == 1 and len(by_schema["Sanction"]) == 2
    company = by_schema["Company"][0]["properties"]
    assert company["country"] == ["ph"] and company["previousName"] == ["Old Vellamar"] and "Vellamar Builders" in company["alias"]
    ids = {e["id"] for e in entities}
    assert all(s["properties"]["entity"][0] in ids for s in by_schema["Sanction"])
    assert "PENDING-9" not in response.get_data(as_text=True) and "Pending Only" not in response.get_data(as_text=True)
