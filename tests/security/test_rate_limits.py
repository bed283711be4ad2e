"""Per-client rate limits answer 429 in the error shape with Retry-After; RATELIMIT_ENABLED=false turns them off.

Each case runs in a fresh interpreter because Flask-Limiter's extension object is process-global.
"""
import json
import os
import subprocess
import sys

SCRIPT = """
import json, sys
from registry import create_app
from registry.extensions import db
app = create_app({"APP_ENV": "testing", "TESTING": True, "SQLALCHEMY_DATABASE_URI": "sqlite://",
                  "RATELIMIT_DEFAULT": "3 per minute"})
with app.app_context():
    db.create_all()
client = app.test_client()
out = []
for path in ["/api/v1/agencies"] * 4 + ["/healthz"] * 5:
    r = client.get(path, environ_base={"REMOTE_ADDR": "203.0.113.7"})
    out.append({"path": path, "status": r.status_code, "body": r.get_json(), "retry": r.headers.get("Retry-After")})
other = client.get("/api/v1/agencies", environ_base={"REMOTE_ADDR": "203.0.113.8"})
out.append({"path": "other-client", "status": other.status_code})
print(json.dumps(out))
"""


def _run(**env):
    result = subprocess.run([sys.executable, "-c", SCRIPT], capture_output=True, text=True, timeout=60,
                            env={**os.environ, **env}, cwd=os.getcwd())
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_fourth_request_in_a_minute_gets_429_in_the_error_shape_with_retry_after():
    out = _run(RATELIMIT_ENABLED="true")
    assert [o["status"] for o in out[:4]] == [200, 200, 200, 429]
    refused = out[3]
    assert refused["body"]["code"] == 429 and refused["body"]["status"] == "Too Many Requests"
    assert "Retry-After" in refused["body"]["message"] and int(refused["retry"]) > 0


def test_health_checks_are_never_limited_and_clients_are_counted_apart():
    out = _run(RATELIMIT_ENABLED="true")
    assert all(o["status"] == 200 for o in out[4:9])
    assert out[9]["status"] == 200


def test_ratelimit_enabled_false_switches_limits_off():
    out = _run(RATELIMIT_ENABLED="false")
    assert all(o["status"] == 200 for o in out)


SHARED = """
import json, sys
from registry import create_app
from registry.extensions import db
app = create_app({"APP_ENV": "production", "SECRET_KEY": "x" * 32, "SQLALCHEMY_DATABASE_URI": "sqlite://",
                  "RATELIMIT_DEFAULT": "3 per minute"})
with app.app_context():
    db.create_all()
client = app.test_client()
print(json.dumps([client.get("/api/v1/agencies", environ_base={"REMOTE_ADDR": "203.0.113.9"}).status_code for _ in range(3)]))
"""


def test_the_default_limit_holds_per_host_across_workers(tmp_path):
    env = {**os.environ, "RATELIMIT_ENABLED": "true", "INSTANCE_PATH": str(tmp_path)}
    env.pop("RATELIMIT_STORAGE_URI", None)
    workers = [subprocess.Popen([sys.executable, "-c", SHARED], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                                env=env, cwd=os.getcwd()) for _ in range(2)]
    statuses = []
    for worker in workers:
        out, err = worker.communicate(timeout=60)
        assert worker.returncode == 0, err
        statuses += json.loads(out.strip().splitlines()[-1])
    assert sorted(statuses) == [200, 200, 200, 429, 429, 429]  # 3 per minute for the host, not 3 per worker
    assert (tmp_path / "ratelimits.sqlite").exists()


def test_ratelimit_storage_uri_overrides_the_default(monkeypatch, tmp_path):
    from registry.config import load_config
    monkeypatch.setenv("SECRET_KEY", "x" * 32)
    monkeypatch.delenv("RATELIMIT_STORAGE_URI", raising=False)
    assert load_config({"APP_ENV": "production"})["RATELIMIT_STORAGE_URI"].startswith("sqlite-file:///")
    monkeypatch.setenv("RATELIMIT_STORAGE_URI", "redis://127.0.0.1:6379/0")
    assert load_config({"APP_ENV": "production"})["RATELIMIT_STORAGE_URI"] == "redis://127.0.0.1:6379/0"
