"""The weapon-system catalogue, items linked to it, and the /systems/ pages."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from ingest import intake
from ingest.tasks import parse_and_write
from pledges import catalogue, systems
from pledges import vocabulary as voc
from pledges.models import PledgeItem, WeaponSystem
from tests import factories

pytestmark = pytest.mark.django_db


def link():
    catalogue.link_items(PledgeItem, WeaponSystem)


def test_the_catalogue_groups_spellings_and_variants():
    entries = {e.name: e for e in catalogue.catalogue_entries()}
    # trailing generic words are not part of the name; the term stays an alias
    assert "Caesar howitzers" in entries["Caesar"].aliases
    # a variant belongs to the family it starts with, unless only a number follows
    assert entries["IRIS-T SLM"].family == "IRIS-T"
    assert entries["Leopard 2A6"].family == "Leopard 2"
    assert entries["Leopard 2"].family == "Leopard 2"
    # spelled-out names and other designations are aliases, generic acronyms no system
    assert "High Mobility Artillery Rocket System" in entries["HIMARS"].aliases
    assert "APCs" not in entries and "MANPADS" not in entries
    assert all(e.category in voc.CATEGORY_VALUES for e in entries.values())


def test_items_are_linked_to_the_system_their_words_name():
    matcher = catalogue.Matcher.from_database(WeaponSystem)
    iris_slm = WeaponSystem.objects.get(name="IRIS-T SLM").pk
    assert matcher.match("four IRIS-T SLM air defence systems") == iris_slm
    assert matcher.match("PzH-2000 howitzers") == WeaponSystem.objects.get(name="PzH 2000").pk
    assert matcher.match("Panzerhaubitze 2000") == WeaponSystem.objects.get(name="PzH 2000").pk
    assert matcher.match("armoured vehicles") is None


def test_a_parsed_article_links_its_items():
    article, _ = intake.store(
        "date 2024-05-02\n"
        "Germany will send Ukraine three IRIS-T SLM air defence systems and 20 Marder infantry fighting vehicles.")
    parse_and_write(article.pk)
    linked = dict(PledgeItem.objects.values_list("weapon_system__name", "quantity"))
    assert linked == {"IRIS-T SLM": 3, "Marder": 20}


def test_staff_aliases_link_the_items_they_name(staff_client):
    factories.pledge("DEU", items=[("Skyshield XR launchers", 2)])
    system = WeaponSystem.objects.create(name="Skyshield", slug="skyshield", category="air_defense")
    response = staff_client.post(reverse("admin:pledges_weaponsystem_change", args=[system.pk]), {
        "name": "Skyshield", "slug": "skyshield", "family": "", "category": "air_defense",
        "aliases": '["Skyshield XR"]'})
    assert response.status_code == 302
    assert PledgeItem.objects.get().weapon_system == system
    system.refresh_from_db()
    assert system.staff_edited


def test_loading_again_keeps_what_staff_changed():
    system = WeaponSystem.objects.get(name="Caesar")
    system.aliases, system.staff_edited = ["CAESAR 6x6"], True
    system.save()
    catalogue.load(WeaponSystem)
    system.refresh_from_db()
    assert system.aliases == ["CAESAR 6x6"]


def _known():
    a = factories.article()
    factories.pledge("DEU", items=[("IRIS-T SLM", 4)], evidence=[a], announced=datetime.date(2023, 1, 5))
    factories.pledge("DEU", kind=voc.KIND_DELIVERY, items=[("IRIS-T SLM systems", 3)], evidence=[a],
                     announced=datetime.date(2023, 6, 1))
    factories.pledge("USA", items=[("IRIS-T SLM", 1)], category="air_defense", evidence=[a],
                     announced=datetime.date(2024, 2, 1))
    # a running total restates earlier records: never added
    factories.pledge("DEU", kind=voc.KIND_CUMULATIVE, items=[("IRIS-T SLM", 7)], evidence=[a])
    factories.pledge("FRA", items=[("Caesar howitzers", 6)], category="artillery", evidence=[a])
    link()


def _row(response, name):
    rows = {row.system.name: row for row in response.context["rows"]}
    return rows.get(name)


def test_systems_page_counts_pledged_and_delivered_per_donor(client):
    _known()
    response = client.get(reverse("system-list"))
    assert response.status_code == 200
    iris = _row(response, "IRIS-T SLM")
    assert (iris.pledged, iris.delivered, iris.records) == (5, 3, 3)
    by_donor = {d.donor.code: (d.pledged, d.delivered) for d in iris.donors}
    assert by_donor == {"DEU": (4, 3), "USA": (1, 0)}
    assert iris.share_delivered == pytest.approx(0.6)
    html = response.content.decode()
    assert 'href="/systems/iris-t-slm/"' in html and "Caesar" in html


def test_systems_page_follows_the_list_filters(client):
    _known()
    response = client.get(reverse("system-list"), {"donor": "USA"})
    iris = _row(response, "IRIS-T SLM")
    assert (iris.pledged, iris.delivered) == (1, 0)
    assert _row(response, "Caesar") is None
    response = client.get(reverse("system-list"), {"announced_before": "2023-03-01"})
    assert (_row(response, "IRIS-T SLM").pledged, _row(response, "IRIS-T SLM").delivered) == (4, 0)


def test_systems_sort_by_name_and_figures(client):
    _known()
    names = [r.system.name for r in client.get(reverse("system-list"), {"sort": "name"}).context["rows"]]
    assert names == sorted(names, key=str.lower)
    names = [r.system.name for r in client.get(reverse("system-list"), {"sort": "-pledged"}).context["rows"]]
    assert names[0] == "Caesar"  # 6 pledged, IRIS-T SLM 5
    assert client.get(reverse("system-list"), {"sort": "drop table"}).context["sort"] == systems.DEFAULT_SORT


def test_an_invalid_filter_is_named_not_ignored(client):
    response = client.get(reverse("system-list"), {"system": "no-such-system"})
    assert response.status_code == 400
    assert "Weapon system" in response.content.decode()


def test_an_empty_view_says_so(client):
    response = client.get(reverse("system-list"), {"donor": "NZL"})
    assert response.status_code == 200
    assert "No weapon system is named" in response.content.decode()


def test_systems_page_query_count_is_fixed(client, django_assert_max_num_queries):
    _known()
    client.get(reverse("system-list"))
    with CaptureQueriesContext(connection) as few:
        client.get(reverse("system-list"))
    for n in range(20):
        factories.pledge("POL", items=[(f"Leopard 2A4 tanks", n + 1), ("Krab", 2)], evidence=[factories.article()])
    link()
    with CaptureQueriesContext(connection) as many:
        client.get(reverse("system-list"))
    assert len(many) == len(few)


def test_system_page_shows_donors_records_sources_and_a_chart(client):
    _known()
    response = client.get(reverse("system-detail", args=["iris-t-slm"]))
    assert response.status_code == 200
    donors = {d.donor.code: (d.pledged, d.delivered) for d in response.context["donors"]}
    assert donors == {"DEU": (4, 3), "USA": (1, 0)}
    kinds = sorted(item.pledge.kind for item in response.context["items"])
    assert kinds == ["delivery", "pledge", "pledge"]  # the running total is not listed
    chart = response.context["chart"]
    assert chart.rows[-1][3:] == (5, 3)  # cumulative pledged, delivered at the last month
    assert 'id="chart-system-over-time"' in response.content.decode()
    assert client.get(reverse("system-detail", args=["no-such"])).status_code == 404


def test_list_dashboard_and_csv_accept_system(client):
    _known()
    ids = [p.pk for p in client.get(reverse("pledge-list"), {"system": ["iris-t-slm", "caesar"]}).context["page"].rows]
    assert len(ids) == 5  # three IRIS-T SLM records, the running total naming it, and Caesar
    assert client.get(reverse("dashboard"), {"system": "caesar"}).context["headline"]["pledges"] == 1
    csv_text = b"".join(client.get(reverse("pledge-export"), {"system": "caesar"}).streaming_content).decode()
    assert csv_text.count("\n") == 2 and "Caesar howitzers" in csv_text


def test_a_system_filter_read_as_ids_or_as_a_subquery_keeps_the_same_records(client, monkeypatch, settings):
    from pledges import filters

    _known()
    a = factories.article()
    twice = factories.pledge("FRA", items=[("Caesar", 6), ("Caesar howitzers", 12)], evidence=[a])
    link()
    settings.PAGE_CACHE_SECONDS = 0

    def seen(query):
        rows = [p.pk for p in client.get(reverse("pledge-list"), query).context["page"].rows]
        return (rows, client.get(reverse("dashboard"), query).context["headline"],
                b"".join(client.get(reverse("pledge-export"), query).streaming_content))

    for query in ({"system": "caesar"}, {"system": ["iris-t-slm", "caesar"]}, {"system": "caesar", "donor": "FRA"}):
        as_ids = seen(query)
        assert as_ids[0].count(twice.pk) == 1  # two items of the system: the pledge once
        monkeypatch.setattr(filters, "IDS_INLINE_MAX", 0)
        assert seen(query) == as_ids, query
        monkeypatch.undo()


def test_category_can_include_the_items_category(client):
    a = factories.article()
    mixed = factories.pledge("DEU", category="general", items=[("IRIS-T SLM", 4), ("trucks", 20)], evidence=[a])
    for item in mixed.items.all():
        item.category = "air_defense" if "IRIS" in item.system else "general"
        item.save()
    own = client.get(reverse("pledge-list"), {"category": "air_defense"})
    assert list(own.context["page"].rows) == []
    wide = client.get(reverse("pledge-list"), {"category": "air_defense", "category_scope": "items"})
    assert [p.pk for p in wide.context["page"].rows] == [mixed.pk]
    response = client.get(reverse("system-list"), {"category": "air_defense", "category_scope": "items"})
    assert "any of its items" in response.content.decode() or "item of that category" in response.content.decode()


def test_a_delivery_is_linked_to_the_pledge_it_fulfils(client):
    from pledges.models import Pledge, link_deliveries

    a = factories.article()
    older = factories.pledge("DEU", items=[("IRIS-T SLM", 2)], evidence=[a], announced=datetime.date(2022, 10, 1))
    pledged = factories.pledge("DEU", items=[("IRIS-T SLM", 4)], evidence=[a], announced=datetime.date(2023, 1, 5))
    other_donor = factories.pledge("USA", items=[("IRIS-T SLM", 1)], evidence=[a], announced=datetime.date(2023, 2, 1))
    later = factories.pledge("DEU", items=[("IRIS-T SLM", 9)], evidence=[a], announced=datetime.date(2024, 1, 1))
    delivery = factories.pledge("DEU", kind=voc.KIND_DELIVERY, items=[("IRIS-T SLM systems", 1)], evidence=[a],
                                announced=datetime.date(2023, 6, 1))
    pinned = factories.pledge("DEU", kind=voc.KIND_DELIVERY, items=[("IRIS-T SLM", 1)], evidence=[a],
                              announced=datetime.date(2023, 7, 1), staff_edited=True)
    link()
    link_deliveries(["DEU", "USA"])
    delivery.refresh_from_db()
    pinned.refresh_from_db()
    # the latest pledge of the same donor and system announced before it; staff-pinned untouched
    assert delivery.fulfils == pledged and pinned.fulfils is None
    assert older and other_donor and later
    page = client.get(pledged.get_absolute_url()).content.decode()
    assert f'href="/pledges/{delivery.pk}/"' in page
    assert "the pledge of 5 Jan 2023" in client.get(delivery.get_absolute_url()).content.decode()
    assert client.get(f"/api/pledges/{delivery.pk}/").json()["fulfils"] == pledged.pk


def test_staff_set_or_clear_the_link_and_wrong_links_are_refused(staff_client):
    from tests.admin_forms import post_change

    a = factories.article()
    pledged = factories.pledge("DEU", items=[("Caesar", 6)], evidence=[a], announced=datetime.date(2023, 1, 5))
    french = factories.pledge("FRA", items=[("Caesar", 6)], evidence=[a], announced=datetime.date(2023, 1, 5))
    delivery = factories.pledge("DEU", kind=voc.KIND_DELIVERY, items=[("Caesar", 6)], evidence=[a],
                                announced=datetime.date(2023, 3, 1))
    url = reverse("admin:pledges_pledge_change", args=[delivery.pk])
    with pytest.raises(AssertionError, match="of its own donor"):
        post_change(staff_client, url, {"fulfils": french.pk})
    post_change(staff_client, url, {"fulfils": pledged.pk})
    delivery.refresh_from_db()
    assert delivery.fulfils == pledged and delivery.staff_edited
    post_change(staff_client, url, {"fulfils": ""})  # cleared by staff: stays cleared
    delivery.refresh_from_db()
    assert delivery.fulfils is None


def _counts_both_ways(query=""):
    from django.http import QueryDict

    from pledges import summary
    from pledges.filters import PledgeFilter
    from pledges.models import Pledge

    filterset = PledgeFilter(QueryDict(query), queryset=Pledge.objects.all())
    totals = summary.totals_for(filterset, filterset.qs)
    assert totals is not None, query
    return sorted(totals.system_counts()), sorted(systems.live_counts(filterset.qs))


@pytest.mark.parametrize("query", ["", "donor=DEU", "kind=delivery", "announced_after=2023-01-01&announced_before=2023-06-30",
                                   "announced_after=2023-01-15", "review_status=any", "category=air_defense"])
def test_the_systems_summary_matches_the_items_through_every_kind_of_write(query):
    from pledges.models import Pledge

    _known()
    a = factories.article()
    moved = factories.pledge("DEU", items=[("Caesar", 3), ("Krab", None)], evidence=[a], announced=datetime.date(2023, 2, 2))
    link()
    fast, slow = _counts_both_ways(query)
    assert fast == slow
    # a pledge moved to another donor, kind, review status and month; an item relinked, requantified, deleted
    Pledge.objects.filter(pk=moved.pk).update(donor_id="POL", kind=voc.KIND_DELIVERY, announced=datetime.date(2023, 5, 1))
    Pledge.objects.filter(donor_id="USA").update(review_status="rejected")
    item = PledgeItem.objects.filter(pledge=moved, system="Caesar").get()
    item.weapon_system = WeaponSystem.objects.get(name="Archer")
    item.quantity = 9
    item.save()
    PledgeItem.objects.filter(pledge=moved, system="Krab").delete()
    Pledge.objects.filter(donor_id="FRA").delete()
    fast, slow = _counts_both_ways(query)
    assert fast == slow


def test_a_system_page_values_what_the_records_tell(client):
    a = factories.article()
    factories.pledge("DEU", items=[("IRIS-T SLM", 4)], amount=500_000_000, currency="EUR", evidence=[a])
    factories.pledge("DEU", kind=voc.KIND_DELIVERY, items=[("IRIS-T SLM", 1)], amount=120_000_000, currency="EUR",
                     evidence=[a], announced=datetime.date(2024, 6, 1))
    # a package of several systems has no value of its own per system
    factories.pledge("USA", items=[("IRIS-T SLM", 1), ("Patriot", 1)], amount=900_000_000, currency="EUR", evidence=[a])
    link()
    response = client.get(reverse("system-detail", args=["iris-t-slm"]))
    money = response.context["money"]
    assert (money["pledged_eur"], money["delivered_eur"], money["valued"]) == (500_000_000, 120_000_000, 2)
    donors = {d.donor.code: (d.pledged_eur, d.delivered_eur) for d in response.context["donors"]}
    assert donors == {"DEU": (500_000_000, 120_000_000), "USA": (0, 0)}
    html = response.content.decode()
    assert "EUR 500.00 m" in html and 'id="units">5 · 1<' in html
