"""HTTP fetching with a timeout and a size cap (settings FETCH_TIMEOUT_SECONDS,
FETCH_MAX_BYTES). The body is returned as bytes; `read_document` turns HTML
into main text."""

from __future__ import annotations

import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from urllib.parse import urlsplit

from django.conf import settings

USER_AGENT = "AidTracker/0.1 (+https://github.com/aidtracker; news ingest)"
_CHUNK = 64 * 1024


class FetchError(Exception):
    """A page that could not be fetched, with a reason a person can read."""


@dataclass
class Page:
    url: str  # after redirects
    body: bytes
    content_type: str
    status: int
    etag: str = ""
    last_modified: str = ""

    @property
    def filename(self):
        """A name whose extension tells read_document what the body is."""
        if "html" in self.content_type:
            return "page.html"
        path = urlsplit(self.url).path
        return path.rsplit("/", 1)[-1] or "page"


def fetch(url, *, etag="", last_modified="", timeout=None, max_bytes=None):
    """GET `url`. Returns a Page, or None when the server says 304 Not Modified."""
    scheme = urlsplit(url).scheme.lower()
    if scheme not in ("http", "https"):
        raise FetchError(f"{url}: only http and https addresses are fetched")
    timeout = timeout or settings.FETCH_TIMEOUT_SECONDS
    max_bytes = max_bytes or settings.FETCH_MAX_BYTES
    headers = {"User-Agent": USER_AGENT, "Accept": "text/html,application/xhtml+xml,application/xml,*/*;q=0.8"}
    if etag:
        headers["If-None-Match"] = etag
    if last_modified:
        headers["If-Modified-Since"] = last_modified
    request = urllib.request.Request(url, headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            declared = response.headers.get("Content-Length")
            if declared and declared.isdigit() and int(declared) > max_bytes:
                raise FetchError(f"{url}: {int(declared)} bytes is over the {max_bytes}-byte limit")
            body = bytearray()
            # The socket timeout bounds each read; this bounds the whole body,
            # so a server dripping bytes cannot hold a worker.
            deadline = time.monotonic() + 2 * timeout
            while True:
                if time.monotonic() > deadline:
                    raise FetchError(f"{url}: body not received within {2 * timeout} s")
                chunk = response.read(_CHUNK)
                if not chunk:
                    break
                body.extend(chunk)
                if len(body) > max_bytes:
                    raise FetchError(f"{url}: more than the {max_bytes}-byte limit")
            return Page(
                url=response.geturl(),
                body=bytes(body),
                content_type=(response.headers.get("Content-Type") or "").lower(),
                status=response.status,
                etag=response.headers.get("ETag") or "",
                last_modified=response.headers.get("Last-Modified") or "",
            )
    except urllib.error.HTTPError as exc:
        if exc.code == 304:
            return None
        raise FetchError(f"{url}: HTTP {exc.code} {exc.reason}") from exc
    except urllib.error.URLError as exc:
        raise FetchError(f"{url}: {exc.reason}") from exc
    except TimeoutError as exc:
        raise FetchError(f"{url}: no answer within {timeout} s") from exc
    except OSError as exc:  # connection reset and the like
        raise FetchError(f"{url}: {exc}") from exc
