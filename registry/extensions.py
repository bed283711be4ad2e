"""Extension objects, created once and bound to the app in the factory; nothing else lives here."""
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address
from flask_babel import Babel
from flask_migrate import Migrate
from flask_smorest import Api
from flask_sqlalchemy import SQLAlchemy
from flask_wtf.csrf import CSRFProtect
from sqlalchemy import MetaData

# Deterministic constraint names keep Alembic migrations identical on SQLite and PostgreSQL.
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

db = SQLAlchemy(metadata=MetaData(naming_convention=NAMING_CONVENTION))
migrate = Migrate(compare_type=True, render_as_batch=True)
api = Api()
babel = Babel()
csrf = CSRFProtect()
import registry.common.ratelimit_storage  # noqa: E402,F401 - registers the `sqlite-file://` storage (the default)

# Per-client rate limits; storage, defaults and on/off come from RATELIMIT_* config (see registry/config.py).
limiter = Limiter(key_func=get_remote_address, headers_enabled=True)
