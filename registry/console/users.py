"""Console users: create (CLI), check a password with a lockout after repeated failures (kept in the database, so it holds across workers)."""
from datetime import timedelta

from sqlalchemy import select, update
from werkzeug.security import check_password_hash, generate_password_hash

from registry.audit.service import record_audit
from registry.auth.models import User
from registry.common.actor import ROLES, Actor
from registry.common.fields import is_country
from registry.common.time import as_utc, utcnow
from registry.common.uow import transaction
from registry.domain import Conflict, InvalidInput
from registry.extensions import db

MAX_FAILURES = 5
LOCKOUT = timedelta(minutes=15)
MIN_PASSWORD = 12
HASH_METHOD = "scrypt"
# Checked against when the email is unknown, so the response time does not reveal which emails exist.
_DUMMY_HASH = generate_password_hash("not-a-real-password", method=HASH_METHOD)


class LoginRefused(Exception):
    """Wrong email or password, or a locked account; `message` is safe to show."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def user_summary(user: User) -> dict:
    return {"id": user.id, "email": user.email, "role": user.role, "country": user.country,
            "disabled": user.disabled_at is not None}


def create_user(email: str, password: str, role: str, country: str | None, actor: Actor) -> User:
    email = (email or "").strip().lower()
    country = country.upper() if country else None
    if "@" not in email or len(email) > 254:
        raise InvalidInput("Give the user's email address (--email).")
    if role not in ROLES:
        raise InvalidInput(f"Unknown role '{role}'; use one of {', '.join(ROLES)}.")
    if role == "regulator" and not country:
        raise InvalidInput("A regulator needs --country (the ministry's ISO country code).")
    if country and not is_country(country):
        raise InvalidInput(f"'{country}' is not an ISO 3166-1 alpha-2 country code.")
    if len(password or "") < MIN_PASSWORD:
        raise InvalidInput(f"The password must have at least {MIN_PASSWORD} characters.")
    with transaction():
        if db.session.scalar(select(User.id).where(User.email == email)):
            raise Conflict(f"A console user {email} already exists.")
        user = User(email=email, password_hash=generate_password_hash(password, method=HASH_METHOD), role=role, country=country)
        db.session.add(user)
        db.session.flush()
        record_audit(actor, "user.create", "console_user", user.id, after=user_summary(user))
    return user


def actor_for(user: User, request_id: str | None = None) -> Actor:
    return Actor(name=user.email, role=user.role, country=user.country, user_id=user.id, request_id=request_id, via="console")


def authenticate(email: str, password: str) -> User:
    """The user for a correct email and password; failures are counted and lock the account for a while."""
    email = (email or "").strip().lower()[:254]
    user = db.session.scalar(select(User).where(User.email == email))
    now = utcnow()
    if user is None or user.disabled_at is not None:
        check_password_hash(_DUMMY_HASH, password or "")
        raise LoginRefused("Wrong email or password.")
    if user.locked_until is not None and as_utc(user.locked_until) > now:
        raise LoginRefused("Too many failed attempts: this account is locked for a while. Try again later.")
    if not check_password_hash(user.password_hash, password or ""):
        # One UPDATE so parallel attempts on different workers all count.
        with transaction():
            db.session.execute(update(User).where(User.id == user.id).values(failed_logins=User.failed_logins + 1))
            db.session.refresh(user)
            if user.failed_logins >= MAX_FAILURES:
                user.locked_until, user.failed_logins = now + LOCKOUT, 0
                record_audit(Actor(name=email, role=user.role, country=user.country, user_id=user.id, via="console"),
                             "user.locked", "console_user", user.id, after=user_summary(user))
        raise LoginRefused("Wrong email or password.")
    with transaction():
        user.failed_logins, user.locked_until, user.last_login_at = 0, None, now
    return user


def get_active_user(user_id: int | None, epoch: int | None = None) -> User | None:
    """The user of a console session, unless disabled or the session was issued before the user's last logout."""
    user = db.session.get(User, user_id) if user_id else None
    if user is None or user.disabled_at is not None or epoch != user.session_epoch:
        return None
    return user


def end_sessions(user: User, actor: Actor) -> None:
    """Log out: every session cookie issued to the user so far stops working, even a copy kept by someone."""
    with transaction():
        db.session.execute(update(User).where(User.id == user.id).values(session_epoch=User.session_epoch + 1))
        record_audit(actor, "user.logout", "console_user", user.id)
