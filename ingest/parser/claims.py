"""Claims stage: each amount and each system in a sentence, with the clause it stands in.

Takes a sentence, its money mentions and its systems; gives `Claim`s waiting
for a donor. A conversion in brackets ("EUR 1.3bn ($1.4bn)") is not a claim of
its own; a share of an amount before it ("including EUR 30 million for ...")
is marked `component`. Clauses split a sentence at "while", "but", ";", ", and
The ...", so cues act on the clause they stand in.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .cues import CLAUSE_SPLIT_RE, COMPONENT_BEFORE_RE, CONVERSION_GAP_RE, CURRENCY_HINTS
from .money import Money, find_money
from .result import Item
from .text import Sentence

Bounds = list[tuple[int, int]]


@dataclass
class Claim:
    """Money or a system in a sentence, waiting for a donor."""

    start: int
    end: int
    money: Money | None = None
    item: Item | None = None
    owner: str | None = None  # country code, attribution.COLLECTIVE, or None
    component: bool = False  # "including EUR 30 million for ...": a share of an amount before it
    group: list[str] = field(default_factory=list)  # "Denmark and Norway will each ...": every donor


def sentence_money(sentence: Sentence) -> list[Money]:
    """The amounts a sentence states (a cheap test for a currency first)."""
    if not any(map(sentence.text.lower().__contains__, CURRENCY_HINTS)):
        return []
    return find_money(sentence.text, sentence.start)


def build_claims(text: str, sentence: Sentence, money: list[Money], items: list[tuple[int, int, Item]],
                 share_of_previous: bool) -> list[Claim]:
    """Claims for the amounts (conversions dropped, shares marked) and the systems not inside an amount.

    `share_of_previous`: the sentence opens with "Of this sum, ..." about the pledge just read,
    so its first amount is a part of that pledge, not a claim."""
    claims: list[Claim] = []
    previous: Money | None = None
    for mo in money:
        if previous is not None and mo.start - previous.end < 30 and CONVERSION_GAP_RE.match(text[previous.end:mo.start]):
            previous = mo
            continue  # a conversion in brackets: the original amount counts
        previous = mo
        component = bool(claims) and bool(COMPONENT_BEFORE_RE.search(text[max(sentence.start, mo.start - 60):mo.start]))
        if not claims and share_of_previous:
            continue
        claims.append(Claim(mo.start, mo.end, money=mo, component=component))
    for start, end, item in items:
        if any(c.money and c.start <= start < c.end for c in claims):
            continue
        claims.append(Claim(start, end, item=item))
    return claims


def clause_bounds(sentence: Sentence) -> Bounds:
    bounds, pos = [], sentence.start
    for m in CLAUSE_SPLIT_RE.finditer(sentence.text):
        bounds.append((pos, sentence.start + m.start()))
        pos = sentence.start + m.end()
    bounds.append((pos, sentence.end))
    return bounds


def clause_of(bounds: Bounds, position: int) -> tuple[int, int]:
    for a, b in bounds:
        if a <= position < b:
            return a, b
    return bounds[-1]


def clause_text(text: str, bounds: Bounds, position: int) -> str:
    a, b = clause_of(bounds, position)
    return text[a:b]


def donor_context(text: str, bounds: Bounds, claims: list[Claim], mentions=()) -> str:
    """The words that go with one donor among several in a sentence: each of its claims'
    clause, cut at the next country named ("Norway (NOK 1 billion for air defence), Sweden ...")."""
    parts = []
    for c in claims:
        a, b = clause_of(bounds, c.start)
        following = [m.start for m in mentions if c.end <= m.start < b]
        parts.append(text[a:min(following) if following else b])
    return " ".join(parts)
