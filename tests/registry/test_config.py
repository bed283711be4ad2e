"""Database URLs from the environment reach SQLAlchemy with the driver we ship."""
import pytest

from registry.config import normalise_database_url


@pytest.mark.parametrize("given", ["postgres://u:p@db:5432/registry", "postgresql://u:p@db:5432/registry"])
def test_postgres_urls_without_a_driver_use_psycopg_3(given):
    assert normalise_database_url(given) == "postgresql+psycopg://u:p@db:5432/registry"


@pytest.mark.parametrize("given", ["postgresql+psycopg://u@db/registry", "sqlite:///instance/registry.db", ""])
def test_urls_that_name_a_driver_or_another_database_are_kept(given):
    assert normalise_database_url(given) == given
