FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PIP_NO_CACHE_DIR=1
WORKDIR /app

COPY . .
# Editable install: settings find templates/ and static/ beside the packages.
RUN pip install -e .
# Static files are collected at build time; the key here is for this step only.
RUN SECRET_KEY=collectstatic-only python manage.py collectstatic --noinput -v0

RUN useradd --create-home aidtracker && mkdir -p /data/exports && chown aidtracker /data/exports
USER aidtracker
EXPOSE 8000
# gunicorn.conf.py (in /app) sets the bind address, threaded workers and the access log.
CMD ["gunicorn", "aidtracker.wsgi"]
