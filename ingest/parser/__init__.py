"""Article text -> ParseResult. Pure Python: never import Django here.

Rule-based and sentence-level: donors (countries by name, demonym, capital;
EU, NATO), money (symbols, codes, words, scales), systems from a gazetteer data
file, pledge kind, coalitions and meetings. See ../shared/EXTRACTION.md.
"""

from __future__ import annotations

from .document import Document, read_document
from .donors import find_mentions
from .events import announced_date, as_date, extract_coalitions, extract_meetings
from .officials import ArticleOfficials
from .pledges import extract_pledges
from .result import Coalition, Item, Meeting, ParseResult, Pledge
from .text import find_title, split_sentences

PARSER_VERSION = "1.0"

_UDCG_LIKE = ("Ukraine Defense Contact Group", "NATO-Ukraine Council", "NATO summit")


def parse(text, published=None) -> ParseResult:
    """Parse one article. Never raises: unusable input gives an empty result."""
    try:
        return _parse(text, published)
    except Exception:  # a parser bug must not stop an ingest run; the article stays empty
        return ParseResult(published=_safe_date(published))


def _safe_date(value):
    try:
        return as_date(value)
    except Exception:
        return None


def _parse(text, published) -> ParseResult:
    if isinstance(text, (bytes, bytearray)):
        doc = read_document(bytes(text))
        text, published = doc.text, published or doc.published
    if not isinstance(text, str):
        text = "" if text is None else str(text)
    published = as_date(published)
    result = ParseResult(published=published)
    from .document import looks_binary

    if not text.strip() or looks_binary(text):
        return result
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    title, title_end = find_title(text)
    result.title = title
    sentences = split_sentences(text)
    officials = ArticleOfficials(text)
    found = extract_pledges(text, sentences, skip_until=title_end, officials=officials)
    pledges = [p for p, _ in found]
    by_sentence: dict[int, list[Pledge]] = {}
    for pledge, index in found:
        by_sentence.setdefault(index, []).append(pledge)
    result.coalitions = extract_coalitions(text, sentences, by_sentence)
    result.meetings = extract_meetings(text, sentences, published, pledges, officials)
    multilateral = [i for i, m in enumerate(result.meetings) if m.name in _UDCG_LIKE]
    bilateral = [i for i, m in enumerate(result.meetings) if m.name == "bilateral"]
    for pledge in pledges:
        # "announced on Monday", "during yesterday's visit": a stated date, never after publication
        stated = announced_date(pledge.evidence, published)
        pledge.announced = stated if stated and (published is None or stated <= published) else published
        if len(multilateral) == 1:
            pledge.meeting = multilateral[0]
        elif not multilateral and pledge.kind == "pledge":
            # the visit or talks the article reports are the occasion of a new pledge by the visitor
            # made that same day ("Pistorius arrived in Kyiv ... Germany will provide EUR 1.3 billion")
            occasions = [i for i in bilateral if pledge.donor in result.meetings[i].participants
                         and result.meetings[i].date is not None and result.meetings[i].date == pledge.announced]
            if len(occasions) == 1:
                pledge.meeting = occasions[0]
    result.pledges = pledges
    if len(text) > 1_000_000:
        find_mentions.cache_clear()  # do not keep a huge text alive in the sentence cache
    return result


__all__ = [
    "PARSER_VERSION", "parse", "read_document", "Document",
    "ParseResult", "Pledge", "Item", "Meeting", "Coalition",
]
