"""The OpenAPI document states the constraints validation applies, so clients and fuzzers send what is accepted
(issue 18, item 13)."""


def _spec(client):
    return client.get("/api/v1/openapi.json").get_json()


def _query_parameter(spec, path, name):
    return next(p for p in spec["paths"][path]["get"]["parameters"] if p["name"] == name)


def test_openapi_documents_country_and_currency_codes_per_page_cap_and_amount_pattern(client):
    spec = _spec(client)
    country = _query_parameter(spec, "/api/v1/agencies", "country")["schema"]
    assert "PH" in country["enum"] and "XX" not in country["enum"]
    assert _query_parameter(spec, "/api/v1/audit", "per_page")["schema"]["maximum"] == 100
    rate = spec["components"]["schemas"]["RateIn"]["properties"]
    assert "SAR" in rate["base"]["enum"]
    charge = spec["components"]["schemas"]["ChargeIn"]["properties"]["amount"]
    assert charge["type"] == "string" and charge["pattern"].startswith("^[0-9]{1,15}")
    name = spec["components"]["schemas"]["ScreenItem"]["properties"]["name"]
    assert name["maxLength"] == 300 and "32 words" in name["description"]


def test_unknown_query_parameter_is_422_naming_it(client, admin):
    response = client.get("/api/v1/audit?entity_typo=agency", headers=admin)
    assert response.status_code == 422 and "entity_typo" in response.get_json()["errors"]["query"]
    assert client.get("/api/v1/agencies?country=ph").status_code == 200  # lower case is still read as PH


def test_audit_filters_are_1_to_40_and_60_characters_as_documented(client, admin):
    spec = _spec(client)
    assert _query_parameter(spec, "/api/v1/audit", "entity_type")["schema"]["minLength"] == 1
    for query in ("entity_type=&entity_id=", "entity_type=" + "x" * 41):
        response = client.get(f"/api/v1/audit?{query}", headers=admin)
        assert response.status_code == 422 and response.get_json()["errors"]["query"]
