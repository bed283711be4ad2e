"""Browser fixtures: a live registry (werkzeug in a thread, fresh SQLite file, demo data) and Debian's chromium via Playwright."""
import os
import threading
from pathlib import Path

import pytest

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
REGULATOR = ("desk@dmw.example", "correct horse battery staple")


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/browser/" in str(item.fspath).replace(os.sep, "/"):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def chromium_path():
    if Path(CHROMIUM).exists():
        return CHROMIUM
    if os.environ.get("CI"):
        pytest.fail(f"{CHROMIUM} is missing on CI; .ci/run installs the Debian chromium package.")
    pytest.skip(f"{CHROMIUM} is not installed (apt-get install chromium); browser tests skipped outside CI.")


@pytest.fixture(scope="session")
def live_server(tmp_path_factory, chromium_path):
    """The registry served on 127.0.0.1 with the fictitious demo data and one PH regulator console user."""
    from werkzeug.serving import make_server

    from registry import create_app
    from registry.common.actor import cli_actor
    from registry.console.users import create_user
    from registry.demo import seed_demo
    from registry.extensions import db

    url = f"sqlite:///{tmp_path_factory.mktemp('live') / 'live.db'}"
    app = create_app({"APP_ENV": "testing", "TESTING": False, "SQLALCHEMY_DATABASE_URI": url,
                      "RATELIMIT_ENABLED": False, "WTF_CSRF_ENABLED": True, "SECRET_KEY": "browser-test-key"})
    with app.app_context():
        db.create_all()
        seed_demo()
        create_user(REGULATOR[0], REGULATOR[1], "regulator", "PH", cli_actor("browser tests"))
        db.session.remove()
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    thread.join(timeout=5)
    with app.app_context():
        db.engine.dispose()


@pytest.fixture(scope="session")
def browser(chromium_path):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium_path, args=CHROMIUM_ARGS, headless=True)
        yield browser
        browser.close()


@pytest.fixture
def phone(browser, live_server):
    """A page in a fresh context the size of a cheap phone (360x740), JavaScript off like a data-saving browser."""
    context = browser.new_context(viewport={"width": 360, "height": 740}, java_script_enabled=False,
                                  base_url=live_server, locale="en-US")
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def desk(browser, live_server):
    """A regulator's desktop browser (JavaScript on, only so the CSRF test can tamper with the form)."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, base_url=live_server)
    page = context.new_page()
    yield page
    context.close()
