"""Seeded CSV of fictitious agencies in the `registry import-agencies` format (bench data only)."""
import csv
import random
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
