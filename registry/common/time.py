"""UTC time helpers: every stored timestamp is timezone-aware UTC."""
import functools
from datetime import date, datetime, timezone


def utcnow() -> datetime:
    return datetime.now(timezone.utc)


def today() -> date:
    return utcnow().date()


def as_utc(value: datetime | None) -> datetime | None:
    """SQLite returns naive datetimes; treat them as the UTC they were stored as."""
    if value is None or value.tzinfo is not None:
        return value
    return value.replace(tzinfo=timezone.utc)


@functools.cache
def _aware_keys(model: type) -> tuple[str, ...]:
    from sqlalchemy import DateTime, inspect

    return tuple(c.key for c in inspect(model).columns if isinstance(c.type, DateTime) and c.type.timezone)


def _aware_columns(target, attrs=None) -> None:
    values = target.__dict__
    for key in _aware_keys(type(target)):
        if key in values and (attrs is None or key in attrs):
            values[key] = as_utc(values[key])


def _on_load(target, _context) -> None:
    _aware_columns(target)


def _on_refresh(target, _context, attrs) -> None:
    _aware_columns(target, attrs)


def install_utc_on_load(base) -> None:
    """Make timezone-aware columns come back aware on SQLite too (it drops the zone), so the API always says UTC."""
    from sqlalchemy import event

    if not event.contains(base, "load", _on_load):
        event.listen(base, "load", _on_load, propagate=True)
        event.listen(base, "refresh", _on_refresh, propagate=True)
