"""CSV export: exactly the filtered list, all pages, formula-safe, UTF-8 with BOM."""

import csv
import io

import pytest
from django.http import StreamingHttpResponse

from pledges import export, tables
from pledges.models import Pledge
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def known(db):
    return factories.known_set()


def csv_rows(response):
    assert isinstance(response, StreamingHttpResponse)
    body = b"".join(response.streaming_content)
    assert body.startswith("\ufeff".encode("utf-8"))
    return list(csv.DictReader(io.StringIO(body.decode("utf-8-sig"))))


def list_ids(client, query):
    ids, page = [], 1
    while True:
        response = client.get(f"/pledges/?{query}&page={page}")
        ids += [p.pk for p in response.context["page"].rows]
        if not response.context["page"].has_next:
            return ids
        page += 1


@pytest.mark.parametrize(
    "query",
    [
        "",
        "category=air_defense&category=drones",
        "donor_group=nato&sort=-amount",
        "q=iris&sort=donor",
        "review_status=any&sort=announced",
        "kind=delivery&category=maritime",
    ],
)
def test_csv_has_exactly_the_rows_of_the_list(client, known, query):
    rows = csv_rows(client.get(f"/pledges/export.csv?{query}"))
    assert [int(r["id"]) for r in rows] == list_ids(client, query)


def test_csv_spans_all_pages(client, monkeypatch, known):
    monkeypatch.setattr(tables, "PER_PAGE", 2)
    monkeypatch.setattr(export, "CHUNK", 3)
    rows = csv_rows(client.get("/pledges/export.csv?sort=amount"))
    assert len(rows) == 7
    assert [int(r["id"]) for r in rows] == list_ids(client, "sort=amount")


def test_columns_and_cells(client, known):
    rows = csv_rows(client.get("/pledges/export.csv?donor=DEU&kind=pledge"))
    assert list(rows[0]) == export.COLUMNS
    assert rows == [
        {
            "id": str(known["deu"].pk),
            "announced": "2024-01-10",
            "donor": "DEU",
            "donor_name": "Germany",
            "kind": "pledge",
            "category": "air_defense",
            "amount": "100000000.00",
            "currency": "EUR",
            "amount_eur": "100000000.00",
            "amount_usd": "110000000.00",
            "coalition": "",
            "meeting": "",
            "review_status": "auto",
            "is_synthetic": "false",
            "items": "2 x Patriot; IRIS-T",
            "source_urls": known["articles"][0].url,
        }
    ]
    gbr = csv_rows(client.get("/pledges/export.csv?donor=GBR"))[0]
    assert gbr["coalition"] == "Drone Coalition"
    assert gbr["meeting"] == "Ukraine Defense Contact Group #20 (2024-03-15)"


def test_formula_like_cells_are_neutralised(client):
    source = factories.article(url="https://example.org/x?a=1")
    pledge = factories.pledge(
        "DEU", items=["=HYPERLINK(\"http://evil\")", "@SUM(A1)"], evidence=[source]
    )
    pledge.notes = "ignored"
    pledge.save()
    row = csv_rows(client.get("/pledges/export.csv"))[0]
    assert row["items"] == "'=HYPERLINK(\"http://evil\"); @SUM(A1)"


@pytest.mark.parametrize("cell", ["=1+1", "+1", "-1", "@A1", "\tx", "\rx", "\nx", " =HYPERLINK(1)", "\n\t@A1"])
def test_neutralise_each_formula_start(cell):
    assert export.neutralise(cell) == "'" + cell


def test_neutralise_leaves_plain_cells():
    assert export.neutralise("IRIS-T") == "IRIS-T"
    assert export.neutralise(None) == ""
    assert export.neutralise(12) == "12"


