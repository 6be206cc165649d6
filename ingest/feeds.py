"""Polling one RSS/Atom feed: fetch it, store each new entry's page as an Article."""

from __future__ import annotations

import logging
from datetime import date

import feedparser
from django.utils import timezone

from .fetch import FetchError, fetch
from .intake import Refused, store
from .models import Article

log = logging.getLogger(__name__)

# Entries fetched per poll: a feed that suddenly lists thousands of links is
# read over several polls instead of holding one worker for an hour.
MAX_ENTRIES_PER_POLL = 200


def _unread_entries(entries):
    """(link, entry) of the entries whose link is not stored yet, in feed order, each link once.

    Known links are looked up in batches (one query per thousand links), not one by one."""
    links = []
    for entry in entries:
        link = (entry.get("link") or "").strip()
        if link:
            links.append((link, entry))
    known = set()
    urls = list(dict.fromkeys(link for link, _ in links))
    for i in range(0, len(urls), 1000):
        known.update(Article.objects.filter(url__in=urls[i:i + 1000]).values_list("url", flat=True))
    seen, unread = set(), []
    for link, entry in links:
        if link not in known and link not in seen:
            seen.add(link)
            unread.append((link, entry))
    return unread


def _entry_date(entry):
    parsed = entry.get("published_parsed") or entry.get("updated_parsed")
    if not parsed:
        return None
    try:
        return date(parsed.tm_year, parsed.tm_mon, parsed.tm_mday)
    except ValueError:
        return None


def poll(feed):
    """Fetch `feed` and store its new entries. Returns the ids of new articles.

    Errors are recorded on the feed (`last_error`) rather than raised: one
    broken page or feed must not stop the others.
    """
    errors = []
    new_ids = []
    try:
        page = fetch(feed.url, etag=feed.etag, last_modified=feed.last_modified)
    except FetchError as exc:
        page = None
        errors.append(str(exc))
    if page is not None:
        parsed = feedparser.parse(page.body)
        if parsed.bozo and not parsed.entries:
            errors.append(f"{feed.url}: not a readable feed ({parsed.get('bozo_exception')})")
        if not feed.title and parsed.feed.get("title"):
            feed.title = parsed.feed.get("title")[:200]
        feed.etag = (page.etag or "")[:200]
        feed.last_modified = (page.last_modified or "")[:100]
        unread = _unread_entries(parsed.entries)
        # The next unread entries, up to the limit; the rest wait for the next polls (which must
        # read the feed again, so its validators are forgotten while entries wait).
        feed.waiting = max(0, len(unread) - MAX_ENTRIES_PER_POLL)
        if feed.waiting:
            feed.etag = feed.last_modified = ""
        for link, entry in unread[:MAX_ENTRIES_PER_POLL]:
            try:
                article_page = fetch(link)
                if article_page is None:
                    continue
                article, created = store(
                    article_page.body,
                    filename=article_page.filename,
                    url=link,
                    title=entry.get("title"),
                    outlet=feed.title,
                    published=_entry_date(entry),
                )
            except (FetchError, Refused) as exc:
                errors.append(f"{link}: {exc}")
                continue
            if created:
                new_ids.append(article.pk)
    if errors:
        # Forget the feed's validators so the next poll reads it again and
        # retries the entries that failed (known ones are skipped by URL).
        feed.etag = feed.last_modified = ""
    feed.last_polled = timezone.now()
    feed.last_error = "\n".join(errors)[:5000]
    feed.save(update_fields=["title", "etag", "last_modified", "last_polled", "last_error", "waiting"])
    if errors:
        log.warning("feed %s: %s", feed.url, "; ".join(errors))
    return new_ids
