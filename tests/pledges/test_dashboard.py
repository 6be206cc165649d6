"""Dashboard: figures equal a hand computation on a known fixture, aggregates in SQL."""

import datetime
import re
from decimal import Decimal

import plotly.graph_objects as go
import pytest
from django.contrib.staticfiles import finders
from django.core.cache import cache

from pledges import charts
from pledges import vocabulary as voc
from pledges.models import Pledge
from tests import factories

pytestmark = pytest.mark.django_db
M = 1_000_000


@pytest.fixture
def known(db):
    return factories.known_set()


def chart(response, key):
    return next(c for c in response.context["charts"] if c.key == key)


def test_headline_figures_in_eur(client, known):
    figures = client.get("/").context["headline"]
    # Pledges 100 + 270 + 58 + 17; the NLD running total and POL's rejected pledge stay out.
    assert figures["pledged"] == Decimal(445 * M)
    assert figures["delivered"] == Decimal(40 * M)
    assert figures["donors"] == 6  # DEU USA FRA GBR NOR NLD
    assert (figures["pledges"], figures["deliveries"], figures["running_totals"]) == (5, 1, 1)
    assert figures["unvalued"] == 1 and figures["no_amount"] == 1  # France: items only
    assert figures["articles"] == 3


def test_headline_figures_in_usd(client, known):
    response = client.get("/?currency=usd")
    figures = response.context["headline"]
    assert figures["pledged"] == Decimal("491500000")  # 110 + 300 + 63 + 18.5
    assert figures["delivered"] == Decimal(44 * M)
    assert response.context["currency"] == "USD"
    assert "USD 491.50 m" in response.content.decode()


def test_totals_by_donor_equal_hand_computation(client, known):
    rows = chart(client.get("/"), "donors").rows
    assert rows == [
        ("United States", 270 * M, 0),
        ("Germany", 100 * M, 40 * M),
        ("United Kingdom", 58 * M, 0),
        ("Norway", 17 * M, 0),
        ("France", 0, 0),
    ]


def test_totals_by_category_equal_hand_computation(client, known):
    rows = chart(client.get("/"), "categories").rows
    assert rows == [
        ("Air defence", 100 * M, 40 * M),
        ("Artillery", 270 * M, 0),
        ("Armour", 0, 0),
        ("Drones", 58 * M, 0),
        ("Maritime", 17 * M, 0),
    ]


def test_over_time_monthly_and_cumulative(client, known):
    rows = chart(client.get("/"), "over-time").rows
    assert rows == [
        ("2024-01", 370 * M, 0, 370 * M, 0),
        ("2024-02", 17 * M, 40 * M, 387 * M, 40 * M),
        ("2024-03", 58 * M, 0, 445 * M, 40 * M),
    ]


def test_donor_by_category_uses_vocabulary_colours(client, known):
    donor_category = chart(client.get("/"), "donor-category")
    assert donor_category.rows[0][0] == "United States"
    colours = {trace.name: trace.marker.color for trace in donor_category.figure.data}
    for value, label, colour in voc.CATEGORIES:
        if label in colours:
            assert colours[label] == colour
    assert set(colours) == {"Air defence", "Artillery", "Drones", "Maritime"}


def test_running_totals_are_shown_apart_and_never_summed(client, known):
    response = client.get("/")
    assert [p.pk for p in response.context["running_totals"]] == [known["nld"].pk]
    donors = [row[0] for row in chart(response, "donors").rows]
    assert "Netherlands" not in donors
    assert "Reported running totals" in response.content.decode()


def test_page_says_how_many_pledges_have_no_amount(client, known):
    text = client.get("/").content.decode()
    assert "1 pledge or delivery without an amount in EUR" in text


def test_dashboard_follows_the_filters(client, known):
    response = client.get("/?donor=DEU&kind=pledge")
    assert response.context["headline"]["pledged"] == Decimal(100 * M)
    assert response.context["headline"]["delivered"] == 0
    assert chart(response, "categories").rows == [("Air defence", 100 * M, 0)]


def test_top_15_donors_and_others(client):
    codes = ["DEU", "USA", "GBR", "FRA", "NOR", "NLD", "POL", "DNK", "SWE", "FIN",
             "CAN", "ITA", "ESP", "BEL", "CZE", "EST", "LTU"]
    for rank, code in enumerate(codes):
        factories.pledge(code, amount=(100 - rank) * M, currency="EUR")
    rows = chart(client.get("/"), "donors").rows
    assert len(rows) == 16
    assert rows[14][1] == 86 * M
    assert rows[15] == ("Others (2 donors)", (85 + 84) * M, 0)


