"""Helpers for page tests: CSRF tokens from forms, a PH agency with a licence in a given state (fictitious names)."""
import re

import pytest

from tests.registry.factories import act, create_agency, issue_licence


def csrf_token(html: str) -> str:
    match = re.search(r'name="csrf_token" value="([^"]+)"', html)
    assert match, "the page has no CSRF token"
    return match.group(1)


def status_box(html: str) -> tuple[str, str]:
    """(label, sentence) of the first big status box on a page."""
    match = re.search(r'<strong>([^<]+)</strong><p>([^<]+)</p>', html)
    assert match, "no status box"
    return match.group(1), match.group(2)


def agency_with_licence(client, headers, state="valid", name="Kalovaren Manpower Services Inc.", licence_no="DMW-001-LB", **kw):
    agency = create_agency(client, headers, name=name, registration_no=f"PH-REG-{licence_no}", **kw)
    issue_licence(client, headers, agency["id"], licence_no=licence_no, issued_on="2025-01-15", expires_on="2029-01-14")
    if state == "revoked":
        assert act(client, headers, licence_no, action="revoke", reason="Passports retained.", effective_on="2025-06-01").status_code == 201
    elif state == "suspended":
        assert act(client, headers, licence_no, action="suspend", reason="Fees above the cap.", effective_on="2025-06-01").status_code == 201
    return agency


@pytest.fixture(autouse=True)
def no_rate_limit():
    """Rate limits are tested on their own; the limiter is one object shared by every app a test run creates."""
    from registry.extensions import limiter

    enabled = limiter.enabled
    limiter.enabled = False
    yield
    limiter.enabled = enabled


@pytest.fixture(autouse=True)
def fresh_screening_index(app):
    """Tables are wiped between tests (audit ids restart), so let the matching index be rebuilt from this test's data."""
    app.extensions.pop("screening_indexes", None)
    yield
