"""Console login: password hashed, secure cookies, lockout after repeated failures, logout, CLI user creation."""
from registry.auth.models import User
from registry.extensions import db
from registry.console.users import MAX_FAILURES
from tests.registry.console.helpers import PASSWORD, login, make_user
from tests.registry.portal.helpers import csrf_token


def test_every_console_page_needs_a_login(client):
    for path in ("/console/", "/console/agencies", "/console/complaints", "/console/cases", "/console/review"):
        response = client.get(path)
        assert response.status_code == 302 and response.headers["Location"].startswith("/console/login")


def test_password_is_stored_only_as_a_modern_hash(app):
    user = make_user()
    assert user.password_hash.startswith("scrypt:") and PASSWORD not in user.password_hash


def test_login_sets_an_httponly_samesite_session_and_logout_ends_it(client):
    make_user()
    response = login(client)
    assert response.status_code == 302 and response.headers["Location"] == "/console/"
    cookie = response.headers["Set-Cookie"]
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie
    page = client.get("/console/")
    assert page.status_code == 200 and "desk@dmw.example" in page.get_data(as_text=True)
    assert client.post("/console/logout", data={"csrf_token": csrf_token(page.get_data(as_text=True))}).status_code == 302
    assert client.get("/console/").status_code == 302


def test_a_saved_session_cookie_stops_working_after_logout(client):
    make_user()
    login(client)
    page = client.get("/console/")
    saved = client.get_cookie("session").value
    client.post("/console/logout", data={"csrf_token": csrf_token(page.get_data(as_text=True))})
    client.set_cookie("session", saved)  # replayed, as an attacker who copied it would
    response = client.get("/console/")
    assert response.status_code == 302 and response.headers["Location"].startswith("/console/login")
    login(client)  # logging in again works, with a new session
    assert client.get("/console/").status_code == 200


def test_wrong_password_and_unknown_email_get_the_same_answer(client):
    make_user()
    wrong, unknown = login(client, password="nope nope nope"), login(client, email="who@nowhere.example")
    assert wrong.status_code == unknown.status_code == 401
    assert "Wrong email or password." in wrong.get_data(as_text=True) and "Wrong email or password." in unknown.get_data(as_text=True)


def test_repeated_failures_lock_the_account_even_for_the_right_password(client):
    make_user()
    for _ in range(MAX_FAILURES):
        login(client, password="guessing wrong")
    locked = login(client)
    assert locked.status_code == 401 and "locked" in locked.get_data(as_text=True)
    db.session.expire_all()
    assert db.session.query(User).one().locked_until is not None


def test_a_successful_login_resets_the_failure_count(client):
    make_user()
    for _ in range(MAX_FAILURES - 1):
        login(client, password="guessing wrong")
    assert login(client).status_code == 302
    db.session.expire_all()
    assert db.session.query(User).one().failed_logins == 0


def test_login_form_without_its_csrf_token_is_refused(client):
    make_user()
    response = client.post("/console/login", data={"email": "desk@dmw.example", "password": PASSWORD})
    assert response.status_code == 400 and client.get("/console/").status_code == 302


def test_users_are_created_from_the_cli_with_role_and_country(app):
    runner = app.test_cli_runner()
    result = runner.invoke(args=["users", "create-user", "--email", "Lead@DOFE.example", "--role", "regulator",
                                 "--country", "np", "--password-stdin"], input="a long enough passphrase\n")
    assert result.exit_code == 0, result.output
    user = db.session.query(User).one()
    assert (user.email, user.role, user.country) == ("lead@dofe.example", "regulator", "NP")
    short = runner.invoke(args=["users", "create-user", "--email", "x@y.example", "--role", "admin", "--password-stdin"],
                          input="short\n")
    assert short.exit_code != 0 and "at least 12 characters" in short.output
