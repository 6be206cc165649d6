"""The summary tables give the dashboard the same figures as the pledges, after any write.

Each check computes every dashboard aggregate twice, from the pledge rows and
from the summary tables, for many filters and both currencies, and requires
equality. Writes go through the admin, the ingest writer, the seeder (COPY),
queryset updates and deletes, as in production.
"""

import datetime as dt
import math

import pytest
from django.db import connection
from django.http import QueryDict

from ingest import writer
from pledges import charts, summary, synthetic, systems
from pledges.filters import PledgeFilter
from pledges.models import Evidence, Pledge
from tests.ingest import factories as parsed
from ..admin_forms import post_change

pytestmark = pytest.mark.django_db

QUERIES = [
    "",
    "review_status=any",
    "review_status=rejected",
    "review_status=verified",
    "donor=DEU&donor=FRA",
    "donor=USA&category=air_defense&category=artillery",
    "donor_group=eu&kind=pledge",
    "donor_group=nato&review_status=any",
    "kind=cumulative",
    "announced_after=2024-01-01&announced_before=2024-12-31",
    "announced_after=2023-03-01&category=drones",
    "announced_before=2022-12-31&donor_group=eu",
    # Ranges that cut months: whole months from the summary, edge days from the pledges.
    "announced_after=2024-01-15",
    "announced_before=2023-06-10&kind=delivery",
    "announced_after=2023-02-10&announced_before=2024-11-20&donor_group=nato",
    "announced_after=2022-03-01&announced_before=2022-08-17&review_status=any",
]
AGGREGATES = ["donor_totals", "category_totals", "monthly_totals", "donor_category_totals"]


def both_ways(query):
    filterset = PledgeFilter(QueryDict(query))
    pledges = filterset.qs
    totals = summary.totals_for(filterset, pledges)
    assert totals is not None, query
    return pledges, totals


def same(a, b):
    """Equal; floats (chart values) to within rounding, since a range that cuts
    months adds two float parts where the pledges give one sum."""
    if isinstance(a, float) or isinstance(b, float):
        return math.isclose(a, b, rel_tol=1e-12, abs_tol=1e-6)
    if isinstance(a, dict):
        return a.keys() == b.keys() and all(same(a[k], b[k]) for k in a)
    if isinstance(a, (list, tuple)):
        return len(a) == len(b) and all(same(x, y) for x, y in zip(a, b))
    return a == b


ROLLUP_DIFFERENCE = """
    SELECT donor_id, kind, review_status, month, sum(n), sum(n_amount), sum(n_eur), sum(n_usd),
           sum(sum_eur), sum(sum_usd) FROM pledges_summary_month GROUP BY 1, 2, 3, 4
    EXCEPT SELECT donor_id, kind, review_status, month, n, n_amount, n_eur, n_usd, sum_eur, sum_usd
    FROM pledges_summary_donor_month"""


def assert_summary_matches():
    # the roll-up without categories (0021) is the month summary summed over categories, row for row
    with connection.cursor() as cursor:
        cursor.execute(ROLLUP_DIFFERENCE)
        assert cursor.fetchall() == []
        cursor.execute("SELECT (SELECT count(*) FROM pledges_summary_donor_month), "
                       "(SELECT count(DISTINCT (donor_id, kind, review_status, month)) FROM pledges_summary_month)")
        rolled_up, expected = cursor.fetchone()
        assert rolled_up == expected
    for query in QUERIES:
        pledges, totals = both_ways(query)
        assert totals.count() == pledges.count(), query
        for currency in ("eur", "usd"):
            assert charts.headline(totals, currency) == charts.headline(pledges, currency), query
            for name in AGGREGATES:
                function = getattr(charts, name)
                assert same(function(totals, currency), function(pledges, currency)), (query, name)


@pytest.fixture
def seeded():
    synthetic.seed(600, seed=4, batch_size=250)


