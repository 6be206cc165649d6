"""What every stage reads about one article, computed once per article.

`ArticleContext` holds the text, its sentences, the title, and the per-sentence
mentions (worked out on first use and kept for the stages after). It lives as
long as one `parse()` call: nothing is cached across articles.
"""

from __future__ import annotations

from bisect import bisect_right
from datetime import date
from functools import cached_property

from .donors import Mention, find_mentions
from .lexicon import COUNTRY_ALIASES, COUNTRY_RE, NON_DONORS
from .officials import official_countries
from .quotes import Quote, find_quotes
from .text import Sentence, find_title, split_sentences


class ArticleContext:
    def __init__(self, text: str, published: date | None = None):
        self.text = text
        self.published = published
        self.title, self.title_end = find_title(text)
        self.title_text = text[:self.title_end]
        self.sentences: list[Sentence] = split_sentences(text)
        self._mentions: dict[tuple[int, int], tuple[Mention, ...]] = {}

    def mentions(self, start: int, end: int) -> tuple[Mention, ...]:
        """The mentions in text[start:end] (a sentence, the title), read once."""
        key = (start, end)
        found = self._mentions.get(key)
        if found is None:
            found = self._mentions[key] = find_mentions(self.text, start, end)
        return found

    def sentence_mentions(self, index: int) -> tuple[Mention, ...]:
        sentence = self.sentences[index]
        return self.mentions(sentence.start, sentence.end)

    @cached_property
    def officials(self) -> dict[str, str]:
        """Surname -> the country the article ties that official to."""
        return official_countries(self.text)

    @cached_property
    def quotes(self) -> list[Quote]:
        return find_quotes(self.text, self.sentences)

    @cached_property
    def _quote_starts(self) -> list[int]:
        return [q.start for q in self.quotes]  # in text order: found left to right

    def quote_overlapping(self, start: int, end: int) -> Quote | None:
        """The first quotation whose words overlap text[start:end] (or hold position `start`
        when end == start + 1), found by bisection."""
        i = bisect_right(self._quote_starts, start) - 1
        for quote in self.quotes[max(0, i):]:
            if quote.start >= end:
                return None
            if quote.end > start:
                return quote
        return None

    @cached_property
    def _sentence_starts(self) -> list[int]:
        return [s.start for s in self.sentences]

    def sentence_index_at(self, position: int) -> int:
        """The index of the last sentence starting at or before `position` (-1 if none)."""
        return bisect_right(self._sentence_starts, position) - 1

    def next_text(self, index: int) -> str:
        """The text of the sentence after `index`, or ""."""
        return self.sentences[index + 1].text if index + 1 < len(self.sentences) else ""

    @cached_property
    def dominant_donor(self) -> str | None:
        """The donor an article is about: the only one its title names, or one with most mentions."""
        if self.title_end:
            in_title = {m.code for m in self.mentions(0, self.title_end) if m.actor and m.code not in NON_DONORS}
            if len(in_title) == 1:
                return next(iter(in_title))
        counts: dict[str, int] = {}
        for m in COUNTRY_RE.finditer(self.text, 0, min(len(self.text), 20_000)):
            code = COUNTRY_ALIASES[m.group(1)].code
            if code not in NON_DONORS:
                counts[code] = counts.get(code, 0) + 1
        if not counts:
            return None
        code, n = max(counts.items(), key=lambda kv: kv[1])
        return code if n >= 3 and n >= 0.6 * sum(counts.values()) else None

    def single_donor(self, index: int) -> str | None:
        """The one donor acting in sentence `index` (or in the title before the body), if exactly one."""
        if index >= 0:
            mentions = self.sentence_mentions(index)
        elif self.title_end:
            mentions = self.mentions(0, self.title_end)
        else:
            return None
        codes = {m.code for m in mentions if m.actor and m.code not in NON_DONORS and m.kind != "official"}
        return next(iter(codes)) if len(codes) == 1 else None
