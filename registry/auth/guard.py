"""View-layer authentication: Bearer token -> Actor for this request; 401 without, 403 for the wrong role."""
import functools

from flask import g, request
from flask_smorest import abort

from registry.auth.service import authenticate
from registry.common.actor import Actor

BEARER = [{"bearerAuth": []}]


_ACTOR_KEY = "registry.actor"


def current_actor() -> Actor | None:
    """The authenticated actor of this request, if any (optional auth for public endpoints).

    Cached in the WSGI environ, which belongs to exactly one request (unlike `g`, which tests may share).
    """
    if _ACTOR_KEY not in request.environ:
        header = request.headers.get("Authorization", "")
        found = None
        if header.lower().startswith("bearer "):
            found = authenticate(header[7:], request_id=g.get("request_id"))
        request.environ[_ACTOR_KEY] = found
    return request.environ[_ACTOR_KEY]


def has_role(*roles: str) -> bool:
    """Whether this request carries a valid token of one of `roles` (public endpoints that show more to some)."""
    who = current_actor()
    return who is not None and who.role in roles


def require(*roles: str):
    """Allow only authenticated callers whose role is in `roles`."""

    def decorator(view):
        @functools.wraps(view)
        def wrapper(*args, **kwargs):
            header = request.headers.get("Authorization", "")
            if not header.lower().startswith("bearer "):
                abort(401, message="This endpoint needs a Bearer token.", headers={"WWW-Authenticate": "Bearer"})
            actor = current_actor()
            if actor is None:
                abort(401, message="The token is invalid or revoked.", headers={"WWW-Authenticate": "Bearer"})
            if actor.role not in roles:
                abort(403, message=f"A {actor.role} token may not do this; it needs one of: {', '.join(roles)}.")
            return view(*args, **kwargs)

        wrapper._required_roles = roles  # read by the authorisation test that walks the URL map
        return wrapper

    return decorator


def actor() -> Actor:
    """The actor of a view already guarded by `require`."""
    return current_actor()
