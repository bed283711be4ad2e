"""Public reads on PostgreSQL without the per-request costs of the ORM session: no pool pre-ping, no BEGIN/ROLLBACK.

A second engine on the same database in autocommit mode serves single-statement public reads (each statement sees
committed data, which is all a public read may show). Instead of pinging every checkout it retries once when a
statement finds its connection dead (after a database restart the pool is invalidated and refilled), so a dead
connection costs one failed attempt, not a round trip on every request. psycopg prepares a statement on a
connection after it has run a few times (prepare_threshold), so the hot statements are parsed and planned once.
SQLite (tests, development) reads through the request's session: it has no network round trips to save.
"""
from contextlib import contextmanager

from flask import current_app
from sqlalchemy import create_engine
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session

from registry.extensions import db

_KEY = "registry.read_engine"


def _read_engine():
    app = current_app._get_current_object()
    engine = app.extensions.get(_KEY, False)
    if engine is False:
        engine = None
        if db.engine.dialect.name == "postgresql":
            options = {k: v for k, v in app.config["SQLALCHEMY_ENGINE_OPTIONS"].items() if k != "pool_pre_ping"}
            options["pool_size"] = min(2, options.get("pool_size", 2))  # a read holds its connection for one statement
            engine = create_engine(db.engine.url, isolation_level="AUTOCOMMIT", **options)
        app.extensions[_KEY] = engine
    return engine


def read(work):
    """`work(execute)` on one read connection, where `execute(statement, params)` returns all rows; its result."""
    engine = _read_engine()
    if engine is None:
        return work(lambda statement, params: db.session.execute(statement, params).all())
    for attempt in (1, 2):
        try:
            with engine.connect() as conn:
                return work(lambda statement, params: conn.execute(statement, params).all())
        except DBAPIError as exc:  # a dead connection (database restarted): the pool is emptied; once more
            if attempt == 2 or not exc.connection_invalidated:
                raise


def read_rows(statement, params: dict) -> list:
    """All rows of one read-only statement."""
    return read(lambda execute: execute(statement, params))


@contextmanager
def read_session():
    """For this block `db.session` is a read-only session on the read engine (public pages that read through the ORM):
    no pre-ping, no BEGIN or ROLLBACK round trips. Nothing may be written inside it."""
    engine = _read_engine()
    if engine is None:
        yield
        return
    registry = db.session.registry
    previous = registry() if registry.has() else None
    reader = Session(bind=engine, autoflush=False, expire_on_commit=False)
    registry.set(reader)
    try:
        yield
    finally:
        reader.close()
        if previous is not None:
            registry.set(previous)
        else:
            registry.clear()
