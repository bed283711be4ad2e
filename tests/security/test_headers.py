"""Every response carries the security headers; the docs page allows only its own inline scripts, by hash."""
import re

from registry.security import CSP, inline_script_hashes


def test_json_and_error_responses_carry_strict_csp_and_nosniff(client):
    for response in (client.get("/api/v1/agencies"), client.get("/api/v1/nowhere"), client.get("/healthz")):
        assert response.headers["Content-Security-Policy"] == CSP
        assert "frame-ancestors 'none'" in CSP and "'unsafe-inline'" not in CSP.split("style-src")[0]
        assert response.headers["X-Content-Type-Options"] == "nosniff"
        assert response.headers["Referrer-Policy"] == "strict-origin-when-cross-origin"


def test_hsts_is_sent_only_over_https(client):
    assert "Strict-Transport-Security" not in client.get("/healthz").headers
    secure = client.get("/healthz", base_url="https://registry.example")
    assert secure.headers["Strict-Transport-Security"].startswith("max-age=31536000")


def test_docs_page_allows_exactly_its_inline_scripts_by_hash(client):
    page = client.get("/api/v1/docs/")
    assert page.status_code == 200
    policy = page.headers["Content-Security-Policy"]
    script_src = re.search(r"script-src ([^;]+)", policy).group(1)
    hashes = inline_script_hashes(page.get_data())
    assert hashes and all(h in script_src for h in hashes)
    assert "'unsafe-inline'" not in script_src and "'unsafe-eval'" not in script_src
    assert "frame-ancestors 'none'" in policy


def test_inline_script_hashes_skip_external_scripts():
    html = b'<script src="/a.js"></script><script>alert(1)</script>'
    assert inline_script_hashes(html) == ["'sha256-bhHHL3z2vDgxUt0W3dWQOrprscmda2Y5pLsLg4GF+pI='"]


def test_oversized_body_gets_413_in_the_error_shape(app, client, ph_regulator):
    limit = app.config["MAX_CONTENT_LENGTH"]
    response = client.post("/api/v1/agencies", data=b"{" + b" " * limit + b"}",
                           content_type="application/json", headers=ph_regulator)
    assert response.status_code == 413
    assert response.get_json()["code"] == 413 and response.get_json()["status"] == "Request Entity Too Large"


def test_page_size_above_the_cap_is_refused_naming_the_field(app, client):
    response = client.get(f"/api/v1/agencies?per_page={app.config['MAX_PER_PAGE'] + 1}")
    assert response.status_code == 422
    assert "per_page" in response.get_json()["errors"]["query"]


def test_missing_token_is_refused_before_the_body_is_validated(client):
    response = client.post("/api/v1/agencies", json={"nonsense": True})
    assert response.status_code == 401
    assert response.headers["WWW-Authenticate"] == "Bearer"


def test_path_ids_beyond_a_database_integer_are_404_not_a_server_error(client):
    response = client.get("/api/v1/agencies/17592186044416")
    assert response.status_code == 404 and response.get_json()["code"] == 404


def test_query_numbers_beyond_a_database_integer_are_refused_not_a_server_error(client, app):
    for path in [rule.rule for rule in app.url_map.iter_rules() if rule.rule == "/api/v1/accreditations"]:
        response = client.get(path, query_string={"agency_id": -2943010258164})
        assert response.status_code < 500, response.get_json()


def test_a_hostile_host_header_cannot_put_script_on_the_docs_page(client):
    normal = client.get("/api/v1/docs/")
    hostile = client.get("/api/v1/docs/", headers={"Host": "x</script><script>alert(1)//"})
    assert b"alert(1)" not in hostile.get_data()
    assert hostile.headers["Content-Security-Policy"] == normal.headers["Content-Security-Policy"]
