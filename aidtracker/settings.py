"""AidTracker settings: every value comes from the environment.

With nothing set, the app runs on the embedded defaults (a SQLite file, Celery
tasks executed eagerly in-process) so a newcomer can start it with one command.
Production sets DATABASE_URL, CELERY_BROKER_URL, SECRET_KEY and ALLOWED_HOSTS.
"""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent

# A local, git-ignored `.env` (bin/demo writes one: DEBUG on, a generated SECRET_KEY, the
# SQLite file) fills in what the environment leaves unset, so every later `manage.py` command
# works as the README prints it. Real environment variables win; production has no `.env`
# (never copied into the image), so there DEBUG stays off and SECRET_KEY is required.
# AIDTRACKER_ENV_FILE names another file; empty, none is read (the tests set it so).
ENV_FILE = os.environ.get("AIDTRACKER_ENV_FILE", str(BASE_DIR / ".env"))
if ENV_FILE and Path(ENV_FILE).is_file():
    from dotenv import load_dotenv

    load_dotenv(ENV_FILE, override=False)


def envbool(name, default="0"):
    return os.environ.get(name, default).strip().lower() in ("1", "true", "yes", "on")


def envint(name, default):
    return int(os.environ.get(name, default))


def envlist(name, default=""):
    return [v.strip() for v in os.environ.get(name, default).split(",") if v.strip()]


DEBUG = envbool("DEBUG", "0")

SECRET_KEY = os.environ.get("SECRET_KEY", "").strip()  # a blank key is a missing key
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off")
    SECRET_KEY = "insecure-development-key-used-only-with-DEBUG-on"

ALLOWED_HOSTS = envlist("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]")
CSRF_TRUSTED_ORIGINS = envlist("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_filters",
    "rest_framework",
    "drf_spectacular",
    "simple_history",
    "axes",
    "pledges",
    "ingest",
]

MIDDLEWARE = [
    "aidtracker.health.HealthCheckMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # the edit history records who made a change (staff in the admin; none for a parse)
    "simple_history.middleware.HistoryRequestMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # login throttling: django-axes answers a locked-out login attempt (keep it last)
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "aidtracker.urls"
WSGI_APPLICATION = "aidtracker.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL") or f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=envint("DB_CONN_MAX_AGE", 60),
    )
}
# Each test run gets its own database, so concurrent runs never collide.
DATABASES["default"]["TEST"] = {
    "NAME": os.environ.get("TEST_DATABASE_NAME") or f"test_aidtracker_{os.getpid()}"
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-gb"
TIME_ZONE = os.environ.get("TIME_ZONE", "UTC")
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "staticfiles"))
STATICFILES_DIRS = [BASE_DIR / "static"]


def _plotly_js_dir():
    # plotly.py ships plotly.min.js; serving it from our static files keeps the
    # dashboard working offline without copying a vendored file into the repo.
    import plotly

    return os.path.join(os.path.dirname(plotly.__file__), "package_data")


STATICFILES_DIRS.append(("plotly", _plotly_js_dir()))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
# In production static files come from collectstatic's manifest (STATIC_ROOT).
WHITENOISE_USE_FINDERS = envbool("WHITENOISE_USE_FINDERS", "1" if DEBUG else "0")
WHITENOISE_MANIFEST_STRICT = False

LOGIN_URL = "/admin/login/"

