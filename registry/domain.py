"""Domain exceptions raised by services and turned into the one JSON error shape by the views layer."""


class DomainError(Exception):
    """A business-rule failure with an HTTP-like status and optional per-field errors."""

    status_code = 400

    def __init__(self, message: str, errors: dict | None = None, **extra):
        super().__init__(message)
        self.message = message
        self.errors = errors
        self.extra = extra


class InvalidInput(DomainError):
    """Input that is well-formed but breaks a rule (dates in the wrong order, unknown reference)."""

    status_code = 422


class NotFound(DomainError):
    status_code = 404


class PermissionDenied(DomainError):
    status_code = 403


class Conflict(DomainError):
    """The current state of a record does not allow the request (state machine, duplicates)."""

    status_code = 409


class Unavailable(DomainError):
    """A part of the service is not ready yet (e.g. the screening index is still being built): 503 with
    Retry-After, so clients and load balancers try again instead of treating it as a failure."""

    status_code = 503

    def __init__(self, message: str, retry_after: int = 5, **extra):
        super().__init__(message, **extra)
        self.retry_after = retry_after


class StaleVersion(DomainError):
    """The client wrote against an old version of a record; nothing was changed."""

    status_code = 412


def field_error(field: str, message: str, location: str = "json") -> InvalidInput:
    """Shortcut for a 422 that names the offending field in the documented error shape."""
    return InvalidInput(f"Invalid value for '{field}': {message}", errors={location: {field: [message]}})
