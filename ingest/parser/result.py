"""The parser's output: the per-article shape of EXTRACTION.md.

Pure Python. `ParseResult.to_dict()` is exactly what `parse_articles --format
json` prints per file and what `ingest.writer` consumes.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import date


@dataclass
class Item:
    system: str
    quantity: int | None = None
    category: str | None = None  # the gazetteer's category of this system


@dataclass
class Pledge:
    donor: str  # ISO alpha-3, or "EU" / "NATO"
    kind: str  # pledge | delivery | cumulative
    amount: float | None
    currency: str | None
    category: str
    items: list[Item] = field(default_factory=list)
    coalition: str | None = None
    evidence: str = ""
    # Character offsets of the evidence in the article text (start, end).
    start: int | None = None
    end: int | None = None
    # When the pledge was made, if the text says (else the published date).
    announced: date | None = None
    meeting: int | None = None  # index into ParseResult.meetings, if made there
    confidence: float | None = None


@dataclass
class Coalition:
    name: str
    leaders: list[str] = field(default_factory=list)
    members: list[str] = field(default_factory=list)
    area: str = "general"


@dataclass
class Meeting:
    name: str  # Ukraine Defense Contact Group | NATO-Ukraine Council | NATO summit | bilateral | multilateral
    number: int | None = None
    date: date | None = None
    location: str | None = None
    virtual: bool = False
    participants: list[str] = field(default_factory=list)


@dataclass
class ParseResult:
    published: date | None = None
    title: str | None = None
    pledges: list[Pledge] = field(default_factory=list)
    meetings: list[Meeting] = field(default_factory=list)
    coalitions: list[Coalition] = field(default_factory=list)

    def to_dict(self) -> dict:
        def convert(value):
            if isinstance(value, date):
                return value.isoformat()
            if isinstance(value, float) and value.is_integer():
                return int(value)
            if isinstance(value, list):
                return [convert(v) for v in value]
            if isinstance(value, dict):
                return {k: convert(v) for k, v in value.items()}
            return value

        return convert(asdict(self))