def test_one_query_per_chart():
    for code in ["DEU", "USA", "FRA"]:
        for month in (1, 2, 3):
            factories.pledge(code, amount=M, currency="EUR", announced=datetime.date(2024, month, 5),
                             items=["IRIS-T"])
    pledges = Pledge.objects.all()
    for build in charts.DASHBOARD_CHARTS:
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as queries:
            build(pledges, "eur")
        assert len(queries) == 1, build.__name__


def test_dashboard_queries_do_not_grow_with_rows(client, django_assert_max_num_queries, known):
    # 13: one of them reads the filter form's weapon-system choices
    with django_assert_max_num_queries(14):  # one of them the page cache's data state
        client.get("/")
    for n in range(40):
        factories.pledge("CAN", amount=M, currency="EUR", items=["a", "b"],
                         evidence=[factories.article()])
    with django_assert_max_num_queries(14):  # one of them the page cache's data state
        client.get("/")


def test_empty_dashboard_names_the_filter(client, known):
    text = client.get("/?category=maritime&kind=delivery").content.decode()
    assert "No pledges match" in text
    assert "Kind: Delivery" in text


def test_plotly_is_served_from_own_static_files(client, known):
    text = client.get("/").content.decode()
    assert "/static/plotly/plotly.min.js" in text
    assert "cdn.plot.ly" not in text and "cdn.jsdelivr" not in text
    assert finders.find("plotly/plotly.min.js")
    for key in ("donors", "categories", "over-time", "donor-category"):
        assert f'id="chart-{key}"' in text


def test_filters_work_without_javascript(client, known):
    text = client.get("/").content.decode()
    assert '<form method="get"' in text
    assert 'name="category"' in text and 'name="donor"' in text


def test_charts_have_titles_axis_labels_and_currency_in_hover(client, known):
    for chart_ in client.get("/?currency=usd").context["charts"]:
        layout = chart_.figure.layout
        assert "USD" in layout.title.text
        if chart_.key == "map":  # no axes: the colour scale says the currency
            assert chart_.figure.data[0].colorbar.title.text == "USD"
        else:
            assert layout.xaxis.title.text and layout.yaxis.title.text
        assert chart_.all_traces, chart_.key
        for trace in chart_.all_traces:
            assert "USD" in trace["hovertemplate"], (chart_.key, trace["name"])


def test_empty_dashboard_skips_the_charts(client, known, django_assert_max_num_queries):
    with django_assert_max_num_queries(10):  # the form's weapon-system choices, the page cache's data state
        response = client.get("/?category=maritime&kind=delivery")
    assert "charts" not in response.context
    assert response.context["culprit"] == ("Kind", "Delivery")


def test_currency_links_keep_filters_and_switch_the_figures(client, known):
    """QA M1: the dashboard's USD link was `/??currency=usd` and changed nothing."""
    import html
    import re

    page = client.get("/?donor=DEU&donor=USA&kind=pledge").content.decode()
    href = html.unescape(re.search(r'<a href="([^"]*)"[^>]*>USD</a>', page).group(1))
    assert "??" not in href
    usd = client.get("/" + href)
    assert usd.context["currency"] == "USD"
    assert usd.context["headline"]["pledged"] == Decimal(410 * M)  # DEU 110 + USA 300, in USD
    assert "USD 410.00 m" in usd.content.decode()
    back = html.unescape(re.search(r'<a href="([^"]*)"[^>]*>EUR</a>', usd.content.decode()).group(1))
    assert client.get("/" + back).context["headline"]["pledged"] == Decimal(370 * M)


