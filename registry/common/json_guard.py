"""Refuses JSON bodies that would break the app later instead of at parsing: nesting deeper than MAX_DEPTH
(a RecursionError in the parser or in code that walks the data) and text with lone surrogates ("\\ud800",
valid JSON escapes that no database or UTF-8 encoder accepts), and numbers too long for Python to convert.
All are a 4xx in the one error shape."""
import json
import re

from flask import Flask, request

from registry.errors import error_response

MAX_DEPTH = 32  # our deepest documented body is 4 levels; anything far deeper is an attack or a mistake
_SURROGATE = re.compile("[\ud800-\udfff]")


class BadJson(ValueError):
    """Why a JSON body is refused: `status`, `message` and optional per-field `errors`."""

    def __init__(self, status: int, message: str, errors: dict | None = None):
        super().__init__(message)
        self.status, self.message, self.errors = status, message, errors


def check_json(data) -> None:
    """Raise BadJson if `data` (parsed JSON) nests deeper than MAX_DEPTH or holds a lone surrogate.
    Walks iteratively, so the check itself never recurses."""
    stack = [(data, 1, ())]
    while stack:
        value, depth, path = stack.pop()
        if isinstance(value, (dict, list)):
            if depth > MAX_DEPTH:
                raise BadJson(400, f"The JSON body is nested more than {MAX_DEPTH} levels deep.")
            items = value.items() if isinstance(value, dict) else enumerate(value)
            for key, item in items:
                if isinstance(key, str) and _SURROGATE.search(key):
                    raise _surrogate(path + ("<key>",))
                stack.append((item, depth + 1, path + (key,)))
        elif isinstance(value, str) and _SURROGATE.search(value):
            raise _surrogate(path)


def _surrogate(path: tuple) -> BadJson:
    message = "Not valid Unicode text: it holds a lone surrogate code point (e.g. \\ud800)."
    field = ".".join(str(p) for p in path) or "_body"
    return BadJson(422, f"Invalid value for '{field}': {message}", {"json": {field: [message]}})


def _guard():
    if not request.is_json or request.method in ("GET", "HEAD", "OPTIONS"):
        return None
    raw = request.get_data(cache=True)
    if not raw:
        return None
    try:
        check_json(json.loads(raw))
    except RecursionError:
        return error_response(400, f"The JSON body is nested more than {MAX_DEPTH} levels deep.")
    except BadJson as bad:
        return error_response(bad.status, bad.message, bad.errors)
    except json.JSONDecodeError:
        return None  # malformed JSON: the body parser answers 400 with its own message
    except ValueError:  # a number with more digits than Python converts (4,300): no amount or count is that long
        return error_response(422, "A number in the JSON body has too many digits.")
    return None


def init_json_guard(app: Flask) -> None:
    """Check JSON bodies after authentication (registry.security) and before any view parses them."""
    app.before_request(_guard)
