"""Profile public reads in-process with cProfile (no HTTP server): the licence check, agency search or portal agency page,
rotating over every licence / agency of the database; prints ms per request and the top functions by cumulative time.

    DATABASE_URL=postgresql+psycopg://postgres@127.0.0.1:5432/registry_bench python bench/profile_request.py licence 600
"""
import cProfile
import io
import os
import pstats
import sys
import time
from pathlib import Path
from urllib.parse import quote

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("APP_ENV", "production")
os.environ.setdefault("SECRET_KEY", "profile-only-" + "x" * 32)
os.environ.update(RATELIMIT_ENABLED="false", PUBLIC_CACHE_SECONDS="0", LOG_LEVEL="WARNING")

from sqlalchemy import select  # noqa: E402
from werkzeug.test import EnvironBuilder  # noqa: E402

from registry import create_app  # noqa: E402
from registry.extensions import db  # noqa: E402


def main() -> None:
    which, count = sys.argv[1], int(sys.argv[2]) if len(sys.argv) > 2 else 600
    app = create_app()
    with app.app_context():
        md = db.metadata.tables
        licences = [f"/api/v1/licences/{c}/{quote(n)}"
                    for c, n in db.session.execute(select(md["licence"].c.country, md["licence"].c.licence_no))]
        agencies = db.session.execute(select(md["agency"].c.id, md["agency"].c.name)).all()
    paths = {"licence": licences, "search": [f"/api/v1/agencies?q={quote(name)}" for _i, name in agencies],
             "page": [f"/agencies/{i}" for i, _name in agencies]}[which]

    def call(path):
        status = []
        body = app(EnvironBuilder(path=path).get_environ(), lambda s, h: status.append(s))
        b"".join(body)
        getattr(body, "close", lambda: None)()
        assert status[0].startswith("200"), (path, status)

    for path in paths * 2:  # warm: imports, compiled statements, prepared statements
        call(path)
    profile, start = cProfile.Profile(), time.perf_counter()
    profile.enable()
    for i in range(count):
        call(paths[i % len(paths)])
    profile.disable()
    elapsed = time.perf_counter() - start
    out = io.StringIO()
    pstats.Stats(profile, stream=out).sort_stats("cumulative").print_stats(45)
    print(f"{which}: {count} requests, {1000 * elapsed / count:.2f} ms/request under cProfile")
    print(out.getvalue().replace(str(Path(sys.prefix)) + "/lib/python3.11/site-packages/", "")
          .replace(str(Path(__file__).resolve().parent.parent) + "/", ""))


if __name__ == "__main__":
    main()
