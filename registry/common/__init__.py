"""Shared building blocks: time, schema fields, pagination and the acting user."""
