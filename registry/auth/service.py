"""Create, verify, list and revoke API tokens; tokens look like `frr_<prefix>_<secret>`."""
import hashlib
import hmac
import secrets

from sqlalchemy import select

from registry.audit.service import record_audit
from registry.auth.models import ApiToken
from registry.common.actor import ROLES, Actor
from registry.common.fields import is_country
from registry.common.time import utcnow
from registry.domain import InvalidInput, NotFound
from registry.common.uow import transaction
from registry.extensions import db

TOKEN_PREFIX = "frr"


def _digest(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def create_token(name: str, role: str, country: str | None, actor: Actor) -> str:
    """Create a token and return it in clear text, the only time it is ever visible."""
    if role not in ROLES:
        raise InvalidInput(f"Unknown role '{role}'; use one of {', '.join(ROLES)}.")
    country = country.upper() if country else None
    if role == "regulator" and not country:
        raise InvalidInput("A regulator token needs --country (the ministry's ISO country code).")
    if country and not is_country(country):
        raise InvalidInput(f"'{country}' is not an ISO 3166-1 alpha-2 country code.")
    if not name.strip():
        raise InvalidInput("A token needs a --name saying who holds it.")
    prefix, secret = secrets.token_hex(6), secrets.token_urlsafe(32)
    with transaction():
        token = ApiToken(name=name.strip(), role=role, country=country, prefix=prefix, secret_hash=_digest(secret))
        db.session.add(token)
        db.session.flush()
        record_audit(actor, "token.create", "api_token", token.id, after=token_summary(token))
    return f"{TOKEN_PREFIX}_{prefix}_{secret}"


def authenticate(raw: str, request_id: str | None = None) -> Actor | None:
    """Return the actor for a valid, unrevoked token, or None. Comparison is constant-time."""
    parts = raw.strip().split("_", 2)
    if len(parts) != 3 or parts[0] != TOKEN_PREFIX:
        return None
    token = db.session.scalar(select(ApiToken).where(ApiToken.prefix == parts[1]))
    if token is None or token.revoked_at is not None:
        _digest(parts[2])  # keep timing similar for unknown prefixes
        return None
    if not hmac.compare_digest(token.secret_hash, _digest(parts[2])):
        return None
    return Actor(name=token.name, role=token.role, country=token.country, token_id=token.id, request_id=request_id)


def list_tokens() -> list[ApiToken]:
    return list(db.session.scalars(select(ApiToken).order_by(ApiToken.id)))


def revoke_token(token_id: int, actor: Actor) -> ApiToken:
    token = db.session.get(ApiToken, token_id)
    if token is None:
        raise NotFound(f"No token with id {token_id}.")
    if token.revoked_at is None:
        with transaction():
            before = token_summary(token)
            token.revoked_at = utcnow()
            record_audit(actor, "token.revoke", "api_token", token.id, before=before, after=token_summary(token))
    return token


def token_summary(token: ApiToken) -> dict:
    return {"id": token.id, "name": token.name, "role": token.role, "country": token.country,
            "prefix": token.prefix, "revoked": token.revoked_at is not None}
