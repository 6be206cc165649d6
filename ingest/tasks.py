"""Celery tasks: parse an article into records, poll feeds, queue what is pending.

`parse_article` is safe to run any number of times for one article (a
redelivered message, a re-parse): the writer replaces what an earlier run of
this article wrote, in the same transaction that marks the article parsed.
"""

from __future__ import annotations

import logging
from contextlib import contextmanager
from datetime import timedelta

from celery import shared_task
from django.db import InterfaceError, OperationalError, connection, transaction
from django.utils import timezone

from .models import FAILED, PARSED, PENDING, Article, Feed

log = logging.getLogger(__name__)

# Errors after which the same work may succeed: a restarted or failed-over
# database, a dropped connection, a lock or statement timeout.
TRANSIENT_DB_ERRORS = (OperationalError, InterfaceError)

# Publishing gives up quickly when the broker is down: the article is already
# stored as pending and `reparse --pending` queues it later.
PUBLISH_RETRY_POLICY = {"max_retries": 2, "interval_start": 0, "interval_step": 0.5, "interval_max": 1}

ERROR_MAX_CHARS = 2000


def parser_version():
    from .parser import PARSER_VERSION

    return PARSER_VERSION


def parse_and_write(article_id):
    """Parse one article and store its records. Returns the article's new status.

    Any error but a transient database one marks the article failed with a
    readable message; nothing of a failed write remains (one transaction).
    """
    from .parser import parse
    from .writer import write

    try:
        with transaction.atomic():
            # The row lock makes two deliveries of one article take turns.
            article = Article.objects.select_for_update().filter(pk=article_id).first()
            if article is None:
                log.warning("parse_article: article %s no longer exists", article_id)
                return None
            try:
                result = parse(article.text, published=article.published)
            except Exception as exc:  # a parser bug must not take the worker down
                log.exception("parser failed on article %s", article_id)
                return _mark_failed(article_id, f"parser error: {type(exc).__name__}: {exc}")
            summary = write(article, result, savepoint=False)
            article.status = PARSED
            article.error = ""
            article.parser_version = parser_version()
            article.save(update_fields=[
                "status", "error", "parser_version", "parsed_at", "title", "published", "updated",
            ])
    except TRANSIENT_DB_ERRORS:
        raise
    except Exception as exc:
        log.warning("writing article %s failed: %s", article_id, exc)
        return _mark_failed(article_id, f"write error: {type(exc).__name__}: {exc}")
    # The commands and the worker log report outcomes already; this is for debugging.
    log.debug("article %s parsed: %s", article_id, summary)
    return PARSED


def _mark_failed(article_id, message):
    Article.objects.filter(pk=article_id).update(
        status=FAILED,
        error=message[:ERROR_MAX_CHARS],
        parser_version=parser_version(),
        parsed_at=timezone.now(),
        updated=timezone.now(),
    )
    return FAILED


@shared_task(
    bind=True,
    acks_late=True,
    reject_on_worker_lost=True,
    autoretry_for=TRANSIENT_DB_ERRORS,
    retry_backoff=2,
    retry_backoff_max=120,
    retry_jitter=True,
    max_retries=6,
)
def parse_article(self, article_id):
    try:
        return parse_and_write(article_id)
    except TRANSIENT_DB_ERRORS:
        # The connection may be dead: let the retry open a fresh one.
        connection.close()
        raise


def enqueue(article_ids, on_each=None):
    """Queue parsing of `article_ids`. Returns (queued, broker_error or None).

    Stops at the first publishing failure: the rest stay pending in the
    database, which is the queue of record. Without a broker (eager tasks)
    each article is parsed here, and `on_each(article_id, status)` hears how
    it went; with a broker it hears (article_id, None) once it is queued.
    """
    queued = 0
    eager = parse_article.app.conf.task_always_eager
    for article_id in article_ids:
        if eager:
            # `apply` is what apply_async does when eager, without first
            # opening a producer on a broker that is not there.
            status = parse_article.apply(args=[article_id]).result
            queued += 1
            if on_each:
                on_each(article_id, status if isinstance(status, str) else None)
            continue
        try:
            parse_article.apply_async(args=[article_id], retry=True, retry_policy=PUBLISH_RETRY_POLICY)
        except Exception as exc:  # kombu's OperationalError, socket errors
            return queued, f"{type(exc).__name__}: {exc}"
        queued += 1
        if on_each:
            on_each(article_id, None)
    return queued, None


@contextmanager
def quiet_task_logs():
    """Leave out Celery's "Task ... succeeded" line per eager task.

    The commands print their own progress line and summary; failures are
    still logged (at WARNING and above).
    """
    logger = logging.getLogger("celery.app.trace")
    level = logger.level
    logger.setLevel(logging.WARNING)
    try:
        yield
    finally:
        logger.setLevel(level)


@shared_task
def enqueue_pending(older_than_seconds=0):
    """Queue every pending article (those stored while the broker was down)."""
    pending = Article.objects.filter(status=PENDING)
    if older_than_seconds:
        pending = pending.filter(updated__lt=timezone.now() - timedelta(seconds=older_than_seconds))
    ids = list(pending.order_by("pk").values_list("pk", flat=True))
    queued, error = enqueue(ids)
    if error:
        log.warning("enqueue_pending: queued %s of %s, broker error: %s", queued, len(ids), error)
    return queued


@shared_task
def poll_feeds():
    """Beat task: poll every active feed (one task per feed)."""
    ids = list(Feed.objects.filter(active=True).values_list("pk", flat=True))
    for feed_id in ids:
        poll_feed.delay(feed_id)
    return len(ids)


@shared_task(acks_late=True)
def poll_feed(feed_id):
    from .feeds import poll

    feed = Feed.objects.filter(pk=feed_id, active=True).first()
    if feed is None:
        return 0
    new_ids = poll(feed)
    enqueue(new_ids)
    return len(new_ids)
