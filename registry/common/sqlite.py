"""SQLite settings for the embedded development database: write-ahead logging, so that readers (the
other gunicorn worker, the screening index's own session) read the last commit instead of waiting
for a long write transaction such as a bulk import."""
import sqlite3

from sqlalchemy import event
from sqlalchemy.engine import Engine


@event.listens_for(Engine, "connect")
def _write_ahead_log(dbapi_connection, _connection_record) -> None:
    if isinstance(dbapi_connection, sqlite3.Connection):
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.close()