def test_filters_the_summary_cannot_answer_fall_back_to_the_pledges(seeded):
    for query in ["coalition=drone-coalition", "q=IRIS", "amount_eur_min=5",
                  "announced_after=2024-01-15&announced_before=2024-02-10"]:
        filterset = PledgeFilter(QueryDict(query))
        assert summary.totals_for(filterset, filterset.qs) is None, query


def test_summary_equals_pledges_after_seeding(seeded):
    assert_summary_matches()


def test_summary_follows_admin_edits(seeded, staff_client):
    pledge = Pledge.objects.filter(amount__isnull=False, announced__isnull=False).order_by("id").first()
    url = f"/admin/pledges/pledge/{pledge.pk}/change/"
    post_change(staff_client, url, {
        "kind": "delivery", "category": "maritime", "donor": "NOR", "review_status": "verified",
        # The admin converts a changed amount to EUR and USD at the ECB rate.
        "amount": "123456789.00", "currency": "NOK", "announced": "2025-05-05",
    })
    pledge.refresh_from_db()
    assert (pledge.kind, pledge.donor_id, pledge.category) == ("delivery", "NOR", "maritime")
    assert pledge.amount_eur is not None and pledge.announced == dt.date(2025, 5, 5)
    assert_summary_matches()

    # Rejecting from the change list (an admin action, a queryset update).
    ids = list(Pledge.objects.filter(review_status="auto").values_list("pk", flat=True)[:20])
    staff_client.post("/admin/pledges/pledge/", {"action": "mark_rejected", "_selected_action": ids})
    assert_summary_matches()

    # Deleting in the admin leaves a tombstone: the pledge is rejected (out of every total).
    staff_client.post(f"/admin/pledges/pledge/{pledge.pk}/delete/", {"post": "yes"})
    assert Pledge.objects.get(pk=pledge.pk).review_status == "rejected"
    assert_summary_matches()


def test_summary_follows_new_ingests(seeded):
    article = parsed.article(published=dt.date(2024, 6, 3))
    writer.write(article, parsed.result(
        parsed.pledge("DEU", amount=500_000_000, currency="EUR", category="air_defense",
                      items=[("IRIS-T SLM", 2)], announced=dt.date(2024, 6, 3)),
        parsed.pledge("GBR", amount=100_000_000, currency="GBP", kind="delivery", category="drones",
                      announced=dt.date(2024, 6, 3)),
        parsed.pledge("USA", kind="pledge", category="artillery", items=[("155mm ammunition", 10000)]),
        published=dt.date(2024, 6, 3),
    ))
    assert Evidence.objects.filter(article=article).count() == 3
    assert_summary_matches()
    # The same report in a second article merges into the same pledge: one more source.
    second = parsed.article(published=dt.date(2024, 6, 4))
    writer.write(second, parsed.result(
        parsed.pledge("DEU", amount=500_000_000, currency="EUR", category="air_defense",
                      announced=dt.date(2024, 6, 4)),
        published=dt.date(2024, 6, 4),
    ))
    assert_summary_matches()


def test_summary_follows_bulk_writes_and_deletes(seeded):
    Pledge.objects.filter(donor_id="USA").update(amount_eur=None, amount_usd=None)
    Pledge.objects.filter(category="artillery").update(announced=None)
    Pledge.objects.filter(kind="cumulative").delete()
    Evidence.objects.filter(pk__in=Evidence.objects.order_by("id").values("pk")[:50]).delete()
    Pledge.objects.filter(pk__in=Pledge.objects.order_by("id").values("pk")[:30]).update(
        review_status="rejected"
    )
    assert_summary_matches()
    synthetic.seed(200, seed=9)
    assert_summary_matches()
    synthetic.delete()
    with connection.cursor() as cursor:
        for table in ("pledges_summary", "pledges_summary_month", "pledges_article_live"):
            cursor.execute(f"SELECT count(*) FROM {table}")
            assert cursor.fetchone()[0] == 0, table


def test_dashboard_reads_the_summary(client, seeded):
    from django.db import connection as conn
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(conn) as ctx:
        response = client.get("/")
    assert response.status_code == 200
    sql = " ".join(q["sql"] for q in ctx.captured_queries)
    assert "pledges_summary" in sql and "pledges_article_live" in sql
    live = charts.headline(PledgeFilter(QueryDict("")).qs, "eur")
    assert response.context["headline"] == live


