"""A wheel holds everything the app reads at run time (matching data, templates, static files, compiled
translations, migrations), and installed into a fresh virtualenv it migrates a database, serves a page in
Indonesian and screens a name (issue 18, item 14). Builds offline: no build isolation, no dependencies fetched."""
import os
import subprocess
import sys
import sysconfig
import textwrap
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
pytestmark = pytest.mark.packaging

IN_THE_WHEEL = ("watchlist/matching/data/legal_forms.csv", "registry/bundled/templates/portal/home.html",
                "registry/static/site.css", "registry/translations/id/LC_MESSAGES/messages.mo",
                "registry/bundled/migrations/env.py", "registry/bundled/migrations/alembic.ini",
                "registry/bundled/migrations/versions/0001_registry.py")

CHECK = textwrap.dedent("""
    import sys
    import registry
    assert registry.__file__.startswith(sys.prefix), registry.__file__  # the installed copy, not the checkout
    from flask_migrate import upgrade
    from registry import create_app
    from registry.auth.service import create_token
    from registry.common.actor import cli_actor
    from registry.demo import seed_demo

    app = create_app()
    with app.app_context():
        upgrade()
        seed_demo()
        token = create_token("packaging check", "verifier", "PH", cli_actor("tests"))
    client = app.test_client()
    html = client.get("/", headers={"Accept-Language": "id"}).get_data(as_text=True)
    assert 'lang="id"' in html and "Ajukan pengaduan" in html, html[:500]
    found = client.post("/api/v1/screen", json={"name": "Velmora Overseas Manpower"},
                        headers={"Authorization": "Bearer " + token}).get_json()["results"]
    assert found and found[0]["match"] and found[0]["name"].startswith("Velmora"), found
    print("OK")
""")


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    built = subprocess.run([sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--no-build-isolation",
                            "--wheel-dir", str(out), str(ROOT)], capture_output=True, text=True, timeout=300)
    assert built.returncode == 0, built.stderr
    return next(out.glob("*.whl"))


def test_wheel_holds_matching_data_templates_static_files_translations_and_migrations(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    assert [name for name in IN_THE_WHEEL if name not in names] == []


def test_wheel_in_a_fresh_venv_serves_a_translated_page_and_screens_a_name(wheel, tmp_path):
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True, timeout=120)
    python = venv / "bin" / "python"
    installed = subprocess.run([sys.executable, "-m", "pip", "--python", str(python), "install", "--quiet", "--no-deps",
                                "--no-index", str(wheel)], capture_output=True, text=True, timeout=300)
    assert installed.returncode == 0, installed.stderr
    # The dependencies come from this project's environment (no downloads); its .pth files, among them the
    # editable install of the checkout, are not processed from a path listed in a .pth file.
    site = subprocess.run([str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                          capture_output=True, text=True, check=True).stdout.strip()
    Path(site, "project_dependencies.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    env = {k: v for k, v in os.environ.items() if k not in {"PYTHONPATH", "DATABASE_URL", "SECRET_KEY", "FLASK_APP"}}
    env.update(APP_ENV="development", INSTANCE_PATH=str(tmp_path / "instance"))
    checked = subprocess.run([str(python), "-c", CHECK], cwd=tmp_path, env=env, capture_output=True, text=True,
                             timeout=300)
    assert checked.returncode == 0 and "OK" in checked.stdout, checked.stdout + checked.stderr
