"""Fuzzing runs every operation against one demo data set: seeded once, wiped once at the end, cases counted."""
import pytest

from tests.conftest import _wipe

CASES = {"total": 0, "operations": set(), "by_status": {}}


@pytest.fixture(autouse=True)
def _clean_database(app):
    """Override the per-test wipe: the demo data stays for the whole fuzz module."""
    with app.app_context():
        yield


@pytest.fixture(scope="module", autouse=True)
def _demo_data(app):
    from registry.demo import seed_demo
    from registry.extensions import db

    with app.app_context():
        _wipe()
        seed_demo()
        db.session.remove()
        yield
        db.session.rollback()
        _wipe()
        db.session.remove()


def pytest_terminal_summary(terminalreporter):
    if CASES["total"]:
        statuses = ", ".join(f"{k}: {v}" for k, v in sorted(CASES["by_status"].items()))
        terminalreporter.write_line(f"schemathesis: {CASES['total']} cases over {len(CASES['operations'])} "
                                    f"operations; statuses {statuses}")
