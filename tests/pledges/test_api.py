"""The read-only JSON API: the list's filters, sort and pages, and the OpenAPI document."""

import csv
import io
import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from pledges import catalogue, tables
from pledges.models import PledgeItem, WeaponSystem
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def known(db):
    rows = factories.known_set()
    catalogue.link_items(PledgeItem, WeaponSystem)
    return rows


def all_api_rows(client, query):
    rows, url = [], "/api/pledges/?" + query
    while url:
        page = client.get(url).json()
        rows += page["results"]
        url = page["next"]
    return rows


def csv_ids(client, query):
    text = b"".join(client.get("/pledges/export.csv?" + query).streaming_content).decode("utf-8-sig")
    return [int(row["id"]) for row in csv.DictReader(io.StringIO(text))]


@pytest.mark.parametrize("query", ["", "donor=DEU", "category=air_defense&sort=-amount", "kind=delivery",
                                   "review_status=any", "q=drones", "coalition=drone-coalition", "system=iris-t"])
def test_api_rows_are_the_csv_rows_in_the_same_order(client, known, query):
    assert [r["id"] for r in all_api_rows(client, query)] == csv_ids(client, query)


def test_a_pledge_carries_what_an_analyst_needs(client, known):
    row = next(r for r in client.get("/api/pledges/?donor=DEU&kind=pledge").json()["results"])
    assert row["donor"] == "DEU" and row["donor_name"] == "Germany"
    assert (row["amount"], row["currency"], row["amount_eur"], row["amount_usd"]) == (
        "100000000.00", "EUR", "100000000.00", "110000000.00")
    systems = {i["system"]: i["weapon_system"] and i["weapon_system"]["slug"] for i in row["items"]}
    assert systems == {"Patriot": "patriot", "IRIS-T": "iris-t"}
    assert row["source_urls"] and row["source_urls"][0].startswith("https://news.example.org/")
    assert row["page_url"].endswith(f"/pledges/{row['id']}/")
    gbr = client.get("/api/pledges/?donor=GBR").json()["results"][0]
    assert gbr["coalition"] == {"slug": "drone-coalition", "name": "Drone Coalition"}
    assert gbr["meeting"]["label"].startswith("Ukraine Defense Contact Group #20")


def test_pages_link_next_and_previous(client, known, monkeypatch):
    monkeypatch.setattr(tables, "PER_PAGE", 2)
    first = client.get("/api/pledges/?sort=donor").json()
    assert first["count"] == len(all_api_rows(client, "sort=donor")) and first["previous"] is None
    second = client.get(first["next"]).json()
    assert second["previous"] and "page=" not in second["previous"]
    assert len(client.get("/api/pledges/?page_size=1").json()["results"]) == 1


def test_an_invalid_filter_is_a_400_naming_the_field(client, known):
    response = client.get("/api/pledges/?donor=XXX&announced_after=yesterday")
    assert response.status_code == 400
    assert set(response.json()) == {"donor", "announced"}  # the filter names, as the pages give them


def test_anonymous_reads_only(client, known):
    assert client.get("/api/pledges/").status_code == 200
    for method in (client.post, client.put, client.patch, client.delete):
        assert method("/api/pledges/", data="{}", content_type="application/json").status_code == 405
    pk = client.get("/api/pledges/").json()["results"][0]["id"]
    assert client.delete(f"/api/pledges/{pk}/").status_code == 405
    assert client.get(f"/api/pledges/{pk}/").json()["id"] == pk


def test_systems_and_countries(client, known):
    systems = {s["slug"]: s for s in client.get("/api/systems/").json()["results"]}
    assert systems["iris-t"]["pledged"] == 0 and systems["iris-t"]["records"] == 2
    assert systems["patriot"]["donors"] == [{"donor": "DEU", "pledged": 2, "delivered": 0, "records": 1}]
    assert client.get("/api/systems/?donor=USA").json()["results"][0]["slug"] == "155mm-ammunition"
    donors = [c["code"] for c in client.get("/api/countries/?donors=1&page_size=500").json()["results"]]
    assert "DEU" in donors and "UKR" not in donors
    assert client.get("/api/countries/deu/").json()["name"] == "Germany"
    assert client.get("/api/countries/?page_size=500").json()["count"] == 251


def test_the_openapi_document_lists_the_filters(client):
    response = client.get("/api/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json")
    assert response.status_code == 200
    doc = json.loads(response.content)
    assert {"/api/pledges/", "/api/systems/", "/api/countries/"} <= set(doc["paths"])
    names = {p["name"] for p in doc["paths"]["/api/pledges/"]["get"]["parameters"]}
    assert {"donor", "category", "announced_after", "coalition", "system", "sort", "page", "page_size"} <= names
    assert set(doc["paths"]["/api/pledges/"]) == {"get"}


def test_api_list_query_count_is_fixed(client, known):
    client.get("/api/pledges/")
    with CaptureQueriesContext(connection) as few:
        client.get("/api/pledges/")
    for n in range(30):
        factories.pledge("POL", items=[("Krab", 2), ("trucks", 5)], evidence=[factories.article(), factories.article()])
    with CaptureQueriesContext(connection) as many:
        client.get("/api/pledges/")
    assert len(many) == len(few)
