"""parse_articles prints the gold shape for files and folders, and needs no database."""

import json
from io import StringIO

import pytest
from django.core.management import call_command

from .scoring import OWN_ARTICLES, SEEDS



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


def test_a_parser_error_is_reported_per_file_and_fails_the_command(tmp_path, monkeypatch):
    import ingest.parser.linking
    from django.core.management.base import CommandError

    good, bad = tmp_path / "good.txt", tmp_path / "bad.txt"
    good.write_text("Poland will send 30 T-72 tanks to Ukraine.")
    bad.write_text("Norway will send two NASAMS to Ukraine.")
    real = ingest.parser.linking.extract_meetings

    def fails_on_norway(ctx, pledges):
        if "Norway" in ctx.text:
            raise ValueError("bad rule")
        return real(ctx, pledges)

    monkeypatch.setattr(ingest.parser.linking, "extract_meetings", fails_on_norway)
    out, err = StringIO(), StringIO()
    with pytest.raises(CommandError, match="failed on 1 file"):
        call_command("parse_articles", str(good), str(bad), format="json", stdout=out, stderr=err)
    assert list(json.loads(out.getvalue())) == ["good.txt"]
    assert "bad.txt: parser error: ValueError: bad rule" in err.getvalue()
