"""Configuration read from the environment, so one build runs anywhere (12-factor)."""
import os
import secrets
from pathlib import Path

_CHECKOUT = Path(__file__).resolve().parent.parent
# instance/ of the checkout; an installed wheel (no setup.cfg beside the package) uses ./instance of its working directory
INSTANCE_DIR = Path(os.environ.get("INSTANCE_PATH") or (
    _CHECKOUT / "instance" if (_CHECKOUT / "setup.cfg").is_file() else Path.cwd() / "instance"))


LOCAL_ENV = "local.env"  # written by `make run`: APP_ENV=development for the CLI and server of a checkout


def local_settings() -> dict:
    """KEY=VALUE lines of instance/local.env (absent in production); the environment always wins over them."""
    path = INSTANCE_DIR / LOCAL_ENV
    if not path.is_file():
        return {}
    settings = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        key, sep, value = line.strip().partition("=")
        if sep and key and not key.startswith("#"):
            settings[key.strip()] = value.strip().strip("'\"")
    return settings


def _bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def normalise_database_url(url: str) -> str:
    """Point PostgreSQL URLs at the psycopg 3 driver we ship (``postgres://`` and ``postgresql://`` name others)."""
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix):]
    return url


def _database_url() -> str:
    url = os.environ.get("DATABASE_URL")
    if url:
        return normalise_database_url(url)
    return f"sqlite:///{INSTANCE_DIR / 'registry.db'}"


def _dev_secret_key() -> str:
    """A random key kept under instance/ so development sessions survive restarts."""
    INSTANCE_DIR.mkdir(parents=True, exist_ok=True)
    path = INSTANCE_DIR / "secret_key"
    if not path.exists():
        path.write_text(secrets.token_urlsafe(48))
    return path.read_text().strip()


def _default_ratelimit_storage(testing: bool) -> str:
    """Per host, not per worker: a SQLite file under instance/ (tests keep their counts in their own process)."""
    return "memory://" if testing else f"sqlite-file://{(INSTANCE_DIR / 'ratelimits.sqlite').resolve()}"


