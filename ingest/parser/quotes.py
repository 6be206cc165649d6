"""Text stage, quotes: each quotation, over one or more sentences, with its speaker.

Takes the article text and its sentences; gives `Quote`s with the span of the
quoted words and the words that name the speaker, wherever they stand:

    "We will send tanks. They arrive in May," Jonson told reporters.     (after)
    Slovak Defence Minister Robert Kalinak said: "We are ready ..."      (before)
    "We will send tanks." ... "They arrive in May," the minister said.   (a later quote's)

A quote whose closing mark is missing runs to the end of its paragraph; one
that is reopened at the start of the next paragraph (news style for long
quotes) continues there. Whom the speaker stands for is the attribution stage's
business (`attribution.quote_speaker`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .text import Sentence

_CLOSING = {"“": "”", "«": "»", "„": "“", "\"": "\""}
_SPEECH_VERBS = (
    r"(?:said|says|say|told|tells|added|adds|stated|states|noted|notes|wrote|writes|announced|announces|"
    r"explained|explains|stressed|stresses|emphasi[sz]ed|emphasi[sz]es|declared|declares|confirmed|confirms|"
    r"underlined|underlines|insisted|insists|continued|remarked|commented|posted|tweeted)"
)
# ', Jonson told reporters' / ', said Jonson' / ' the Danish minister said'
_SPEAKER_AFTER_RE = re.compile(
    r"\s*,?\s*(?:" + _SPEECH_VERBS + r"\s+(?P<who1>[^.;:!?\"“”«»]{2,90}?)(?=[.;:!?\"“”«»]|,\s|$)"
    r"|(?P<who2>[^.;:!?,\"“”«»]{2,90}?)\s+" + _SPEECH_VERBS + r"\b)"
)
# 'Kalinak said: ' / 'the minister told reporters that ' / 'according to Jonson, '
_SPEAKER_BEFORE_RE = re.compile(
    r"(?:(?P<who1>[^.;:!?\"“”«»]{2,90}?)\s+" + _SPEECH_VERBS + r"(?:\s+\w+)?|according\s+to\s+(?P<who2>[^.;:!?,\"“”«»]{2,90}))"
    r"\s*(?:,|:|\bthat\b)?\s*\Z"
)
_SENTENCE_END_RE = re.compile(r"[.!?][\"”’»]?\s+")
# an opening mark; a straight quote right after a letter or digit closes, it does not open
_OPENING_RE = re.compile(r"[“«„]|(?<![^\W_])\"")
_SPEAKER_REACH = 300  # how far before a quote its speaker may be named
_MAX_QUOTE = 3000  # a run-away "quote" (an unmatched mark) is not a quote


@dataclass(frozen=True)
class Quote:
    start: int  # the quoted words, offsets in the article text (marks excluded)
    end: int
    speaker: str = ""  # the words naming the speaker ("Jonson", "the Danish minister"), or ""
    speaker_start: int | None = None
    speaker_end: int | None = None

    def covers(self, start: int, end: int) -> bool:
        """The span [start, end) lies inside the quoted words."""
        return self.start <= start and end <= self.end


def find_quotes(text: str, sentences: list[Sentence]) -> list[Quote]:
    spans = _quoted_spans(text)
    quotes = [_with_speaker(text, a, b, after_end) for a, b, after_end in spans]
    return _keep_earlier_speakers(text, _borrow_later_speakers(text, quotes))


def _quoted_spans(text: str) -> list[tuple[int, int, int]]:
    """(start, end, where the words after the closing mark begin) of each quotation.

    Linear in the text: every search is bounded (a quotation is at most _MAX_QUOTE long)."""
    spans = []
    pos, n = 0, len(text)
    while pos < n:
        opening = _OPENING_RE.search(text, pos)
        if opening is None:
            break
        i = opening.start()
        mark = text[i]
        close = _CLOSING[mark]
        limit = min(n, i + _MAX_QUOTE + 1)
        line_end = text.find("\n", i, limit)
        j = text.find(close, i + 1, limit if line_end < 0 else line_end)
        if j < 0 and line_end < 0:
            pos = i + 1  # no closing mark nor line end within reach: a stray mark
            continue
        if j < 0:
            # a long quote: it closes at the end of this paragraph, or continues in the next one
            end, after = _continued_end(text, line_end, mark, close)
            if end - i <= _MAX_QUOTE:
                spans.append((i + 1, end, after))
            pos = max(after, i + 1)
            continue
        if j > i + 1:
            spans.append((i + 1, j, j + 1))
        pos = j + 1
    return spans


def _continued_end(text: str, line_end: int, mark: str, close: str) -> tuple[int, int]:
    """(end, where the words after it begin) of a quote left open at `line_end`: later paragraphs
    that reopen with the same mark continue it, up to the one that closes it."""
    end = line_end
    limit = min(len(text), line_end + _MAX_QUOTE)
    while end < limit:
        nxt = end + 1
        while nxt < len(text) and text[nxt] in " \t\n":
            nxt += 1
        if nxt >= len(text) or text[nxt] != mark:
            return end, end
        line_end = text.find("\n", nxt, limit)
        line_end = limit if line_end < 0 else line_end
        j = text.find(close, nxt + 1, line_end)
        if j >= 0:
            return j, j + 1
        end = line_end
    return end, end


def _with_speaker(text: str, start: int, end: int, after: int) -> Quote:
    line_end = text.find("\n", after, after + 120)
    line_end = min(len(text), after + 120) if line_end < 0 else line_end
    m = _SPEAKER_AFTER_RE.match(text, after, line_end)
    if m and after < len(text) and (text[end - 1] in ",!?" or text[after:after + 1] in (",", " ")):
        group = "who1" if m.group("who1") else "who2"
        return Quote(start, end, m.group(group).strip(), m.start(group), m.end(group))
    lo = max(0, start - _SPEAKER_REACH)
    line_start = text.rfind("\n", lo, start) + 1 or lo
    sentence_start = max(line_start, _last_sentence_end(text, line_start, start - 1))
    m = _SPEAKER_BEFORE_RE.search(text, sentence_start, start - 1)
    if m:
        group = "who1" if m.group("who1") else "who2"
        return Quote(start, end, m.group(group).strip(), m.start(group), m.end(group))
    return Quote(start, end)


def _last_sentence_end(text: str, lo: int, hi: int) -> int:
    best = lo
    for m in _SENTENCE_END_RE.finditer(text[lo:hi]):
        best = lo + m.end()
    return best


def _borrow_later_speakers(text: str, quotes: list[Quote]) -> list[Quote]:
    """A quote without a speaker, followed within its paragraph or the next by one with a speaker
    ("We will send tanks." ... "They arrive in May," the minister said.): the same speaker."""
    out = list(quotes)
    for i in range(len(out) - 2, -1, -1):
        q, nxt = out[i], out[i + 1]
        if q.speaker or not nxt.speaker:
            continue
        gap = text[q.end:nxt.start]
        if gap.count("\n") <= 2 and len(gap) <= 200 and not _SPEAKER_BEFORE_RE.search(gap):
            out[i] = Quote(q.start, q.end, nxt.speaker, nxt.speaker_start, nxt.speaker_end)
    return out


def _keep_earlier_speakers(text: str, quotes: list[Quote]) -> list[Quote]:
    """A quote without a speaker right after one with a speaker in the same paragraph
    ('"Our support will not weaken," he said. "We have given more than ..."'): the same speaker
    goes on (a new paragraph may be someone else's)."""
    out = list(quotes)
    for i in range(1, len(out)):
        q, before = out[i], out[i - 1]
        if q.speaker or not before.speaker:
            continue
        gap = text[before.end:q.start]
        if "\n" not in gap and len(gap) <= 200:
            out[i] = Quote(q.start, q.end, before.speaker, before.speaker_start, before.speaker_end)
    return out
