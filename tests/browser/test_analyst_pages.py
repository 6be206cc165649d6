"""The analyst pages in a real browser: charts drawn, filters applied, CSV downloaded."""

import csv
import io

import pytest

from tests import factories

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

CHARTS = ["donors", "map", "categories", "over-time", "donors-over-time", "donor-category"]
SHOTS = "/tmp"


def list_ids(page):
    return [int(i) for i in page.locator("tr.pledge-row").evaluate_all("rows => rows.map(r => r.dataset.id)")]


def test_dashboard_draws_every_chart(live_server, page, reference_data):
    known = factories.known_set()
    page.goto(live_server.url + "/")
    for key in CHARTS:
        page.locator(f"#chart-{key} .plot-container .main-svg").first.wait_for(state="visible")
        # A drawn chart has bars or points in it (a map: filled countries), not just axes.
        drawn = ".choroplethlocation" if key == "map" else ".trace .point"
        assert page.locator(f"#chart-{key} .main-svg {drawn}").count() > 0, key
    assert "445.00 m" in page.locator("#total-pledged").inner_text()
    # Both amount axes of the time chart read as round steps (QA: 0.85B, 1.7B, 2.55B).
    import re

    ticks = page.locator("#chart-over-time .ytick text, #chart-over-time .y2tick text").all_text_contents()
    assert ticks and all(re.fullmatch(r"0|[1-9]\d*(\.[05])?[kMB]?", t) for t in ticks), ticks
    page.screenshot(path=f"{SHOTS}/aidtracker-dashboard.png", full_page=True)

    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(live_server.url + f"/?donor=DEU&donor=USA")
    page.locator("#chart-donors .main-svg").first.wait_for(state="visible")
    page.screenshot(path=f"{SHOTS}/aidtracker-dashboard-phone.png", full_page=True)

    # QA minor 8: on a phone the running totals are cards; their amounts are on screen.
    page.goto(live_server.url + "/")
    wrap = page.locator("#running-totals .table-wrap")
    assert wrap.evaluate("w => w.scrollWidth <= w.clientWidth")
    for label in ("Reported total", "In EUR"):
        cell = page.locator(f'#running-totals td[data-label="{label}"]').first
        box = cell.bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= 390, (label, box)
        assert "2,000,000,000" in cell.inner_text()
    assert known["deu"].pk


def test_filter_changes_list_and_csv_matches(live_server, page, reference_data):
    known = factories.known_set()
    page.goto(live_server.url + "/pledges/")
    everything = list_ids(page)
    assert len(everything) == 7  # the rejected pledge stays out by default

    page.select_option("#id_category", ["air_defense"])
    page.click("form button[type=submit]")
    page.wait_for_url("**/pledges/?*category=air_defense*")
    # Only the filters set are in the URL (QA minor 15); currency always has a value.
    assert page.url.endswith("/pledges/?category=air_defense&currency=eur&sort=-announced"), page.url
    filtered = list_ids(page)
    assert sorted(filtered) == sorted([known["deu"].pk, known["deu_delivery"].pk])
    page.screenshot(path=f"{SHOTS}/aidtracker-list.png", full_page=True)

    with page.expect_download() as info:
        page.click("#export-link")
    download = info.value
    text = open(download.path(), encoding="utf-8-sig").read()
    rows = list(csv.DictReader(io.StringIO(text)))
    assert [int(r["id"]) for r in rows] == filtered
    assert {r["category"] for r in rows} == {"air_defense"}

    # Removing the one chip brings every row back.
    page.click('.active-filters a[aria-label="Remove filter Category"]')
    page.wait_for_url("**/pledges/?currency=eur&sort=-announced")
    assert sorted(list_ids(page)) == sorted(everything)

    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(live_server.url + "/pledges/")
    page.screenshot(path=f"{SHOTS}/aidtracker-list-phone.png", full_page=True)


def test_next_and_usd_keep_the_filters_in_a_browser(live_server, page, reference_data):
    """QA M1: clicking Next or USD with filters set kept only some of them."""
    import datetime
    from decimal import Decimal

    for donor, n in (("DEU", 30), ("CAN", 30), ("FRA", 20)):
        for i in range(n):
            factories.pledge(donor, amount=Decimal(1000 + i), currency="EUR", amount_usd=Decimal(2000 + i),
                             announced=datetime.date(2024, 1, 1) + datetime.timedelta(days=i))
    page.goto(live_server.url + "/pledges/?donor=DEU&donor=CAN&sort=donor")
    first = list_ids(page)
    page.click("a[rel=next]")
    page.wait_for_url("**/pledges/?donor=DEU&donor=CAN&sort=donor&page=2")
    second = list_ids(page)
    assert len(first) + len(second) == 60 and not set(first) & set(second)
    page.click(".toolbar a:text-is(\"USD\")")
    page.wait_for_url("**currency=usd*")
    assert "donor=DEU" in page.url and "donor=CAN" in page.url and "sort=donor" in page.url
    assert page.locator("#result-count").inner_text() == "60 records"

    page.goto(live_server.url + "/?donor=DEU")
    before = page.locator("#total-pledged .value").inner_text()
    page.click(".toolbar a:text-is(\"USD\")")
    page.wait_for_url("**/?donor=DEU&currency=usd")
    after = page.locator("#total-pledged .value").inner_text()
    assert (before, after) == ("EUR 30.44 k", "USD 60.44 k")  # 30 x 1000..1029, and 2000..2029


