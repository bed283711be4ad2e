"""Fuzzy name matching for the watchlist: normalisation, pairwise comparison and a search index.

Pure Python over rapidfuzz, numpy and anyascii; no web framework or database imports.
"""
from .analysis import NameAnalysis, analyse_name, search_key
from .compare import CompareResult, compare_names
from .config import MatchConfig
from .identifiers import normalise_identifier
from .index import MatchIndex
from .records import Hit, Query, Record
from .stats import TokenStats

__all__ = [
    "search_key", "analyse_name", "NameAnalysis", "compare_names", "CompareResult", "MatchConfig",
    "TokenStats", "Record", "Query", "Hit", "MatchIndex", "normalise_identifier",
]
