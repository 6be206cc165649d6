"""Rendered analyst pages, cached under the data they were computed from.

A page is read in one REPEATABLE READ transaction; its first query sums the weights in
pledges_data_change that the transaction's snapshot sees (migration 0022: every committed
write adds weight, and later snapshots see all that earlier ones saw). Same sum, same data:
the page cached under it is exact, and any write (admin, ingest, bulk SQL) makes the next
request compute afresh. The key also holds the path with its query and whether the reader
is staff (the only per-user part of these pages), and the release that rendered it
(release(): a deploy never serves the previous code's pages). PostgreSQL only; elsewhere, or with
PAGE_CACHE_SECONDS=0, pages are computed every time.

A cache that fails (Redis gone) costs speed, never the page: it is logged and skipped.
"""

from __future__ import annotations

import functools
import hashlib
import logging
import time
from pathlib import Path

from django.conf import settings
from django.core.cache import cache
from django.db import connection, transaction
from django.http import HttpResponse

from . import leases

log = logging.getLogger(__name__)

HEADER = "X-Page-Cache"  # "hit" or "miss": for benchmarks and tests, harmless to browsers
COMPACT_ABOVE = 500  # change rows: folded into one when a read sees more
# When many readers miss the same page at once (just after a write, or a cold start), one
# computes it and the others wait up to WAIT_SECONDS for its result instead of all computing
# it together on the same cores; past that they compute it themselves.
WAIT_SECONDS = 10.0
POLL_SECONDS = 0.05


def enabled() -> bool:
    return settings.PAGE_CACHE_SECONDS > 0 and connection.vendor == "postgresql"


def data_state() -> tuple[int, int]:
    """(sum of weights, rows) of the data changes this transaction's snapshot sees."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT coalesce(sum(weight), 0), count(*) FROM pledges_data_change")
        total, rows = cursor.fetchone()
    return int(total), int(rows)


def compact() -> None:
    """Fold every change row this transaction sees into one of the same weight. Atomic, so
    each snapshot sees the same sum before and after; rows a concurrent compaction took
    already are not deleted twice (DELETE ... RETURNING gives only the rows it removed)."""
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("""
            WITH gone AS (DELETE FROM pledges_data_change RETURNING weight)
            INSERT INTO pledges_data_change (xid, weight)
                SELECT -txid_current(), sum(weight) FROM gone HAVING count(*) > 0""")


@functools.cache
def release() -> str:
    """What a rendered page depends on besides the data: the code and templates that render
    it and the names of the static files it links (collectstatic's manifest). A deploy that
    changes any of them changes this, so no page of the previous release is served (its
    hashed CSS and JavaScript names may be gone). Read once per process."""
    digest = hashlib.sha256()
    base = Path(settings.BASE_DIR)
    sources = [path for folder in ("aidtracker", "pledges", "ingest", "templates")
               for path in (base / folder).rglob("*") if path.suffix in (".py", ".html", ".tsv", ".json")]
    manifest = Path(settings.STATIC_ROOT) / "staticfiles.json"
    for path in sorted(sources) + ([manifest] if manifest.exists() else []):
        digest.update(str(path.relative_to(base) if path.is_relative_to(base) else path.name).encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def key(request, state: int) -> str:
    path = hashlib.sha256(request.get_full_path().encode()).hexdigest()[:32]
    role = "staff" if request.user.is_staff else "reader"
    return f"page:{release()}:{request.resolver_match.url_name}:{role}:{state}:{path}"


def cached_page(view):
    """Serve `view`'s response from the cache while the data it read is unchanged."""

    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        if not enabled() or request.method != "GET":
            return view(request, *args, **kwargs)
        opens_transaction = not connection.in_atomic_block  # (a test's transaction may hold it)
        with transaction.atomic(savepoint=False):
            if opens_transaction:  # the first statement of the transaction, as it must be
                with connection.cursor() as cursor:
                    cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
            state, rows = data_state()
            page_key = key(request, state)
            response = _cached_or_computed(page_key, lambda: view(request, *args, **kwargs))
        if rows > COMPACT_ABOVE:
            compact()
        return response

    return wrapper


def _cached_or_computed(page_key, compute):
    found = _get(page_key)
    if found is None and not _claim(page_key):
        found = _wait_for(page_key)  # another request is computing this very page
        claimed = False
    else:
        claimed = found is None
    if found is not None:
        status, content_type, body = found
        response = HttpResponse(body, status=status, content_type=content_type)
        response[HEADER] = "hit"
        return response
    try:
        response = compute()
        if not response.streaming and response.status_code in (200, 400):
            _set(page_key, (response.status_code, response["Content-Type"], response.content))
    finally:
        if claimed:
            _unclaim(page_key)
    response[HEADER] = "miss"
    return response


def _claim(page_key) -> bool:
    """True when this request is the one to compute the page (or the cache cannot tell)."""
    return leases.take(page_key + ":computing", int(WAIT_SECONDS) + 5) is not False


def _unclaim(page_key) -> None:
    leases.give_back(page_key + ":computing")


def _wait_for(page_key):
    deadline = time.monotonic() + WAIT_SECONDS
    while time.monotonic() < deadline:
        time.sleep(POLL_SECONDS)
        found = _get(page_key)
        if found is not None:
            return found
        if not leases.held(page_key + ":computing"):
            return None  # it failed or did not keep the page (or the cache is gone): compute it here
    return None


def _get(page_key):
    try:
        return cache.get(page_key)
    except Exception:  # noqa: BLE001 - any cache failure: compute the page instead
        log.warning("page cache unavailable (get)", exc_info=True)
        return None


def _set(page_key, value) -> None:
    try:
        cache.set(page_key, value, settings.PAGE_CACHE_SECONDS)
    except Exception:  # noqa: BLE001
        log.warning("page cache unavailable (set)", exc_info=True)