def test_formula_in_first_item_and_coalition_name(client):
    coalition = factories.coalition("=Evil Coalition")
    factories.pledge("DEU", items=["-cmd|' /C calc'!A0"], coalition=coalition)
    row = csv_rows(client.get("/pledges/export.csv"))[0]
    assert row["items"] == "'-cmd|' /C calc'!A0"
    assert row["coalition"] == "'=Evil Coalition"


def test_non_ascii_survives(client):
    factories.pledge("DEU", items=["Ракета «Нептун»", "Flugabwehr-Kanonenpanzer Gepard – ü"])
    row = csv_rows(client.get("/pledges/export.csv"))[0]
    assert row["items"] == "Ракета «Нептун»; Flugabwehr-Kanonenpanzer Gepard – ü"


def test_response_headers(client, known):
    response = client.get("/pledges/export.csv")
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="pledges.csv"'


def test_python_writer_matches_documented_columns_in_chunks(monkeypatch, known):
    """The portable writer (SQLite, or wherever COPY is not used) gives the same rows."""
    monkeypatch.setattr(export, "CHUNK", 2)
    text = "".join(export.lines(tables.ordered(Pledge.objects.exclude(review_status="rejected"), "amount")))
    rows = list(csv.DictReader(io.StringIO(text.lstrip("\ufeff"))))
    assert len(rows) == 7
    assert rows[0]["donor"] == "NOR" and rows[0]["items"] == "maritime drones"
    deu = next(r for r in rows if r["id"] == str(known["deu"].pk))
    assert deu["items"] == "2 x Patriot; IRIS-T"


def test_sources_for_articles_without_a_web_address_link_to_their_page_here(client):
    """QA minor 6: files and pastes have no URL; the CSV still says where a row was read."""
    from ingest.models import Article

    pasted = factories.article("Pasted text.")
    Article.objects.filter(pk=pasted.pk).update(url=None)
    odd = factories.article("Odd url.")
    Article.objects.filter(pk=odd.pk).update(url="javascript:alert(1)")
    web = factories.article("On the web.", url="https://news.example.org/web")
    pledge = factories.pledge("DEU", evidence=[pasted, web, odd])
    for path in ("copy", "python"):
        if path == "python":
            from pledges import export_copy

            original = export_copy.copy_sql
            export_copy.copy_sql = lambda *a, **k: None
        try:
            rows = csv_rows(client.get("/pledges/export.csv"))
        finally:
            if path == "python":
                export_copy.copy_sql = original
        (row,) = [r for r in rows if int(r["id"]) == pledge.pk]
        assert row["source_urls"].split(" ") == [
            f"http://testserver/articles/{pasted.pk}/",
            f"http://testserver/articles/{odd.pk}/",
            "https://news.example.org/web",
        ], path


@pytest.mark.parametrize("query", ["donor=XXX", "amount_eur_min=lots", "kind=bogus&donor=DEU"])
def test_invalid_filter_is_a_400_with_the_field_errors_like_the_list(client, known, query):
    """QA minor 7: the export silently exported every row."""
    listed = client.get(f"/pledges/?{query}")
    exported = client.get(f"/pledges/export.csv?{query}")
    assert listed.status_code == exported.status_code == 400
    body = exported.content.decode()
    assert exported["Content-Type"].startswith("text/plain") and "Not exported" in body
    errors = listed.context["filter"].form.errors
    assert errors
    for name, messages in errors.items():
        assert name in body and all(m in body for m in messages)
        assert all(m in listed.content.decode() for m in messages)
    assert 'id="filter-errors"' in listed.content.decode()
    assert client.get(f"/?{query}").status_code == 400


def test_the_csv_says_which_rows_are_synthetic(client, known):
    from pledges.models import Pledge

    Pledge.objects.filter(pk=known["deu"].pk).update(is_synthetic=True)
    rows = {row["id"]: row["is_synthetic"] for row in csv_rows(client.get("/pledges/export.csv"))}
    assert rows[str(known["deu"].pk)] == "true"
    assert set(rows.values()) == {"true", "false"}
