"""Storing articles: text, bytes, a file or a URL -> one Article, deduplicated.

Every way in (the `ingest` command, the admin form, feed polling) goes through
`store`, so the same article reported twice, by text or by URL, is one row.
Parsing is queued separately (`ingest.tasks.enqueue`).
"""

from __future__ import annotations

import os
from urllib.parse import urlsplit

from django.conf import settings
from django.db import IntegrityError, transaction

from .models import PENDING, Article, text_sha256
from .parser.document import read_document

# Larger inputs are refused: no news article is this long, and a parser run
# on tens of megabytes would hold a worker for nothing.
DEFAULT_INGEST_MAX_BYTES = 10 * 1024 * 1024


class Refused(ValueError):
    """Input that is not stored, with the reason a person can act on."""


def max_bytes():
    return getattr(settings, "INGEST_MAX_BYTES", DEFAULT_INGEST_MAX_BYTES)


def _megabytes(n):
    return f"{n / 1024 / 1024:.1f} MB"


def prepare(data, *, filename=None, url=None, title=None, outlet=None, published=None):
    """An unsaved Article from `data` (str or bytes). Raises Refused when it holds no text."""
    size = len(data.encode("utf-8", "surrogatepass") if isinstance(data, str) else data or b"")
    if size > max_bytes():
        raise Refused(f"{_megabytes(size)} is over the {_megabytes(max_bytes())} limit; not stored")
    document = read_document(data, filename=filename)
    # PostgreSQL text cannot hold NUL; stray ones carry no meaning in an article.
    text = (document.text or "").replace("\x00", "").strip()
    if not text:
        raise Refused("no readable text (empty, binary or unreadable input); not stored")
    url = (url or document.url or "").strip() or None
    if url and (not urlsplit(url).scheme or len(url) > 1000):
        url = None  # a `url` header line that is not a usable address
    return Article(
        text=text,
        url=url,
        title=(title or document.title or "")[:500],
        outlet=(outlet or _outlet(url))[:200],
        published=published or document.published,
        status=PENDING,
    )


def store(data, *, filename=None, url=None, title=None, outlet=None, published=None):
    """Store one article from `data` (str or bytes). Returns (article, created).

    A duplicate (same URL, or same normalised text) returns the existing
    article with created=False. Raises Refused for input that holds no text.
    """
    article = prepare(data, filename=filename, url=url, title=title, outlet=outlet, published=published)
    existing = find_existing(article.text, article.url)
    if existing is not None:
        return existing, False
    try:
        with transaction.atomic():
            article.save()
    except IntegrityError:
        # Stored by someone else meanwhile (two intakes of the same article).
        existing = find_existing(article.text, article.url)
        if existing is None:
            raise
        return existing, False
    return article, True


def store_file(path):
    """Store the file at `path`; refuses without reading files over the limit."""
    limit = max_bytes()
    size = os.path.getsize(path)
    if size > limit:
        raise Refused(f"{_megabytes(size)} is over the {_megabytes(limit)} limit; not stored")
    with open(path, "rb") as handle:
        # At most the limit plus one byte, whatever the stated size (a device or a pipe says 0).
        data = handle.read(limit + 1)
    if len(data) > limit:
        raise Refused(f"more than the {_megabytes(limit)} limit; not stored")
    return store(data, filename=os.path.basename(path))


def store_url(url):
    """Fetch `url` and store its main text (see ingest.fetch)."""
    from .fetch import FetchError, fetch

    existing = Article.objects.filter(url=url).first()
    if existing is not None:
        return existing, False
    try:
        page = fetch(url)
    except FetchError as exc:
        raise Refused(str(exc)) from exc
    # Stored under the address asked for, so the next poll of a feed finds it.
    return store(page.body, filename=page.filename, url=url)


def find_existing(text, url=None):
    if url:
        found = Article.objects.filter(url=url).first()
        if found is not None:
            return found
    return Article.objects.filter(sha256=text_sha256(text)).first()


def _outlet(url):
    if not url:
        return ""
    host = urlsplit(url).hostname or ""
    return host.removeprefix("www.")
