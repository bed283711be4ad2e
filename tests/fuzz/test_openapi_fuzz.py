"""schemathesis over /api/v1/openapi.json: every operation, with a token of a role it accepts, valid and invalid
input, never answers 5xx and every response conforms to the documented schema.

FUZZ_EXAMPLES bounds the examples per operation and mode (2 in the normal suite; `make fuzz` runs more).
"""
import os
import re

import schemathesis
from hypothesis import HealthCheck, given, settings
from hypothesis.errors import Unsatisfiable
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import content_type_conformance, response_schema_conformance

from registry.security import required_roles
from tests.fuzz.conftest import CASES

EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "2"))
CHECKS = [not_a_server_error, response_schema_conformance, content_type_conformance]


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


def _fuzz(operation, mode, headers, failures):
    @given(case=operation.as_strategy(generation_mode=mode))
    @settings(max_examples=EXAMPLES, deadline=None, derandomize=True, database=None,
              suppress_health_check=list(HealthCheck))
    def run(case):
        response = case.call(headers=headers)
        CASES["total"] += 1
        CASES["operations"].add(operation.label)
        CASES["by_status"][response.status_code] = CASES["by_status"].get(response.status_code, 0) + 1
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
    failures, operations = [], 0
    for result in schema.get_all_operations():
        operation = result.ok()
        roles = _roles(app, operation.path, operation.method.upper())
        headers = tokens["admin" if "admin" in roles else roles[0]] if roles else {}
        operations += 1
        for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):
            _fuzz(operation, mode, headers, failures)
    assert operations >= 10 and CASES["total"] >= operations
    assert not failures, "\n\n".join(failures)
