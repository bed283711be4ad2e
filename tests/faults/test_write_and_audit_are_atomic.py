"""A write and its audit entry share one transaction: a failure injected between them leaves neither, on every
guarded write endpoint of the URL map (and on the public complaint form)."""
import logging
from contextlib import contextmanager

from flask import current_app
from sqlalchemy import event, select

from registry.audit.models import AuditEntry
from registry.demo import seed_demo
from registry.extensions import db
from tests.security.endpoints import api_write_endpoints, fill_path, if_match, minimal_body


class AuditWriteFailed(RuntimeError):
    """The injected fault: the audit insert fails after the record's own statements ran."""


def _fingerprint() -> dict[str, int]:
    """A fingerprint of every table's full content, so updates are caught as well as inserts."""
    return {t.name: hash(repr(db.session.execute(select(t).order_by(*t.primary_key.columns)).all()))
            for t in db.metadata.sorted_tables}


@contextmanager
def _audit_inserts_fail():
    """Every audit insert raises; errors are answered as 500 instead of propagating to the test."""
    def fail(*_args):
        raise AuditWriteFailed("injected: the database refused the audit entry")

    app = current_app
    event.listen(AuditEntry, "before_insert", fail)
    propagate, app.config["PROPAGATE_EXCEPTIONS"] = app.config.get("PROPAGATE_EXCEPTIONS"), False
    logging.disable(logging.ERROR)
    try:
        yield
    finally:
        logging.disable(logging.NOTSET)
        app.config["PROPAGATE_EXCEPTIONS"] = propagate
        event.remove(AuditEntry, "before_insert", fail)


def test_a_failed_audit_entry_leaves_no_record_on_any_write_endpoint(app, client, make_token):
    seed_demo()
    db.session.remove()
    tokens = {"admin": make_token("admin", None), "regulator": make_token("regulator", "PH")}
    reached, leftovers = [], []
    with _audit_inserts_fail():
        for rule, method, _view, roles in api_write_endpoints(app):
            path = fill_path(rule, "PH")
            if path is None:
                continue
            body = minimal_body(rule, method, "PH") or {}
            headers = {**(tokens["regulator" if "regulator" in roles else "admin"] if roles else {}), **if_match(rule, path)}
            if "version" in body and headers.get("If-Match"):
                body["version"] = int(headers["If-Match"].strip('"'))
            before = _fingerprint()
            response = client.open(path, method=method, json=body, headers=headers)
            db.session.remove()
            if _fingerprint() != before:  # a 2xx is fine only for POSTs that read (screening, fee checks) and store nothing
                leftovers.append(f"{method} {path}")
            if response.status_code == 500:
                reached.append(f"{method} {rule.rule}")
    assert not leftovers, f"rows left behind when the audit entry failed: {leftovers}"
    assert len(reached) >= 4, f"too few writes reached their audit entry to prove anything: {reached}"
