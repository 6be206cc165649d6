"""Production defaults: DEBUG off, SECRET_KEY required, deploy check clean."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _run(args, **env):
    # A fresh process sees only what production would: no test-only switches.
    dropped = ("DEBUG", "SECRET_KEY", "DJANGO_ALLOW_ASYNC_UNSAFE")
    base = {k: v for k, v in os.environ.items() if k not in dropped}
    base.update(env)
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=base, capture_output=True, text=True, timeout=120
    )


def test_debug_is_off_and_secret_key_required_by_default():
    result = _run(["check"])
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_a_blank_secret_key_is_a_missing_one():
    for blank in (" ", "\t", "  \n"):
        result = _run(["check"], SECRET_KEY=blank)
        assert result.returncode != 0 and "SECRET_KEY must be set" in result.stderr


def test_deploy_check_is_clean_with_production_settings():
    result = _run(
        ["check", "--deploy", "--fail-level", "WARNING"],
        SECRET_KEY="a-long-random-production-key-" + "x" * 40,
        SECURE_SSL_REDIRECT="1",
        SECURE_HSTS_SECONDS="31536000",
        SECURE_HSTS_INCLUDE_SUBDOMAINS="1",
        SECURE_HSTS_PRELOAD="1",
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_migrations_are_in_step_with_models():
    result = _run(["makemigrations", "--check", "--dry-run"], SECRET_KEY="x")
    assert result.returncode == 0, result.stdout + result.stderr
