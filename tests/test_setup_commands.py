"""The README's commands work as written in a fresh checkout: after `make run` has written instance/local.env,
`flask --app wsgi users create-token ...` runs without SECRET_KEY or APP_ENV in the environment (issue 18, item 15)."""
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

pytestmark = pytest.mark.skipif(shutil.which("make") is None, reason="needs make")


def _clean_env(instance: Path) -> dict:
    env = {k: v for k, v in os.environ.items() if k not in {"APP_ENV", "SECRET_KEY", "DATABASE_URL", "FLASK_APP"}}
    env["INSTANCE_PATH"] = str(instance)
    return env


def _flask(env, *args):
    return subprocess.run([sys.executable, "-m", "flask", "--app", "wsgi", *args], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=120)


def test_create_token_works_right_after_make_run_without_secret_key_in_the_environment(tmp_path):
    env = _clean_env(tmp_path)
    refused = _flask(env, "users", "list-tokens")
    assert refused.returncode != 0 and "SECRET_KEY must be set" in refused.stderr  # production without settings
    made = subprocess.run(["make", "-s", f"{tmp_path}/local.env"], cwd=ROOT, env=env, capture_output=True, text=True)
    assert made.returncode == 0, made.stderr
    assert "APP_ENV=development" in (tmp_path / "local.env").read_text()
    assert _flask(env, "db", "upgrade").returncode == 0
    created = _flask(env, "users", "create-token", "--role", "regulator", "--country", "PH", "--name", "DMW licensing desk")
    assert created.returncode == 0, created.stderr
    assert "DMW licensing desk" in _flask(env, "users", "list-tokens").stdout


def test_make_run_serves_on_the_port_given(tmp_path):
    env = _clean_env(tmp_path)
    for args, port in (([], "8000"), (["PORT=8123"], "8123")):
        plan = subprocess.run(["make", "-n", "run", *args], cwd=ROOT, env=env, capture_output=True, text=True)
        assert f"--bind 127.0.0.1:{port} " in plan.stdout, plan.stdout + plan.stderr
