"""Country and organisation mentions in a sentence, and which of them act as donors."""

from __future__ import annotations

import re
from functools import lru_cache
from dataclasses import dataclass

from .lexicon import COUNTRY_ALIASES, COUNTRY_RE, NON_DONORS


@dataclass
class Mention:
    code: str
    kind: str  # name | demonym | capital
    start: int  # offsets in the article text
    end: int
    possessive: bool = False
    actor: bool = True  # False: a location, a recipient, a leader label, a collective
    leader: bool = False  # "Lithuania-led", "US-led", "the leaders being Germany and France"


_AFTER_POSSESSIVE = re.compile(r"\A['’]s?\b")
_AFTER_LED = re.compile(r"\A\s?-?\s?(?:co-?)?led\b", re.IGNORECASE)
# Words after an organisation name that make it a place or a collective, not the payer.
_ORG_NOT_ACTOR = re.compile(
    r"\A(?:['’]s\s+)?[\s\-–]*(?:-?Ukraine|allies|ally|members?|member\s+states|member\s+countries|countries|"
    r"partners|nations|summit|Council|trust\s+fund|fund|mechanism|framework|procurement\s+mechanism|Secretary|Secretary-General|Secretary\s+General|ministers?|"
    r"foreign\s+ministers|defen[cs]e\s+ministers|headquarters|leaders|states|capitals|spokes\w*|"
    r"ambassadors?|chief|accession|membership|forces\s+in|Parliament|Military\s+Committee|Commission\s+President)\b",
    re.IGNORECASE,
)
_CAPITAL_SOURCE_BEFORE = re.compile(r"\bfrom\s+$", re.IGNORECASE)
_CAPITAL_ACTOR_AFTER = re.compile(
    r"\A(?:['’]s\b|\s+(?:has|have|had|will|would|is|was|announced|pledged|promised|committed|plans|"
    r"agreed|decided|approved|sent|delivered|is\s+sending|also|said|says|confirmed|allocated|donated))",
)
_BEFORE_RECIPIENT = re.compile(r"(?:\bto|\binto|\bagainst|\bon|\bat|\bin|\bwith|\bnear|\bvia|\bvisit(?:ed|s)?)\s+(?:the\s+)?$", re.IGNORECASE)
_BEFORE_LOCATION = re.compile(
    r"(?:\bin|\bat|\bto|\bnear|\bvia|\bof|\bvisit(?:ed|s)?|\bvisit\s+to|"
    r"(?:arriv\w*|return\w*|flew|travel\w*|came|back|trip)\s+from)\s+$", re.IGNORECASE)
_BEFORE_COMPARISON = re.compile(r"\b(?:after|than|like|unlike|behind|besides|alongside|such\s+as|including|as\s+did|as\s+has)\s+(?:the\s+)?$", re.IGNORECASE)
_BOUGHT_RE = re.compile(r"\b(?:bought|buy|buys|buying|purchas\w*|procur\w*|ordered|acquir\w*)\b", re.IGNORECASE)
_DEMONYM_NOT_ACTOR_AFTER = re.compile(
    r"\A[\s\-]+(?:counterpart|colleague|media|press|newspaper|outlet|journalist|analyst|expert|"
    r"company|companies|firm|manufacturer|maker|defence\s+(?:industry|company|firm|companies)|"
    r"defense\s+(?:industry|company|firm|companies)|industry|industries|citizens|people|soil|territory|"
    r"border|troops|soldiers|forces|army|cities|civilians|infrastructure|economy|airspace|waters|"
    r"initiative|model|intelligence|authorities\s+said|arms|weapons\s+maker|defen[cs]e\s+group|group|"
    r"conglomerate|manufacturers?|makers?|shipyard|startup|start-up)\b",
    re.IGNORECASE,
)


