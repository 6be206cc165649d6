"""Mentions stage, officials: which country an official speaks for, read from the article itself.

"Lithuanian Defence Minister Laurynas Kasčiūnas", "Finland's President Alexander
Stubb", "Starmer said the UK would ..." -> surname -> country code. Used to
resolve a minister's "we will send ..." and the sides of a bilateral meeting.
"""

from __future__ import annotations

import re

from .cues import SAID_COUNTRY_RE, TITLE_AFTER_COUNTRY_RE, TITLE_WORD_RE
from .lexicon import COUNTRY_ALIASES, COUNTRY_RE, UKRAINIAN_OFFICIALS

_NAME_END_RE = re.compile(r"\W|$")

_NOT_SURNAMES = frozenset({"Minister", "President", "Ministry", "Government", "Secretary", "He", "She", "It", "They", "We"})


def official_countries(text: str) -> dict[str, str]:
    """Surname -> alpha-3 code for officials the article ties to a country."""
    matches = list(COUNTRY_RE.finditer(text))  # Ukrainian officials are among its names
    found: dict[str, str] = {}
    for m in matches:
        if m.group(1) in UKRAINIAN_OFFICIALS:
            found.setdefault(m.group(1), "UKR")
    for m in matches:
        alias = COUNTRY_ALIASES[m.group(1)]
        if alias.kind == "capital":
            continue
        title = None
        if TITLE_WORD_RE.search(text, m.end(), m.end() + 80):
            title = TITLE_AFTER_COUNTRY_RE.match(text, m.end(), min(len(text), m.end() + 120))
        if title:
            surname = title.group("name").split()[-1]
            if surname not in _NOT_SURNAMES and surname not in COUNTRY_ALIASES:
                found.setdefault(surname, alias.code)
            continue
        window = text[max(0, m.start() - 40):m.start()]
        if not ("said" in window or "says" in window or "announced" in window or "told" in window
                or "added" in window or "confirmed" in window or "stated" in window):
            continue
        said = SAID_COUNTRY_RE.search(text, max(0, m.start() - 40), m.start())
        if said and alias.kind == "name":
            surname = said.group("surname")
            if surname not in _NOT_SURNAMES and surname not in COUNTRY_ALIASES:
                found.setdefault(surname, alias.code)
    return found


def officials_in(sentence_text: str, officials: dict[str, str]) -> list[str]:
    """Codes of the officials named in a sentence, in order of appearance."""
    hits = []
    for surname, code in officials.items():
        pos = sentence_text.find(surname)
        if pos >= 0 and _NAME_END_RE.match(sentence_text[pos + len(surname):pos + len(surname) + 1] or " "):
            hits.append((pos, code))
    return [code for _, code in sorted(hits)]
