"""The README's first command on the embedded defaults: SQLite, eager tasks.

Runs the same steps as bin/demo (minus the install) in a temporary directory's
SQLite file, then serves the app and checks the pages a newcomer opens.
"""

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def _free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def demo_env(tmp_path):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DATABASE_URL", "CELERY_"))}
    env.update(DEBUG="1", DATABASE_URL=f"sqlite:///{tmp_path / 'demo.sqlite3'}")
    return env


def _manage(env, *args):
    result = subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=300
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout


def test_demo_steps_serve_pages_with_sample_data(demo_env):
    _manage(demo_env, "migrate", "--noinput", "-v0")
    _manage(demo_env, "load_reference")
    out = _manage(demo_env, "ingest", "sample_data/articles", "--wait")
    assert "6" in out  # six sample articles stored
    login = _manage(demo_env, "demo_user")
    assert "password" in login

    port = _free_port()
    server = subprocess.Popen(
        [sys.executable, "manage.py", "runserver", f"127.0.0.1:{port}", "--noreload"],
        cwd=ROOT, env=demo_env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    try:
        base = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 30
        while True:
            try:
                urllib.request.urlopen(base + "/healthz", timeout=2)
                break
            except OSError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.3)
        home = urllib.request.urlopen(base + "/", timeout=10).read().decode()
        listing = urllib.request.urlopen(base + "/pledges/", timeout=10).read().decode()
        admin_login = urllib.request.urlopen(base + "/admin/login/", timeout=10).read().decode()
        assert "Germany" in listing and "Sweden" in listing
        assert "plotly" in home.lower()
        assert "Log in" in admin_login
    finally:
        server.terminate()
        server.wait(timeout=10)
