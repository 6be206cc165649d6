"""Article text -> ParseResult. Pure Python: never import Django here.

The stages, in order (see README.md for what each takes and gives):
text (sentences, quotes) -> mentions (donors, officials, money, systems) ->
claims -> attribution -> classification -> consolidation -> linking (dates,
meetings, coalitions). Errors are not hidden: a bug in a rule raises, and the
caller (ingest.tasks) marks the article failed and keeps its earlier records.
"""

from __future__ import annotations

from .context import ArticleContext
from .dates import as_date
from .document import Document, looks_binary, read_document
from .linking import link
from .pledges import extract_pledges
from .result import Coalition, Item, Meeting, ParseResult, Pledge

PARSER_VERSION = "1.0"


def parse(text, published=None) -> ParseResult:
    """Parse one article: text (or the bytes of a file or page), and its publication date.

    Unusable input (empty, binary) gives an empty result."""
    if isinstance(text, (bytes, bytearray)):
        doc = read_document(bytes(text))
        text, published = doc.text, published or doc.published
    if not isinstance(text, str):
        text = "" if text is None else str(text)
    published = as_date(published)
    result = ParseResult(published=published)
    if not text.strip() or looks_binary(text):
        return result
    ctx = ArticleContext(text.replace("\r\n", "\n").replace("\r", "\n"), published)
    result.title = ctx.title
    found = extract_pledges(ctx)
    result.coalitions, result.meetings = link(ctx, found)
    result.pledges = [pledge for pledge, _ in found]
    return result


__all__ = [
    "PARSER_VERSION", "parse", "read_document", "Document",
    "ParseResult", "Pledge", "Item", "Meeting", "Coalition",
]
