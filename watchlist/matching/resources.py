"""Loads the matcher's data tables (legal forms, honorifics, common tokens) shipped as CSV files.

Keeping the vocabularies as data lets regulators review and extend them without touching code.
"""
from __future__ import annotations

import csv
import io
from functools import lru_cache
from importlib import resources


@lru_cache(maxsize=None)
def load_table(filename: str) -> tuple[dict[str, str], ...]:
    """Return the rows of a CSV file in ``watchlist/matching/data`` as dicts."""
    text = resources.files("watchlist.matching").joinpath("data").joinpath(filename).read_text("utf-8")
    return tuple(dict(row) for row in csv.DictReader(io.StringIO(text)))
