"""Detail pages: pledge, country, coalition, meeting; escaped evidence; fixed query counts."""

import datetime

import pytest

from tests import factories

pytestmark = pytest.mark.django_db
SCRIPT = "<script>alert('x')</script>"


@pytest.fixture
def known(db):
    return factories.known_set()


def test_pledge_page_shows_everything(client, known):
    pledge = known["gbr"]
    text = client.get(f"/pledges/{pledge.pk}/").content.decode()
    assert "Britain and Norway pledged drones and boats." in text
    assert f'href="/articles/{known["articles"][2].pk}/' in text
    assert known["articles"][2].url in text
    assert 'href="/coalitions/drone-coalition/"' in text
    assert f'href="/meetings/{known["meeting"].pk}/"' in text
    assert "GBP 50,000,000" in text and "EUR 58,000,000" in text and "USD 63,000,000" in text
    assert "Automatic" in text
    items = client.get(f"/pledges/{known['deu'].pk}/").content.decode()
    assert "Patriot" in items and "IRIS-T" in items


def test_admin_link_only_for_staff(client, staff_client, known):
    url = f"/pledges/{known['deu'].pk}/"
    admin_url = f"/admin/pledges/pledge/{known['deu'].pk}/change/"
    assert admin_url in staff_client.get(url).content.decode()
    client.logout()
    assert admin_url not in client.get(url).content.decode()


def test_admin_link_hidden_from_analysts(analyst_client, known):
    text = analyst_client.get(f"/pledges/{known['deu'].pk}/").content.decode()
    assert "/admin/" not in text


def test_running_total_is_labelled(client, known):
    text = client.get(f"/pledges/{known['nld'].pk}/").content.decode()
    assert "never added to pledge totals" in text


def test_evidence_script_is_escaped(client):
    source = factories.article(f"Germany said {SCRIPT} and pledged.", title=f"Title {SCRIPT}")
    pledge = factories.pledge("DEU", items=[SCRIPT], evidence=[(source, f"Germany said {SCRIPT}.")])
    for url in (f"/pledges/{pledge.pk}/", "/pledges/", f"/countries/DEU/"):
        text = client.get(url).content.decode()
        assert SCRIPT not in text, url
        assert "&lt;script&gt;" in text, url


def test_pledge_page_query_count_is_fixed(client, django_assert_max_num_queries):
    def build(n_sources):
        articles = [factories.article() for _ in range(n_sources)]
        return factories.pledge("DEU", items=[f"system {i}" for i in range(n_sources)], evidence=articles)

    small, large = build(1), build(30)
    # 5: one of them the deliveries that fulfil the pledge
    with django_assert_max_num_queries(5) as one:
        client.get(f"/pledges/{small.pk}/")
    with django_assert_max_num_queries(5) as many:
        client.get(f"/pledges/{large.pk}/")
    assert len(one.captured_queries) == len(many.captured_queries)


def test_unknown_ids_are_404(client, known):
    assert client.get("/pledges/999999/").status_code == 404
    assert client.get("/countries/XXX/").status_code == 404
    assert client.get("/coalitions/nope/").status_code == 404
    assert client.get("/meetings/999999/").status_code == 404


def test_country_page(client, known):
    response = client.get("/countries/gbr/")
    text = response.content.decode()
    assert response.context["country"].code == "GBR"
    assert "Drone Coalition" in text and "leads" in text
    assert f'href="/meetings/{known["meeting"].pk}/"' in text
    assert [p.pk for p in response.context["pledges"]] == [known["gbr"].pk]
    assert response.context["headline"]["pledged"] == 58_000_000
    assert {c.key for c in response.context["charts"]} == {"categories", "over-time"}
    assert 'id="chart-categories"' in text
    member = client.get("/countries/NOR/").content.decode()
    assert "Drone Coalition" in member and "member" in member


def test_country_page_query_count_is_fixed(client, django_assert_max_num_queries, known):
    with django_assert_max_num_queries(13) as before:
        client.get("/countries/DEU/")
    for i in range(40):
        factories.pledge("DEU", amount=1000, currency="EUR", items=["a", "b"],
                         evidence=[factories.article()], announced=datetime.date(2023, 1 + i % 12, 1))
    with django_assert_max_num_queries(13) as after:
        client.get("/countries/DEU/")
    assert len(after.captured_queries) == len(before.captured_queries)


def test_coalition_page(client, known):
    response = client.get("/coalitions/drone-coalition/")
    text = response.content.decode()
    assert "United Kingdom" in text and "Norway" in text
    assert {p.pk for p in response.context["pledges"]} == {known["gbr"].pk, known["nor"].pk}
    assert response.context["pledge_count"] == 2
    assert 'href="/pledges/?coalition=drone-coalition"' in text


def test_meeting_page(client, known):
    meeting = known["meeting"]
    response = client.get(f"/meetings/{meeting.pk}/")
    text = response.content.decode()
    assert "Ukraine Defense Contact Group #20" in text
    assert "Germany" in text and "United Kingdom" in text
    assert [p.pk for p in response.context["pledges"]] == [known["gbr"].pk]


def test_coalition_and_meeting_query_counts_are_fixed(client, django_assert_max_num_queries, known):
    coalition, meeting = known["coalition"], known["meeting"]
    for i in range(30):
        factories.pledge("NOR", coalition=coalition, meeting=meeting, items=["x"], evidence=[factories.article()])
    with django_assert_max_num_queries(8):
        client.get(f"/coalitions/{coalition.slug}/")
    with django_assert_max_num_queries(8):
        client.get(f"/meetings/{meeting.pk}/")


