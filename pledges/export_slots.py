"""A site-wide cap on CSV exports streamed by the web server at once.

A streamed export keeps a PostgreSQL backend busy formatting rows for its whole length
(about a second for 20,000 rows), and a few at once take the cores the pages need. So at
most EXPORT_STREAMS_MAX stream at a time; an export asked for while they are all taken
becomes an export job, which the Celery pool writes one after another (pledges/exports.py).

A slot is a lease in the cache (Redis in production, so it is shared by every web worker;
in memory per process otherwise), released when the response is closed and expiring after
LEASE_SECONDS in any case, so a killed worker cannot keep one. A cache that fails limits
nothing: the export streams as it did before the cap.
"""

from __future__ import annotations

from django.conf import settings

from . import leases

LEASE_SECONDS = 300
UNLIMITED = ""  # the slot of an export streamed while the cache cannot count


def take() -> str | None:
    """A slot's key, or None when EXPORT_STREAMS_MAX exports are streaming already."""
    for n in range(settings.EXPORT_STREAMS_MAX):
        key = f"export-stream:{n}"
        taken = leases.take(key, LEASE_SECONDS)
        if taken is None:
            return UNLIMITED  # Redis gone: no cap rather than no export
        if taken:
            return key
    return None


def give_back(key: str) -> None:
    if key != UNLIMITED:
        leases.give_back(key)


class Holding:
    """The response's blocks, giving the slot back when the server closes the response
    (after the last block, or when the client went away)."""

    def __init__(self, blocks, key: str):
        self.blocks, self.key, self.held = blocks, key, True

    def __iter__(self):
        return iter(self.blocks)

    def close(self) -> None:
        try:
            if hasattr(self.blocks, "close"):
                self.blocks.close()
        finally:
            if self.held:
                self.held = False
                give_back(self.key)