def test_country_page_reads_the_summary(client, seeded):
    pledges = Pledge.objects.filter(donor="DEU").exclude(review_status="rejected")
    totals = summary.totals_for_donor("DEU", pledges)
    for currency in ("eur", "usd"):
        assert charts.headline(totals, currency) == charts.headline(pledges, currency)
        for name in AGGREGATES:
            function = getattr(charts, name)
            assert same(function(totals, currency), function(pledges, currency)), name
    response = client.get("/countries/DEU/")
    assert response.status_code == 200
    # the page shows no article count, so it does not scan the evidence for one
    assert response.context["headline"] == charts.headline(pledges, "eur", articles=False)
    assert "articles" not in response.context["headline"]


def test_list_count_comes_from_the_summary(client, seeded):
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as ctx:
        response = client.get("/pledges/?donor=DEU&donor=FRA&kind=pledge")
    page = response.context["page"]
    expected = Pledge.objects.filter(donor__in=["DEU", "FRA"], kind="pledge").exclude(
        review_status="rejected").count()
    assert (page.count, page.count_capped) == (expected, False)
    assert any("pledges_summary" in q["sql"] for q in ctx.captured_queries)
    assert not any(q["sql"].startswith("SELECT COUNT(*)") for q in ctx.captured_queries)
    # A filter the summary cannot answer keeps counting the rows.
    response = client.get("/pledges/?q=drones")
    page = response.context["page"]
    assert page.count == PledgeFilter(QueryDict("q=drones")).qs.count()


def test_one_scan_gives_the_figures_of_the_pledges_for_filters_the_summary_cannot_answer(seeded):
    from django.db import transaction

    from pledges.models import Meeting, WeaponSystem

    meeting = Meeting.objects.filter(pledges__isnull=False).first()
    system = WeaponSystem.objects.filter(items__isnull=False).first()
    assert meeting is not None and system is not None
    queries = ["coalition=drone-coalition", "q=IRIS", "amount_eur_min=5000000", f"meeting={meeting.pk}",
               f"system={system.slug}", "category=armor&category_scope=items", "review_status=any&q=tank",
               "donor=DEU&announced_after=2024-01-15", "coalition=no-such-coalition", *QUERIES]
    aggregates = [*AGGREGATES, "donor_monthly_totals"]
    for query in queries:
        pledges = PledgeFilter(QueryDict(query)).qs
        with transaction.atomic():
            totals = summary.scanned(pledges)
            if not pledges.query.is_empty():
                assert totals is not None and totals.count() == pledges.count(), query
            if totals is None:
                continue
            for currency in ("eur", "usd"):
                assert charts.headline(totals, currency) == charts.headline(pledges, currency), query
                for name in aggregates:
                    function = getattr(charts, name)
                    assert same(function(totals, currency), function(pledges, currency)), (query, name)
            assert sorted(totals.system_counts()) == sorted(systems.live_counts(pledges)), query


@pytest.mark.django_db(transaction=True)
def test_a_scan_lives_as_long_as_its_transaction():
    with pytest.raises(RuntimeError):  # outside one, its table would be gone before the charts read it
        summary.scanned(Pledge.objects.all())
    from django.db import transaction

    with transaction.atomic():
        totals = summary.scanned(Pledge.objects.all())
        assert totals.count() == 0 and totals.donor_totals("eur") == []
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM pg_class WHERE relname = %s", [totals.scan_table])
        assert cursor.fetchone()[0] == 0


def test_queries_without_categories_read_the_rollup(client, seeded):
    from django.test.utils import CaptureQueriesContext

    for query, rolled_up in (("announced_after=2024-01-01", True), ("", True),
                             ("category=drones&announced_after=2024-01-01", False)):
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(f"/?{query}").status_code == 200
        sql = " ".join(q["sql"] for q in ctx.captured_queries)
        assert ("pledges_summary_donor_month" in sql) is rolled_up, query
