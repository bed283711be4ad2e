"""UTC time helpers: every stored timestamp is timezone-aware UTC."""
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



def _aware_columns(target, attrs=None) -> None:
    from sqlalchemy import DateTime, inspect

    for column in inspect(type(target)).columns:
        if isinstance(column.type, DateTime) and column.type.timezone and column.key in target.__dict__:
            if attrs is None or column.key in attrs:
                target.__dict__[column.key] = as_utc(target.__dict__[column.key])


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