# Login throttling (django-axes): after AXES_FAILURE_LIMIT wrong passwords for one username
# from one address, that pair is locked out for AXES_COOLOFF_MINUTES (a 429 page); a
# success resets the count. Per pair, so a stranger cannot lock staff out by their name alone.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_ENABLED = envbool("AXES_ENABLED", "1")
AXES_FAILURE_LIMIT = envint("AXES_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = timedelta(minutes=envint("AXES_COOLOFF_MINUTES", 15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = envbool("AXES_VERBOSE", "0")  # no banner on every command

# Security: strict by default, relaxed only when DEBUG is on (local development).
SECURE_SSL_REDIRECT = envbool("SECURE_SSL_REDIRECT", "0")
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if envbool("BEHIND_TLS_PROXY", "0") else None
SESSION_COOKIE_SECURE = envbool("SESSION_COOKIE_SECURE", "0" if DEBUG else "1")
CSRF_COOKIE_SECURE = envbool("CSRF_COOKIE_SECURE", "0" if DEBUG else "1")
SECURE_HSTS_SECONDS = envint("SECURE_HSTS_SECONDS", 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = envbool("SECURE_HSTS_INCLUDE_SUBDOMAINS", "0")
SECURE_HSTS_PRELOAD = envbool("SECURE_HSTS_PRELOAD", "0")
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"

# Celery: without a broker, tasks run eagerly in-process (embedded default).
CELERY_BROKER_URL = os.environ.get("CELERY_BROKER_URL", "")
CELERY_RESULT_BACKEND = os.environ.get("CELERY_RESULT_BACKEND", "") or None
CELERY_TASK_ALWAYS_EAGER = not CELERY_BROKER_URL
CELERY_TASK_EAGER_PROPAGATES = False
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = envint("CELERY_WORKER_PREFETCH_MULTIPLIER", 4)
CELERY_TASK_DEFAULT_QUEUE = os.environ.get("CELERY_TASK_DEFAULT_QUEUE", "aidtracker")
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "visibility_timeout": envint("CELERY_VISIBILITY_TIMEOUT", 3600),
    # A broker host that does not answer must not hang `ingest` or a web request.
    "socket_connect_timeout": envint("CELERY_BROKER_CONNECT_TIMEOUT", 5),
    # ... nor must one that accepts the connection and then never answers. Above the 1 s a
    # worker's BRPOP waits for a message, so an idle worker never times out.
    "socket_timeout": envint("CELERY_BROKER_SOCKET_TIMEOUT", 5),
}
# Kombu's Redis keys (queues, the shared "unacked" hash) under a prefix, so two
# deployments on one Redis database never redeliver each other's messages.
if os.environ.get("CELERY_BROKER_KEYPREFIX"):
    CELERY_BROKER_TRANSPORT_OPTIONS["global_keyprefix"] = os.environ["CELERY_BROKER_KEYPREFIX"]
# Keep a worker's database connection across tasks instead of reconnecting per article.
CELERY_DB_REUSE_MAX = envint("CELERY_DB_REUSE_MAX", 1000)
CELERY_TIMEZONE = TIME_ZONE
CELERY_BEAT_SCHEDULE = {
    "poll-feeds": {
        "task": "ingest.tasks.poll_feeds",
        "schedule": envint("FEED_POLL_SECONDS", 900),
    },
    # Articles stored while the broker was down are queued again automatically.
    "remove-old-exports": {
        "task": "pledges.tasks.remove_old_exports",
        "schedule": 3600,
    },
    "enqueue-pending": {
        "task": "ingest.tasks.enqueue_pending",
        "schedule": envint("PENDING_REQUEUE_SECONDS", 600),
        "kwargs": {"older_than_seconds": envint("PENDING_REQUEUE_SECONDS", 600)},
    },
}

# Feed fetching limits.
FETCH_TIMEOUT_SECONDS = envint("FETCH_TIMEOUT_SECONDS", 15)
FETCH_MAX_BYTES = envint("FETCH_MAX_BYTES", 5 * 1024 * 1024)
# Fetch from private, loopback and link-local addresses too (tests, intranet feeds).
FETCH_ALLOW_PRIVATE_ADDRESSES = envbool("FETCH_ALLOW_PRIVATE_ADDRESSES", "0")
# Large CSV exports (pledges/exports.py): above EXPORT_ASYNC_ROWS rows a Celery worker writes
# the file into EXPORT_DIR (shared by web and workers) and the browser waits on the job's page,
# so no page worker is held for a long export; files are removed after EXPORT_KEEP_HOURS.
EXPORT_ASYNC_ROWS = envint("EXPORT_ASYNC_ROWS", 50_000)
# At most this many exports stream from the web server at once; one asked for beyond them
# becomes an export job too (pledges/export_slots.py), so exports never take every core.
EXPORT_STREAMS_MAX = envint("EXPORT_STREAMS_MAX", 2)
EXPORT_DIR = Path(os.environ.get("EXPORT_DIR", BASE_DIR / "exports"))
EXPORT_KEEP_HOURS = envint("EXPORT_KEEP_HOURS", 24)
# The dashboard counts distinct articles inline up to this many records; above it the count
# needs a scan of every record's evidence, so the page fetches it afterwards (still exact).
ARTICLE_COUNT_INLINE_MAX = envint("ARTICLE_COUNT_INLINE_MAX", 10_000)

# Rendered analyst pages (dashboard, list, the deferred article count) are kept in this cache,
# keyed by the data their database snapshot holds (pledges.page_cache): a cached page is exact.
# CACHE_URL redis://host:6379/1 shares it between web workers (docker-compose); unset, each
# process keeps its own in memory. PAGE_CACHE_SECONDS=0 turns page caching off; the expiry also
# bounds what a database restored from a backup could serve from before the restore.
CACHE_URL = os.environ.get("CACHE_URL", "").strip()
CACHES = {
    "default": (
        {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": CACHE_URL,
         "KEY_PREFIX": os.environ.get("CACHE_KEY_PREFIX", "aidtracker"),
         "OPTIONS": {"socket_connect_timeout": 2, "socket_timeout": 2}}
        if CACHE_URL else
        {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "aidtracker-pages",
         "OPTIONS": {"MAX_ENTRIES": envint("CACHE_MAX_ENTRIES", 2000)}}
    )
}
PAGE_CACHE_SECONDS = envint("PAGE_CACHE_SECONDS", 600)

# The JSON API (pledges/api.py): read-only, anonymous like the pages, JSON only.
REST_FRAMEWORK = {
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_AUTHENTICATION_CLASSES": [],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.AllowAny"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "UNAUTHENTICATED_USER": None,
}
SPECTACULAR_SETTINGS = {
    "TITLE": "AidTracker API",
    "DESCRIPTION": "Military-aid pledges to Ukraine read from news articles: the list's pledges with its "
                   "filters, sort and pages; weapon systems pledged and delivered; countries. Read-only.",
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
}

INGEST_MAX_BYTES = envint("INGEST_MAX_BYTES", 10 * 1024 * 1024)
# A pasted article travels in the request body: room for twice the ingest limit, so a paste
# over the limit reaches the form and gets its message, not a bare "Bad Request".
DATA_UPLOAD_MAX_MEMORY_SIZE = 2 * INGEST_MAX_BYTES

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
}
