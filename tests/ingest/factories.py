"""Hand-built ParseResults and articles: writer tests do not depend on the parser."""

from datetime import date

from ingest.models import Article
from ingest.parser.result import Coalition, Item, Meeting, ParseResult, Pledge

_counter = iter(range(1, 10**9))


def article(published=date(2024, 3, 1), text=None, **fields):
    n = next(_counter)
    return Article.objects.create(
        text=text or f"Test article number {n} about aid.", published=published, **fields
    )


def pledge(donor="DEU", amount=None, currency=None, kind="pledge", category="general", items=(), **fields):
    return Pledge(
        donor=donor,
        kind=kind,
        amount=amount,
        currency=currency,
        category=category,
        items=[Item(system=s, quantity=q) for s, q in items],
        evidence=fields.pop("evidence", f"{donor} pledged aid."),
        **fields,
    )


def result(*pledges, published=None, meetings=(), coalitions=()):
    return ParseResult(
        published=published, pledges=list(pledges), meetings=list(meetings), coalitions=list(coalitions)
    )


__all__ = ["article", "pledge", "result", "Meeting", "Coalition", "Item"]
