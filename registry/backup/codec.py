"""Column values to JSON and back, decided by the column type so the same dump loads into SQLite or PostgreSQL."""
import base64
from datetime import date, datetime, time, timezone
from decimal import Decimal

from sqlalchemy import JSON, Boolean, Date, DateTime, Integer, LargeBinary, Numeric, Time, Uuid


def encode(value):
    """A JSON-safe form of one column value; naive datetimes are UTC."""
    if value is None or isinstance(value, (str, int, float, bool, dict, list)):
        return value
    if isinstance(value, datetime) and value.tzinfo is None:
        return value.replace(tzinfo=timezone.utc).isoformat()  # SQLite drops the zone; all our times are UTC
    if isinstance(value, (datetime, date, time)):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, (bytes, memoryview)):
        return base64.b64encode(bytes(value)).decode()
    return str(value)


def decoder(column):
    """A function turning the JSON form back into the Python value `column` expects."""
    kind = column.type
    if isinstance(kind, JSON):
        return lambda v: v
    if isinstance(kind, DateTime):
        return lambda v: None if v is None else datetime.fromisoformat(v)
    if isinstance(kind, Date):
        return lambda v: None if v is None else date.fromisoformat(v)
    if isinstance(kind, Time):
        return lambda v: None if v is None else time.fromisoformat(v)
    if isinstance(kind, Numeric) and not isinstance(kind, Integer):
        return lambda v: None if v is None else Decimal(str(v))
    if isinstance(kind, Boolean):
        return lambda v: None if v is None else bool(v)
    if isinstance(kind, LargeBinary):
        return lambda v: None if v is None else base64.b64decode(v)
    if isinstance(kind, Uuid):
        import uuid
        return lambda v: None if v is None else uuid.UUID(v)
    return lambda v: v
