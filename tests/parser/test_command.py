"""parse_articles prints the gold shape for files and folders, and needs no database."""

import json
from io import StringIO

import pytest
from django.core.management import call_command

from .scoring import OWN_ARTICLES, SEEDS

pytestmark = pytest.mark.skipif(not SEEDS.exists(), reason="../shared/seeds not present")


def test_parse_articles_json_shape():
    out = StringIO()
    paths = [str(p) for p in sorted(SEEDS.glob("*.txt"))]
    call_command("parse_articles", *paths, format="json", stdout=out)
    data = json.loads(out.getvalue())
    assert sorted(data) == sorted(p.name for p in SEEDS.glob("*.txt"))
    article = data["000_44a641194b2688b3.txt"]
    assert set(article) >= {"published", "title", "pledges", "meetings", "coalitions"}
    assert article["published"] == "2023-11-22"
    pledge = article["pledges"][0]
    assert set(pledge) == {"donor", "kind", "amount", "currency", "category", "items", "coalition", "evidence"}
    assert all(set(i) == {"system", "quantity"} for p in article["pledges"] for i in p["items"])


def test_parse_articles_reads_a_folder_and_prints_text():
    out = StringIO()
    call_command("parse_articles", str(OWN_ARTICLES), stdout=out)
    text = out.getvalue()
    assert "== a01_uk_drones.txt" in text and "GBR" in text
    assert "gold.json" not in text


def test_announced_date_from_the_sentence():
    from ingest.parser import parse

    result = parse("Germany announced on Monday that it will send 10 Leopard 2 tanks to Ukraine.", "2024-05-08")
    assert str(result.pledges[0].announced) == "2024-05-06"
