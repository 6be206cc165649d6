"""Article pages: text escaped, evidence spans highlighted from Evidence.start/end."""

import pytest

from ingest.views import Segment, segments
from tests import factories

pytestmark = pytest.mark.django_db
SCRIPT = "<script>alert('x')</script>"


def test_article_text_is_escaped_and_spans_highlighted(client):
    text = f"Intro {SCRIPT}. Germany pledged EUR 5 million for <b>drones</b>. Outro."
    start = text.index("Germany")
    end = text.index(". Outro")
    article = factories.article(text, title=f"News {SCRIPT}")
    pledge = factories.pledge("DEU", evidence=[(article, text[start:end], start, end)])
    page = client.get(f"/articles/{article.pk}/").content.decode()
    assert SCRIPT not in page and "<b>drones</b>" not in page
    assert "Intro &lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;." in page
    evidence = pledge.evidence.get()
    assert (
        f'<mark id="evidence-{evidence.pk}"><a href="/pledges/{pledge.pk}/" title="DEU pledge items (2024-01-15)">'
        "Germany pledged EUR 5 million for &lt;b&gt;drones&lt;/b&gt;</a></mark>" in page
    )


def test_article_status_error_and_parser_version(client):
    article = factories.article("Some text.", status="failed", error=f"Boom {SCRIPT}", parser_version="parser-7")
    page = client.get(f"/articles/{article.pk}/").content.decode()
    assert "Failed" in page and "parser-7" in page
    assert "Boom &lt;script&gt;" in page and SCRIPT not in page


def test_article_list_shows_status_and_filters(client):
    ok = factories.article("One.", title=f"Parsed {SCRIPT}", parser_version="parser-7")
    bad = factories.article("Two.", title="Broken", status="failed", error="no donor")
    page = client.get("/articles/").content.decode()
    assert SCRIPT not in page and "Parsed &lt;script&gt;" in page
    assert "parser-7" in page and "no donor" in page
    failed = client.get("/articles/?status=failed")
    assert [a.pk for a in failed.context["page"].rows] == [bad.pk]
    assert ok.pk not in [a.pk for a in failed.context["page"].rows]


def test_article_list_query_count_is_fixed(client, django_assert_max_num_queries):
    for _ in range(60):
        factories.article()
    with django_assert_max_num_queries(3):
        response = client.get("/articles/")
    assert len(response.context["page"].rows) == 50 and response.context["page"].has_next


def test_unplaced_and_overlapping_evidence(client):
    text = "Alpha beta gamma delta."
    article = factories.article(text)
    first = factories.pledge("DEU", evidence=[(article, "Alpha beta", 0, 10)])
    overlapping = factories.pledge("FRA", evidence=[(article, "beta gamma", 6, 16)])
    outside = factories.pledge("POL", evidence=[(article, f"Lost {SCRIPT}", 5, 500)])
    response = client.get(f"/articles/{article.pk}/")
    page = response.content.decode()
    assert [e.pledge_id for e in response.context["unplaced"]] == [outside.pk, overlapping.pk]
    assert "Lost &lt;script&gt;" in page and SCRIPT not in page
    assert f'/pledges/{first.pk}/' in page


class FakeEvidence:
    def __init__(self, pk, start, end):
        self.pk, self.start, self.end = pk, start, end

    def __lt__(self, other):
        return self.pk < other.pk


def test_segments_cover_the_text_exactly():
    spans = [FakeEvidence(1, 4, 8), FakeEvidence(2, 0, 2), FakeEvidence(3, None, 3), FakeEvidence(4, 9, 3)]
    pieces = segments("0123456789", spans)
    assert "".join(p.text for p in pieces) == "0123456789"
    assert [(p.text, p.evidence.pk if p.evidence else None) for p in pieces] == [
        ("01", 2), ("23", None), ("4567", 1), ("89", None)
    ]
    assert segments("", spans) == []
    assert segments("abc", []) == [Segment("abc")]


def test_unknown_article_is_404(client):
    assert client.get("/articles/999999/").status_code == 404


def test_only_web_urls_become_links(client):
    from ingest.models import Article

    article = factories.article("Text.")
    Article.objects.filter(pk=article.pk).update(url="javascript:alert(1)")
    pledge = factories.pledge("DEU", evidence=[article])
    for url in (f"/articles/{article.pk}/", f"/pledges/{pledge.pk}/", "/pledges/"):
        page = client.get(url).content.decode()
        assert 'href="javascript:' not in page, url


def test_two_pledges_from_one_sentence(client):
    """QA B1: equal spans made the sort compare Evidence objects (500)."""
    text = "Luxembourg will contribute EUR 15 million, while Estonia is providing EUR 1 million. Outro."
    end = text.index(". Outro")
    article = factories.article(text)
    lux = factories.pledge("LUX", evidence=[(article, text[:end], 0, end)])
    est = factories.pledge("EST", evidence=[(article, text[:end], 0, end)])
    # A third pledge overlapping the shared sentence, and one inside it.
    overlap = factories.pledge("DEU", evidence=[(article, text[40:end + 4], 40, end + 4)])
    inside = factories.pledge("POL", evidence=[(article, text[5:20], 5, 20)])
    response = client.get(f"/articles/{article.pk}/")
    assert response.status_code == 200
    page = response.content.decode()
    lux_ev, est_ev = lux.evidence.get(), est.evidence.get()
    assert page.count("<mark ") == 1
    assert f'<mark id="evidence-{lux_ev.pk}"><a href="/pledges/{lux.pk}/"' in page
    assert f'id="evidence-{est_ev.pk}" href="/pledges/{est.pk}/"' in page  # the same sentence, reachable
    assert {e.pledge_id for e in response.context["unplaced"]} == {overlap.pk, inside.pk}
    pieces = response.context["segments"]
    assert "".join(p.text for p in pieces) == text
    assert [p.evidence.pk for p in pieces if p.evidence] == [lux_ev.pk]
    assert [e.pk for e in pieces[0].shared] == [est_ev.pk]


def test_article_list_next_link_keeps_the_status(client):
    """QA M1: `??status=...` dropped the status filter on page 2."""
    import html
    import re

    for _ in range(55):
        factories.article(status="failed", error="no donor")
    factories.article()
    page = client.get("/articles/?status=failed").content.decode()
    href = html.unescape(re.search(r'rel="next" href="([^"]*)"', page).group(1))
    assert href == "?status=failed&page=2"
    second = client.get("/articles/" + href)
    assert second.context["status"] == "failed"
    assert len(second.context["page"].rows) == 5
