"""Bad input found by attacking the API is a 4xx in the one error shape, never a 500 (issue 18, item 11)."""
from registry.common.json_guard import MAX_DEPTH
from tests.registry.console.helpers import PASSWORD, make_user
from tests.registry.portal.helpers import csrf_token

FEE_CHECK = ('{"origin": "PH", "destination": "SA", "monthly_salary": "1500", "currency": "SAR", "contract_months": 24, '
             '"charges": [{"category": "placement_fee", "amount": %s, "currency": "PHP"}]}')


def _is_error_shape(response, code):
    body = response.get_json()
    return response.status_code == code and body["code"] == code and body["status"] and body["message"]


def test_json_nested_deeper_than_the_limit_is_400_in_the_error_shape(client, ph_regulator):
    for depth in (MAX_DEPTH + 1, 100_000):
        body = "[" * depth + "]" * depth
        response = client.post("/api/v1/screen", data=body, content_type="application/json", headers=ph_regulator)
        assert _is_error_shape(response, 400) and "nested" in response.get_json()["message"]
    ok = {"name": "Kalovaren Manpower", "other_names": ["Kalovaren Travel"]}  # ordinary bodies are not affected
    assert client.post("/api/v1/screen", json=ok, headers=ph_regulator).status_code == 200


def test_lone_surrogate_in_any_text_field_is_422_naming_the_field(client, ph_regulator):
    cases = {"/api/v1/subjects": ('{"kind": "person", "name": "Ana \\ud800 Reyes", "country": "PH"}', "name"),
             "/api/v1/screen": ('{"name": "Ana", "other_names": ["x\\udfff"]}', "other_names.0"),
             "/api/v1/agencies": ('{"name": "A", "country": "PH", "\\ud800": 1}', "<key>")}
    for path, (body, field) in cases.items():
        response = client.post(path, data=body, content_type="application/json", headers=ph_regulator)
        assert _is_error_shape(response, 422), (path, response.get_json())
        assert field in response.get_json()["errors"]["json"]


def test_amount_of_5000_digits_is_422_not_500(client, ph_regulator, admin):
    for amount in ("9" * 5000, '"%s"' % ("9" * 5000), '"0.%s"' % ("1" * 5000)):
        response = client.post("/api/v1/fee-checks", data=FEE_CHECK % amount, content_type="application/json",
                               headers=ph_regulator)
        assert _is_error_shape(response, 422), response.get_json()
        rate = '{"base": "PHP", "quote": "SAR", "rate": %s, "date": "2025-01-01"}' % amount
        response = client.post("/api/v1/exchange-rates", data=rate, content_type="application/json", headers=admin)
        assert _is_error_shape(response, 422), response.get_json()


def test_login_next_with_cr_lf_or_backslash_is_ignored_and_goes_to_the_dashboard(client):
    make_user()
    for target in ("/console/\r\nSet-Cookie: evil=1", "/console/agencies\n", "/console\\@evil.example"):
        token = csrf_token(client.get("/console/login").get_data(as_text=True))
        response = client.post("/console/login", data={"email": "desk@dmw.example", "password": PASSWORD,
                                                       "csrf_token": token, "next": target})
        assert response.status_code == 302 and response.headers["Location"] == "/console/"
        assert "evil" not in str(response.headers)
    token = csrf_token(client.get("/console/login").get_data(as_text=True))
    response = client.post("/console/login", data={"email": "desk@dmw.example", "password": PASSWORD,
                                                   "csrf_token": token, "next": "/console/agencies?page=2"})
    assert response.headers.get("Location") == "/console/agencies?page=2", (response.status_code, response.get_data(as_text=True)[-1200:])
