"""Whole-database backups: every table to JSON Lines and back, portable between SQLite and PostgreSQL."""
