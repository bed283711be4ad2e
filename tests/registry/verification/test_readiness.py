"""A job offer is never verified without its watchlist screening: while the index is not ready the
verification answers 503 with Retry-After and stores nothing."""
from sqlalchemy import func, select

from registry.extensions import db
from registry.verification.models import Verification
from tests.registry.verification.conftest import OFFER
from tests.watchlist.screening.index_helpers import remove, server_mode_app, short_dir


def test_verification_while_the_screening_index_is_not_ready_is_a_503_and_stores_nothing(app, scenario, verifier):
    directory = short_dir()
    try:
        worker = server_mode_app(app, directory).test_client()
        response = worker.post("/api/v1/job-offers/verify", json=OFFER, headers=verifier)
        assert response.status_code == 503 and response.get_json()["code"] == 503
        assert int(response.headers["Retry-After"]) > 0
        assert db.session.scalar(select(func.count()).select_from(Verification)) == 0
    finally:
        remove(directory)
