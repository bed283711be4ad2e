"""Watchlist cases: respondents, offences, victims in aggregate, and the append-only event history."""
