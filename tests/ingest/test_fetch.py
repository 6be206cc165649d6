"""ingest.fetch: only public http(s) addresses, on every redirect, within the deadline."""

import socket
import time
import urllib.request
from http.server import BaseHTTPRequestHandler

import pytest

from ingest import fetch

from .conftest import serve


class Handler(BaseHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def do_GET(self):
        if self.path == "/page":
            body = b"<html><body><p>Arrived.</p></body></html>"
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
        elif self.path.startswith("/redirect-to/"):
            self.redirect(self.path.removeprefix("/redirect-to/"))
        elif self.path.startswith("/hops/"):  # /hops/N: N + 1 redirects to /page
            left = int(self.path.removeprefix("/hops/"))
            self.redirect(f"/hops/{left - 1}" if left else "/page")
        elif self.path == "/drip":
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.send_header("Content-Length", "1000")
            self.end_headers()
            try:
                for _ in range(1000):
                    self.wfile.write(b"x")
                    self.wfile.flush()
                    time.sleep(0.3)
            except OSError:  # the client gave up
                pass
        else:
            self.send_error(404)

    def redirect(self, location):
        self.send_response(302)
        self.send_header("Location", location)
        self.send_header("Content-Length", "0")
        self.end_headers()


@pytest.fixture
def server():
    with serve(Handler) as url:
        yield url


@pytest.fixture
def listener():
    """A bare listening socket: tells whether anything connected to it."""
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    sock.listen()
    sock.settimeout(0.3)
    yield sock
    sock.close()


@pytest.mark.parametrize("url_host", ["127.0.0.1", "[::ffff:127.0.0.1]"])
def test_a_loopback_url_is_refused_without_connecting(settings, listener, url_host):
    settings.FETCH_ALLOW_PRIVATE_ADDRESSES = False
    port = listener.getsockname()[1]
    url = f"http://{url_host}:{port}/feed.xml"
    host = url_host.strip("[]")
    with pytest.raises(fetch.AddressRefused) as refused:
        fetch.fetch(url)
    assert str(refused.value) == (
        f"{url}: {host} is a loopback address; only public addresses are fetched")
    with pytest.raises(TimeoutError):
        listener.accept()


def test_https_and_numeric_forms_of_local_addresses_are_refused(settings, listener):
    settings.FETCH_ALLOW_PRIVATE_ADDRESSES = False
    port = listener.getsockname()[1]
    with pytest.raises(fetch.AddressRefused, match=r"127\.0\.0\.1 is a loopback address"):
        fetch.fetch(f"https://127.0.0.1:{port}/")
    with pytest.raises(fetch.AddressRefused, match=r"2130706433 \(127\.0\.0\.1\) is a loopback address"):
        fetch.fetch(f"http://2130706433:{port}/")
    with pytest.raises(fetch.AddressRefused, match=r"0 \(0\.0\.0\.0\) is an unspecified address"):
        fetch.fetch(f"http://0:{port}/")
    with pytest.raises(TimeoutError):
        listener.accept()


def test_a_name_resolving_to_loopback_is_refused(settings):
    settings.FETCH_ALLOW_PRIVATE_ADDRESSES = False
    with pytest.raises(fetch.AddressRefused, match=r"localhost \((127\.0\.0\.1|::1)\) is a loopback address"):
        fetch.fetch("http://localhost:9/")


@pytest.mark.parametrize("address, kind", [
    ("127.0.0.1", "loopback"),
    ("::1", "loopback"),
    ("::ffff:127.0.0.1", "loopback"),
    ("::ffff:10.1.2.3", "private"),
    ("2002:7f00:1::", "loopback"),  # 6to4 around 127.0.0.1
    ("0.0.0.0", "unspecified"),
    ("::", "unspecified"),
    ("10.0.0.1", "private"),
    ("172.16.5.4", "private"),
    ("192.168.1.1", "private"),
    ("fd00::1", "private"),
    ("169.254.169.254", "link-local"),  # cloud metadata service
    ("fe80::1%eth0", "link-local"),
    ("224.0.0.1", "multicast"),
    ("ff02::1", "multicast"),
    ("100.64.0.1", "non-public"),  # carrier-grade NAT
    ("8.8.8.8", ""),
    ("2001:4860:4860::8888", ""),
])
def test_address_refusal_names_every_non_public_kind(address, kind):
    assert fetch.address_refusal(address) == kind


def test_redirect_handler_refuses_private_and_non_http_targets(settings):
    settings.FETCH_ALLOW_PRIVATE_ADDRESSES = False
    request = urllib.request.Request("http://example.org/news")
    handler = fetch.CheckedRedirectHandler()
    with pytest.raises(fetch.AddressRefused,
                       match=r"^redirected to http://127\.0\.0\.1/: 127\.0\.0\.1 is a loopback address"):
        handler.redirect_request(request, None, 302, "Found", {}, "http://127.0.0.1/")
    with pytest.raises(fetch.AddressRefused, match=r"169\.254\.169\.254 is a link-local address"):
        handler.redirect_request(request, None, 301, "Moved", {}, "http://169.254.169.254/latest/meta-data/")
    with pytest.raises(fetch.FetchError,
                       match=r"^redirected to ftp://example\.org/x: only http and https addresses are fetched"):
        handler.redirect_request(request, None, 302, "Found", {}, "ftp://example.org/x")


def test_redirects_are_followed_to_http_only_and_at_most_five_times(settings, server):
    settings.FETCH_ALLOW_PRIVATE_ADDRESSES = True
    page = fetch.fetch(f"{server}/redirect-to/{server}/page")
    assert page.url == f"{server}/page" and b"Arrived." in page.body

    assert fetch.fetch(f"{server}/hops/4").url == f"{server}/page"
    with pytest.raises(fetch.FetchError, match=r"/hops/5: more than 5 redirects$"):
        fetch.fetch(f"{server}/hops/5")
    with pytest.raises(fetch.FetchError, match=r"/redirect-to/ftp://example\.org/x: redirected to ftp://example\.org/x: only http and https"):
        fetch.fetch(f"{server}/redirect-to/ftp://example.org/x")


def test_the_allow_setting_lets_local_fetches_through(settings, server):
    settings.FETCH_ALLOW_PRIVATE_ADDRESSES = True
    assert fetch.fetch(f"{server}/page").status == 200
    settings.FETCH_ALLOW_PRIVATE_ADDRESSES = False
    with pytest.raises(fetch.AddressRefused):
        fetch.fetch(f"{server}/page")


def test_a_server_dripping_bytes_is_cut_off_at_the_deadline(settings, server):
    settings.FETCH_ALLOW_PRIVATE_ADDRESSES = True
    settings.FETCH_TIMEOUT_SECONDS = 1
    started = time.monotonic()
    with pytest.raises(fetch.FetchError, match=r"/drip: body not received within 2 s"):
        fetch.fetch(f"{server}/drip")
    assert time.monotonic() - started < 3.5
