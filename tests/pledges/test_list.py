"""Pledge list: filtered rows, whitelisted sorting, capped pagination, fixed query count."""

import datetime
from decimal import Decimal

import pytest

from pledges import tables
from pledges.models import Pledge
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def known(db):
    return factories.known_set()


def row_ids(response):
    return [p.pk for p in response.context["page"].rows]


def many(n, donor="CAN", **fields):
    """n valued pledges on consecutive days, each with items and a source."""
    start = datetime.date(2023, 1, 1)
    for i in range(n):
        factories.pledge(
            donor,
            amount=Decimal(1000 + i),
            currency="EUR",
            announced=start + datetime.timedelta(days=i),
            items=[("IRIS-T", 1), "Gepard"],
            evidence=[factories.article()],
            **fields,
        )


def test_default_order_is_newest_first(client, known):
    ids = row_ids(client.get("/pledges/"))
    expected = [known[n].pk for n in ("nld", "gbr", "fra", "nor", "deu_delivery", "usa", "deu")]
    assert ids == expected


def test_row_shows_amounts_items_donor_and_sources(client, known):
    text = client.get("/pledges/?donor=USA").content.decode()
    assert "USD 300,000,000" in text  # original currency
    assert "≈ EUR 270,000,000" in text  # and in EUR
    assert "10000 x 155mm ammunition" in text
    assert "🇺🇸" not in text and '<span class="code">USA</span>' in text  # no emoji: boxes without a font
    assert "https://news.example.org/article-" in text
    assert 'href="/countries/USA/"' in text
    usd = client.get("/pledges/?donor=GBR&currency=usd").content.decode()
    assert "GBP 50,000,000" in usd and "≈ USD 63,000,000" in usd


@pytest.mark.parametrize(
    "sort, expected",
    [
        ("amount", ("nor", "deu_delivery", "gbr", "deu", "usa", "nld", "fra")),
        ("-amount", ("nld", "usa", "deu", "gbr", "deu_delivery", "nor", "fra")),
        ("announced", ("deu", "usa", "deu_delivery", "nor", "fra", "gbr", "nld")),
        # by the name shown: France, Germany, Netherlands, Norway, United Kingdom, United States
        ("donor", ("fra", "deu", "deu_delivery", "nld", "nor", "gbr", "usa")),
    ],
)
def test_sorting(client, known, sort, expected):
    assert row_ids(client.get(f"/pledges/?sort={sort}")) == [known[n].pk for n in expected]


def test_unknown_sort_key_falls_back_to_default(client, known):
    response = client.get("/pledges/?sort=donor__name;drop table")
    assert response.status_code == 200
    assert response.context["sort"] == tables.DEFAULT_SORT
    assert row_ids(response) == row_ids(client.get("/pledges/"))


def test_sort_links_keep_filters(client, known):
    text = client.get("/pledges/?category=drones&sort=amount").content.decode()
    assert 'href="?category=drones&amp;sort=-amount"' in text
    assert 'aria-sort="ascending"' in text


def walk_pages(client, url):
    """Every row id of the list at `url` (ending in "?" or "&"), page by page: (ids, pages, last response)."""
    seen, page = [], 1
    while True:
        response = client.get(f"{url}page={page}")
        seen += row_ids(response)
        if not response.context["page"].has_next:
            return seen, page, response
        page += 1


def test_pagination_walks_every_row_once(client):
    many(120)
    seen, page, response = walk_pages(client, "/pledges/?")
    assert page == 3
    assert sorted(seen) == sorted(Pledge.objects.values_list("pk", flat=True))
    assert len(seen) == len(set(seen)) == 120
    assert response.context["page"].num_pages == 3
    assert "page 3 of 3" in response.content.decode()


def test_count_is_capped(client, monkeypatch):
    many(12)
    monkeypatch.setattr(tables, "COUNT_CAP", 10)
    monkeypatch.setattr(tables, "PER_PAGE", 5)
    response = client.get("/pledges/?page=2")
    page = response.context["page"]
    assert page.count_capped and page.count == 10 and page.num_pages is None
    assert page.has_next and len(page.rows) == 5
    assert "More than 10 records" in response.content.decode()


