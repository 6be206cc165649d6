"""Leases in the cache: a key that one holder at a time may take, for a bounded time.

The page cache's "this page is being computed" and the export streaming slots are both
leases: an atomic add in the cache (Redis in production, so every web worker sees it),
deleted when done and expiring by themselves if the holder dies. A cache that fails says
so (None) and is logged; each caller decides what that means for it.
"""

from __future__ import annotations

import logging

from django.core.cache import cache

log = logging.getLogger(__name__)


def take(key: str, seconds: int) -> bool | None:
    """True: taken; False: another holder has it; None: the cache could not tell."""
    try:
        return cache.add(key, 1, seconds)
    except Exception:  # noqa: BLE001 - Redis gone: the caller decides
        log.warning("lease %s: cache unavailable", key, exc_info=True)
        return None


def held(key: str) -> bool | None:
    """Whether someone holds `key` (None: the cache could not tell)."""
    try:
        return cache.get(key) is not None
    except Exception:  # noqa: BLE001
        log.warning("lease %s: cache unavailable", key, exc_info=True)
        return None


def give_back(key: str) -> None:
    try:
        cache.delete(key)
    except Exception:  # noqa: BLE001 - the lease expires by itself
        log.warning("lease %s: not given back", key, exc_info=True)