def load_config(overrides: dict | None = None) -> dict:
    """Build the Flask config mapping from the environment plus explicit overrides."""
    overrides = dict(overrides or {})
    local = local_settings()
    env = overrides.get("APP_ENV") or os.environ.get("APP_ENV") or local.get("APP_ENV", "production")
    testing = overrides.get("TESTING", env == "testing")
    secret = overrides.get("SECRET_KEY") or os.environ.get("SECRET_KEY") or local.get("SECRET_KEY")
    if not secret:
        if env in {"development", "testing"} or testing:
            secret = _dev_secret_key() if env == "development" else "test-secret-key"
        else:
            raise RuntimeError("SECRET_KEY must be set in production (APP_ENV=production). For a development checkout, "
                               "`make run` (or `make instance/local.env`) writes instance/local.env with APP_ENV=development.")
    db_url = overrides.get("SQLALCHEMY_DATABASE_URI") or _database_url()
    engine_options = {"pool_pre_ping": True}
    if db_url.startswith("postgresql"):
        timeout_ms = int(os.environ.get("DB_STATEMENT_TIMEOUT_MS", "15000"))
        engine_options.update(
            pool_size=int(os.environ.get("DB_POOL_SIZE", "5")),
            max_overflow=int(os.environ.get("DB_MAX_OVERFLOW", "5")),
            pool_timeout=int(os.environ.get("DB_POOL_TIMEOUT", "5")),
            connect_args={"connect_timeout": int(os.environ.get("DB_CONNECT_TIMEOUT", "5")),
                          "options": f"-c statement_timeout={timeout_ms}"},
        )
    else:
        engine_options["connect_args"] = {"timeout": 15}
    config = {
        "APP_ENV": env,
        "TESTING": testing,
        "SECRET_KEY": secret,
        "SQLALCHEMY_DATABASE_URI": db_url,
        "SQLALCHEMY_ENGINE_OPTIONS": engine_options,
        "MAX_CONTENT_LENGTH": int(os.environ.get("MAX_CONTENT_LENGTH", str(2 * 1024 * 1024))),
        "MAX_PER_PAGE": int(os.environ.get("MAX_PER_PAGE", "100")),
        "MAX_BATCH_ITEMS": int(os.environ.get("MAX_BATCH_ITEMS", "1000")),
        "MAX_BATCH_NAME_CHARS": int(os.environ.get("MAX_BATCH_NAME_CHARS", "50000")),
        "MATCH_THRESHOLD": float(os.environ.get("MATCH_THRESHOLD", "0") or 0) or None,
        "MATCH_INDEX_REFRESH_SECONDS": float(os.environ.get("MATCH_INDEX_REFRESH_SECONDS", "2")),
        "MATCH_INDEX_FULL_REBUILD_SECONDS": float(os.environ.get("MATCH_INDEX_FULL_REBUILD_SECONDS", "600")),
        # "inline": each process builds its own index on first use; "server": workers ask the host's index server
        # (`flask watchlist serve-index`, spawned by registry/gunicorn_conf.py, which sets "server") over a Unix socket.
        "MATCH_INDEX_MODE": os.environ.get("MATCH_INDEX_MODE", "inline").strip().lower(),
        "MATCH_INDEX_DIR": os.environ.get("MATCH_INDEX_DIR") or str(INSTANCE_DIR),
        "MATCH_INDEX_TIMEOUT_SECONDS": float(os.environ.get("MATCH_INDEX_TIMEOUT_SECONDS", "10")),
        "PREFERRED_URL_SCHEME": os.environ.get("PREFERRED_URL_SCHEME", "http"),
        "PROXY_FIX_HOPS": int(os.environ.get("PROXY_FIX_HOPS", "0")),
        "SESSION_COOKIE_SECURE": _bool("SESSION_COOKIE_SECURE", env == "production"),
        "SESSION_COOKIE_HTTPONLY": True,
        "SESSION_COOKIE_SAMESITE": "Lax",
        "JSON_SORT_KEYS": False,
        # Flask-Limiter: counts in one SQLite file under instance/ by default, shared by every worker of the host
        # (registry/common/ratelimit_storage.py); Redis (redis://host:6379) shares them across hosts too.
        "RATELIMIT_ENABLED": _bool("RATELIMIT_ENABLED", True),
        "RATELIMIT_STORAGE_URI": os.environ.get("RATELIMIT_STORAGE_URI") or _default_ratelimit_storage(testing),
        "RATELIMIT_DEFAULT": os.environ.get("RATELIMIT_DEFAULT", "300 per minute"),
        "RATELIMIT_FORMS": os.environ.get("RATELIMIT_FORMS", "3 per minute;10 per hour"),  # login and complaint forms
        "RATELIMIT_HEADERS_ENABLED": True,
        # Per-process cache of anonymous public GETs (registry/common/response_cache.py); 0 turns it off.
        "PUBLIC_CACHE_SECONDS": float(os.environ.get("PUBLIC_CACHE_SECONDS", "0" if testing else "2")),
        "PUBLIC_CACHE_ENDPOINTS": ("licences.check_licence", "agencies.search_agencies"),
        "RATELIMIT_STRATEGY": os.environ.get("RATELIMIT_STRATEGY", "moving-window"),
        # flask-smorest / OpenAPI
        "API_TITLE": "Fair Recruitment Registry API",
        "API_VERSION": "v1",
        "OPENAPI_VERSION": "3.0.3",
        "OPENAPI_URL_PREFIX": "/api/v1",
        "OPENAPI_JSON_PATH": "openapi.json",
        "OPENAPI_REDOC_PATH": None,
        "OPENAPI_SWAGGER_UI_PATH": None,
    }
    config.update(overrides)
    return config
