"""Console test helpers: create a user and log in through the real form (with its CSRF token)."""
from registry.common.actor import cli_actor
from registry.console.users import create_user
from tests.registry.portal.helpers import csrf_token

PASSWORD = "correct horse battery staple"


def make_user(email="desk@dmw.example", role="regulator", country="PH"):
    return create_user(email, PASSWORD, role, country, cli_actor("tests"))


def login(client, email="desk@dmw.example", password=PASSWORD):
    token = csrf_token(client.get("/console/login").get_data(as_text=True))
    return client.post("/console/login", data={"email": email, "password": password, "csrf_token": token})


def form_token(client, path):
    return csrf_token(client.get(path).get_data(as_text=True))
