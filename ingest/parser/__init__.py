"""Article text -> ParseResult. Pure Python: never import Django here.

The stages, in order (see README.md for what each takes and gives):
text (sentences, quotes) -> mentions (donors, officials, money, systems) ->
claims -> attribution -> classification -> consolidation -> linking (dates,
meetings, coalitions). Errors are not hidden: a bug in a rule raises, and the
caller (ingest.tasks) marks the article failed and keeps its earlier records.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from .context import ArticleContext
from .dates import as_date
from .document import Document, looks_binary, read_document
from .linking import link
from .pledges import extract_pledges
from .result import Coalition, Item, Meeting, ParseResult, Pledge

RULES_RELEASE = "1.1"


def rules_digest(folder: Path = Path(__file__).parent) -> str:
    """A digest of the parser's code and data files: any change to a rule changes it."""
    digest = hashlib.sha256()
    for path in sorted(folder.rglob("*")):
        if path.suffix in (".py", ".tsv", ".txt", ".json") and "__pycache__" not in path.parts:
            digest.update(path.relative_to(folder).as_posix().encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:10]


# What each article records as the rules that read it ("1.1+3f2a9c0b1d"): after an upgrade,
# `manage.py reparse --outdated` reads again the articles an older version read.
PARSER_VERSION = f"{RULES_RELEASE}+{rules_digest()}"


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
    "PARSER_VERSION", "RULES_RELEASE", "rules_digest", "parse", "read_document", "Document",
    "ParseResult", "Pledge", "Item", "Meeting", "Coalition",
]
