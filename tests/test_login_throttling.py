"""Repeated wrong admin passwords are slowed down (django-axes); the right one still works."""

import pytest
from django.contrib.auth import get_user_model

pytestmark = pytest.mark.django_db

LOGIN = "/admin/login/?next=/admin/"


def attempt(client, password, username="staff", address="203.0.113.7"):
    return client.post(LOGIN, {"username": username, "password": password}, REMOTE_ADDR=address)


@pytest.fixture
def staff(db):
    return get_user_model().objects.create_user("staff", password="right-pass-1", is_staff=True)


def test_the_right_password_logs_in(client, staff):
    assert attempt(client, "right-pass-1").status_code == 302


def test_after_five_wrong_passwords_even_the_right_one_is_refused(client, staff, settings):
    assert settings.AXES_FAILURE_LIMIT == 5
    for _ in range(4):
        assert attempt(client, "wrong").status_code == 200  # the form again, with its error
    assert attempt(client, "wrong").status_code == 429
    locked = attempt(client, "right-pass-1")
    assert locked.status_code == 429 and "_auth_user_id" not in client.session
    # another address is not locked out by this one's guesses
    assert attempt(client, "right-pass-1", address="198.51.100.9").status_code == 302


def test_a_success_resets_the_count(client, staff):
    for _ in range(4):
        attempt(client, "wrong")
    assert attempt(client, "right-pass-1").status_code == 302
    client.logout()
    for _ in range(4):
        assert attempt(client, "wrong").status_code == 200
