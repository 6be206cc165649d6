"""Storing articles: deduplication and bad input, with the real read_document."""

import pytest

from ingest import intake
from ingest.models import PENDING, Article

pytestmark = pytest.mark.django_db

ARTICLE = "date 2024-01-10\nGermany hands over IRIS-T missiles.\n\nBerlin said more would follow."


def test_stores_text_with_its_header_lines_as_fields():
    article, created = intake.store(ARTICLE.replace("\n\n", "\nurl https://example.org/a1\n\n", 1))
    assert created and article.status == PENDING
    assert article.published.isoformat() == "2024-01-10"
    assert article.url == "https://example.org/a1" and article.outlet == "example.org"
    assert not article.text.startswith("date ")


def test_same_text_with_other_whitespace_is_the_same_article():
    first, created = intake.store(ARTICLE)
    again, created_again = intake.store(ARTICLE.replace(" ", "  ").replace("\n", "\r\n") + "\n\n")
    assert created and not created_again and again.pk == first.pk
    assert Article.objects.count() == 1


def test_same_url_is_the_same_article_even_if_the_text_changed():
    first, _ = intake.store("A first version of the text.", url="https://example.org/x")
    again, created = intake.store("An edited version of the text.", url="https://example.org/x")
    assert not created and again.pk == first.pk


@pytest.mark.parametrize(
    "data, reason",
    [
        (b"", "no readable text"),
        ("   \n\t  ", "no readable text"),
        (bytes(range(256)) * 64, "no readable text"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + b"\x00\xff" * 500, "no readable text"),
    ],
    ids=["empty", "blank", "binary", "png"],
)
def test_input_without_text_is_refused_with_a_reason(data, reason):
    with pytest.raises(intake.Refused, match=reason):
        intake.store(data)
    assert not Article.objects.exists()


def test_non_utf8_bytes_are_decoded_not_refused():
    article, created = intake.store("Denmark pledges DKK 1 billion – 8 Caesar howitzers, café.".encode("cp1252"))
    assert created and "café" in article.text and "–" in article.text


def test_html_is_reduced_to_its_text():
    html = (
        "<html><head><title>Aid news</title><script>var x = '<p>not text</p>';</script></head>"
        "<body><nav>Home | About</nav><article><h1>Aid news</h1>"
        "<p>Norway will provide NOK 500 million for air defence, the ministry said on Monday.</p>"
        "<p>The package includes NASAMS missiles and training for crews.</p></article></body></html>"
    )
    article, _ = intake.store(html.encode(), filename="page.html")
    assert "NOK 500 million" in article.text
    assert "<p>" not in article.text and "var x" not in article.text


def test_a_file_over_the_size_limit_is_refused_without_reading_it(tmp_path):
    big = tmp_path / "big.txt"
    with open(big, "wb") as handle:
        handle.truncate(20 * 1024 * 1024)  # 20 MB
    with pytest.raises(intake.Refused, match=r"20\.0 MB is over the 10\.0 MB limit"):
        intake.store_file(big)
    with pytest.raises(intake.Refused, match="over the"):
        intake.store("x" * (20 * 1024 * 1024))
    assert not Article.objects.exists()


def test_stray_nul_characters_do_not_break_storage():
    text = "Poland sends 10 Leopard 2 tanks. " * 3000 + "\x00 end"
    article, created = intake.store(text)
    assert created and "\x00" not in Article.objects.get(pk=article.pk).text


def test_a_file_whose_size_reads_as_zero_is_read_only_to_the_limit(settings):
    from ingest.intake import Refused, store_file

    settings.INGEST_MAX_BYTES = 1024
    with pytest.raises(Refused, match="more than the .* limit; not stored"):
        store_file("/dev/zero")
    assert not Article.objects.exists()
