#!/usr/bin/env python
"""Ingest benchmark: N articles end to end through a real Celery worker.

    .venv/bin/python bench/ingest.py [--articles 1000] [--concurrency 2] [--keep]

Creates a database of its own on the PostgreSQL server of DATABASE_URL
(default postgres://postgres@127.0.0.1:5432/postgres), migrates it, starts a
worker (`celery -A aidtracker worker`) on Redis (BENCH_REDIS_URL, default
redis://127.0.0.1:6379/14) with a queue of its own, then stores N articles
(intake: decode, deduplicate, insert) and queues them, and waits until every
one is parsed or failed. Prints articles/s for storing and end to end
(storing + queueing + parsing + writing, first article stored to last one
committed). Target: >= 50 articles/s end to end. The database is dropped at
the end unless --keep.

Articles are the seeds (../shared/seeds) or the sample articles, each copy
dated a day later and given a line of its own, so every one is a new article
and pledges merge across copies as they would across outlets.
"""

import argparse
import os
import re
import signal
import subprocess
import sys
import time
import uuid
from datetime import date, timedelta
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
TARGET = 50.0


def sources():
    for folder in (ROOT.parent / "shared" / "seeds", ROOT / "sample_data" / "articles"):
        files = sorted(p for p in folder.glob("*.txt")) if folder.is_dir() else []
        if files:
            return [p.read_text(encoding="utf-8") for p in files]
    raise SystemExit("no article files found in ../shared/seeds or sample_data/articles")


def variants(texts, count):
    """`count` distinct articles: seed i % n, dated i days after 2023-06-01."""
    start = date(2023, 6, 1)
    for i in range(count):
        text = re.sub(r"^\s*date \d{4}-\d{2}-\d{2}\s*", "", texts[i % len(texts)], count=1)
        day = start + timedelta(days=i // len(texts))
        yield f"date {day.isoformat()}\n{text}\n\nBenchmark copy {i}."


def database_urls(name):
    base = os.environ.get("DATABASE_URL") or "postgres://postgres@127.0.0.1:5432/postgres"
    parts = urlsplit(base)
    if not parts.scheme.startswith("postgres"):
        raise SystemExit("bench/ingest.py needs PostgreSQL: set DATABASE_URL=postgres://...")
    admin = urlunsplit(parts._replace(path="/postgres", scheme="postgresql"))
    return admin, urlunsplit(parts._replace(path=f"/{name}"))


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--concurrency", type=int, default=os.cpu_count() or 2)
    parser.add_argument("--keep", action="store_true", help="keep the benchmark database")
    parser.add_argument("--timeout", type=float, default=600)
    args = parser.parse_args()

    import psycopg

    name = f"aidtracker_bench_ingest_{os.getpid()}"
    admin_url, db_url = database_urls(name)
    broker = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/14")
    queue = f"bench-ingest-{uuid.uuid4().hex[:8]}"
    with psycopg.connect(admin_url, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')

    env = {k: v for k, v in os.environ.items() if not k.startswith("CELERY_")}
    env.update(
        DATABASE_URL=db_url, CELERY_BROKER_URL=broker, CELERY_TASK_DEFAULT_QUEUE=queue,
        SECRET_KEY=os.environ.get("SECRET_KEY") or "benchmark-only-not-a-secret",
        DJANGO_SETTINGS_MODULE="aidtracker.settings", LOG_LEVEL="WARNING",
    )
    os.environ.update(env)
    worker = None
    try:
        import django

        django.setup()
        from django.core.management import call_command

        call_command("migrate", verbosity=0)

        from ingest.intake import store
        from ingest.models import FAILED, PENDING, Article
        from ingest.tasks import enqueue
        from pledges.models import Pledge

        worker_log = open(f"/tmp/{queue}.log", "wb")
        worker = subprocess.Popen(
            [sys.executable, "-m", "celery", "-A", "aidtracker", "worker", "-Q", queue,
             "-n", f"{queue}@%h", "--concurrency", str(args.concurrency), "--loglevel", os.environ.get("BENCH_WORKER_LOGLEVEL", "WARNING"),
             "--without-gossip", "--without-mingle", "--without-heartbeat"],
            cwd=ROOT, env=env, stdout=worker_log, stderr=subprocess.STDOUT, start_new_session=True,
        )
        from aidtracker.celery import app

        deadline = time.monotonic() + 60
        while not app.control.inspect(timeout=1, destination=[f"{queue}@{os.uname().nodename}"]).ping():
            if worker.poll() is not None or time.monotonic() > deadline:
                raise SystemExit(f"worker did not start; see /tmp/{queue}.log")

        texts = list(variants(sources(), args.articles))
        started = time.monotonic()
        ids = []
        for text in texts:
            article, _ = store(text)
            ids.append(article.pk)
        stored = time.monotonic()
        queued, error = enqueue(ids)
        if error:
            raise SystemExit(f"broker error: {error}")
        while Article.objects.filter(status=PENDING).exists():
            if time.monotonic() - started > args.timeout:
                raise SystemExit("timed out waiting for the worker")
            time.sleep(0.05)
        finished = time.monotonic()

        total = len(ids)
        failed = Article.objects.filter(status=FAILED).count()
        end_to_end = total / (finished - started)
        print(f"articles          {total} ({len(set(ids))} distinct), {failed} failed")
        print(f"pledges written   {Pledge.objects.count()}")
        from django.conf import settings

        reuse = getattr(settings, "CELERY_DB_REUSE_MAX", None)
        print(f"worker            celery prefork, concurrency {args.concurrency}, broker {broker}, "
              f"CELERY_DB_REUSE_MAX={reuse}"
              + ("" if reuse else " (the worker reconnects to PostgreSQL for every task)"))
        print(f"store             {total / (stored - started):8.1f} articles/s")
        print(f"end to end        {end_to_end:8.1f} articles/s  ({finished - started:.1f} s)"
              f"  target >= {TARGET:.0f}/s {'ok' if end_to_end >= TARGET else 'MISSED'}")
    finally:
        if worker is not None and worker.poll() is None:
            os.killpg(worker.pid, signal.SIGTERM)
            worker.wait(timeout=30)
        import redis

        redis.Redis.from_url(broker).delete(
            queue, f"_kombu.binding.{queue}", f"_kombu.binding_permanent.{queue}"
        )
        from django.db import connections

        connections.close_all()
        if not args.keep:
            with psycopg.connect(admin_url, autocommit=True) as conn:
                conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        else:
            print(f"kept database {name}")


if __name__ == "__main__":
    main()
