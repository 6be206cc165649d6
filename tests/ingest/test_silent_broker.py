"""A broker that accepts connections and never answers: publishing gives up within seconds.

The listener below is a real TCP server that accepts and then stays silent (as a hung Redis
or a half-open proxy would). The command and the admin run in child processes configured
with it as their broker, against this test's PostgreSQL database.
"""

import contextlib
import re
import socket
import textwrap
import threading
import time

import pytest

from ingest.models import Article

from .conftest import child_env, manage

pytestmark = pytest.mark.django_db(transaction=True)

ANSWER_WITHIN = 10  # seconds


@contextlib.contextmanager
def silent_broker():
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(64)
    accepted = []

    def accept():
        while True:
            try:
                accepted.append(server.accept()[0])
            except OSError:
                return

    threading.Thread(target=accept, daemon=True).start()
    try:
        yield f"redis://127.0.0.1:{server.getsockname()[1]}/0", accepted
    finally:
        server.close()
        for connection in accepted:
            connection.close()


def test_ingest_command_returns_and_leaves_the_article_pending(tmp_path):
    path = tmp_path / "news.txt"
    path.write_text("date 2024-05-01\nNorway will send Ukraine two NASAMS launchers.\n", encoding="utf-8")
    with silent_broker() as (url, accepted):
        started = time.monotonic()
        done = manage("ingest", str(path), env=child_env(broker=url), timeout=60)
        elapsed = time.monotonic() - started
    assert accepted, "the command never reached the listener"
    assert elapsed < ANSWER_WITHIN, (elapsed, done.stdout, done.stderr)
    assert done.returncode == 0, done.stderr
    assert "Broker unreachable" in done.stderr and "reparse --pending" in done.stderr
    assert Article.objects.get().status == "pending"


ADMIN_PASTE = textwrap.dedent("""
    import time
    from django.contrib.auth import get_user_model
    from django.test import Client
    user = get_user_model().objects.create_superuser("silent", "s@example.org", "silent-pass-1")
    client = Client(HTTP_HOST="localhost")
    client.force_login(user)
    started = time.monotonic()
    response = client.post("/admin/ingest/article/add/", {
        "text": "date 2024-05-02\\nDenmark will deliver 19 F-16 jets to Ukraine.", "url": "", "title": "",
        "outlet": "", "published": ""}, follow=True)
    print("status", response.status_code, "seconds", round(time.monotonic() - started, 1))
    print(response.content.decode())
""")


def test_admin_paste_answers_and_says_the_article_waits(tmp_path):
    with silent_broker() as (url, accepted):
        started = time.monotonic()
        # DEBUG: the admin page renders its static files from the finders, without collectstatic
        done = manage("shell", "--no-imports", "-c", ADMIN_PASTE, env=child_env(broker=url, DEBUG="1"), timeout=60)
        elapsed = time.monotonic() - started
    assert accepted
    assert done.returncode == 0, done.stderr
    status_line = next(line for line in done.stdout.splitlines() if line.startswith("status "))
    assert status_line.startswith("status 200"), status_line
    assert float(status_line.split()[-1]) < ANSWER_WITHIN and elapsed < ANSWER_WITHIN + 10
    assert "the broker is unreachable" in done.stdout  # the admin's own message, not a hang
    article = Article.objects.get()
    assert article.status == "pending" and "F-16" in article.text


def test_beat_reports_the_silent_broker_and_keeps_trying(tmp_path):
    """Beat publishes its schedule through the same transport options: it says what is wrong
    and retries, instead of blocking on its first publish."""
    import subprocess
    import sys

    from django.conf import settings

    with silent_broker() as (url, accepted):
        env = child_env(broker=url, FEED_POLL_SECONDS="1")
        beat = subprocess.Popen(
            [sys.executable, "-m", "celery", "-A", "aidtracker", "beat", "-l", "info",
             "-s", str(tmp_path / "beat-schedule")],
            env=env, cwd=settings.BASE_DIR, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
        )
        try:
            output, _ = beat.communicate(timeout=ANSWER_WITHIN + 5)
        except subprocess.TimeoutExpired:
            beat.terminate()
            output, _ = beat.communicate(timeout=10)
    assert accepted
    # redis-py names the socket ("from socket") or, from 8.x, its address ("from 127.0.0.1:port")
    assert re.search(r"Timeout reading from (socket|127\.0\.0\.1:\d+)", output), output[-2000:]