_PAYER_BEFORE_RE = re.compile(r"\bthrough\s+$|\bby\s+$|\bfrom\s+$")
_FROM_BEFORE_RE = re.compile(r"\bfrom\s+(?:the\s+)?$")
_THROUGH_BEFORE_RE = re.compile(r"(?:\bthrough|\bvia)\s+$")
_LIST_GAP_RE = re.compile(r"(?:['’]s)?\s*(?:,|and|&|,\s*and)\s*")


_TITLED_FIRST_NAME_BEFORE = re.compile(
    r"\b(?:Minister|President|Chancellor|Secretary|Premier|Ambassador|General|Admiral|Commissioner)\s+"
    r"[A-ZÀ-ÖØ-Þ][\w’'\-]+\s+\Z")


@lru_cache(maxsize=2048)
def find_mentions(text: str, start: int, end: int) -> tuple[Mention, ...]:
    """Every country/organisation named in text[start:end], with its role in the sentence.

    Cached: pledges, meetings and coalitions all ask about the same sentences.
    Callers must not modify the mentions."""
    return tuple(_find_mentions(text, start, end))


def _find_mentions(text: str, start: int, end: int) -> list[Mention]:
    mentions: list[Mention] = []
    for m in COUNTRY_RE.finditer(text, start, end):
        alias = COUNTRY_ALIASES[m.group(1)]
        after = text[m.end():m.end() + 40]
        before = text[max(start, m.start() - 25):m.start()]
        mention = Mention(alias.code, alias.kind, m.start(), m.end())
        mention.possessive = bool(_AFTER_POSSESSIVE.match(after))
        if _AFTER_LED.match(after):
            mention.leader = True
            mention.actor = False
        if alias.code in ("NATO", "EU") and _ORG_NOT_ACTOR.match(after):
            mention.actor = False
        if alias.kind == "capital" and (not (_CAPITAL_ACTOR_AFTER.match(after) or _CAPITAL_SOURCE_BEFORE.search(before))
                                        or _BEFORE_LOCATION.search(before)):
            mention.actor = False
        if alias.kind == "demonym" and _DEMONYM_NOT_ACTOR_AFTER.match(after):
            mention.actor = False
        if (alias.kind != "capital" and not mention.possessive and _BEFORE_RECIPIENT.search(before)
                and not _PAYER_BEFORE_RE.search(before)):
            # "handed over to the US", "talks in France", "attacks on Germany": not the payer
            mention.actor = False
        if _FROM_BEFORE_RE.search(before) and _BOUGHT_RE.search(text, max(start, m.start() - 80), m.start()):
            mention.actor = False  # "bought for Ukraine from the United States": the seller
        if _BEFORE_COMPARISON.search(before):
            mention.actor = False  # "the second-largest donor after the United States"
        if alias.kind == "name" and _TITLED_FIRST_NAME_BEFORE.search(text, max(0, m.start() - 60), m.start()):
            mention.actor = False  # "Prime Minister Luís Montenegro": a person's surname, not the country
            mention.kind = "person"
        if alias.code == "NATO" and _THROUGH_BEFORE_RE.search(before):
            # "through NATO, member states are purchasing": NATO buys; but "Tokyo will channel
            # 4.5 billion yen through NATO's trust fund": Japan pays (the donor is the one who pays)
            mention.actor = not any(p.actor and p.code not in NON_DONORS and p.code != "NATO" for p in mentions)
        mentions.append(mention)
    _mark_led_lists(text, mentions)
    return mentions


def _mark_led_lists(text: str, mentions: list[Mention]) -> None:
    """"German, French and US-led coalition": every name of the list leads, none pays."""
    for i, m in enumerate(mentions):
        if not m.leader:
            continue
        j = i
        while j > 0:
            gap = text[mentions[j - 1].end:mentions[j].start]
            if _LIST_GAP_RE.fullmatch(gap):
                mentions[j - 1].leader = True
                mentions[j - 1].actor = False
                j -= 1
            else:
                break


def donor_codes(mentions: list[Mention]) -> list[str]:
    seen: list[str] = []
    for m in mentions:
        if m.actor and m.code not in NON_DONORS and m.code not in seen:
            seen.append(m.code)
    return seen
