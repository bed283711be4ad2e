"""Time `flask sources import-ftm` on a generated gzip NDJSON file of fictitious FollowTheMoney entities.

Usage: .venv/bin/python bench/ftm_import.py [--entities 1000000] [--database-url URL] [--index]
With a PostgreSQL URL the database named there is dropped and created afresh. Prints entities, seconds and
entities/s for the first import, an idempotent re-import, and a newer file (1% changed, 1% gone); with --index
also the time to build the screening index over the imported entities.
"""
import argparse
import gzip
import json
import random
import tempfile
import time
from pathlib import Path

SYLLABLES = ["ka", "lo", "ri", "ven", "sa", "mar", "ti", "quo", "del", "zan", "ru", "bo", "nel", "vi", "tor", "ya"]
FORMS = ["Sdn. Bhd.", "LLC", "Co., Ltd.", "Pte. Ltd.", "W.L.L.", "Est.", "Inc."]
COUNTRIES = ["my", "sa", "ae", "qa", "sg", "hk", "tw", "kw", "om", "bh"]


def entities(count: int, seed: int = 17, changed: float = 0.0, gone: float = 0.0):
    """Yield `count` entities: four legal entities (companies and persons) to every Sanction on one of them."""
    rng = random.Random(seed)
    change = random.Random(seed + 1)
    n = 0
    while n < count:
        i = n
        stem = "".join(rng.choice(SYLLABLES) for _ in range(3)).capitalize()
        country = rng.choice(COUNTRIES)
        if i % 3 == 0:
            entity = {"id": f"bench-p-{i}", "schema": "Person",
                      "properties": {"name": [f"{stem} {''.join(rng.choice(SYLLABLES) for _ in range(2)).capitalize()}"],
                                     "nationality": [country], "topics": ["sanction"]}}
        else:
            entity = {"id": f"bench-c-{i}", "schema": "Company",
                      "properties": {"name": [f"{stem} {rng.choice(['Trading', 'Manpower', 'Services'])} {rng.choice(FORMS)}"],
                                     "alias": [f"{stem} {i}"], "country": [country], "registrationNumber": [f"REG-{i:08d}"],
                                     "topics": ["debarment"]}}
        lines = [entity]
        if n + 1 < count and i % 4 == 0:
            lines.append({"id": f"bench-s-{i}", "schema": "Sanction",
                          "properties": {"entity": [entity["id"]], "authority": ["Fictitious Bench Authority"],
                                         "program": ["Bench debarment list"], "reason": ["Generated for a benchmark"],
                                         "startDate": ["2024-01-01"]}})
        for e in lines:
            n += 1
            roll = change.random()
            if roll < gone:
                continue
            if roll < gone + changed:
                e["properties"]["notes"] = ["changed"]
            yield e


def write(path: Path, count: int, **kwargs) -> None:
    with gzip.open(path, "wt", encoding="utf-8", compresslevel=1) as f:
        for e in entities(count, **kwargs):
            f.write(json.dumps(e) + "\n")


def fresh_database(url: str) -> None:
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url
    base = make_url(url)
    if not base.drivername.startswith("postgresql"):
        return
    admin = create_engine(base.set(database="postgres"), isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{base.database}" WITH (FORCE)'))
        conn.execute(text(f'CREATE DATABASE "{base.database}"'))
    admin.dispose()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--entities", type=int, default=1_000_000)
    parser.add_argument("--database-url", default=None, help="default: a fresh SQLite file")
    parser.add_argument("--index", action="store_true", help="also time a screening-index rebuild")
    args = parser.parse_args()
    from flask_migrate import upgrade
    from registry import create_app
    from registry.common.actor import cli_actor
    from watchlist.sources.importer import import_ftm
    from watchlist.sources.service import add_source

    with tempfile.TemporaryDirectory() as tmp:
        url = args.database_url or f"sqlite:///{tmp}/bench.db"
        fresh_database(url)
        first, newer = Path(tmp) / "feed.ndjson.gz", Path(tmp) / "feed-v2.ndjson.gz"
        started = time.perf_counter()
        write(first, args.entities)
        write(newer, args.entities, changed=0.01, gone=0.01)
        print(f"generated 2 files of {args.entities:,d} entities in {time.perf_counter() - started:.1f} s "
              f"({first.stat().st_size / 1e6:.0f} MB gzip)")
        app = create_app({"APP_ENV": "testing", "SQLALCHEMY_DATABASE_URI": url})
        with app.app_context():
            upgrade()
            add_source({"slug": "bench", "name": "Bench list", "publisher": "Bench", "public": True}, cli_actor("bench"))
            for label, path in (("first import", first), ("re-import (idempotent)", first), ("newer file", newer)):
                started = time.perf_counter()
                report = import_ftm("bench", str(path), cli_actor("bench"))
                seconds = time.perf_counter() - started
                assert report.ok, report.errors[:3]
                print(f"{label:24s} {report.entities:>9,d} entities {seconds:7.1f} s {report.entities / seconds:>8,.0f} "
                      f"entities/s (created {report.created}, updated {report.updated}, unchanged {report.unchanged}, "
                      f"retired {report.retired})", flush=True)
            if args.index:
                from watchlist.screening.cache import indexes
                started = time.perf_counter()
                index = indexes(app).screening
                print(f"screening index rebuilt with {len(index):,d} records in {time.perf_counter() - started:.1f} s")


if __name__ == "__main__":
    main()
