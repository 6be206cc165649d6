"""Feed polling against a feed and article pages served on 127.0.0.1 by the test."""

import threading
from http.server import BaseHTTPRequestHandler

import pytest

from ingest import fetch
from ingest.models import PARSED, Article, Feed
from ingest.tasks import poll_feeds

from .conftest import serve

pytestmark = pytest.mark.django_db

PAGE = """<!doctype html><html><head><title>{title}</title>
<meta property="article:published_time" content="2024-02-0{day}T10:00:00Z"></head>
<body><nav>Home | World | Defence</nav><article><h1>{title}</h1><p>{body}</p>
<p>The ministry gave no further details on the timing of the deliveries.</p></article>
<footer>Copyright News Ltd</footer></body></html>"""

ARTICLES = {
    "/news/1": ("Germany sends IRIS-T", 1, "Germany will deliver two more IRIS-T air defence systems to Ukraine, Berlin said."),
    "/news/2": ("Norway funds drones", 2, "Norway will provide NOK 1 billion for drones for Ukraine, the government said."),
}


def rss(base, failing=True):
    items = "".join(
        f"<item><title>{title}</title><link>{base}{path}</link>"
        f"<pubDate>Thu, 0{day} Feb 2024 10:00:00 GMT</pubDate></item>"
        for path, (title, day, _) in ARTICLES.items()
    )
    if failing:
        items += f"<item><title>Gone</title><link>{base}/news/missing</link></item>"
        items += f"<item><title>Huge</title><link>{base}/news/huge</link></item>"
        items += f"<item><title>Slow</title><link>{base}/news/slow</link></item>"
    return f'<?xml version="1.0"?><rss version="2.0"><channel><title>Test Wire</title>{items}</channel></rss>'


class Handler(BaseHTTPRequestHandler):
    hits = []

    def log_message(self, *args):
        pass

    def do_GET(self):
        self.hits.append(self.path)
        base = f"http://127.0.0.1:{self.server.server_port}"
        if self.path in ("/feed.xml", "/clean-feed.xml"):
            if self.headers.get("If-None-Match") == '"v1"':
                self.send_response(304)
                self.end_headers()
                return
            feed = rss(base, failing=self.path == "/feed.xml")
            self.reply(feed.encode(), "application/rss+xml", etag='"v1"')
        elif self.path in ARTICLES:
            title, day, body = ARTICLES[self.path]
            self.reply(PAGE.format(title=title, day=day, body=body).encode(), "text/html; charset=utf-8")
        elif self.path == "/news/huge":
            self.reply(b"<html><body><p>" + b"x" * 300_000 + b"</p></body></html>", "text/html")
        elif self.path == "/news/slow":
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.end_headers()
            threading.Event().wait(3)  # longer than the fetch timeout
        else:
            self.send_error(404)

    def reply(self, body, content_type, etag=None):
        self.send_response(200)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        if etag:
            self.send_header("ETag", etag)
        self.end_headers()
        self.wfile.write(body)


@pytest.fixture(autouse=True)
def fetch_from_localhost(settings):
    """The test server is on 127.0.0.1, which fetches refuse by default."""
    settings.FETCH_ALLOW_PRIVATE_ADDRESSES = True


@pytest.fixture
def server():
    Handler.hits = []
    with serve(Handler) as url:
        yield url


def test_polling_a_feed_stores_and_parses_new_entries_once(server, settings):
    settings.FETCH_MAX_BYTES = 100_000
    settings.FETCH_TIMEOUT_SECONDS = 1
    feed = Feed.objects.create(url=f"{server}/feed.xml")

    assert poll_feeds() == 1  # eager: polls, stores, parses

    articles = {a.url.removeprefix(server): a for a in Article.objects.all()}
    assert set(articles) == {"/news/1", "/news/2"}
    first = articles["/news/1"]
    assert first.title == "Germany sends IRIS-T" and first.outlet == "Test Wire"
    assert first.published.isoformat() == "2024-02-01" and first.status == PARSED
    assert "IRIS-T air defence systems" in first.text
    assert "Copyright" not in first.text and "Home | World" not in first.text

    feed.refresh_from_db()
    assert feed.title == "Test Wire" and feed.last_polled
    assert "/news/missing: HTTP 404" in feed.last_error
    assert "/news/huge:" in feed.last_error and "limit" in feed.last_error
    assert "/news/slow:" in feed.last_error

    # Entries failed, so the next poll reads the feed again: known entries
    # are skipped, failed ones retried.
    assert feed.etag == ""
    Handler.hits.clear()
    poll_feeds()
    assert "/feed.xml" in Handler.hits and "/news/missing" in Handler.hits
    assert "/news/1" not in Handler.hits and "/news/2" not in Handler.hits
    assert Article.objects.count() == 2


