"""Article text -> ParseResult. Pure Python: never import Django here."""

from .result import Coalition, Item, Meeting, ParseResult, Pledge

PARSER_VERSION = "0.0.1"


def parse(text, published=None):
    """Placeholder until the rule-based parser lands: returns an empty result."""
    return ParseResult(published=published)


__all__ = ["PARSER_VERSION", "parse", "ParseResult", "Pledge", "Item", "Meeting", "Coalition"]
