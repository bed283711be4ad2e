"""The embedded SQLite database runs in write-ahead-log mode: readers never wait for a writer."""
import pytest
from sqlalchemy import text

from registry.extensions import db


def test_sqlite_database_uses_write_ahead_logging(app):
    if db.engine.dialect.name != "sqlite":
        pytest.skip("SQLite only")
    assert db.session.execute(text("PRAGMA journal_mode")).scalar() == "wal"