def test_page_past_the_end(client, known):
    response = client.get("/pledges/?page=99")
    assert response.status_code == 200
    assert "past the last row" in response.content.decode()
    assert client.get("/pledges/?page=abc").context["page"].number == 1


def test_query_count_is_fixed_whatever_the_rows(client, django_assert_max_num_queries):
    many(3)
    # 10: the synthetic-data probe is one query (none here, so no count after it), the
    # filter form's weapon-system choices another.
    with django_assert_max_num_queries(11) as few:  # one of them the page cache's data state
        client.get("/pledges/")
    many(120, donor="DEU")
    with django_assert_max_num_queries(12) as lots:  # + the text search's ids, read once
        client.get("/pledges/?q=iris&sort=-amount")
    # + the text filter's form field, + the text search's ids (then handed on as an array)
    assert len(lots.captured_queries) <= len(few.captured_queries) + 2


def test_empty_state_names_the_filter(client, known):
    response = client.get("/pledges/?donor=DEU&category=maritime")
    text = response.content.decode()
    assert row_ids(response) == []
    assert response.context["culprit"] == ("Category", "Maritime")
    assert "The filter that removed everything" in text and "Category: Maritime" in text


def test_export_link_carries_the_filters(client, known):
    text = client.get("/pledges/?category=drones&sort=amount&page=1").content.decode()
    assert 'href="/pledges/export.csv?category=drones&amp;sort=amount"' in text


def test_navigation_links(client, known):
    text = client.get("/pledges/").content.decode()
    for href in ('href="/"', 'href="/pledges/"', 'href="/articles/"'):
        assert href in text
    assert "/admin/" not in text  # not staff


def test_query_count_with_every_filter_is_fixed(client, django_assert_max_num_queries, known):
    """Nothing matches here, so the empty state asks one EXISTS per active filter (9 at most)."""
    query = (
        "/pledges/?donor=DEU&donor=USA&donor_group=nato&category=air_defense&kind=pledge"
        "&announced_after=2020-01-01&coalition=drone-coalition&amount_eur_min=1&review_status=any&q=a"
    )
    # the form's weapon-system choices, the page cache's state, the text search's ids
    with django_assert_max_num_queries(19) as few:
        client.get(query)
    many(60, donor="DEU")
    with django_assert_max_num_queries(19) as lots:
        client.get(query)
    assert len(lots.captured_queries) == len(few.captured_queries)


def _href(page, rel_or_text):
    """The (unescaped) href of the first link with this rel or text."""
    import html
    import re

    match = re.search(rf'<a[^>]*rel="{rel_or_text}"[^>]*href="([^"]*)"', page) or re.search(
        rf'<a href="([^"]*)"[^>]*>{rel_or_text}</a>', page
    )
    assert match, rel_or_text
    return html.unescape(match.group(1))


def test_next_and_currency_links_keep_every_filter_and_the_sort(client):
    """QA M1: `??` links dropped the first filter; the next page must be the same result set."""
    many(40, donor="DEU")
    many(40, donor="CAN")
    many(30, donor="FRA")  # filtered out
    many(5, donor="DEU", kind="delivery")  # filtered out
    url = "/pledges/?donor=DEU&donor=CAN&kind=pledge&sort=-amount"
    first = client.get(url)
    next_href = _href(first.content.decode(), "next")
    assert next_href.startswith("?donor=DEU") and "??" not in next_href
    second = client.get("/pledges/" + next_href)
    assert second.context["filter"].form.cleaned_data["kind"] == "pledge"
    assert second.context["sort"] == "-amount"
    assert second.context["page"].number == 2
    rows = row_ids(first) + row_ids(second)
    expected = Pledge.objects.filter(donor__in=["DEU", "CAN"], kind="pledge").order_by("-amount", "-pk")
    assert rows == list(expected.values_list("pk", flat=True))
    prev_href = _href(second.content.decode(), "prev")
    assert row_ids(client.get("/pledges/" + prev_href)) == row_ids(first)
    usd_href = _href(second.content.decode(), "USD")
    usd = client.get("/pledges/" + usd_href)
    assert usd.context["currency"] == "USD" and usd.context["page"].count == 80
    assert usd.context["sort"] == "-amount" and usd.context["page"].number == 1


