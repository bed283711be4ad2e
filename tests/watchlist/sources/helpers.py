"""Builders for source tests: fictitious FtM entities written to NDJSON files (names invented)."""
import gzip
import json

from registry.common.actor import cli_actor
from watchlist.sources.importer import import_ftm
from watchlist.sources.service import add_source

COMPANY = {"id": "nr-co-1", "schema": "Company",
           "properties": {"name": ["Sarvantis Overseas Employment Sdn. Bhd."], "alias": ["Sarvantis Overseas"],
                          "country": ["my"], "topics": ["debarment"], "registrationNumber": ["MY-777-X"],
                          "addressEntity": ["nr-addr-1"], "email": ["jobs@sarvantis.example"]}}
ADDRESS = {"id": "nr-addr-1", "schema": "Address", "properties": {"full": ["12 Jalan Fiktif, Kuala Lumpur"], "country": ["my"]}}
SANCTION = {"id": "nr-sanction-1", "schema": "Sanction",
            "properties": {"entity": ["nr-co-1"], "authority": ["Neighbouring Labour Board (fictitious)"],
                           "authorityId": ["NLB-2025-17"], "program": ["Recruitment debarment"],
                           "reason": ["Illegal recruitment"], "startDate": ["2025-01-02"], "endDate": ["2030-01-02"]}}
PERSON = {"id": "nr-p-1", "schema": "Person", "properties": {"name": ["Dorvell Qamaruddin"], "nationality": ["my"]}}
PASSPORT = {"id": "nr-pp-1", "schema": "Passport", "properties": {"holder": ["nr-p-1"], "number": ["A1234567"]}}
VESSEL = {"id": "nr-v-1", "schema": "Vessel", "properties": {"name": ["Not screened"]}}
FEED = [COMPANY, ADDRESS, SANCTION, PERSON, PASSPORT, VESSEL]
ACTOR = cli_actor("tests")


def write(tmp_path, entities, name="feed.ndjson", compress=False) -> str:
    text = "".join(json.dumps(e) + "\n" if isinstance(e, dict) else e + "\n" for e in entities).encode()
    path = tmp_path / (name + (".gz" if compress else ""))
    path.write_bytes(gzip.compress(text) if compress else text)
    return str(path)


def source(slug="nr", public=True, name="Neighbouring Registry (fictitious)"):
    return add_source({"slug": slug, "name": name, "publisher": "Fictitious Labour Board",
                       "url": f"https://{slug}.example/list", "licence": "CC-BY 4.0", "public": public}, ACTOR)


def load(tmp_path, entities, slug="nr", **kwargs):
    return import_ftm(slug, write(tmp_path, entities, **kwargs), ACTOR)
