"""API tokens: created from the CLI, stored hashed, scoped by role and country, revocable."""
from registry.auth.models import ApiToken
from registry.extensions import db
from tests.registry.factories import AGENCY


def test_create_token_prints_the_token_alone_on_the_last_line(app):
    result = app.test_cli_runner().invoke(args=["users", "create-token", "--role", "regulator", "--country", "PH",
                                                "--name", "DMW licensing desk"])
    assert result.exit_code == 0, result.output
    token = result.output.strip().splitlines()[-1]
    assert token.startswith("frr_") and " " not in token


def test_only_a_hash_of_the_token_is_stored(app):
    token = app.test_cli_runner().invoke(args=["users", "create-token", "--role", "admin", "--name", "ops"]).output.strip().splitlines()[-1]
    stored = db.session.query(ApiToken).one()
    assert token.split("_", 2)[2] not in (stored.secret_hash, stored.prefix) and len(stored.secret_hash) == 64


def test_regulator_token_needs_a_country(app):
    result = app.test_cli_runner().invoke(args=["users", "create-token", "--role", "regulator", "--name", "x"])
    assert result.exit_code != 0 and "country" in result.output


def test_missing_token_is_401_in_the_error_shape(client):
    response = client.post("/api/v1/agencies", json=AGENCY)
    assert response.status_code == 401 and response.get_json()["code"] == 401
    assert response.headers["WWW-Authenticate"] == "Bearer"


def test_wrong_token_is_401(client):
    assert client.post("/api/v1/agencies", json=AGENCY, headers={"Authorization": "Bearer frr_abc_def"}).status_code == 401


def test_wrong_role_is_403(client, make_token):
    assert client.post("/api/v1/agencies", json=AGENCY, headers=make_token("verifier", "SA")).status_code == 403


def test_revoked_token_is_refused(app, client):
    runner = app.test_cli_runner()
    token = runner.invoke(args=["users", "create-token", "--role", "regulator", "--country", "PH", "--name", "x"]).output.strip().splitlines()[-1]
    headers = {"Authorization": f"Bearer {token}"}
    assert client.post("/api/v1/agencies", json=AGENCY, headers=headers).status_code == 201
    token_id = db.session.query(ApiToken.id).scalar()
    assert runner.invoke(args=["users", "revoke-token", str(token_id)]).exit_code == 0
    assert client.post("/api/v1/agencies", json={**AGENCY, "registration_no": "other"}, headers=headers).status_code == 401


def test_list_tokens_never_shows_secrets(app):
    runner = app.test_cli_runner()
    token = runner.invoke(args=["users", "create-token", "--role", "admin", "--name", "ops"]).output.strip().splitlines()[-1]
    listing = runner.invoke(args=["users", "list-tokens"]).output
    assert "ops" in listing and token.split("_", 2)[2] not in listing
