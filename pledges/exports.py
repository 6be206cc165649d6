"""Large CSV exports as jobs: a Celery worker writes the file, a page shows the progress.

A full export of a million pledges takes tens of seconds; streamed from a page worker, it
holds that worker for all of it, and the pages of everyone else queue behind it. Exports
of more than EXPORT_ASYNC_ROWS rows are therefore written by a worker (the Celery pool
that parses articles) to EXPORT_DIR, the file web and workers share; the analyst's browser
waits on the job's page, which offers the file when it is ready. Smaller exports stream as
before. The job rebuilds the very queryset of the list from the stored GET parameters, so
the file holds exactly the rows the view would have streamed, in the same bytes.
"""

from __future__ import annotations

import os
from contextlib import contextmanager
from datetime import timedelta
from pathlib import Path

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, connection, connections
from django.http import QueryDict
from django.utils import timezone

from ingest.tasks import PUBLISH_RETRY_POLICY

from . import export, summary, tables
from .models import ExportJob, Pledge

PROGRESS_EVERY = 2 * 1024 * 1024  # bytes between two progress updates of a job
# A queued job older than this is not shared: its message may be lost; a new job is safer.
SHARE_QUEUED_FOR = timedelta(minutes=15)


def directory() -> Path:
    path = Path(settings.EXPORT_DIR)
    path.mkdir(parents=True, exist_ok=True)
    return path


def file_of(job: ExportJob) -> Path:
    return directory() / f"{job.pk}.csv"


def expected_rows(filterset) -> int:
    """How many rows the export would hold, counted at most to the threshold plus one."""
    count = summary.pledge_count(filterset, filterset.qs)
    if count is not None:
        return count
    return filterset.qs.order_by()[: settings.EXPORT_ASYNC_ROWS + 1].count()


def start(query: str, site: str, rows_expected: int) -> tuple[ExportJob, str | None]:
    """Store the job and queue its writing; returns (job, broker error or None)."""
    from .tasks import write_export

    # Analysts asking for the same view while its job still waits share that job: it reads
    # the rows only when it runs, so its file is as fresh as a second one would be (a job
    # already writing read its rows before this request, so it is not shared).
    waiting = ExportJob.objects.filter(
        status=ExportJob.QUEUED, query=query, site=site, created__gte=timezone.now() - SHARE_QUEUED_FOR,
    ).order_by("created").first()
    if waiting is not None:
        return waiting, None
    job = ExportJob.objects.create(query=query, site=site, rows_expected=rows_expected)
    if write_export.app.conf.task_always_eager:
        write_export.apply(args=[str(job.pk)])  # no broker: written here and now
        return job, None
    try:
        write_export.apply_async(args=[str(job.pk)], retry=True, retry_policy=PUBLISH_RETRY_POLICY)
    except Exception as exc:  # kombu's OperationalError, socket errors
        job.status, job.error = ExportJob.FAILED, f"The task queue is unreachable ({type(exc).__name__}); try again later."
        job.save(update_fields=["status", "error"])
        return job, job.error
    return job, None


def queryset_of(job: ExportJob):
    from .filters import PledgeFilter

    params = QueryDict(job.query)
    filterset = PledgeFilter(params, queryset=Pledge.objects.all())
    return tables.ordered(filterset.qs, tables.sort_key(params.get("sort")))


def write(job: ExportJob) -> None:
    """Write the job's CSV to its file (a temporary name, renamed when complete)."""
    ExportJob.objects.filter(pk=job.pk).update(status=ExportJob.RUNNING, progressed=timezone.now())
    target = file_of(job)
    partial = target.with_suffix(".part")
    written = size = reported = 0
    with open(partial, "wb") as out, _progress(job) as report:
        for block in export.byte_blocks(queryset_of(job), site=job.site):
            out.write(block)
            size += len(block)
            written += block.count(b"\n")
            if size - reported >= PROGRESS_EVERY:
                report(max(0, written - 1), size)
                reported = size
    os.replace(partial, target)
    ExportJob.objects.filter(pk=job.pk).update(
        status=ExportJob.DONE, rows_written=max(0, written - 1), size=size, finished=timezone.now())


@contextmanager
def _progress(job: ExportJob):
    """A function recording how far the job is. On PostgreSQL the COPY holds the connection
    until its last row (a query on it meanwhile would wait for ever), so progress goes
    through a second connection, each update committed at once."""
    if connection.vendor != "postgresql":
        yield lambda rows, size: ExportJob.objects.filter(pk=job.pk).update(
            rows_written=rows, size=size, progressed=timezone.now())
        return
    side = connections.create_connection(DEFAULT_DB_ALIAS)
    sql = f"UPDATE {ExportJob._meta.db_table} SET rows_written = %s, size = %s, progressed = now() WHERE id = %s"

    def report(rows, size):
        with side.cursor() as cursor:
            cursor.execute(sql, [rows, size, job.pk])

    try:
        yield report
    finally:
        side.close()


def remove_old(hours: int | None = None) -> int:
    """Delete jobs and files older than EXPORT_KEEP_HOURS; returns how many jobs went."""
    hours = settings.EXPORT_KEEP_HOURS if hours is None else hours
    old = ExportJob.objects.filter(created__lt=timezone.now() - timedelta(hours=hours))
    for job in old:
        file_of(job).unlink(missing_ok=True)
        file_of(job).with_suffix(".part").unlink(missing_ok=True)
    return old.delete()[0]
