"""Print the weight of each public page (HTML + the one stylesheet) as a worker's phone downloads it, in every language.

Usage: .venv/bin/python bench/page_sizes.py   (builds a throwaway SQLite database with the demo data)
Budget: every page under 100 KB including CSS; no scripts, fonts or third-party requests to add.
"""
import gzip
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from registry import create_app  # noqa: E402
from registry.extensions import db  # noqa: E402
from registry.i18n import LANGUAGES  # noqa: E402

BUDGET = 100 * 1024
PAGES = {
    "home": "/",
    "search (did you mean)": "/search?q=Velmorra+Oversees",
    "agency (revoked)": "/agencies/1",
    "agency (licensed)": "/agencies/{valid}",
    "unknown licence": "/licences/PH/DMW-999-XX",
    "fee check (answer)": "/fees/check?origin=PH&destination=SA&sector=construction&monthly_salary=30000&currency=PHP"
                          "&contract_months=24&category_0=placement_fee&amount_0=45000&currency_0=PHP",
    "employer check": "/employers?q=Velmora",
    "complaint form": "/complaints/new",
    "complaint tracking": "/complaints/track",
    "open data": "/open-data",
    "job offer reference": "/job-offers",
}


def main() -> int:
    with tempfile.TemporaryDirectory() as tmp:
        app = create_app({"APP_ENV": "testing", "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp}/sizes.db",
                          "RATELIMIT_ENABLED": False})
        with app.app_context():
            db.create_all()
            from registry.demo import seed_demo
            seed_demo()
            client = app.test_client()
            valid = client.get("/api/v1/agencies?status=valid&per_page=1").get_json()["items"][0]["id"]
            css = client.get("/static/site.css").get_data()
            print(f"stylesheet: {len(css):,} B ({len(gzip.compress(css)):,} B gzipped)\n")
            print(f"{'page':<24}{'HTML+CSS en':>13}{'largest lang':>18}{'gzipped':>10}")
            worst = 0
            for name, path in PAGES.items():
                sizes = {}
                for code in LANGUAGES:
                    client.set_cookie("lang", code)
                    html = client.get(path.format(valid=valid)).get_data()
                    sizes[code] = (len(html) + len(css), len(gzip.compress(html)) + len(gzip.compress(css)))
                big = max(sizes, key=lambda c: sizes[c][0])
                worst = max(worst, sizes[big][0])
                print(f"{name:<24}{sizes['en'][0] / 1024:>10.1f} KB{sizes[big][0] / 1024:>10.1f} KB ({big:>3}){sizes[big][1] / 1024:>7.1f} KB")
            print(f"\nlargest page: {worst / 1024:.1f} KB of the {BUDGET // 1024} KB budget")
            return 0 if worst < BUDGET else 1


if __name__ == "__main__":
    sys.exit(main())
