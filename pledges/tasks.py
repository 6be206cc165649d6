"""Celery tasks of the pledges app: writing large CSV exports, removing old ones."""

import logging

from celery import shared_task
from django.utils import timezone

from . import exports
from .models import ExportJob

log = logging.getLogger(__name__)


@shared_task(acks_late=True)
def write_export(job_id):
    """Write one export job's file. A failure is kept on the job (its page says it)."""
    job = ExportJob.objects.filter(pk=job_id).first()
    if job is None or job.status == ExportJob.DONE:
        return job.status if job else "missing"
    try:
        exports.write(job)
    except Exception as exc:  # noqa: BLE001 - any failure is the job's, shown on its page
        log.exception("export %s failed", job_id)
        ExportJob.objects.filter(pk=job_id).update(
            status=ExportJob.FAILED, error=f"{type(exc).__name__}: {exc}"[:2000], finished=timezone.now())
        return ExportJob.FAILED
    return ExportJob.DONE


@shared_task
def remove_old_exports():
    return exports.remove_old()
