"""Time `flask registry import-agencies` on a generated CSV of fictitious agencies (default 100,000 rows).

Usage: .venv/bin/python bench/import_speed.py [--rows 100000] [--database-url URL] [--no-screen]
Prints rows, seconds and rows/s for the first import and for an idempotent re-import of the same file.
"""
import argparse
import csv
import random
import tempfile
import time
from pathlib import Path

from registry.imports.agency_rows import COLUMNS

SYLLABLES = ["ka", "lo", "ri", "ven", "sa", "mar", "ti", "quo", "del", "zan", "ru", "bo", "nel", "vi", "tor", "ya"]
STATUSES = ["active"] * 8 + ["suspended", "revoked", "cancelled", "surrendered", "pending"]


def write_csv(path: Path, rows: int, seed: int = 11) -> None:
    rng = random.Random(seed)
    with path.open("w", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(COLUMNS)
        for n in range(rows):
            stem = "".join(rng.choice(SYLLABLES) for _ in range(3)).capitalize()
            status = rng.choice(STATUSES)
            writer.writerow(["PH", f"BENCH-{n:07d}", f"{stem} Manpower {n} Inc.", f"{stem} Travel {n}", f"REG-{n:07d}",
                             f"{n} Bench Street, Manila", f"+63 2 {8000000 + n}", f"info{n}@bench.example", "",
                             f"Person {stem} {n}|Owner {stem} {n} (owner)", "land_based", "2024-01-01",
                             "2028-01-01", status])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--database-url", default=None, help="default: a fresh SQLite file")
    parser.add_argument("--no-screen", action="store_true", help="do not screen new agencies (as the CLI flag)")
    args = parser.parse_args()
    from flask_migrate import upgrade
    from registry import create_app
    from registry.common.actor import cli_actor
    from registry.imports.agency_import import import_agencies

    with tempfile.TemporaryDirectory() as tmp:
        url = args.database_url or f"sqlite:///{tmp}/bench.db"
        path = Path(tmp) / "agencies.csv"
        write_csv(path, args.rows)
        app = create_app({"APP_ENV": "testing", "SQLALCHEMY_DATABASE_URI": url})
        with app.app_context():
            upgrade()
            for label in ("first import", "re-import (idempotent)"):
                started = time.perf_counter()
                with path.open() as stream:
                    report = import_agencies(stream, cli_actor("bench"), screen=not args.no_screen)
                seconds = time.perf_counter() - started
                assert report.ok, report.errors[:3]
                print(f"{label:24s} {args.rows:>8,d} rows  {seconds:7.1f} s  {args.rows / seconds:>8,.0f} rows/s  "
                      f"(created {report.created}, updated {report.updated}, unchanged {report.unchanged})")


if __name__ == "__main__":
    main()