def test_coalition_index(client, known, django_assert_max_num_queries):
    """QA minor 14: /coalitions/ lists every coalition, linked from the navigation."""
    factories.pledge("NOR", coalition=known["coalition"], review_status="rejected")  # not counted
    factories.coalition(f"IT Coalition {SCRIPT}", area="it_cyber")
    with django_assert_max_num_queries(6):
        response = client.get("/coalitions/")
    page = response.content.decode()
    assert response.status_code == 200
    drone = next(c for c in response.context["coalitions"] if c.slug == "drone-coalition")
    assert drone.pledge_count == 2 and [c.code for c in drone.leaders.all()] == ["LVA", "GBR"]  # Latvia from the reference data
    assert 'href="/coalitions/drone-coalition/"' in page and 'href="/pledges/?coalition=drone-coalition">2</a>' in page
    assert SCRIPT not in page and "IT Coalition &lt;script&gt;" in page
    assert '<a href="/coalitions/" aria-current="page">Coalitions</a>' in page
    detail = client.get("/coalitions/drone-coalition/").content.decode()
    assert '<a href="/coalitions/">Coalitions</a>' in detail


def test_meeting_index(client, known, django_assert_max_num_queries):
    """QA minor 14: /meetings/ lists meetings newest first, paginated, filterable by format."""
    older = factories.meeting("bilateral", date=datetime.date(2023, 11, 21), location="Kyiv",
                              participants=[factories.country("DEU"), factories.country("UKR")])
    undated = factories.meeting("bilateral", location=f"Nowhere {SCRIPT}")
    with django_assert_max_num_queries(6):
        response = client.get("/meetings/")
    page = response.content.decode()
    rows = response.context["page"].rows
    assert [m.pk for m in rows] == [known["meeting"].pk, older.pk, undated.pk]
    assert rows[0].pledge_count == 1 and rows[1].pledge_count == 0
    assert f'href="/pledges/?meeting={known["meeting"].pk}">1</a>' in page
    assert "Nowhere &lt;script&gt;" in page and SCRIPT not in page
    assert '<a href="/meetings/" aria-current="page">Meetings</a>' in page
    bilateral = client.get("/meetings/?format=bilateral").context["page"].rows
    assert [m.pk for m in bilateral] == [older.pk, undated.pk]
    for _ in range(55):
        factories.meeting("bilateral", date=datetime.date(2022, 1, 1))
    first = client.get("/meetings/?format=bilateral").content.decode()
    assert 'rel="next" href="?format=bilateral&amp;page=2"' in first
    assert len(client.get("/meetings/?format=bilateral&page=2").context["page"].rows) == 7
    detail = client.get(f"/meetings/{older.pk}/").content.decode()
    assert '<a href="/meetings/">Meetings</a>' in detail


def test_no_flag_emoji_anywhere_the_code_instead(client, known):
    """QA minor 12: flag emoji rendered as empty boxes without an emoji font."""
    regional_indicators = {chr(c) for c in range(0x1F1E6, 0x1F200)}
    urls = ["/", "/pledges/", f"/pledges/{known['gbr'].pk}/", "/countries/GBR/", "/coalitions/drone-coalition/",
            f"/meetings/{known['meeting'].pk}/", "/coalitions/", "/meetings/"]
    for url in urls:
        page = client.get(url).content.decode()
        assert not regional_indicators & set(page), url
        assert '<span class="code">GBR</span>' in page or '<span class="code">NLD</span>' in page, url


def test_read_only_pages_refuse_post_and_have_a_favicon(client, known):
    """QA minors 16, 17: /favicon.ico 404 on every page; POST answered 200."""
    from django.contrib.staticfiles import finders

    urls = ["/", "/pledges/", "/pledges/export.csv", f"/pledges/{known['gbr'].pk}/", "/countries/GBR/",
            "/coalitions/", "/coalitions/drone-coalition/", "/meetings/", f"/meetings/{known['meeting'].pk}/",
            "/articles/", f"/articles/{known['articles'][0].pk}/"]
    for url in urls:
        assert client.post(url).status_code == 405, url
        assert client.head(url).status_code == 200, url
    page = client.get("/").content.decode()
    assert '<link rel="icon" href="/static/img/favicon.svg" type="image/svg+xml">' in page
    assert finders.find("img/favicon.svg")


def test_a_staff_edit_is_shown_on_the_pledge_and_in_the_list(client, db):
    from pledges.models import Pledge as PledgeModel

    pledge = PledgeModel.objects.create(donor_id="DEU", staff_edited=True)
    assert "Automatic, edited by staff" in client.get(f"/pledges/{pledge.pk}/").content.decode()
    assert "Automatic, edited by staff" in client.get("/pledges/").content.decode()


def test_country_index_lists_the_donors_with_their_counts(client, known):
    from pledges import vocabulary as voc

    Pledge = type(known["gbr"])
    text = client.get("/countries/").content.decode()
    assert 'href="/countries/DEU/"' in text and 'href="/countries/GBR/"' in text
    assert 'href="/countries/UKR/"' not in text  # no pledges: not a donor
    deu = Pledge.objects.filter(donor="DEU").exclude(review_status=voc.REVIEW_REJECTED).count()
    assert f'href="/pledges/?donor=DEU">{deu}</a>' in text
    # the country page's breadcrumb leads here
    assert 'href="/countries/"' in client.get("/countries/DEU/").content.decode()


def test_country_index_query_count_is_fixed(client, django_assert_max_num_queries, known):
    with django_assert_max_num_queries(4) as before:
        client.get("/countries/")
    for code in ("FRA", "ITA", "ESP"):
        factories.pledge(code, amount=1000, currency="EUR", evidence=[factories.article()])
    with django_assert_max_num_queries(4) as after:
        client.get("/countries/")
    assert len(after.captured_queries) == len(before.captured_queries)
