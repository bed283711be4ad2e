"""Test fixtures: one app per session on SQLite (default) or PostgreSQL (TEST_DATABASE_URL), clean tables per test."""
import os

import pytest
from sqlalchemy import text

from registry import create_app
from registry.config import normalise_database_url
from registry.extensions import db

TEST_DATABASE_URL = normalise_database_url(os.environ.get("TEST_DATABASE_URL") or "") or None


@pytest.fixture(scope="session")
def app(tmp_path_factory):
    url = TEST_DATABASE_URL or f"sqlite:///{tmp_path_factory.mktemp('db') / 'test.db'}"
    app = create_app({"APP_ENV": "testing", "TESTING": True, "SQLALCHEMY_DATABASE_URI": url,
                      "RATELIMIT_ENABLED": False, "WTF_CSRF_ENABLED": True})
    with app.app_context():
        db.drop_all()
        db.create_all()
    yield app
    with app.app_context():
        db.session.remove()
        db.engine.dispose()


def _wipe() -> None:
    tables = [t.name for t in reversed(db.metadata.sorted_tables)]
    if db.engine.dialect.name == "postgresql":
        db.session.execute(text(f"TRUNCATE {', '.join(tables)} RESTART IDENTITY CASCADE"))
    else:
        for name in tables:
            db.session.execute(text(f"DELETE FROM {name}"))
    db.session.commit()


@pytest.fixture(autouse=True)
def _clean_database(app):
    with app.app_context():
        yield
        db.session.rollback()
        _wipe()
        db.session.remove()


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def make_token(app):
    """make_token(role, country) -> Authorization headers for a fresh token."""
    from registry.auth.service import create_token
    from registry.common.actor import cli_actor

    def factory(role="regulator", country="PH", name=None):
        token = create_token(name or f"{role} {country} test desk", role, country, cli_actor("tests"))
        return {"Authorization": f"Bearer {token}"}

    return factory


@pytest.fixture
def ph_regulator(make_token):
    return make_token("regulator", "PH")


@pytest.fixture
def admin(make_token):
    return make_token("admin", None)
