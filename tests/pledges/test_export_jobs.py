"""Large exports as jobs: written by a worker to a file, followed on a page, then downloaded."""

import pytest
from django.urls import reverse

from pledges import export_slots, exports, tasks
from pledges.models import ExportJob
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def small_threshold(settings, tmp_path):
    settings.EXPORT_ASYNC_ROWS = 3
    settings.EXPORT_DIR = tmp_path / "exports"
    return settings


def many_pledges(n=6):
    a = factories.article()
    for i in range(n):
        factories.pledge("DEU", amount=1000 + i, currency="EUR", items=[("IRIS-T", 1)], evidence=[a])


def streamed_bytes(client, query):
    return b"".join(client.get("/pledges/export.csv?" + query).streaming_content)


def test_a_small_export_streams_as_before(client, small_threshold):
    many_pledges(2)
    response = client.get("/pledges/export.csv")
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    assert not ExportJob.objects.exists()


def test_a_large_export_becomes_a_job_whose_file_is_the_same_csv(client, small_threshold, settings):
    many_pledges(6)
    settings.EXPORT_ASYNC_ROWS = 100
    expected = streamed_bytes(client, "donor=DEU&sort=-amount")
    settings.EXPORT_ASYNC_ROWS = 3
    response = client.get("/pledges/export.csv?donor=DEU&sort=-amount")
    job = ExportJob.objects.get()
    assert response.status_code == 302 and response["Location"] == job.get_absolute_url()
    # no broker in the tests' settings: the job ran in this process
    assert job.status == ExportJob.DONE and job.rows_written == 6 and job.query == "donor=DEU&sort=-amount"
    page = client.get(job.get_absolute_url()).content.decode()
    assert "Ready" in page and reverse("export-download", args=[job.pk]) in page
    download = client.get(reverse("export-download", args=[job.pk]))
    assert download["Content-Disposition"].startswith("attachment")
    assert b"".join(download.streaming_content) == expected


def test_a_waiting_job_refreshes_and_a_failed_one_says_why(client, small_threshold):
    job = ExportJob.objects.create(query="", rows_expected=10)
    page = client.get(job.get_absolute_url()).content.decode()
    assert 'http-equiv="refresh"' in page and "10 rows to write" in page
    assert client.get(reverse("export-download", args=[job.pk])).status_code == 404
    job.status, job.error = ExportJob.FAILED, "The task queue is unreachable"
    job.save()
    page = client.get(job.get_absolute_url()).content.decode()
    assert "The export failed" in page and "refresh" not in page


def test_a_task_failure_is_kept_on_the_job(small_threshold, monkeypatch):
    job = ExportJob.objects.create(query="", rows_expected=1)

    def broken(*args, **kwargs):
        raise OSError("disk full")

    monkeypatch.setattr(exports, "write", broken)
    assert tasks.write_export(str(job.pk)) == ExportJob.FAILED
    job.refresh_from_db()
    assert job.status == ExportJob.FAILED and "disk full" in job.error


def test_old_exports_are_removed_with_their_files(small_threshold):
    many_pledges(1)
    job = ExportJob.objects.create(query="", rows_expected=1)
    exports.write(job)
    assert exports.file_of(job).exists()
    assert exports.remove_old(hours=0) == 1
    assert not exports.file_of(job).exists() and not ExportJob.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_progress_is_recorded_while_postgresql_copies_the_rows(small_threshold, monkeypatch):
    """Regression: a progress update on the connection the COPY holds waited for ever, so
    every export job of more than PROGRESS_EVERY bytes hung its worker."""
    import threading

    from django.db import DEFAULT_DB_ALIAS, connection, connections

    from pledges import export_copy

    if connection.vendor != "postgresql":
        pytest.skip("the COPY path is PostgreSQL's")
    many_pledges(6)
    monkeypatch.setattr(exports, "PROGRESS_EVERY", 1)  # report after every block
    monkeypatch.setattr(export_copy, "BLOCK", 1)  # a block per row, read while the COPY runs
    job = ExportJob.objects.create(query="donor=DEU", rows_expected=6)
    seen = []
    real_progress = exports._progress

    def watched(job):
        observer = connections.create_connection(DEFAULT_DB_ALIAS)  # the COPY holds the other one

        class Recorder:
            def __enter__(self):
                self.inner = real_progress(job)
                report = self.inner.__enter__()

                def record(rows, size):
                    report(rows, size)
                    with observer.cursor() as cursor:
                        cursor.execute("SELECT rows_written FROM pledges_exportjob WHERE id = %s", [job.pk])
                        seen.append(cursor.fetchone()[0])
                return record

            def __exit__(self, *exc):
                observer.close()
                return self.inner.__exit__(*exc)

        return Recorder()

    monkeypatch.setattr(exports, "_progress", watched)
    errors = []
    worker = threading.Thread(target=lambda: _run(exports.write, job, errors), daemon=True)
    worker.start()
    worker.join(timeout=60)
    assert not worker.is_alive(), "the export job hung"
    assert not errors, errors
    job.refresh_from_db()
    assert job.status == ExportJob.DONE and job.rows_written == 6
    assert len(seen) >= 3 and seen == sorted(seen) and 0 < seen[-1] <= 6  # committed as it went


