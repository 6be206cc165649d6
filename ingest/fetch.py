"""HTTP fetching with a timeout and a size cap (settings FETCH_TIMEOUT_SECONDS,
FETCH_MAX_BYTES). The body is returned as bytes; `read_document` turns HTML
into main text.

Feed and article URLs come from outside, so a fetch only connects to public
addresses (unless FETCH_ALLOW_PRIVATE_ADDRESSES): the address check runs in the
connection itself, on the very address connected to, so a redirect or a DNS
answer that changes between check and connect cannot reach the internal
network."""

from __future__ import annotations

import http.client
import ipaddress
import socket
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from urllib.parse import urlsplit

from django.conf import settings

USER_AGENT = "AidTracker/0.1 (+https://github.com/aidtracker; news ingest)"
_CHUNK = 64 * 1024
MAX_REDIRECTS = 5
SCHEMES = ("http", "https")


class FetchError(Exception):
    """A page that could not be fetched, with a reason a person can read."""


class AddressRefused(FetchError):
    """The host resolves to an address a fetch must not reach."""


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


def address_refusal(address):
    """What kind of address `address` (an IP as text) is when a fetch must not
    reach it ("loopback", "private", ...), or "" when it is public."""
    ip = ipaddress.ip_address(address.split("%", 1)[0])  # drop an IPv6 zone
    if ip.version == 6:
        # ::ffff:127.0.0.1, 6to4 and Teredo addresses lead to an IPv4 host.
        embedded = ip.ipv4_mapped or ip.sixtofour or (ip.teredo and ip.teredo[1])
        if embedded:
            ip = embedded
    for flag in ("unspecified", "loopback", "link_local", "multicast", "private", "reserved"):
        if getattr(ip, f"is_{flag}"):
            return flag.replace("_", "-")
    return "" if ip.is_global else "non-public"