def test_an_unchanged_feed_is_not_read_again(server):
    feed = Feed.objects.create(url=f"{server}/clean-feed.xml")
    poll_feeds()
    feed.refresh_from_db()
    assert feed.etag == '"v1"' and feed.last_error == "" and Article.objects.count() == 2

    Handler.hits.clear()
    poll_feeds()  # the server answers 304 Not Modified
    assert Handler.hits == ["/clean-feed.xml"]
    assert Article.objects.count() == 2


def test_an_unreachable_feed_is_recorded_not_raised(settings):
    settings.FETCH_TIMEOUT_SECONDS = 1
    feed = Feed.objects.create(url="http://127.0.0.1:9/feed.xml")
    poll_feeds()
    feed.refresh_from_db()
    assert feed.last_error.startswith("http://127.0.0.1:9/feed.xml:") and feed.last_polled


def test_fetch_refuses_other_schemes():
    with pytest.raises(fetch.FetchError, match="only http and https"):
        fetch.fetch("file:///etc/passwd")


def test_ingest_command_fetches_urls_once_and_names_unreachable_ones(server):
    from io import StringIO

    from django.core.management import CommandError, call_command

    out, err = StringIO(), StringIO()
    call_command("ingest", f"{server}/news/2", "--wait", stdout=out, stderr=err)
    article = Article.objects.get()
    assert article.url == f"{server}/news/2" and article.status == PARSED
    assert "NOK 1 billion" in article.text

    Handler.hits.clear()
    out = StringIO()
    with pytest.raises(CommandError, match="1 of 2 input"):
        call_command("ingest", f"{server}/news/2", f"{server}/news/missing", stdout=out, stderr=err)
    assert "already stored as article" in out.getvalue()
    assert f"{server}/news/missing: refused: {server}/news/missing: HTTP 404" in err.getvalue()
    assert Handler.hits == ["/news/missing"]  # a known URL is not fetched again


class LongFeedHandler(BaseHTTPRequestHandler):
    """A feed of ENTRIES entries, newest first, each with a tiny article page."""

    ENTRIES = 1_000

    def log_message(self, *args):
        pass

    def do_GET(self):
        base = f"http://127.0.0.1:{self.server.server_port}"
        if self.path == "/long.xml":
            items = "".join(f"<item><title>Item {n}</title><link>{base}/item/{n}</link></item>"
                            for n in range(self.ENTRIES))
            body = f'<?xml version="1.0"?><rss version="2.0"><channel><title>Long</title>{items}</channel></rss>'
            self.reply(body.encode(), "application/rss+xml")
        elif self.path.startswith("/item/"):
            self.reply(f"<html><body><p>Report {self.path}: no aid news today.</p></body></html>".encode(), "text/html")
        else:
            self.send_error(404)

    def reply(self, body, content_type):
        self.send_response(200)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("ETag", '"same"')
        self.end_headers()
        self.wfile.write(body)


def test_a_long_feed_is_drained_over_successive_polls(monkeypatch):
    from ingest import feeds

    monkeypatch.setattr(feeds, "MAX_ENTRIES_PER_POLL", 300)
    with serve(LongFeedHandler) as url:
        feed = Feed.objects.create(url=f"{url}/long.xml")
        taken, waiting = [], []
        for _ in range(5):
            taken.append(len(feeds.poll(feed)))
            feed.refresh_from_db()
            waiting.append(feed.waiting)
        assert taken == [300, 300, 300, 100, 0]
        assert waiting == [700, 400, 100, 0, 0]  # shown in the feed's admin row
        assert feed.waiting == 0 and Article.objects.count() == LongFeedHandler.ENTRIES
