"""read_document: file bytes, pasted text and fetched pages to article text."""

from datetime import date


from ingest.parser import read_document

from .scoring import SEEDS



def test_seed_date_line_with_leading_space_and_text_on_the_same_line():
    doc = read_document((SEEDS / "000_44a641194b2688b3.txt").read_bytes(), "000.txt")
    assert doc.published == date(2023, 11, 22)
    assert doc.text.startswith("(MENAFN- UkrinForm) Ukrainian Defense Minister")


def test_no_date_line():
    doc = read_document("Diplomacy\n\nSome headline here today\n\nBody.")
    assert doc.published is None and doc.text.startswith("Diplomacy")


def test_url_line_and_date_line():
    doc = read_document("url https://example.org/a\ndate 2024-03-01\nGermany will send tanks.")
    assert doc.url == "https://example.org/a"
    assert doc.published == date(2024, 3, 1)
    assert doc.text.strip() == "Germany will send tanks."


def test_non_utf8_bytes_fall_back():
    doc = read_document("Déclaration: €5 millions pour l'Ukraine".encode("cp1252"))
    assert doc.text == "Déclaration: €5 millions pour l'Ukraine"


def test_binary_bytes_give_empty_text():
    assert read_document(bytes(range(256)) * 50).text == ""
    assert read_document(b"").text == ""


def test_html_page_to_main_text_with_meta_date_and_title():
    html = (
        "<html><head><title>Site | Germany sends tanks</title>"
        '<meta property="og:title" content="Germany sends tanks">'
        '<meta property="article:published_time" content="2024-03-04T10:00:00Z"></head>'
        "<body><nav>Home | News</nav><article><h1>Germany sends tanks</h1>"
        + "<p>Germany will provide Ukraine with 10 Leopard 2A4 tanks, the ministry said on Monday.</p>" * 3
        + "</article><script>var x = 1;</script></body></html>"
    )
    doc = read_document(html.encode(), "page.html")
    assert doc.published == date(2024, 3, 4)
    assert doc.title == "Germany sends tanks"
    assert "Leopard 2A4" in doc.text and "var x" not in doc.text


def test_html_fallback_strip_when_no_main_text():
    doc = read_document("<html><body><p>Norway sends NOK 1 billion.</p></body></html>")
    assert "Norway sends NOK 1 billion." in doc.text
    assert "<p>" not in doc.text


def test_plain_text_title_is_the_first_heading_like_line():
    doc = read_document((SEEDS / "003_9103b48ac1be83d3.txt").read_bytes())
    assert doc.title == "Defence ministers of Ukraine and France hold talks in Paris"
    assert read_document((SEEDS / "000_44a641194b2688b3.txt").read_bytes()).title is None
