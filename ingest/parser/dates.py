"""Linking stage, dates: the dates an article states, resolved against its publication date.

"on Friday", "yesterday's visit", "May 12", "12 May 2024", "2024-05-12"; own rules
first, dateparser for the rest ("three days ago"). A date grammar, so its
patterns live here rather than among the cues.
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta
from functools import lru_cache

from .document import parse_iso_date

_MONTHS = {m: i for i, m in enumerate(
    "january february march april may june july august september october november december".split(), 1)}
_MONTHS.update({m[:3]: i for m, i in list(_MONTHS.items())})
_MONTHS["sept"] = 9
_MONTH_NAMES = r"(?:January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\.?"
DATE_RE = re.compile(
    r"\b(?:(?P<m1>" + _MONTH_NAMES + r")\s+(?P<d1>\d{1,2})(?:st|nd|rd|th)?(?:,?\s+(?P<y1>\d{4}))?"
    r"|(?P<d2>\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<m2>" + _MONTH_NAMES + r")(?:,?\s+(?P<y2>\d{4}))?"
    r"|(?P<rel>yesterday|today|tomorrow|this\s+week)"
    r"|(?:(?P<wq>this|last|on|next)\s+)?(?P<wd>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
    r"|(?P<iso>\d{4}-\d{2}-\d{2}))\b",
)
_WEEKDAYS = {d: i for i, d in enumerate("monday tuesday wednesday thursday friday saturday sunday".split())}
DATEPARSER_HINT_RE = re.compile(r"\b(?:\d+\s+days?\s+ago|last\s+(?:week|month)|earlier\s+this\s+(?:week|month))\b", re.IGNORECASE)
_YESTERDAYS_RE = re.compile(r"\byesterday['’]s\b", re.IGNORECASE)
# "the package announced in June", "pledged in March 2023": a month, no day (the first is kept)
_ANNOUNCED_IN_MONTH_RE = re.compile(
    r"\b(?:announc|pledg|promis|unveil|approv|commit|agreed|signed)\w*\b[^.;]{0,60}?\bin\s+"
    r"(?P<month>January|February|March|April|May|June|July|August|September|October|November|December)"
    r"(?:\s+(?P<year>\d{4}))?\b", re.IGNORECASE)


def as_date(value) -> date | None:
    """A date from a date, a datetime or an ISO string ("2024-01-10", "2024-01-10T09:00")."""
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    return parse_iso_date(str(value))


@lru_cache(maxsize=512)
def _dateparser(phrase: str, published: date) -> date | None:
    try:
        import dateparser

        parsed = dateparser.parse(
            phrase,
            settings={"RELATIVE_BASE": datetime(published.year, published.month, published.day),
                      "PREFER_DATES_FROM": "past", "STRICT_PARSING": False},
            languages=["en"],
        )
        return parsed.date() if parsed else None
    except Exception:  # dateparser is a fallback; a failure means "no date"
        return None


def find_date(text: str, published: date | None) -> date | None:
    """The first date stated in text, resolved against the published date."""
    for m in DATE_RE.finditer(text):
        try:
            if m.group("iso"):
                return as_date(m.group("iso"))
            if m.group("m1") or m.group("m2"):
                month = _MONTHS[(m.group("m1") or m.group("m2")).lower().rstrip(".")]
                day = int(m.group("d1") or m.group("d2"))
                year_raw = m.group("y1") or m.group("y2")
                if year_raw:
                    return date(int(year_raw), month, day)
                if published is None:
                    continue
                d = date(published.year, month, day)
                if d > published + timedelta(days=60):
                    d = date(published.year - 1, month, day)
                return d
            if published is None:
                continue
            if m.group("rel"):
                rel = m.group("rel").lower()
                if rel == "yesterday":
                    return published - timedelta(days=1)
                if rel == "tomorrow":
                    return published + timedelta(days=1)
                return published
            if m.group("wd"):
                target = _WEEKDAYS[m.group("wd").lower()]
                qualifier = (m.group("wq") or "").lower()
                delta = (published.weekday() - target) % 7
                if qualifier == "next":
                    return published + timedelta(days=(target - published.weekday()) % 7 or 7)
                if qualifier == "last" and delta == 0:
                    delta = 7
                return published - timedelta(days=delta)
        except (ValueError, KeyError):
            continue
    if published is not None:
        hint = DATEPARSER_HINT_RE.search(text)
        if hint:
            return _dateparser(hint.group(), published)
    return None


def announced_date(text: str, published: date | None) -> date | None:
    """The date a pledge's sentence states for it, if any ("on Friday", "yesterday's visit",
    "announced in June": the month's first day)."""
    return possessive_date(text, published) or find_date(text, published) or announced_month(text, published)


def announced_month(text: str, published: date | None) -> date | None:
    """The first day of the month in "the package announced in June" (the last June on or
    before publication when no year is given)."""
    m = _ANNOUNCED_IN_MONTH_RE.search(text)
    if m is None:
        return None
    month = _MONTHS[m.group("month").lower()]
    if m.group("year"):
        return date(int(m.group("year")), month, 1)
    if published is None:
        return None
    return date(published.year if month <= published.month else published.year - 1, month, 1)


def possessive_date(text: str, published: date | None) -> date | None:
    if published is None:
        return None
    if _YESTERDAYS_RE.search(text):
        return published - timedelta(days=1)
    return None