def check_host(host, port):
    """Resolve `host`; refuse it when any of its addresses is not public (unless
    FETCH_ALLOW_PRIVATE_ADDRESSES). Returns the getaddrinfo entries."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except socket.gaierror as exc:
        raise FetchError(f"cannot resolve {host} ({exc.strerror})") from exc
    if not getattr(settings, "FETCH_ALLOW_PRIVATE_ADDRESSES", False):
        for *_, sockaddr in infos:
            kind = address_refusal(sockaddr[0])
            if kind:
                where = host if host == sockaddr[0] else f"{host} ({sockaddr[0]})"
                article = "an" if kind == "unspecified" else "a"
                raise AddressRefused(f"{where} is {article} {kind} address; only public addresses are fetched")
    return infos


def check_scheme(url):
    if urlsplit(url).scheme.lower() not in SCHEMES:
        raise FetchError("only http and https addresses are fetched")


def check_url(url):
    """Refuse `url` unless it is http(s) on a public host."""
    check_scheme(url)
    parts = urlsplit(url)
    try:
        port = parts.port or (443 if parts.scheme.lower() == "https" else 80)
    except ValueError as exc:
        raise FetchError(str(exc)) from exc
    if not parts.hostname:
        raise FetchError("no host name")
    check_host(parts.hostname, port)


def _create_checked_connection(address, timeout=socket._GLOBAL_DEFAULT_TIMEOUT, source_address=None):
    """socket.create_connection, connecting only to the addresses just checked."""
    host, port = address
    last_error = None
    for family, type_, proto, _, sockaddr in check_host(host, port):
        sock = socket.socket(family, type_, proto)
        try:
            if timeout is not socket._GLOBAL_DEFAULT_TIMEOUT:
                sock.settimeout(timeout)
            if source_address:
                sock.bind(source_address)
            sock.connect(sockaddr)
            return sock
        except OSError as exc:
            sock.close()
            last_error = exc
    raise last_error or OSError(f"{host}: no address to connect to")


class _CheckedHTTPConnection(http.client.HTTPConnection):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._create_connection = _create_checked_connection


class _CheckedHTTPSConnection(http.client.HTTPSConnection):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._create_connection = _create_checked_connection


class _CheckedHTTPHandler(urllib.request.HTTPHandler):
    def http_open(self, req):
        return self.do_open(_CheckedHTTPConnection, req)


class _CheckedHTTPSHandler(urllib.request.HTTPSHandler):
    def https_open(self, req):
        return self.do_open(_CheckedHTTPSConnection, req, context=self._context)


class CheckedRedirectHandler(urllib.request.HTTPRedirectHandler):
    """Follows at most MAX_REDIRECTS redirects, each to a public http(s) URL."""

    def __init__(self):
        self.followed = 0

    def redirect_request(self, req, fp, code, msg, headers, newurl):
        try:
            self.followed += 1
            if self.followed > MAX_REDIRECTS:
                raise FetchError(f"more than {MAX_REDIRECTS} redirects")
            try:
                check_url(newurl)
            except FetchError as exc:
                raise type(exc)(f"redirected to {newurl}: {exc}") from exc
        except FetchError:
            if fp is not None:
                fp.close()
            raise
        return super().redirect_request(req, fp, code, msg, headers, newurl)


def _opener():
    # No ProxyHandler: through a proxy the address check would see the proxy,
    # not the site, and the proxy could reach what the check refuses.
    opener = urllib.request.OpenerDirector()
    for handler in (
        _CheckedHTTPHandler(),
        _CheckedHTTPSHandler(),
        CheckedRedirectHandler(),
        urllib.request.HTTPDefaultErrorHandler(),
        urllib.request.HTTPErrorProcessor(),
        urllib.request.UnknownHandler(),
    ):
        opener.add_handler(handler)
    return opener


def _socket_of(response):
    """The socket under an http.client response, to shorten its read timeout."""
    return getattr(getattr(response.fp, "raw", None), "_sock", None)


def fetch(url, *, etag="", last_modified="", timeout=None, max_bytes=None):
    """GET `url`. Returns a Page, or None when the server says 304 Not Modified."""
    timeout = timeout or settings.FETCH_TIMEOUT_SECONDS
    max_bytes = max_bytes or settings.FETCH_MAX_BYTES
    # Each connect and read waits at most `timeout`; the whole fetch, body
    # included, is over within twice that, so a server dripping bytes cannot
    # hold a worker.
    deadline = time.monotonic() + 2 * timeout
    headers = {"User-Agent": USER_AGENT, "Accept": "text/html,application/xhtml+xml,application/xml,*/*;q=0.8"}
    if etag:
        headers["If-None-Match"] = etag
    if last_modified:
        headers["If-Modified-Since"] = last_modified
    try:
        check_scheme(url)  # the host is checked when connecting
        request = urllib.request.Request(url, headers=headers)
        with _opener().open(request, timeout=timeout) as response:
            declared = response.headers.get("Content-Length")
            if declared and declared.isdigit() and int(declared) > max_bytes:
                raise FetchError(f"{int(declared)} bytes is over the {max_bytes}-byte limit")
            body = bytearray()
            sock = _socket_of(response)
            while True:
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    raise FetchError(f"body not received within {2 * timeout} s")
                if sock is not None:
                    sock.settimeout(min(timeout, remaining))
                try:
                    # read1 returns what has arrived; read(n) would wait for n bytes.
                    chunk = response.read1(_CHUNK)
                except TimeoutError as exc:
                    if time.monotonic() >= deadline:
                        raise FetchError(f"body not received within {2 * timeout} s") from exc
                    raise
                if not chunk:
                    break
                body.extend(chunk)
                if len(body) > max_bytes:
                    raise FetchError(f"more than the {max_bytes}-byte limit")
            return Page(
                url=response.geturl(),
                body=bytes(body),
                content_type=(response.headers.get("Content-Type") or "").lower(),
                status=response.status,
                etag=response.headers.get("ETag") or "",
                last_modified=response.headers.get("Last-Modified") or "",
            )
    except FetchError as exc:
        raise type(exc)(f"{url}: {exc}") from exc
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
