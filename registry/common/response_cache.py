"""A short-lived, per-process cache of anonymous GET responses of the hottest public endpoints (licence check).

Entries live PUBLIC_CACHE_SECONDS (default 2 s, the same staleness bound as the screening index) and are all
dropped on any commit in this process, so a worker always sees its own writes; other workers' writes show
within the bound. Requests with a token or a console session, and every write, bypass it. 0 turns it off.
"""
import threading
import time

from flask import Flask, Response, current_app, g, request
from sqlalchemy import event
from sqlalchemy.orm import Session

MAX_ENTRIES = 10000
_SKIP_HEADERS = {"x-request-id", "set-cookie", "retry-after", "x-ratelimit-limit", "x-ratelimit-remaining",
                 "x-ratelimit-reset"}
_entries: dict[tuple, tuple] = {}
_lock = threading.Lock()


@event.listens_for(Session, "after_commit")
def _forget_everything(_session) -> None:
    _entries.clear()


def _cacheable() -> bool:
    return (request.method == "GET" and current_app.config.get("PUBLIC_CACHE_SECONDS", 0) > 0
            and request.endpoint in current_app.config.get("PUBLIC_CACHE_ENDPOINTS", ())
            and "Authorization" not in request.headers and "session" not in request.cookies)


def _key() -> tuple:
    return (request.full_path, request.headers.get("Accept", ""), request.headers.get("Accept-Language", ""),
            request.cookies.get("lang", ""))


def _serve_cached():
    if not _cacheable():
        return None
    key = _key()
    hit = _entries.get(key)
    if hit is not None and hit[0] > time.monotonic():
        return Response(hit[3], status=hit[1], headers=hit[2])
    g.response_cache_key = key
    return None


def _remember(response: Response) -> Response:
    key = g.pop("response_cache_key", None)
    if key is None or response.status_code not in (200, 404) or response.direct_passthrough:
        return response
    headers = [(k, v) for k, v in response.headers.items() if k.lower() not in _SKIP_HEADERS]
    with _lock:
        if len(_entries) >= MAX_ENTRIES:
            _entries.clear()
        _entries[key] = (time.monotonic() + current_app.config["PUBLIC_CACHE_SECONDS"], response.status_code, headers,
                         response.get_data())
    return response


def init_response_cache(app: Flask) -> None:
    """Install the hooks; register after the request-id and rate-limit hooks so those still run on a hit."""
    app.before_request(_serve_cached)
    app.after_request(_remember)
