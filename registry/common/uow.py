"""Unit of work: services wrap their writes in `transaction()`; only the outermost one commits.

So a service is atomic on its own, and a bulk operation can call many services inside one
all-or-nothing transaction. Any exception rolls everything back.
"""
from contextlib import contextmanager

from registry.extensions import db


@contextmanager
def transaction():
    session = db.session
    depth = session.info.get("uow_depth", 0)
    session.info["uow_depth"] = depth + 1
    try:
        yield session
        if depth == 0:
            session.commit()
    except BaseException:
        if depth == 0:
            session.rollback()
        raise
    finally:
        session.info["uow_depth"] = depth


class Rollback(Exception):
    """Raise inside an outermost transaction to discard its work on purpose (dry runs)."""