def test_synthetic_pledges_are_announced_and_can_be_left_out(client, known):
    """QA minor 13: synthetic totals showed with no notice and no way to exclude them."""
    import html
    import re

    plain = client.get("/")
    assert plain.context["synthetic"] == (0, False) and 'id="synthetic-notice"' not in plain.content.decode()
    for _ in range(3):
        factories.pledge("DEU", amount=1000 * M, currency="EUR", amount_usd=1100 * M, is_synthetic=True)
    response = client.get("/?donor=DEU")
    page = response.content.decode()
    assert response.context["synthetic"] == (3, False)
    assert "3 of the pledges in this view are generated for load tests" in page
    assert response.context["headline"]["pledged"] == Decimal(3100 * M)  # included by default
    href = html.unescape(re.search(r'<div class="synthetic-notice".*?<a href="([^"]*)"', page, re.S).group(1))
    assert href == "?donor=DEU&synthetic=exclude"
    left_out = client.get("/" + href)
    assert left_out.context["headline"]["pledged"] == Decimal(100 * M)
    assert left_out.context["synthetic"] == (0, False) and 'id="synthetic-excluded"' in left_out.content.decode()
    only = client.get("/?synthetic=only").context["headline"]
    assert only["pledged"] == Decimal(3000 * M) and only["pledges"] == 3
    # No synthetic row in the filtered view: no notice.
    assert client.get("/?donor=USA").context["synthetic"] == (0, False)


def test_amount_axes_have_round_ticks_and_monthly_bars_a_month_wide(client, known):
    """QA minor 11: cumulative ticks 0.85B, 1.7B...; monthly bars about 3 months wide."""
    dashboard = client.get("/")
    for response in (dashboard, client.get("/countries/DEU/")):
        fig = chart(response, "over-time").figure
        for axis in (fig.layout.yaxis, fig.layout.yaxis2):
            assert axis.tickmode == "auto" and axis.exponentformat == "B" and axis.tickformat is None
        bars = [t for t in fig.data if t.type == "bar"]
        assert [t.offset for t in bars] == [-charts.BAR_WIDTH_MS, 0]
        for bar in bars:
            assert set(bar.width) == {charts.BAR_WIDTH_MS} and len(bar.width) == len(bar.x)
        assert 2 * charts.BAR_WIDTH_MS < 28 * 24 * 3600 * 1000  # both bars inside the shortest month
    donors = chart(dashboard, "donors").figure
    assert donors.layout.xaxis.exponentformat == "B"


def test_unvalued_note_names_only_the_reasons_that_apply(client, known):
    """QA minor 10: 'the others without a known exchange rate' when there were no others."""
    note = lambda: re.search(r'<p class="note" id="unvalued-note">(.*?)</p>', client.get("/").content.decode(), re.S).group(1)
    assert "(no amount reported)" in note() and "the others" not in note()
    factories.pledge("DEU", amount=5 * M, currency="XYZ", rate_missing=True)  # no EUR value
    assert "(1 with no amount reported, the others without a known exchange rate)" in note()
    Pledge.objects.filter(amount__isnull=True).delete()
    assert "(no known exchange rate)" in note()


def test_the_map_shows_donor_states_with_shapes_from_this_site(client, known):
    response = client.get("/")
    world = next(c for c in response.context["charts"] if c.key == "map")
    trace = world.figure.data[0]
    assert trace.locationmode == "ISO-3" and "DEU" in trace.locations
    assert all(len(code) == 3 for code in trace.locations)  # the EU and NATO are no place
    assert '"topojsonURL": "/static/topojson/"' in response.content.decode()
    assert finders.find("topojson/world_110m.json")  # collected and served with the other static files


def test_deliveries_without_amounts_never_headline_zero(client):
    a = factories.article()
    factories.pledge("DEU", kind=voc.KIND_DELIVERY, items=[("IRIS-T SLM", 2)], evidence=[a])
    html = client.get("/").content.decode()
    box = html[html.index('id="total-delivered"'):]
    box = box[: box.index("</div>")]
    assert "1 delivery" in box and "EUR 0" not in box and "/systems/" in box


def test_donors_over_time_draws_the_top_donors_and_keeps_the_rest_in_the_legend(client, monkeypatch):
    monkeypatch.setattr(charts, "TOP_DONORS_OVER_TIME", 2)
    a = factories.article()
    for code, amount in (("DEU", 5), ("USA", 9), ("FRA", 2), ("POL", 1)):
        for month in (1, 3):
            factories.pledge(code, amount=amount * M, currency="EUR", announced=datetime.date(2024, month, 5),
                             evidence=[a])
    chart = next(c for c in client.get("/").context["charts"] if c.key == "donors-over-time")
    pledged = [t for t in chart.all_traces if t["visible"] is not False]
    assert [t["name"] for t in pledged] == ["United States", "Germany", "Others (2 donors)", "France", "Poland"]
    assert [t["visible"] for t in pledged] == [True, True, True, "legendonly", "legendonly"]
    assert list(pledged[0]["y"]) == [9 * M, 18 * M]  # cumulative
    assert list(pledged[2]["y"]) == [3 * M, 6 * M]
    # a click opens that list: the point's month, the trace's donor
    assert (pledged[1]["x"][0], pledged[1]["meta"]) == ("2024-01", {"donor": "DEU"})
    # the page draws them: every trace is in the chart's markup
    html = chart.html()
    assert html.count("to date: %{y") == len(chart.all_traces) and "Others (2 donors)" in html
    assert chart.rows[0] == ["United States", 18 * M, 0]


