"""Shared fixtures: a client for each role, so every permission test reads alike.

Roles: anonymous (no login), analyst (logged in, not staff: reads only),
staff (may use the admin and correct records), superuser.
Reference countries and coalitions come from the data migration.
"""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission


@pytest.fixture
def analyst_user(db):
    return get_user_model().objects.create_user("analyst", "analyst@example.org", "analyst-pass-1")


@pytest.fixture
def staff_user(db):
    user = get_user_model().objects.create_user(
        "staff", "staff@example.org", "staff-pass-1", is_staff=True
    )
    # Staff edit records; they are not superusers.
    user.user_permissions.set(
        Permission.objects.filter(content_type__app_label__in=["pledges", "ingest"])
    )
    return user


@pytest.fixture
def superuser(db):
    return get_user_model().objects.create_superuser("admin", "admin@example.org", "admin-pass-1")


@pytest.fixture
def anonymous_client(client):
    return client


@pytest.fixture
def analyst_client(client, analyst_user):
    client.force_login(analyst_user)
    return client


@pytest.fixture
def staff_client(client, staff_user):
    client.force_login(staff_user)
    return client


@pytest.fixture
def admin_client(client, superuser):
    client.force_login(superuser)
    return client


@pytest.fixture(autouse=True)
def plain_static_storage(settings):
    """Production uses whitenoise's manifest storage, which needs collectstatic;
    tests render templates straight from the finders instead."""
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


@pytest.fixture(scope="session", autouse=True)
def close_stray_connections(django_db_setup, django_db_blocker):
    """Worker subprocesses and live-server threads may still hold a connection
    when the run ends; close them so the test database is dropped, not left behind."""
    yield
    from django.db import connection

    if connection.vendor != "postgresql":
        return
    with django_db_blocker.unblock(), connection.cursor() as cursor:
        cursor.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
            " WHERE datname = current_database() AND pid <> pg_backend_pid()"
        )


@pytest.fixture(autouse=True)
def empty_page_cache():
    """Each test starts with no cached page: test databases are rolled back or flushed
    between tests, so the data-change sum a page is cached under comes round again."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def reference_data(transactional_db):
    """Countries and coalitions, loaded again if an earlier live-server test flushed them."""
    from pledges import catalogue, reference
    from pledges.models import Coalition, Country, WeaponSystem

    if not Country.objects.exists():
        reference.load(Country, Coalition)
        reference.load_leaders(Coalition)
    if not WeaponSystem.objects.exists():
        catalogue.load(WeaponSystem)
