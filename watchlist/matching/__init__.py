"""Fuzzy name matching for the watchlist: normalisation, pairwise comparison and a search index."""
from .analysis import NameAnalysis, analyse_name, search_key
from .compare import CompareResult, compare_names
from .config import MatchConfig
from .stats import TokenStats

__all__ = [
    "search_key", "analyse_name", "NameAnalysis", "compare_names", "CompareResult", "MatchConfig",
    "TokenStats",
]