def test_every_analyst_page_stays_on_the_site_without_console_errors(live_server, page, reference_data):
    """Every request outside the site is blocked and fails the test, as does any console error."""
    from pledges import catalogue
    from pledges.models import PledgeItem, WeaponSystem

    known = factories.known_set()
    catalogue.link_items(PledgeItem, WeaponSystem)
    outside, errors = [], []

    def route(r):
        if r.request.url.startswith(live_server.url):
            r.continue_()
        else:
            outside.append(r.request.url)
            r.abort()

    page.route("**/*", route)
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    pages = ["/", "/?donor=DEU", "/pledges/", f"/pledges/{known['deu'].pk}/", "/countries/", "/countries/DEU/",
             "/systems/", "/systems/iris-t/", "/coalitions/", "/coalitions/drone-coalition/", "/meetings/",
             "/articles/", "/api/pledges/", "/api/systems/"]
    for path in pages:
        response = page.goto(live_server.url + path)
        assert response.status == 200, path
        page.wait_for_load_state("networkidle")
        assert not outside, (path, outside)
        assert not errors, (path, errors)
    page.goto(live_server.url + "/")
    page.locator("#chart-map .choroplethlocation").first.wait_for(state="attached")
    assert not outside and not errors


def test_share_controls_copy_the_link_and_show_a_chart_full_screen(live_server, page, reference_data):
    factories.known_set()
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    page.goto(live_server.url + "/?donor=DEU&kind=pledge")
    page.get_by_role("button", name="Copy link to this view").click()
    page.get_by_text("Link copied").wait_for()
    assert page.evaluate("navigator.clipboard.readText()") == live_server.url + "/?donor=DEU&kind=pledge"
    section = page.locator("#section-donors")
    section.get_by_role("button", name="Show this chart full screen").click()
    page.wait_for_function("document.fullscreenElement && document.fullscreenElement.id === 'section-donors'")
    # plotly's own "share chart" (cloud upload) is never offered; image downloads say the view
    assert page.locator(".modebar-btn[data-title*='Cloud'], .modebar-btn[data-title*='Share']").count() == 0
    config = page.evaluate("document.getElementById('chart-donors')._context.toImageButtonOptions")
    assert config["filename"] == "aidtracker-donors-donor-deu_kind-pledge"


def click_through(live_server, page, mark):
    """Open the dashboard (pledges only), click the first `mark` of a chart, and return the
    list it opened and that list's donor, checked to be the only one listed."""
    factories.known_set()
    page.goto(live_server.url + "/?kind=pledge")
    target = page.locator(mark).first
    target.wait_for(state="visible")
    with page.expect_navigation():
        target.click(force=True)
    assert "/pledges/?" in page.url and "kind=pledge" in page.url and "donor=" in page.url
    donor = page.url.split("donor=")[1].split("&")[0]
    rows = page.locator("tr.pledge-row")
    assert rows.count() > 0
    assert set(rows.locator("td[data-label=Donor] .code").all_text_contents()) == {donor}
    return rows, donor


def test_a_bar_opens_the_list_filtered_to_it(live_server, page, reference_data):
    click_through(live_server, page, "#chart-donors .trace.bars .point path")


def test_a_point_over_time_opens_that_donors_list_for_that_month(live_server, page, reference_data):
    rows, _ = click_through(live_server, page, "#chart-donors-over-time .trace.scatter .points path")
    month = page.url.split("announced_after=")[1][:7]
    assert all(d.startswith(month) for d in rows.locator("td[data-label=Announced]").all_text_contents())


def test_titles_clear_of_the_toolbar_and_a_phone_can_sort(live_server, page, reference_data):
    factories.known_set()
    page.goto(live_server.url + "/")
    for key in CHARTS:
        title = page.locator(f"#chart-{key} .gtitle").first
        title.wait_for(state="attached")
        bar = page.locator(f"#chart-{key} .modebar").first
        page.locator(f"#chart-{key}").hover()  # the toolbar shows on hover, and always on touch screens
        t, m = title.bounding_box(), bar.bounding_box()
        assert t and m and (t["y"] >= m["y"] + m["height"] or t["x"] + t["width"] <= m["x"]), key
    for axis in ("ytitle", "y2title"):  # the over-time axis titles are whole, inside the chart
        box = page.locator(f"#chart-over-time .{axis}").bounding_box()
        chart = page.locator("#chart-over-time").bounding_box()
        assert box and box["x"] >= chart["x"] and box["x"] + box["width"] <= chart["x"] + chart["width"] + 1, axis

    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(live_server.url + "/pledges/?kind=pledge")
    control = page.locator("#list-controls select[name=sort]")
    assert control.is_visible()
    control.select_option("donor")
    page.locator("#list-controls button").click()
    page.wait_for_url("**sort=donor**")
    assert "kind=pledge" in page.url
    names = page.locator("tr.pledge-row td[data-label=Donor] a").all_text_contents()
    assert names == sorted(names)


def test_a_costly_article_count_arrives_after_the_page(live_server, page, reference_data, settings):
    from django.http import QueryDict

    from pledges import charts
    from pledges.filters import PledgeFilter

    factories.known_set()
    settings.ARTICLE_COUNT_INLINE_MAX = 1  # every filtered view here then counts its articles later
    query = "donor=DEU&donor=USA"
    expected = charts.article_count(PledgeFilter(QueryDict(query)).qs)
    assert expected >= 1
    page.goto(live_server.url + f"/?{query}")
    figure = page.locator("#article-count .value")
    page.wait_for_function("() => !document.querySelector('#article-count .value').textContent.includes('…')")
    assert figure.inner_text() == f"{expected:,}"
