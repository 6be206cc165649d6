"""gunicorn's settings for production (read from the working directory: Dockerfile,
docker-compose and bench/load.py all start gunicorn here). Values from the environment.

Threaded workers (gthread): a streamed CSV export of a filtered view takes seconds, and a
sync worker would hold its only slot for all of them, so pages queued behind exports. With
threads, each worker serves pages beside a running export; exports of more than
EXPORT_ASYNC_ROWS rows go to a Celery worker anyway (pledges/exports.py).
"""

import os

bind = os.environ.get("GUNICORN_BIND", "0.0.0.0:8000")
workers = int(os.environ.get("GUNICORN_WORKERS", "3"))
worker_class = "gthread"
threads = int(os.environ.get("GUNICORN_THREADS", "4"))
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "120"))
accesslog = os.environ.get("GUNICORN_ACCESS_LOG", "-") or None
