"""Public references: a random token signed with SECRET_KEY, so a reference cannot be guessed or altered unnoticed."""
import secrets

from flask import current_app
from itsdangerous import BadData, URLSafeSerializer

SALT = "job-offer-verification"


def new_token() -> str:
    return secrets.token_urlsafe(18)


def _serializer() -> URLSafeSerializer:
    return URLSafeSerializer(current_app.config["SECRET_KEY"], salt=SALT)


def sign(token: str) -> str:
    return _serializer().dumps(token)


def unsign(reference: str) -> str | None:
    """The token inside a reference, or None when the reference was altered or made up."""
    if not reference or len(reference) > 200:
        return None
    try:
        token = _serializer().loads(reference)
    except BadData:
        return None
    return token if isinstance(token, str) else None