def _run(function, job, errors):
    from django.db import connection

    try:
        function(job)
    except Exception as error:  # noqa: BLE001 - handed to the test's thread
        errors.append(error)
    finally:
        connection.close()


def test_the_same_view_exported_while_its_job_waits_shares_that_job(client, small_threshold):
    from datetime import timedelta

    from django.utils import timezone

    many_pledges(6)
    site = "http://testserver"
    waiting = ExportJob.objects.create(query="donor=DEU", site=site, rows_expected=6)
    response = client.get("/pledges/export.csv?donor=DEU")
    assert response["Location"] == waiting.get_absolute_url() and ExportJob.objects.count() == 1
    # another view, or a job no longer waiting, or one waiting suspiciously long: a new job
    client.get("/pledges/export.csv?donor=DEU&sort=-amount")
    assert ExportJob.objects.count() == 2
    ExportJob.objects.filter(pk=waiting.pk).update(created=timezone.now() - timedelta(hours=1))
    response = client.get("/pledges/export.csv?donor=DEU")
    assert response["Location"] != waiting.get_absolute_url() and ExportJob.objects.count() == 3
    fresh = ExportJob.objects.get(pk=response["Location"].split("/")[2])
    assert fresh.status == ExportJob.DONE and fresh.rows_written == 6  # written (no broker: here)
    response = client.get("/pledges/export.csv?donor=DEU")
    assert response["Location"] != fresh.get_absolute_url()  # a done job is not reused: data may have changed


def test_a_job_silent_for_long_says_its_worker_may_have_stopped(client, small_threshold):
    from datetime import timedelta

    from django.utils import timezone

    job = ExportJob.objects.create(query="donor=DEU", rows_expected=100, status=ExportJob.RUNNING,
                                   rows_written=40, progressed=timezone.now())
    page = client.get(job.get_absolute_url()).content.decode()
    assert "about 40 of 100 rows" in page and 'id="export-stalled"' not in page
    ExportJob.objects.filter(pk=job.pk).update(progressed=timezone.now() - timedelta(hours=1))
    page = client.get(job.get_absolute_url()).content.decode()
    assert 'id="export-stalled"' in page and "may have stopped" in page
    assert 'href="/pledges/export.csv?donor=DEU"' in page  # start it again, same view
    # and writing records when it last moved
    many_pledges(4)
    fresh = ExportJob.objects.create(query="donor=DEU", rows_expected=4)
    exports.write(fresh)
    fresh.refresh_from_db()
    assert fresh.status == ExportJob.DONE and fresh.progressed is not None and not fresh.stalled


def test_exports_beyond_the_streaming_cap_become_jobs_until_one_ends(client, small_threshold):
    """EXPORT_STREAMS_MAX streamed exports at once: the next waits as a job, not on a core."""
    small_threshold.EXPORT_STREAMS_MAX = 1
    many_pledges(2)
    first = client.get("/pledges/export.csv?donor=DEU")
    assert first.status_code == 200 and first.streaming  # still streaming: holds the one slot
    second = client.get("/pledges/export.csv?donor=DEU&sort=-amount")
    job = ExportJob.objects.get()
    assert second.status_code == 302 and second["Location"] == job.get_absolute_url()
    assert job.status == ExportJob.DONE and job.rows_written == 2
    b"".join(first.streaming_content)  # the download ends: the server closes the response
    third = client.get("/pledges/export.csv?donor=DEU")
    assert third.status_code == 200 and third.streaming and ExportJob.objects.count() == 1


def test_a_download_abandoned_midway_gives_its_slot_back(small_threshold):
    small_threshold.EXPORT_STREAMS_MAX = 1
    slot = export_slots.take()
    assert slot and export_slots.take() is None
    blocks = (block for block in (b"a", b"b"))
    held = export_slots.Holding(blocks, slot)
    next(iter(held))
    held.close()  # what the server does when the client goes away
    assert blocks.gi_frame is None  # the generator (and its COPY cursor) closed
    assert export_slots.take() == slot


def test_without_a_cache_to_count_slots_exports_still_stream(client, small_threshold):
    small_threshold.EXPORT_STREAMS_MAX = 1
    small_threshold.CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache",
                                          "LOCATION": "redis://127.0.0.1:1/0",  # nothing listens there
                                          "OPTIONS": {"socket_connect_timeout": 0.2}}}
    many_pledges(2)
    for _ in range(3):
        response = client.get("/pledges/export.csv")
        assert response.status_code == 200 and response.streaming
    assert not ExportJob.objects.exists()
