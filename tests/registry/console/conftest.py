"""Fixtures shared by the portal, console, complaints and rating tests."""
from tests.registry.portal.helpers import fresh_screening_index, no_rate_limit  # noqa: F401 - autouse fixtures
