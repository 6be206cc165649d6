"""The README's commands, as printed, from a fresh clone in a temporary directory.

bin/demo (its server started, its pages read, then stopped; run twice: the login stays the
same), a management command through bin/manage, then bin/test on one small test module.
A newcomer's environment has none of this test run's settings: they are taken out.
"""

import os
import re
import subprocess
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
# what a newcomer's shell does not have (the tests' own settings, a CI's database)
NOT_A_NEWCOMERS = ("DATABASE_URL", "CELERY_", "DEBUG", "SECRET_KEY", "AIDTRACKER_", "DJANGO_", "PYTEST_", "VIRTUAL_ENV")


@pytest.fixture(scope="module")
def clone(tmp_path_factory):
    where = tmp_path_factory.mktemp("readme") / "aidtracker"
    subprocess.run(["git", "clone", "-q", str(ROOT), str(where)], check=True, timeout=120)
    # the corpus the parser gates read sits beside the checkout, as it does beside this one
    shared = ROOT.parent / "shared"
    if shared.exists() and not (where.parent / "shared").exists():
        (where.parent / "shared").symlink_to(shared)
    return where


def newcomer_env(**extra):
    env = {k: v for k, v in os.environ.items() if not k.startswith(NOT_A_NEWCOMERS)}
    env.update(extra)
    return env


def run_demo(clone, port):
    """Start bin/demo, wait for its pages; returns (process, output so far)."""
    demo = subprocess.Popen(["bin/demo"], cwd=clone, env=newcomer_env(PORT=str(port)),
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    lines, deadline = [], time.monotonic() + 600
    for line in demo.stdout:
        lines.append(line)
        if "AidTracker is running" in line:
            break
        assert time.monotonic() < deadline, "".join(lines)
    assert demo.poll() is None, "".join(lines)
    base = f"http://127.0.0.1:{port}"
    for _ in range(100):
        try:
            urllib.request.urlopen(base + "/healthz", timeout=2)
            break
        except OSError:
            time.sleep(0.3)
    return demo, "".join(lines)


def stop(demo):
    demo.terminate()
    try:
        demo.wait(timeout=20)
    except subprocess.TimeoutExpired:
        demo.kill()


def password_in(output):
    found = re.search(r"user 'demo', password '([^']+)'", output)
    assert found, output
    return found.group(1)


@pytest.mark.readme
def test_the_readme_commands_work_as_printed_from_a_fresh_clone(clone):
    port = 18000 + os.getpid() % 1000
    demo, first = run_demo(clone, port)
    try:
        listing = urllib.request.urlopen(f"http://127.0.0.1:{port}/pledges/", timeout=10).read().decode()
        assert "Germany" in listing
        assert "Reference data" in first and "0 created" not in first  # words a newcomer reads as success
    finally:
        stop(demo)
    env = (clone / ".env").read_text()
    assert "DEBUG=1" in env and "SECRET_KEY=" in env

    demo, second = run_demo(clone, port)
    stop(demo)
    assert password_in(second) == password_in(first)  # the demo login stays the same
    assert "already up to date" in second

    reparse = subprocess.run(["bin/manage", "reparse", "--all", "--inline"], cwd=clone, env=newcomer_env(),
                             capture_output=True, text=True, timeout=300)
    assert reparse.returncode == 0, reparse.stdout + reparse.stderr
    assert "parsed, 0 failed" in reparse.stdout, reparse.stdout

    # the test command on one small module, with the services this run uses
    services = {k: os.environ[k] for k in ("DATABASE_URL", "TEST_REDIS_URL") if k in os.environ}
    tests = subprocess.run(["bin/test", "tests/test_health.py", "-q", "-p", "no:cacheprovider"], cwd=clone,
                           env=newcomer_env(**services), capture_output=True, text=True, timeout=900)
    assert tests.returncode == 0, tests.stdout[-3000:] + tests.stderr[-3000:]
    assert re.search(r"\d+ passed", tests.stdout), tests.stdout[-2000:]
