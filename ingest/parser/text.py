"""Sentences with character offsets, and the article title."""

from __future__ import annotations

import re
from dataclasses import dataclass

# Tokens after which a full stop does not end a sentence.
_ABBREVIATIONS = frozenset(
    "mr mrs ms dr prof gen lt col maj capt cpt sgt adm cmdr st no nos vs etc approx inc ltd co corp "
    "jan feb mar apr jun jul aug sep sept oct nov dec e.g i.e u.s u.k e.u u.s.a gov sen rep dept est "
    "fig al jr sr".split()
)
_BOUNDARY = re.compile(r"[.!?]+[\"'”’»)\]]*(?=\s+[\"'“‘«(\[]?[A-Z0-9\u0400-\u04ff])|\n")
_WORD_BEFORE = re.compile(r"([A-Za-z.]+)\.?$")
_MAX_SENTENCE = 2000  # a "sentence" longer than this is cut (tables, run-on dumps)


# Lines that are not the article's own statements: links to other stories, captions.
# (No \A: it is used with match(text, pos), which anchors at pos.)
_NOT_BODY_RE = re.compile(
    r"\W*(?:read\s+(?:also|more)|see\s+also|related(?:\s+(?:news|articles?|stories))?|also\s+read|"
    # "Source: the minister at a press conference during his visit to Kyiv" is a statement; "Source: AFP" is not
    r"photo(?:\s+credit)?|video|illustrative\s+(?:photo|image)|source(?!\s*:[^\n]{0,120}?\b(?:at|during|following|after)\s+(?:a|an|the|his|her|their)\b)|watch|listen|subscribe|follow\s+us|"
    r"share\s+this|copyright|©)\s*[:|\-–—]",
    re.IGNORECASE,
)


@dataclass
class Sentence:
    text: str
    start: int
    end: int
    paragraph: int  # index of the paragraph (blank-line or newline separated block)


def split_sentences(text: str) -> list[Sentence]:
    """Sentences of each line (a newline always ends a sentence), with offsets in `text`."""
    sentences: list[Sentence] = []
    append = sentences.append
    n = len(text)
    line_start = 0
    paragraph = 0
    boundary = _BOUNDARY.finditer
    while line_start <= n:
        line_end = text.find("\n", line_start)
        if line_end < 0:
            line_end = n
        # blank lines and "Read also: ...", "Photo: ..." lines give no sentence
        if not text[line_start:line_end].isspace() and line_end > line_start and not _NOT_BODY_RE.match(
                text, line_start, min(n, line_start + 60)):
            pos = line_start
            for m in boundary(text, line_start, line_end):
                before = text[max(pos, m.start() - 12):m.start() + 1]
                w = _WORD_BEFORE.search(before)
                if w:
                    word = w.group(1).lower().rstrip(".")
                    if word in _ABBREVIATIONS or (len(word) == 1 and word.isalpha()):
                        continue
                _emit(text, pos, m.end(), paragraph, append)
                pos = m.end()
            if pos < line_end:
                _emit(text, pos, line_end, paragraph, append)
        line_start = line_end + 1
        paragraph += 1
    return sentences


def _emit(text: str, a: int, b: int, paragraph: int, append) -> None:
    while a < b and text[a].isspace():
        a += 1
    while b > a and text[b - 1].isspace():
        b -= 1
    while b - a > _MAX_SENTENCE:
        cut = text.rfind(" ", a, a + _MAX_SENTENCE)
        cut = cut if cut > a else a + _MAX_SENTENCE
        append(Sentence(text[a:cut], a, cut, paragraph))
        a = cut
        while a < b and text[a].isspace():
            a += 1
    if b > a:
        append(Sentence(text[a:b], a, b, paragraph))


_LABEL_MAX_WORDS = 3
_MASTHEAD_RE = re.compile(r"\s[|>»]\s|^(?:Press|News)\s+release\b|\bPress\s+release\s+from\b", re.IGNORECASE)
_TITLE_MAX_WORDS = 30
_TITLE_END_BAD = tuple('.!?,;:)"”’»')


def find_title(text: str) -> tuple[str | None, int]:
    """(first heading-like line, its end offset) or (None, 0).

    Heading-like: among the lines before the body starts, the first of 4 to 30
    words that does not end like a sentence. Short lines ("Diplomacy", "All
    Sections") are section labels and skipped; the first line that reads like
    body text ends the search.
    """
    offset = 0
    for line in text[:5000].split("\n")[:12]:
        start = offset
        offset += len(line) + 1
        s = line.strip()
        if not s:
            continue
        words = s.split()
        if len(words) <= _LABEL_MAX_WORDS or _MASTHEAD_RE.search(s):
            continue  # section labels, "Ministry of Defence | Press release", "News > Releases"
        if len(words) > _TITLE_MAX_WORDS or s.endswith(_TITLE_END_BAD) or not s[0].isupper():
            return None, 0
        return s, start + len(line)
    return None, 0
