"""The pipeline as deployed: a real Celery worker (subprocess) on Redis and PostgreSQL.

The test database is shared with the worker, so these tests use
transactional_db (committed rows). Each test has its own queue name.

A worker is stopped mid-write without any test hook in the code: the test
holds row locks on every Country, so the worker's first insert that refers to
a country (a pledge's donor, a meeting's participant) waits inside the
article's transaction. The test then sees that wait in pg_stat_activity and
SIGKILLs the worker.
"""

import json
import os
import signal
import subprocess
import sys
import time
from io import StringIO

import psycopg
import pytest
import redis
from django.conf import settings
from django.core.management import call_command

from ingest.models import FAILED, PARSED, PENDING, Article
from pledges.models import Coalition, Country, Meeting, Pledge

from .conftest import child_env, database_url, manage

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]

REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/15")


class Worker:
    def __init__(self, queue, log_path, **env):
        self.log_path = log_path
        self.log = open(log_path, "ab")
        self.process = subprocess.Popen(
            [sys.executable, "-m", "celery", "-A", "aidtracker", "worker", "-Q", queue,
             "-n", f"{queue}-{time.monotonic_ns()}@%h", "--concurrency", "2", "--loglevel", "INFO",
             "--without-gossip", "--without-mingle", "--without-heartbeat"],
            cwd=settings.BASE_DIR, env=child_env(broker=REDIS_URL, queue=queue, **env),
            stdout=self.log, stderr=subprocess.STDOUT, start_new_session=True,
        )
        self.wait_for("ready.", timeout=30)

    def output(self):
        with open(self.log_path, "rb") as handle:
            return handle.read().decode("utf-8", "replace")

    def wait_for(self, text, timeout):
        deadline = time.monotonic() + timeout
        while text not in self.output():
            if self.process.poll() is not None:
                raise AssertionError(f"worker exited:\n{self.output()[-3000:]}")
            if time.monotonic() > deadline:
                raise AssertionError(f"worker never printed {text!r}:\n{self.output()[-3000:]}")
            time.sleep(0.1)

    def kill(self):
        """SIGKILL the worker and its pool processes at once: no cleanup, no ack."""
        try:
            os.killpg(self.process.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        self.process.wait(timeout=10)

    def stop(self):
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.kill()
        self.log.close()


def load_reference():
    from pledges import reference

    reference.load(Country, Coalition)


@pytest.fixture(autouse=True)
def reference_rows(transactional_db):
    """Countries and coalitions, which the flush after a transactional test removes."""
    load_reference()


@pytest.fixture(scope="module", autouse=True)
def reference_rows_after(django_db_blocker):
    """Put the reference rows back for the tests that run after this module."""
    yield
    with django_db_blocker.unblock():
        load_reference()


@pytest.fixture
def workers(queue_name, tmp_path):
    started = []

    def start(**env):
        worker = Worker(queue_name, tmp_path / f"worker{len(started)}.log", **env)
        started.append(worker)
        return worker

    yield start
    for worker in started:
        worker.stop()
    client = redis.Redis.from_url(REDIS_URL)
    for key in client.scan_iter(f"{queue_name}:*"):
        client.delete(key)


@pytest.fixture
def broker_env(queue_name):
    return child_env(broker=REDIS_URL, queue=queue_name)


def records():
    """Everything the pipeline wrote, in a form two runs can be compared by."""
    pledges = sorted(
        (
            p.donor_id, p.kind, str(p.amount), p.currency, str(p.amount_eur), p.category, str(p.announced),
            tuple(sorted((i.system, i.quantity) for i in p.items.all())),
            tuple(sorted(e.article.sha256[:12] for e in p.evidence.all())),
        )
        for p in Pledge.objects.prefetch_related("items", "evidence__article")
    )
    meetings = sorted(
        (m.format, m.number, str(m.date), tuple(sorted(c.code for c in m.participants.all())),
         tuple(sorted(a.sha256[:12] for a in m.articles.all())))
        for m in Meeting.objects.prefetch_related("participants", "articles")
    )
    coalitions = sorted(
        (c.name, tuple(sorted(x.code for x in c.leaders.all())), tuple(sorted(x.code for x in c.members.all())))
        for c in Coalition.objects.prefetch_related("leaders", "members")
    )
    return {"pledges": pledges, "meetings": meetings, "coalitions": coalitions,
            "articles": Article.objects.count()}


def wipe():
    Article.objects.all().delete()
    Pledge.objects.all().delete()
    Meeting.objects.all().delete()
    Coalition.leaders.through.objects.all().delete()
    Coalition.members.through.objects.all().delete()


def clean_run(paths):
    """The reference: the same files ingested in-process (eager), on empty tables."""
    wipe()
    call_command("ingest", *map(str, paths), "--wait", stdout=StringIO(), stderr=StringIO())
    assert not Article.objects.exclude(status=PARSED).exists()
    return records()


def wait_until_parsed(count, timeout=60):
    deadline = time.monotonic() + timeout
    while Article.objects.count() < count or Article.objects.filter(status=PENDING).exists():
        assert time.monotonic() < deadline, list(Article.objects.values_list("pk", "status", "error"))
        time.sleep(0.2)
    assert Article.objects.filter(status=PARSED).count() == count, list(
        Article.objects.values_list("pk", "status", "error")
    )


class CountryLock:
    """Row locks on every Country, held by a connection of the test's own.

    Foreign keys to Country are checked at COMMIT (deferred): an article's
    transaction writes all its rows, then waits at COMMIT. A pending insert of
    the 17th Contact Group meeting also makes a writer of that meeting wait at
    its INSERT, with the rows before it written.
    """

    def __init__(self):
        self.conn = psycopg.connect(database_url().replace("postgres://", "postgresql://"))
        self.conn.execute("SELECT code FROM pledges_country FOR UPDATE").fetchall()
        self.conn.execute(
            "INSERT INTO pledges_meeting (format, number, location, virtual, is_synthetic) "
            "VALUES ('udcg', 17, '', false, false)"
        )

    def blocked_writers(self, timeout=30):
        """PIDs of backends waiting on a lock while inserting article records."""
        deadline = time.monotonic() + timeout
        with psycopg.connect(database_url().replace("postgres://", "postgresql://"), autocommit=True) as probe:
            while time.monotonic() < deadline:
                rows = probe.execute(
                    "SELECT pid, query FROM pg_stat_activity WHERE datname = current_database() "
                    "AND wait_event_type = 'Lock' AND (query ILIKE 'INSERT%%' OR query = 'COMMIT') "
                    "AND pid <> %s",
                    [self.conn.info.backend_pid],
                ).fetchall()
                if rows:
                    self.blocked_queries = [r[1] for r in rows]
                    return [r[0] for r in rows]
                time.sleep(0.05)
        raise AssertionError("no worker blocked mid-write")

    def release(self):
        self.conn.rollback()
        self.conn.close()


def unacked(queue):
    """Delivery tags of messages of `queue` delivered but not acknowledged."""
    client = redis.Redis.from_url(REDIS_URL)
    tags = []
    for tag, raw in client.hgetall(f"{queue}:unacked").items():
        _message, _exchange, routing_key = json.loads(raw)
        if routing_key == queue:
            tags.append(tag)
    return tags


def backends_alive(pids):
    with psycopg.connect(database_url().replace("postgres://", "postgresql://"), autocommit=True) as probe:
        return [r[0] for r in probe.execute(
            "SELECT pid FROM pg_stat_activity WHERE pid = ANY(%s)", [pids]).fetchall()]


def test_worker_ingests_the_seeds_like_a_clean_run_in_any_order(workers, broker_env, seeds):
    paths = sorted(seeds.glob("*.txt"))
    reference = clean_run(paths)
    assert reference["pledges"] and reference["articles"] == len(paths)
    wipe()

    workers()
    done = manage("ingest", *map(str, reversed(paths)), "--wait", env=broker_env)
    assert done.returncode == 0, done.stderr
    assert f"Parsed {len(paths)}, failed 0, pending 0." in done.stdout
    assert records() == reference

    # The same files again: nothing new, nothing doubled.
    again = manage("ingest", str(seeds), "--wait", env=broker_env)
    assert again.returncode == 0 and f"{len(paths)} already known" in again.stdout
    assert records() == reference


def test_worker_killed_mid_write_redelivers_and_ends_with_a_clean_runs_records(workers, broker_env, seeds, queue_name):
    paths = sorted(seeds.glob("*.txt"))
    reference = clean_run(paths)
    wipe()

    first = workers()
    lock = CountryLock()
    try:
        # The first seed (the 17th Contact Group meeting) blocks mid-write;
        # the others queue behind it in the worker's prefetch and pool.
        queued = manage("ingest", str(paths[0]), env=broker_env)
        assert queued.returncode == 0, queued.stderr
        blocked = lock.blocked_writers()
        queued = manage("ingest", str(seeds), env=broker_env)
        assert queued.returncode == 0, queued.stderr
        first.wait_for("received", timeout=10)
        time.sleep(0.5)
        first.kill()
    finally:
        lock.release()
    # The killed worker's open transactions die with their connections.
    deadline = time.monotonic() + 20
    while backends_alive(blocked):
        assert time.monotonic() < deadline, "orphaned backends still alive"
        time.sleep(0.1)
    assert Article.objects.filter(status=PENDING).exists()
    parsed_before = Article.objects.filter(status=PARSED).count()
    assert Pledge.objects.filter(evidence__article__status=PENDING).count() == 0  # nothing half-written

    # The killed worker's reserved messages were never acknowledged: Redis
    # keeps them aside until their visibility timeout runs out.
    assert unacked(queue_name), "the killed worker held no unacknowledged message"
    # A new worker, with a short visibility timeout, takes them back and
    # finishes the work.
    time.sleep(1.5)
    second = workers(CELERY_VISIBILITY_TIMEOUT=1)
    wait_until_parsed(len(paths))
    assert not unacked(queue_name)
    assert parsed_before < len(paths)
    print("blocked at:", lock.blocked_queries, "parsed before the restart:", parsed_before)
    assert records() == reference
    assert "received" in second.output()


def child_pids(pid):
    children = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat") as handle:
                    fields = handle.read().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == pid:
                children.append(int(entry))
    return children


def test_pool_process_killed_mid_write_is_rejected_and_redelivered_at_once(workers, broker_env, seeds):
    """reject_on_worker_lost: the worker itself survives and requeues the message."""
    path = sorted(seeds.glob("*.txt"))[0]
    reference = clean_run([path])
    wipe()
    worker = workers()
    lock = CountryLock()
    try:
        assert manage("ingest", str(path), env=broker_env).returncode == 0
        lock.blocked_writers()
        for pid in child_pids(worker.process.pid):
            os.kill(pid, signal.SIGKILL)
        worker.wait_for("WorkerLostError", timeout=20)
    finally:
        lock.release()
    wait_until_parsed(1, timeout=30)
    assert records() == reference


def test_transient_database_error_is_retried(workers, broker_env, seeds):
    path = sorted(seeds.glob("*.txt"))[0]
    worker = workers()
    lock = CountryLock()
    try:
        assert manage("ingest", str(path), env=broker_env).returncode == 0
        blocked = lock.blocked_writers()
        with psycopg.connect(database_url().replace("postgres://", "postgresql://"), autocommit=True) as admin:
            for pid in blocked:  # as a database restart or failover would
                admin.execute("SELECT pg_terminate_backend(%s)", [pid])
        worker.wait_for("Retry in", timeout=20)
    finally:
        lock.release()
    wait_until_parsed(1)
    assert Pledge.objects.exists()


def test_broker_unreachable_stores_pending_and_reparse_pending_completes(workers, broker_env, seeds):
    down = child_env(broker="redis://127.0.0.1:1/0")
    stored = manage("ingest", str(seeds), env=down)
    assert stored.returncode == 0, stored.stderr
    assert "Broker unreachable" in stored.stderr
    assert "reparse --pending" in stored.stderr
    total = len(list(seeds.glob("*.txt")))
    assert Article.objects.filter(status=PENDING).count() == total

    workers()
    later = manage("reparse", "--pending", env=broker_env)
    assert later.returncode == 0 and f"Queued {total} article(s)" in later.stdout
    wait_until_parsed(total)


# Loaded by the worker's interpreter at start-up (PYTHONPATH): the pledge stage raises, as a
# rule with a bug would. The parser is pure Python, so it can be imported before Django is.
BROKEN_STAGE = '''
import ingest.parser.pledges as stage

def _explode(*args, **kwargs):
    raise RuntimeError("a rule blew up in the worker")

stage._record = _explode
'''


def wait_for_status(pk, status, timeout=60):
    deadline = time.monotonic() + timeout
    while Article.objects.get(pk=pk).status != status:
        assert time.monotonic() < deadline, Article.objects.values_list("pk", "status", "error").get(pk=pk)
        time.sleep(0.2)
    return Article.objects.get(pk=pk)


def test_a_rule_that_raises_in_the_worker_fails_the_article_and_deletes_nothing(workers, broker_env, seeds, tmp_path):
    path = sorted(seeds.glob("*.txt"))[0]
    call_command("ingest", str(path), "--wait", stdout=StringIO(), stderr=StringIO())  # a good first parse
    article = Article.objects.get()
    before = records()
    assert article.status == PARSED and before["pledges"]

    patch = tmp_path / "broken"
    patch.mkdir()
    (patch / "sitecustomize.py").write_text(BROKEN_STAGE)
    broken = workers(PYTHONPATH=os.pathsep.join([str(patch), str(settings.BASE_DIR)]))
    assert manage("reparse", str(article.pk), env=broker_env).returncode == 0
    failed = wait_for_status(article.pk, FAILED)
    assert failed.error == "parser error: RuntimeError: a rule blew up in the worker"
    assert records() == before, "a crashing rule deleted nothing"
    broken.stop()

    workers()
    retried = manage("reparse", "--failed", env=broker_env)
    assert retried.returncode == 0, retried.stderr
    parsed = wait_for_status(article.pk, PARSED)
    assert parsed.error == "" and records() == before


def test_staff_corrections_survive_a_reparse_through_the_worker(workers, broker_env, staff_client):
    from pledges.models import Evidence, PledgeItem

    from ..admin_forms import post_change
    from .test_staff_corrections import TEXT

    from ingest import intake

    article = intake.store(TEXT)[0]
    call_command("reparse", str(article.pk), "--inline", stdout=StringIO())
    item, evidence, meeting = PledgeItem.objects.get(), Evidence.objects.get(), Meeting.objects.get()
    post_change(staff_client, f"/admin/pledges/pledgeitem/{item.pk}/change/", {"system": "IRIS-T SLM launchers"})
    post_change(staff_client, f"/admin/pledges/evidence/{evidence.pk}/change/", {"sentence": "Corrected by staff."})
    post_change(staff_client, f"/admin/pledges/meeting/{meeting.pk}/change/", {"location": "Lviv"})
    # a second article reads a pledge staff then delete
    other = intake.store("date 2024-05-07\nSpain will send six Leopard 2A4 tanks to Ukraine.")[0]
    call_command("reparse", str(other.pk), "--inline", stdout=StringIO())
    wrong = Pledge.objects.get(donor="ESP")
    staff_client.post(f"/admin/pledges/pledge/{wrong.pk}/delete/", {"post": "yes"})

    workers()
    before = {a.pk: a.parsed_at for a in Article.objects.all()}
    assert manage("reparse", "--all", env=broker_env).returncode == 0
    deadline = time.monotonic() + 60
    while any(a.parsed_at == before[a.pk] for a in Article.objects.all()):
        assert time.monotonic() < deadline, "the worker did not re-parse every article"
        time.sleep(0.2)
    assert list(PledgeItem.objects.filter(pledge__donor="DEU").values_list("system", flat=True)) == [
        "IRIS-T SLM launchers"]
    assert Evidence.objects.get(article=article).sentence == "Corrected by staff."
    assert list(Meeting.objects.values_list("pk", "location")) == [(meeting.pk, "Lviv")]
    assert list(Pledge.objects.filter(donor="ESP").values_list("pk", "review_status")) == [(wrong.pk, "rejected")]


EXPORT_REQUEST = """
from django.test import Client
response = Client(HTTP_HOST="localhost").get("/pledges/export.csv?donor=DEU&sort=-amount")
print("status", response.status_code, response.get("Location", ""))
"""


def test_a_large_export_is_written_by_a_real_worker_not_the_page(workers, broker_env, tmp_path, settings):
    """The page answers at once with the job's address; a worker writes the file."""
    from django.test import Client

    from pledges import exports
    from pledges.models import ExportJob
    from tests import factories

    a = factories.article()
    for i in range(8):
        factories.pledge("DEU", amount=1000 + i, currency="EUR", items=[("Gepard", i + 1)], evidence=[a])
    shared = {"EXPORT_DIR": str(tmp_path / "exports"), "EXPORT_ASYNC_ROWS": "3"}
    workers(**shared)
    asked = manage("shell", "--no-imports", "-c", EXPORT_REQUEST, env={**broker_env, **shared, "DEBUG": "1"})
    assert asked.returncode == 0, asked.stderr
    status = next(line for line in asked.stdout.splitlines() if line.startswith("status"))
    job = ExportJob.objects.get()
    assert status == f"status 302 /exports/{job.pk}/"
    deadline = time.monotonic() + 60
    while job.status != ExportJob.DONE:
        assert job.status != ExportJob.FAILED and time.monotonic() < deadline, job.error
        time.sleep(0.2)
        job.refresh_from_db()
    settings.EXPORT_DIR = shared["EXPORT_DIR"]
    settings.EXPORT_ASYNC_ROWS = 100
    streamed = b"".join(Client(HTTP_HOST="localhost").get("/pledges/export.csv?donor=DEU&sort=-amount").streaming_content)
    written = exports.file_of(job).read_bytes()
    # the worker's site is the child's "http://localhost"; the streamed one is the same host
    assert written == streamed and job.rows_written == 8
