"""schemathesis over /api/v1/openapi.json: every operation, with a token of a role it accepts, valid and invalid
input, never answers 5xx and every response conforms to the documented schema.

Valid cases address records of the demo data half the time (an operation that only ever answers 404 fails the
test), and invalid input the documented schema forbids must be refused (negative data rejection).
FUZZ_EXAMPLES bounds the examples per operation and mode (2 in the normal suite; `make fuzz` runs more).
"""
import os
import re

import schemathesis
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.errors import Unsatisfiable
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (content_type_conformance, negative_data_rejection,
                                               response_schema_conformance)

from registry.security import required_roles
from tests.fuzz.conftest import CASES

EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "2"))
CHECKS = [not_a_server_error, response_schema_conformance, content_type_conformance, negative_data_rejection]


def _known_path_values() -> dict:
    """Path parameter values of records in the demo data, so fuzzing reaches past the 404 of a random id."""
    from sqlalchemy import select

    from registry.extensions import db
    from registry.models import Accreditation, Agency, Complaint, Licence, Subject
    from watchlist.cases.models import Case
    from watchlist.screening.models import Flag
    from registry.fees.models import FeeRule

    licence = db.session.scalars(select(Licence).order_by(Licence.id)).first()
    first = lambda model: db.session.scalar(select(model.id).order_by(model.id))  # noqa: E731
    complaint = db.session.scalars(select(Complaint).order_by(Complaint.id)).first()
    values = {"agency_id": first(Agency), "subject_id": first(Subject), "case_id": first(Case),
              "flag_id": first(Flag), "rule_id": first(FeeRule), "accreditation_id": first(Accreditation),
              "complaint_id": complaint.id if complaint else None, "code": complaint.code if complaint else None,
              "country": licence.country, "licence_no": licence.licence_no}
    return {k: v for k, v in values.items() if v is not None}


def _roles(app, path: str, method: str):
    """The roles the view behind an OpenAPI path demands (None for public operations)."""
    adapter = app.url_map.bind("localhost")
    for filler in ("1", "PH"):
        try:
            endpoint, _args = adapter.match(re.sub(r"\{[^}]+\}", filler, path), method=method)
            return required_roles(app.view_functions[endpoint], method)
        except Exception:  # noqa: BLE001 - try the next filler
            continue
    return None


def _fuzz(operation, mode, headers, failures, known, statuses):
    @given(case=operation.as_strategy(generation_mode=mode), random_ids=st.booleans())
    @settings(max_examples=EXAMPLES, deadline=None, derandomize=True, database=None,
              suppress_health_check=list(HealthCheck))
    def run(case, random_ids):
        if not random_ids and mode == GenerationMode.POSITIVE and case.path_parameters:
            # about half the valid cases, and always the first (hypothesis starts from False), address a record
            # that exists
            case.path_parameters = {k: known.get(k, v) for k, v in case.path_parameters.items()}
        response = case.call(headers=headers)
        CASES["total"] += 1
        CASES["operations"].add(operation.label)
        CASES["by_status"][response.status_code] = CASES["by_status"].get(response.status_code, 0) + 1
        statuses.setdefault(operation.label, set()).add(response.status_code)
        case.validate_response(response, checks=CHECKS)

    try:
        run()
    except Unsatisfiable:  # nothing in this operation can be made invalid (no parameters, or only free strings)
        return
    except (Exception, BaseExceptionGroup) as exc:  # noqa: BLE001 - collect every operation's failure
        failures.append(f"{operation.label} [{mode.value}]: {str(exc)[:1500]}")


def test_every_operation_answers_without_5xx_and_as_documented(app, make_token):
    schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", app)
    tokens = {"admin": make_token("admin", None), "regulator": make_token("regulator", "PH"),
              "verifier": make_token("verifier", "PH")}
    failures, operations, statuses = [], 0, {}
    known = _known_path_values()
    offer = {"agency": {"country": known["country"], "licence_no": known["licence_no"]},
             "employer": {"name": "Qasr Almarjan Household Services Co.", "country": "SA"}, "position": "Cook",
             "sector": "domestic_work", "monthly_wage": "1500.00", "currency": "SAR", "contract_months": 24,
             "origin": known["country"], "destination": "SA", "charges": []}
    verified = app.test_client().post("/api/v1/job-offers/verify", json=offer, headers=tokens["verifier"])
    assert verified.status_code == 201, verified.get_json()
    known["reference"] = verified.get_json()["reference"]
    for result in schema.get_all_operations():
        operation = result.ok()
        roles = _roles(app, operation.path, operation.method.upper())
        headers = tokens["admin" if "admin" in roles else roles[0]] if roles else {}
        operations += 1
        for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):
            _fuzz(operation, mode, headers, failures, known, statuses)
    assert operations >= 10 and CASES["total"] >= operations
    assert not failures, "\n\n".join(failures)
    always_404 = sorted(label for label, seen in statuses.items() if seen == {404})
    assert not always_404, f"operations that only ever answered 404 (fuzzing never reached their logic): {always_404}"
