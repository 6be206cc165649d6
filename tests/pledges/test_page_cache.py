"""Page cache: a cached page is served only while the data it was read from is unchanged.

Real PostgreSQL, committed transactions (transactional_db): the data-change rows the cache
keys on are written by triggers at commit, and pages read in their own REPEATABLE READ
transaction as in production.
"""

import time
from decimal import Decimal

import psycopg
import pytest
from django.apps import apps
from django.db import connection

from pledges import page_cache
from pledges.models import Pledge
from tests import factories

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("reference_data")]

NOT_SHOWN = {"pledges_exportjob", "ingest_feed"}  # and the edit history (historical*)


def state():
    with connection.cursor() as cursor:
        cursor.execute("SELECT coalesce(sum(weight), 0), count(*) FROM pledges_data_change")
        return tuple(cursor.fetchone())


def test_every_table_a_page_shows_records_its_changes():
    shown = {
        model._meta.db_table
        for app in ("pledges", "ingest")
        for model in apps.get_app_config(app).get_models(include_auto_created=True)
        if model._meta.db_table not in NOT_SHOWN and not model._meta.db_table.startswith("pledges_historical")
    }
    with connection.cursor() as cursor:
        cursor.execute("SELECT tgrelid::regclass::text FROM pg_trigger WHERE tgname = 'pledges_data_changed'")
        recorded = {row[0] for row in cursor.fetchall()}
    assert shown == recorded, "a new table shown on a page needs the pledges_data_changed trigger (0022)"


def test_every_kind_of_write_adds_to_the_sum_and_reads_do_not():
    seen = [state()[0]]

    def changed():
        now = state()[0]
        assert now > seen[-1]
        seen.append(now)

    made = factories.pledge("DEU", amount=5, currency="EUR")
    changed()
    list(Pledge.objects.all())
    assert state()[0] == seen[-1]
    made.notes = "checked"
    made.save()
    changed()
    Pledge.objects.filter(pk=made.pk).update(amount=Decimal(6))
    changed()
    with connection.cursor() as cursor:
        cursor.execute("UPDATE pledges_country SET name = name || '' WHERE code = 'DEU'")
    changed()
    with connection.cursor() as cursor:
        cursor.execute("TRUNCATE ingest_article_meetings")
    changed()
    Pledge.objects.filter(pk=made.pk).delete()
    changed()


def test_compaction_keeps_the_sum():
    for n in range(5):
        factories.pledge("DEU", amount=n + 1, currency="EUR")
    total, rows = state()
    assert rows >= 5
    page_cache.compact()
    assert state() == (total, 1)
    factories.pledge("FRA", amount=1, currency="EUR")
    assert state()[0] > total


def test_a_repeated_page_is_served_from_the_cache_until_the_data_changes(client):
    made = factories.pledge("DEU", amount=123_000_000, amount_eur=123_000_000, currency="EUR")
    first = client.get("/")
    assert first.status_code == 200 and first[page_cache.HEADER] == "miss"
    again = client.get("/")
    assert again[page_cache.HEADER] == "hit"
    assert again.content == first.content and again["Content-Type"] == first["Content-Type"]
    # a write that no Django signal sees: raw SQL from another connection
    with psycopg.connect(_dsn(), autocommit=True) as other:
        other.execute("UPDATE pledges_pledge SET amount_eur = 456000000 WHERE id = %s", [made.pk])
    fresh = client.get("/")
    assert fresh[page_cache.HEADER] == "miss"
    assert b"456" in fresh.content and b"456" not in first.content


def test_a_write_not_yet_committed_is_neither_shown_nor_cached_as_shown(client):
    made = factories.pledge("DEU", amount=111_000_000, currency="EUR")
    with psycopg.connect(_dsn()) as other:
        other.execute("UPDATE pledges_pledge SET amount = 777000000, amount_eur = 777000000 WHERE id = %s",
                      [made.pk])
        during = client.get("/pledges/")  # the update is not committed: the page shows the old amount
        assert b"111,000,000" in during.content and b"777,000,000" not in during.content
        other.commit()
    after = client.get("/pledges/")
    assert after[page_cache.HEADER] == "miss" and b"777,000,000" in after.content


def test_staff_and_readers_get_their_own_pages(client, staff_user):
    factories.pledge("DEU", amount=5, amount_eur=5, currency="EUR")
    client.force_login(staff_user)
    staff_page = client.get("/pledges/")
    assert b">Admin<" in staff_page.content
    client.logout()
    reader_page = client.get("/pledges/")
    assert reader_page[page_cache.HEADER] == "miss" and b">Admin<" not in reader_page.content


