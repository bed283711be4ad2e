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
    app = create_app({"APP_ENV": "testing", "TESTING": True, "SQLALCHEMY_DATABASE_URI": empty_database_url})
    with app.app_context():
        upgrade()
        with db.engine.connect() as conn:
            diff = compare_metadata(MigrationContext.configure(conn, opts={"compare_type": True}), db.metadata)
        db.engine.dispose()
    assert diff == [], f"models and migrations differ; run `flask db migrate`: {diff}"


def test_database_stamped_with_an_old_revision_number_upgrades_after_the_renumbering(empty_database_url):
    app = create_app({"APP_ENV": "testing", "TESTING": True, "SQLALCHEMY_DATABASE_URI": empty_database_url})
    with app.app_context():
        upgrade(revision="0006_accreditation")  # the last revision that existed before the renumbering
        with db.engine.begin() as conn:  # as a database migrated before the renumbering was left
            conn.execute(text("UPDATE alembic_version SET version_num = '0005_accreditation'"))
        upgrade()
        with db.engine.connect() as conn:
            head = conn.execute(text("SELECT version_num FROM alembic_version")).scalar_one()
            diff = compare_metadata(MigrationContext.configure(conn, opts={"compare_type": True}), db.metadata)
        db.engine.dispose()
    assert head == _head_revision()
    assert diff == []


def _head_revision() -> str:
    from alembic.config import Config
    from alembic.script import ScriptDirectory
    here = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    config = Config(os.path.join(here, "migrations", "alembic.ini"))
    config.set_main_option("script_location", os.path.join(here, "migrations"))
    return ScriptDirectory.from_config(config).get_current_head()


def test_migration_files_read_in_chain_order():
    from alembic.config import Config
    from alembic.script import ScriptDirectory
    here = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    config = Config(os.path.join(here, "migrations", "alembic.ini"))
    config.set_main_option("script_location", os.path.join(here, "migrations"))
    chain = [rev.revision for rev in ScriptDirectory.from_config(config).walk_revisions()][::-1]
    numbers = [int(rev.split("_")[0]) for rev in chain]
    assert numbers == list(range(1, len(chain) + 1))
