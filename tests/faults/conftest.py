"""Fault tests start a private PostgreSQL cluster and gunicorn; they run only when selected with `-m fault`."""
import os
import shutil

import pytest

from tests.faults.processes import PrivateCluster


def pytest_collection_modifyitems(config, items):
    if "fault" in (config.getoption("-m") or ""):
        return
    skip = pytest.mark.skip(reason="fault test: run with `pytest -m fault tests/faults` (as .ci/run does)")
    for item in items:
        if item.get_closest_marker("fault"):
            item.add_marker(skip)


@pytest.fixture(scope="session")
def cluster():
    if not shutil.which("runuser") and os.geteuid() == 0:
        pytest.skip("runuser is needed to run initdb as postgres")
    cluster = PrivateCluster()
    yield cluster
    cluster.destroy()
