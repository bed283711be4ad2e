"""Watchlist subjects: organisations and persons, their names, identifiers, contacts and links."""