def test_synthetic_rows_are_marked_counted_and_filterable_in_list_and_csv(client, known):
    """QA minor 13: synthetic filter on the list and the export, default include."""
    fake = factories.pledge("CAN", amount=5, currency="EUR", is_synthetic=True)
    listed = client.get("/pledges/")
    page = listed.content.decode()
    assert fake.pk in row_ids(listed) and '<span class="tag synthetic">synthetic</span>' in page
    assert "1 of the pledges in this view is generated for load tests" in page
    assert fake.pk not in row_ids(client.get("/pledges/?synthetic=exclude"))
    assert row_ids(client.get("/pledges/?synthetic=only")) == [fake.pk]
    body = b"".join(client.get("/pledges/export.csv?synthetic=exclude").streaming_content).decode("utf-8-sig")
    exported = [int(line.split(",")[0]) for line in body.splitlines()[1:]]
    assert fake.pk not in exported and known["deu"].pk in exported
    assert client.get("/pledges/?synthetic=maybe").status_code == 400


def test_a_huge_page_number_is_clamped_not_an_error(client, db):
    response = client.get("/pledges/", {"page": "99999999999999999999"})
    assert response.status_code == 200


def test_page_numbers_and_page_size(client):
    many(130)
    response = client.get("/pledges/?page_size=25&page=3")
    page = response.context["page"]
    assert page.per_page == 25 and len(page.rows) == 25
    assert page.numbers() == [1, 2, 3, 4, 5, 6]  # 130 rows: 6 pages of 25
    html = response.content.decode()
    assert 'aria-current="page" class="current">3<' in html and "page=6" in html
    assert client.get("/pledges/?page_size=7").context["page"].per_page == 50  # only the offered sizes
    from pledges.tables import Page

    far = Page(rows=[1], number=40, per_page=50, count=3000, count_capped=False, has_next=True)
    assert far.numbers() == [1, None, 38, 39, 40, 41, 42, None, 60]
    capped = Page(rows=[1], number=1, per_page=50, count=10000, count_capped=True, has_next=True)
    assert capped.numbers() == [1, 2]  # no last page when the count is capped


def test_a_sort_control_keeps_the_filters(client, known):
    html = client.get("/pledges/?donor=DEU&donor=USA&sort=-amount").content.decode()
    form = html[html.index('id="list-controls"'):html.index("</form>", html.index('id="list-controls"'))]
    assert form.count('name="donor"') == 2 and 'name="sort"' in form
    assert '<option value="-amount" selected>' in form


@pytest.mark.parametrize("sort", ["donor", "-donor"])
@pytest.mark.parametrize("query", ["", "&kind=pledge", "&announced_after=2023-01-10"])
def test_sorting_by_donor_name_page_by_page_is_the_full_order(client, sort, query):
    """The list reads only the donors a page falls in (tables.donor_window): walking every
    page gives exactly the order of ranking every pledge, across donor boundaries."""
    from django.http import QueryDict

    from pledges import tables
    from pledges.filters import PledgeFilter

    for donor, n in (("CAN", 7), ("DEU", 12), ("AUT", 5), ("TUR", 9), ("CIV", 4)):
        many(n, donor=donor)
    factories.pledge("FRA", kind="delivery", evidence=[factories.article()])
    seen, page, _ = walk_pages(client, f"/pledges/?sort={sort}&page_size=25{query}&")
    filterset = PledgeFilter(QueryDict(query.lstrip("&")), queryset=Pledge.objects.all())
    assert seen == [p.pk for p in tables.ordered(filterset.qs, sort)]
    assert page == -(-len(seen) // 25)
