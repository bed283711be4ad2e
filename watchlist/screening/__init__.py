"""Repeat-offender screening: the matching engine over registry and watchlist records, flags and the review queue."""
