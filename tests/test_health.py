"""/healthz answers a container probe whatever the production host and TLS settings."""

import pytest


@pytest.fixture
def production_like(settings):
    settings.ALLOWED_HOSTS = ["aid.example.org"]
    settings.SECURE_SSL_REDIRECT = True


@pytest.mark.django_db
def test_healthz_answers_a_local_plain_http_probe(client, production_like):
    response = client.get("/healthz", HTTP_HOST="127.0.0.1:8000")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


@pytest.mark.django_db
def test_other_pages_still_check_the_host_and_redirect_to_https(client, production_like):
    assert client.get("/pledges/", HTTP_HOST="127.0.0.1:8000").status_code == 400
    response = client.get("/pledges/", HTTP_HOST="aid.example.org")
    assert response.status_code == 301 and response["Location"].startswith("https://")
