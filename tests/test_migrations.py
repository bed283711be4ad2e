"""`flask db upgrade` from an empty database must give exactly the models' schema, on SQLite and PostgreSQL."""
import os

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from flask_migrate import upgrade
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from registry import create_app
from registry.config import normalise_database_url
from registry.extensions import db


@pytest.fixture
def empty_database_url(tmp_path):
    url = normalise_database_url(os.environ.get("TEST_DATABASE_URL") or "")
    if not url:
        yield f"sqlite:///{tmp_path / 'migrations.db'}"
        return
    base = make_url(url)
    name = f"{base.database}_migrations"
    admin = create_engine(base.set(database="postgres"), isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}"'))
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    yield base.set(database=name).render_as_string(hide_password=False)
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


def test_upgrade_from_empty_gives_exactly_the_models_schema(empty_database_url):
    app = create_app({"APP_ENV": "testing", "TESTING": True, "SQLALCHEMY_DATABASE_URI": empty_database_url,
                      "RATELIMIT_ENABLED": False})  # the limiter is one object shared by every app in this process
    with app.app_context():
        upgrade()
        with db.engine.connect() as conn:
            diff = compare_metadata(MigrationContext.configure(conn, opts={"compare_type": True}), db.metadata)
        db.engine.dispose()
    assert diff == [], f"models and migrations differ; run `flask db migrate`: {diff}"


def test_database_stamped_with_an_old_revision_number_upgrades_after_the_renumbering(empty_database_url):
    app = create_app({"APP_ENV": "testing", "TESTING": True, "SQLALCHEMY_DATABASE_URI": empty_database_url,
                      "RATELIMIT_ENABLED": False})  # the limiter is one object shared by every app in this process
    with app.app_context():
        upgrade(revision="0006_accreditation")  # the last revision whose id was renumbered
        with db.engine.begin() as conn:  # as a database migrated before the renumbering was left
            conn.execute(text("UPDATE alembic_version SET version_num = '0005_accreditation'"))
        upgrade()
        with db.engine.connect() as conn:
            head = conn.execute(text("SELECT version_num FROM alembic_version")).scalar_one()
            diff = compare_metadata(MigrationContext.configure(conn, opts={"compare_type": True}), db.metadata)
        db.engine.dispose()
    assert head == _chain()[-1]
    assert diff == []


def _chain() -> list[str]:
    from alembic.config import Config
    from alembic.script import ScriptDirectory
    here = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    config = Config(os.path.join(here, "migrations", "alembic.ini"))
    config.set_main_option("script_location", os.path.join(here, "migrations"))
    return [rev.revision for rev in ScriptDirectory.from_config(config).walk_revisions()][::-1]


def test_migration_files_read_in_chain_order():
    chain = _chain()
    numbers = [int(rev.split("_")[0]) for rev in chain]
    assert numbers == list(range(1, len(chain) + 1))


def test_upgrade_gives_existing_subjects_the_jurisdiction_of_the_regulator_who_created_them(empty_database_url):
    app = create_app({"APP_ENV": "testing", "TESTING": True, "SQLALCHEMY_DATABASE_URI": empty_database_url,
                      "RATELIMIT_ENABLED": False})  # the limiter is one object shared by every app in this process
    with app.app_context():
        upgrade(revision="0006_accreditation")
        with db.engine.begin() as conn:
            for sid, country in ((1, "SA"), (2, "MY")):
                conn.execute(text("INSERT INTO subject (id, kind, name, search_key, country, version, created_at, updated_at) "
                                  "VALUES (:id, 'organisation', 'X', 'x', :country, 1, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)"),
                             {"id": sid, "country": country})
            conn.execute(text("INSERT INTO audit_entry (at, actor, actor_role, actor_country, action, entity_type, entity_id) "
                              "VALUES (CURRENT_TIMESTAMP, 'desk', 'regulator', 'PH', 'subject.create', 'subject', '1')"))
        upgrade()
        with db.engine.connect() as conn:
            rows = dict(conn.execute(text("SELECT id, jurisdiction FROM subject ORDER BY id")).all())
        db.engine.dispose()
    assert rows == {1: "PH", 2: "MY"}
