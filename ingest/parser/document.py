"""Raw input (file bytes, pasted text, fetched page) -> plain article text.

Pure Python, no Django. `read_document` is what the ingest command, the admin
paste form and the feed fetcher all call, so its signature stays stable.

Plain-text convention (the seeds): an optional first line `date YYYY-MM-DD`
(possibly indented, possibly followed by article text on the same line) and an
optional line `url ...` near the top. HTML is reduced to its main text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

# Above this share of control characters the input is treated as binary.
_BINARY_CONTROL_SHARE = 0.10
_MAX_HTML_BYTES = 25_000_000

_DATE_LINE = re.compile(r"\A[ \t\ufeff]*date[ \t]+(\d{4})-(\d{1,2})-(\d{1,2})\b[ \t]*")
_URL_LINE = re.compile(r"\A[ \t]*url[ \t]+(\S+)[ \t]*\Z", re.IGNORECASE)
_HTML_SNIFF = re.compile(
    r"<!doctype\s+html|<html[\s>]|<head[\s>]|<body[\s>]|<(?:p|div|article|title|meta)[\s>]",
    re.IGNORECASE,
)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")

_META_DATE_KEYS = (
    "article:published_time", "og:published_time", "datepublished", "date",
    "dc.date", "dc.date.issued", "pubdate", "publishdate", "publish-date",
    "sailthru.date", "parsely-pub-date", "article.published", "dcterms.created",
)


@dataclass
class Document:
    text: str
    published: date | None = None
    url: str | None = None
    title: str | None = None


def decode_bytes(data: bytes) -> str:
    """Bytes -> str: UTF-8 (with or without BOM), else a detected encoding, else cp1252.

    Returns "" for input that looks binary (NUL bytes or many control characters).
    """
    if not data:
        return ""
    head = data[:65536]
    if b"\x00" in head and not (head.startswith(b"\xff\xfe") or head.startswith(b"\xfe\xff")):
        return ""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = None
        if head.startswith((b"\xff\xfe", b"\xfe\xff")):
            try:
                text = data.decode("utf-16")
            except UnicodeDecodeError:
                text = None
        if text is None:
            # Western news outlets' legacy pages are overwhelmingly cp1252/latin-1;
            # a strict cp1252 decode only fails on its five undefined bytes.
            try:
                text = data.decode("cp1252")
            except UnicodeDecodeError:
                text = None
        if text is None:
            try:
                from charset_normalizer import from_bytes

                best = from_bytes(data[:200_000]).best()
                if best is not None and best.encoding:
                    text = data.decode(best.encoding, errors="replace")
            except Exception:  # detection is a nicety: fall back below
                text = None
        if text is None:
            text = data.decode("latin-1")
    return "" if looks_binary(text) else text


def looks_binary(text: str) -> bool:
    sample = text[:65536]
    if not sample:
        return False
    if "\x00" in sample:
        return True
    controls = len(_CONTROL.findall(sample))
    replacements = sample.count("\ufffd")
    return (controls + replacements) / len(sample) > _BINARY_CONTROL_SHARE


def looks_like_html(text: str) -> bool:
    return bool(_HTML_SNIFF.search(text[:5000]))


# HTML and date shapes, compiled once.
_ISO_DATE_RE = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
_HIDDEN_RE = re.compile(r"(?is)<(script|style|noscript|template)[^>]*>.*?</\1\s*>")
_COMMENT_RE = re.compile(r"(?is)<!--.*?-->")
_BLOCK_END_RE = re.compile(r"(?i)<br\s*/?>|</(?:p|div|h[1-6]|li|tr|section|article|header|blockquote)\s*>")
_TAG_RE = re.compile(r"(?s)<[^>]+>")
_BLANKS_RE = re.compile(r"[ \t\r\f\v]+")
_LINE_SPACES_RE = re.compile(r" *\n *")
_BLANK_LINES_RE = re.compile(r"\n{3,}")
_META_RE = re.compile(r"(?is)<meta\b([^>]*)>")
_ATTRIBUTE_RE = re.compile(r'([\w:.\-]+)\s*=\s*(?:"([^"]*)"|\'([^\']*)\')')
_TIME_RE = re.compile(r'(?is)<time\b[^>]*datetime\s*=\s*["\']([^"\']+)')
_DATE_PUBLISHED_RE = re.compile(r'"datePublished"\s*:\s*"([^"]+)"')
_TITLE_RE = re.compile(r"(?is)<title[^>]*>(.*?)</title>")
_SPACES_RE = re.compile(r"\s+")
_CANONICAL_RE = re.compile(r'(?is)<link\b[^>]*rel\s*=\s*["\']canonical["\'][^>]*href\s*=\s*["\']([^"\']+)')


def parse_iso_date(value: str) -> date | None:
    """The first YYYY-MM-DD in a string (meta tag contents, timestamps), or None."""
    m = _ISO_DATE_RE.search(value or "")
    if not m:
        return None
    try:
        return date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError:
        return None


def _strip_tags(html: str) -> str:
    import html as html_lib

    html = _HIDDEN_RE.sub(" ", html)
    html = _COMMENT_RE.sub(" ", html)
    html = _BLOCK_END_RE.sub("\n", html)
    html = _TAG_RE.sub(" ", html)
    text = html_lib.unescape(html)
    text = _BLANKS_RE.sub(" ", text)
    text = _LINE_SPACES_RE.sub("\n", text)
    return _BLANK_LINES_RE.sub("\n\n", text).strip()


def _html_meta(html: str) -> tuple[date | None, str | None, str | None]:
    """(published, title, url) from meta tags, <time>, <title>, canonical link."""
    import html as html_lib

    published = title = url = None
    head = html[:300_000]
    for m in _META_RE.finditer(head):
        attrs = dict(
            (k.lower(), html_lib.unescape(v1 if v1 is not None else v2))
            for k, v1, v2 in _ATTRIBUTE_RE.findall(m.group(1))
        )
        key = (attrs.get("property") or attrs.get("name") or attrs.get("itemprop") or "").lower()
        content = attrs.get("content", "")
        if not published and key in _META_DATE_KEYS:
            published = parse_iso_date(content)
        elif key == "og:title" and content.strip() and not title:
            title = content.strip()
        elif key == "og:url" and content.strip() and not url:
            url = content.strip()
    if not published:
        m = _TIME_RE.search(head)
        if m:
            published = parse_iso_date(m.group(1))
    if not published:
        m = _DATE_PUBLISHED_RE.search(head)
        if m:
            published = parse_iso_date(m.group(1))
    if not title:
        m = _TITLE_RE.search(head)
        if m:
            title = _SPACES_RE.sub(" ", html_lib.unescape(m.group(1))).strip() or None
    if not url:
        m = _CANONICAL_RE.search(head)
        if m:
            url = m.group(1).strip()
    return published, title, url


def _html_to_document(html: str) -> Document:
    published, title, url = _html_meta(html)
    text = ""
    if len(html) <= _MAX_HTML_BYTES:
        try:
            import trafilatura

            text = trafilatura.extract(html, include_comments=False, include_tables=False) or ""
        except Exception:  # trafilatura may choke on odd markup: tag strip below
            text = ""
    if not text.strip():
        text = _strip_tags(html)
    return Document(text=text.strip(), published=published, url=url, title=title)


def _split_header_lines(text: str) -> tuple[str, date | None, str | None]:
    """Consume the optional `date ...` first line and `url ...` line."""
    published = url = None
    m = _DATE_LINE.match(text)
    if m:
        try:
            published = date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        except ValueError:
            published = None
        text = text[m.end():]
    # A `url` line may sit among the first few lines (before or after the date).
    lines = text.split("\n", 4)
    for i, line in enumerate(lines[:3]):
        um = _URL_LINE.match(line)
        if um:
            url = um.group(1)
            del lines[i]
            text = "\n".join(lines)
            break
    if published is None:
        m = _DATE_LINE.match(text)
        if m:
            try:
                published = date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
                text = text[m.end():]
            except ValueError:
                pass
    return text, published, url


def read_document(data: bytes | str, filename: str | None = None) -> Document:
    """Decode and normalise one input into a Document. Never raises on bad input."""
    if data is None:
        return Document(text="")
    if isinstance(data, (bytes, bytearray, memoryview)):
        text = decode_bytes(bytes(data))
    else:
        text = str(data)
        if looks_binary(text):
            text = ""
    if not text.strip():
        return Document(text="")
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text, published, url = _split_header_lines(text)
    is_html = (filename or "").lower().endswith((".html", ".htm", ".xhtml")) or looks_like_html(text)
    if is_html:
        doc = _html_to_document(text)
        doc.published = published or doc.published
        doc.url = url or doc.url
        return doc
    from .text import find_title

    return Document(text=text, published=published, url=url, title=find_title(text)[0])
