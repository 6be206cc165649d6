"""Fixtures for ingest tests: the seeds, and environments for subprocesses
(the `ingest` command, a Celery worker) that use this test's database."""

import contextlib
import os
import shutil
import subprocess
import sys
import threading
import uuid
from http.server import ThreadingHTTPServer
from pathlib import Path

import pytest
from django.conf import settings

SEEDS = Path(settings.BASE_DIR).parent / "shared" / "seeds"
MANAGE = Path(settings.BASE_DIR) / "manage.py"


@pytest.fixture
def seeds(tmp_path):
    """A copy of the seed articles (no gold.json) in a directory of their own."""
    folder = tmp_path / "seeds"
    folder.mkdir()
    for path in sorted(SEEDS.glob("*.txt")):
        shutil.copy(path, folder / path.name)
    assert len(list(folder.iterdir())) >= 5
    return folder


def database_url():
    db = settings.DATABASES["default"]
    user = db.get("USER") or "postgres"
    host = db.get("HOST") or "127.0.0.1"
    port = db.get("PORT") or 5432
    return f"postgres://{user}@{host}:{port}/{db['NAME']}"


def child_env(broker=None, queue=None, **extra):
    """Environment of a child process sharing this test's database (and broker)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("CELERY_")}
    env.update(DATABASE_URL=database_url(), SECRET_KEY=settings.SECRET_KEY, DB_CONN_MAX_AGE="0",
               PYTHONUNBUFFERED="1")
    if broker:
        env["CELERY_BROKER_URL"] = broker
    if queue:
        env["CELERY_TASK_DEFAULT_QUEUE"] = queue
        # Each test's broker keys, "unacked" included, stay apart from other runs'.
        env["CELERY_BROKER_KEYPREFIX"] = f"{queue}:"
    env.update({k: str(v) for k, v in extra.items()})
    return env


def manage(*args, env, timeout=120):
    return subprocess.run(
        [sys.executable, str(MANAGE), *args], env=env, cwd=settings.BASE_DIR,
        capture_output=True, text=True, timeout=timeout,
    )


@pytest.fixture
def queue_name():
    return f"test-ingest-{uuid.uuid4().hex[:12]}"


@contextlib.contextmanager
def serve(handler):
    """An HTTP server on 127.0.0.1 in a thread, for the length of the block; yields its base URL."""
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    httpd.daemon_threads = True
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{httpd.server_port}"
    finally:
        httpd.shutdown()
        httpd.server_close()