def test_a_costly_article_count_is_fetched_after_the_page_and_stays_exact(client, known, settings):
    query = "donor=DEU&donor=USA&currency=usd"
    inline = client.get(f"/?{query}").context["headline"]["articles"]
    assert inline >= 1
    settings.ARTICLE_COUNT_INLINE_MAX = 1  # this view holds more records: count them later
    cache.clear()  # a setting changed, not the data: the cached page would still count inline
    response = client.get(f"/?{query}")
    assert response.context["headline"]["articles"] is None
    text = response.content.decode()
    url = re.search(r'data-count-url="([^"]+)"', text).group(1).replace("&amp;", "&")
    assert url == f"/pledges/articles.json?{query}"
    assert 'href="/pledges/articles.json?' in text  # without JavaScript: a link to the figure
    answer = client.get(url)
    assert answer.status_code == 200 and answer.json() == {"articles": inline}
    # the other figures are the same either way
    settings.ARTICLE_COUNT_INLINE_MAX = 10_000
    cache.clear()
    assert {**response.context["headline"], "articles": inline} == client.get(f"/?{query}").context["headline"]


def test_the_article_count_refuses_a_bad_filter_clearly(client, known):
    response = client.get("/pledges/articles.json?announced_after=someday")
    assert response.status_code == 400
    assert response.json()["errors"]["announced"][0]["message"] == "Enter a valid date."
    assert client.post("/pledges/articles.json").status_code == 405


def test_each_chart_has_its_numbers_as_an_escaped_table(client, known):
    from pledges.models import Country

    Country.objects.filter(code="DEU").update(name="Germany <b>")
    response = client.get("/")
    text = response.content.decode()
    assert "Germany <b>" not in text and "Germany &lt;b&gt;" in text
    for made in response.context["charts"]:
        section = text.split(f'id="section-{made.key}"')[1].split("</section>")[0]
        table = section.split('<details class="chart-data">')[1]
        assert table.count("<tr>") == 1 + max(1, len(made.rows)), made.key
        assert all(f"<th scope=\"col\">{column}</th>" in table for column in made.columns)
        for row in made.rows:
            cells = "".join(f'<td class="num">{value:,.0f}</td>' for value in row[1:])
            assert cells in table, (made.key, row)


def test_a_chart_without_rows_says_so_in_its_table():
    empty = charts.Chart("donors", "Donors", None, ["Donor", "Pledged"], [])
    assert empty.table_html() == ('<thead><tr><th scope="col">Donor</th><th scope="col">Pledged</th></tr></thead>'
                                  '<tbody><tr><td colspan="2">No valued pledges or deliveries.</td></tr></tbody>')


def test_every_chart_is_drawn_exactly_as_plotly_validates_it(client, known):
    """The page draws each chart's JSON as written (charts.Drawing); Plotly's own validation
    of the same dicts must give the very same figure: no misspelt or shorthand property, no
    value Plotly would have coerced."""
    import json

    from pledges import catalogue, systems
    from pledges.models import PledgeItem, WeaponSystem

    drawn = [*client.get("/").context["charts"], *client.get("/?currency=usd").context["charts"],
             *client.get("/countries/DEU/").context["charts"]]
    catalogue.link_items(PledgeItem, WeaponSystem)
    system = WeaponSystem.objects.filter(items__isnull=False).first()
    drawn.append(systems.over_time(Pledge.objects.all(), system))
    assert {c.key for c in drawn} >= {"donors", "map", "categories", "over-time", "donors-over-time",
                                      "donor-category", "system-over-time"}
    for chart_ in drawn:
        validated = chart_.figure.to_plotly_json()
        assert json.loads(json.dumps(chart_.drawing.data)) == validated["data"], chart_.key
        assert json.loads(json.dumps(chart_.drawing.layout)) == validated["layout"], chart_.key
        for trace in chart_.traces:  # drawn after the figure's own, validated here one by one
            assert go.Figure(data=[trace]).to_plotly_json()["data"][0] == trace
