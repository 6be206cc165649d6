"""Mentions stage, donors: every country or organisation a sentence names, with its role.

Takes the article text and a span; gives immutable `Mention`s: the payer
("actor"), or not: a place ("in Paris"), a recipient ("to the US"), a leader
label ("US-led"), a comparison ("after the US"), a company ("German arms
maker"), a person's surname. `context.ArticleContext` keeps them per sentence,
so every stage asks once.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from .cues import (
    AFTER_LED_RE,
    AGREED_WITH_BEFORE_RE,
    AFTER_POSSESSIVE_RE,
    BEFORE_COMPARISON_RE,
    BEFORE_LOCATION_RE,
    BEFORE_RECIPIENT_RE,
    BOUGHT_RE,
    CAPITAL_ACTOR_AFTER_RE,
    CAPITAL_SOURCE_BEFORE_RE,
    DEMONYM_NOT_ACTOR_AFTER_RE,
    FROM_BEFORE_RE,
    LED_LIST_GAP_RE,
    ORG_NOT_ACTOR_RE,
    PARTNER_ON_AFTER_RE,
    PAYER_BEFORE_RE,
    SUPPLIED_BEFORE_RE,
    THROUGH_BEFORE_RE,
    TITLED_FIRST_NAME_BEFORE_RE,
    WITH_AFTER_RE,
)
from .lexicon import COUNTRY_ALIASES, COUNTRY_RE, NON_DONORS


@dataclass(frozen=True)
class Mention:
    code: str
    kind: str  # name | demonym | capital | official | person
    start: int  # offsets in the article text
    end: int
    possessive: bool = False
    actor: bool = True  # False: a location, a recipient, a leader label, a collective
    leader: bool = False  # "Lithuania-led", "US-led", "the leaders being Germany and France"


def find_mentions(text: str, start: int, end: int) -> tuple[Mention, ...]:
    """Every country/organisation named in text[start:end], with its role in the sentence."""
    mentions: list[Mention] = []
    for m in COUNTRY_RE.finditer(text, start, end):
        mentions.append(_mention(text, start, m, mentions))
    _mark_led_lists(text, mentions)
    return tuple(mentions)


def _mention(text: str, start: int, m, earlier: list[Mention]) -> Mention:
    alias = COUNTRY_ALIASES[m.group(1)]
    after = text[m.end():m.end() + 40]
    before = text[max(start, m.start() - 25):m.start()]
    kind = alias.kind
    # (each substring test is a necessary condition of its pattern, and much cheaper)
    possessive = after[:1] in ("'", "’") and bool(AFTER_POSSESSIVE_RE.match(after))
    leader = "led" in after[:12].lower() and bool(AFTER_LED_RE.match(after))
    actor = not leader
    if alias.code in ("NATO", "EU") and ORG_NOT_ACTOR_RE.match(after):
        actor = False
    if kind == "capital" and (not (CAPITAL_ACTOR_AFTER_RE.match(after) or CAPITAL_SOURCE_BEFORE_RE.search(before))
                              or BEFORE_LOCATION_RE.search(before)):
        actor = False
    if kind == "demonym" and DEMONYM_NOT_ACTOR_AFTER_RE.match(after):
        actor = False
    if (kind != "capital" and not possessive and BEFORE_RECIPIENT_RE.search(before)
            and not PAYER_BEFORE_RE.search(before)):
        # "handed over to the US", "talks in France", "attacks on Germany": not the payer; but
        # "Zelensky agreed with the Australian Prime Minister on 30 Bushmasters": the partner gives
        actor = bool(AGREED_WITH_BEFORE_RE.search(text, max(start, m.start() - 200), m.start())
                     and PARTNER_ON_AFTER_RE.match(text, m.end()))
    if FROM_BEFORE_RE.search(before) and BOUGHT_RE.search(text, max(start, m.start() - 80), m.start()):
        actor = False  # "bought for Ukraine from the United States": the seller
    if BEFORE_COMPARISON_RE.search(before):
        actor = False  # "the second-largest donor after the United States"
    if supplied_with(text, m.start(), m.end()):
        actor = False  # "will supply Greece with 40 Marders": the country supplied
    if (kind == "name" and m.start() > 0 and text[m.start() - 1].isspace()
            and TITLED_FIRST_NAME_BEFORE_RE.search(text, max(0, m.start() - 60), m.start())):
        actor = False  # "Prime Minister Luís Montenegro": a person's surname, not the country
        kind = "person"
    if alias.code == "NATO" and THROUGH_BEFORE_RE.search(before):
        # "through NATO, member states are purchasing": NATO buys; but "Tokyo will channel
        # 4.5 billion yen through NATO's trust fund": Japan pays (the donor is the one who pays)
        actor = not any(p.actor and p.code not in NON_DONORS and p.code != "NATO" for p in earlier)
    return Mention(alias.code, kind, m.start(), m.end(), possessive=possessive, actor=actor, leader=leader)


def supplied_with(text: str, start: int, end: int) -> bool:
    """The country named at text[start:end] is the one supplied: "will supply Greece with 40 Marders"."""
    return bool(SUPPLIED_BEFORE_RE.search(text, max(0, start - 20), start) and WITH_AFTER_RE.match(text, end))


def _mark_led_lists(text: str, mentions: list[Mention]) -> None:
    """"German, French and US-led coalition": every name of the list leads, none pays."""
    for i, m in enumerate(mentions):
        if not m.leader:
            continue
        j = i
        while j > 0 and LED_LIST_GAP_RE.fullmatch(text[mentions[j - 1].end:mentions[j].start]):
            mentions[j - 1] = replace(mentions[j - 1], leader=True, actor=False)
            j -= 1


def donor_codes(mentions) -> list[str]:
    """The acting donors' codes, each once, in order."""
    seen: list[str] = []
    for m in mentions:
        if m.actor and m.code not in NON_DONORS and m.code not in seen:
            seen.append(m.code)
    return seen
