"""A small fictitious "neighbouring registry" feed for the demo: invented names only, so that a demo screening
(e.g. of "Sarvantis Overseas Employment") shows a hit from another source, listed by that source."""
from registry.demo.agencies import DEMO_ACTOR
from watchlist.sources.importer import import_stream, lines_of
from watchlist.sources.service import add_source

SLUG = "neighbour-demo"
FEED = [
    {"id": "nbr-demo-co-1", "schema": "Company",
     "properties": {"name": ["Sarvantis Overseas Employment Sdn. Bhd."], "alias": ["Sarvantis Overseas"],
                    "country": ["my"], "topics": ["debarment"], "registrationNumber": ["MY-DEMO-7781"],
                    "addressEntity": ["nbr-demo-addr-1"]}},
    {"id": "nbr-demo-addr-1", "schema": "Address", "properties": {"full": ["Lot 7, Jalan Khayalan 3, Johor Bahru"], "country": ["my"]}},
    {"id": "nbr-demo-sanction-1", "schema": "Sanction",
     "properties": {"entity": ["nbr-demo-co-1"], "authority": ["Neighbouring Labour Recruitment Board (fictitious)"],
                    "authorityId": ["NLRB-DEMO-2025-04"], "program": ["Debarred recruiters and employers"],
                    "reason": ["Illegal recruitment: excessive placement fees"], "startDate": ["2025-03-01"],
                    "endDate": ["2030-03-01"]}},
    {"id": "nbr-demo-p-1", "schema": "Person",
     "properties": {"name": ["Tavrin Osmalek"], "nationality": ["my"], "topics": ["crime"], "idNumber": ["MY-DEMO-ID-44"]}},
    {"id": "nbr-demo-sanction-2", "schema": "Sanction",
     "properties": {"entity": ["nbr-demo-p-1"], "authority": ["Sessions Court of Demo City (fictitious)"],
                    "authorityId": ["DEMO-CR-118"], "program": ["Trafficking convictions"],
                    "reason": ["convicted: forced labour"], "startDate": ["2024-11-20"]}},
    {"id": "nbr-demo-co-2", "schema": "Organization",
     "properties": {"name": ["Korvessa Household Staffing Agency"], "country": ["sg"], "topics": ["sanction"]}},
]


def seed_sources() -> dict:
    """Add the demo source (public) and import its feed (inside the demo's transaction)."""
    source = add_source({"slug": SLUG, "name": "Neighbouring Registry (demo, fictitious)",
                         "publisher": "Neighbouring Labour Recruitment Board (fictitious)",
                         "url": "https://neighbour-registry.example/list", "licence": "CC-BY 4.0", "public": True},
                        DEMO_ACTOR)
    report = import_stream(source, lines_of(FEED), "neighbour-demo.ftm.json", DEMO_ACTOR)
    return {"source entities": report.created}