def test_each_query_is_its_own_page(client):
    factories.pledge("DEU", amount=5, amount_eur=5, currency="EUR")
    factories.pledge("FRA", amount=7, amount_eur=7, currency="EUR")
    assert client.get("/pledges/?donor=DEU")[page_cache.HEADER] == "miss"
    france = client.get("/pledges/?donor=FRA")
    assert france[page_cache.HEADER] == "miss"
    assert 'href="/countries/FRA/"' in france.content.decode() or "France" in france.content.decode()
    assert client.get("/pledges/?donor=DEU")[page_cache.HEADER] == "hit"


def test_an_invalid_filter_keeps_its_status_when_cached(client):
    assert client.get("/pledges/?amount_eur_min=lots").status_code == 400
    cached = client.get("/pledges/?amount_eur_min=lots")
    assert cached.status_code == 400 and cached[page_cache.HEADER] == "hit"


def test_the_deferred_article_count_is_cached_and_exact(client):
    source = factories.article()
    factories.pledge("DEU", amount=5, amount_eur=5, currency="EUR", evidence=[source])
    assert client.get("/pledges/articles.json").json() == {"articles": 1}
    factories.pledge("FRA", amount=5, amount_eur=5, currency="EUR", evidence=[factories.article()])
    assert client.get("/pledges/articles.json").json() == {"articles": 2}


def test_a_failing_cache_costs_speed_not_the_page(client, settings):
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache",
                                   "LOCATION": "redis://127.0.0.1:1/0",  # nothing listens there
                                   "OPTIONS": {"socket_connect_timeout": 0.2}}}  # Django swaps the cache
    factories.pledge("DEU", amount=5, amount_eur=5, currency="EUR")
    for _ in range(2):
        response = client.get("/")
        assert response.status_code == 200 and response[page_cache.HEADER] == "miss"


def test_turned_off_pages_are_computed_every_time(client, settings):
    settings.PAGE_CACHE_SECONDS = 0
    client.get("/")
    assert page_cache.HEADER not in client.get("/")


def _dsn():
    params = connection.get_connection_params()
    return psycopg.conninfo.make_conninfo(
        **{k: v for k, v in params.items() if k in ("host", "port", "user", "password", "dbname")})


def test_readers_missing_the_same_page_at_once_compute_it_once(monkeypatch):
    from concurrent.futures import ThreadPoolExecutor

    from django.db import connections
    from django.test import Client

    from pledges import charts

    factories.pledge("DEU", amount=5, amount_eur=5, currency="EUR")
    computed, real_headline = [], charts.headline

    def slow_headline(*args, **kwargs):
        computed.append(1)
        time.sleep(0.5)  # long enough for every reader to arrive while it is computed
        return real_headline(*args, **kwargs)

    monkeypatch.setattr(charts, "headline", slow_headline)

    def read(_):
        try:
            return Client().get("/")
        finally:
            connections.close_all()

    with ThreadPoolExecutor(6) as pool:
        responses = list(pool.map(read, range(6)))
    assert len(computed) == 1
    assert sorted(r[page_cache.HEADER] for r in responses) == ["hit"] * 5 + ["miss"]
    assert len({r.content for r in responses}) == 1


def test_a_new_release_never_serves_the_previous_ones_pages(client, monkeypatch):
    factories.pledge("DEU", amount=5, amount_eur=5, currency="EUR")
    assert client.get("/")[page_cache.HEADER] == "miss"
    assert client.get("/")[page_cache.HEADER] == "hit"
    monkeypatch.setattr(page_cache, "release", lambda: "a-new-deploy")  # other code, templates or static names
    assert client.get("/")[page_cache.HEADER] == "miss"


def test_the_release_follows_the_code_templates_and_static_manifest(settings, tmp_path):
    page_cache.release.cache_clear()
    first = page_cache.release()
    page_cache.release.cache_clear()
    assert page_cache.release() == first  # the same files: the same release
    settings.STATIC_ROOT = tmp_path
    (tmp_path / "staticfiles.json").write_text('{"paths": {"app.css": "app.0123abcd.css"}}')
    page_cache.release.cache_clear()
    try:
        assert page_cache.release() != first  # other static names: another release
    finally:
        page_cache.release.cache_clear()
