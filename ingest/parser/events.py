"""Meetings and capability coalitions named in an article, and dates in the text."""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta
from functools import lru_cache

from pledges.vocabulary import COALITIONS

from .document import parse_iso_date
from .donors import Mention, find_mentions
from .lexicon import lower_compile, NON_DONORS, ORGANISATIONS, UKRAINIAN_OFFICIALS
from .officials import officials_in
from .result import Coalition, Meeting, Pledge
from .text import Sentence

UDCG = "Ukraine Defense Contact Group"
NUC = "NATO-Ukraine Council"
SUMMIT = "NATO summit"

_UDCG_RE = lower_compile(r"Ukraine\s+Defen[cs]e\s+Contact\s+Group|\bUDCG\b|\bRamstein\b|Contact\s+Group\s+on\s+Ukraine", re.IGNORECASE, hints=('contact group', 'udcg', 'ramstein'))
_NUC_RE = lower_compile(r"\bNATO[\s\-–]+Ukraine\s+Council\b|\bNUC\b", re.IGNORECASE, hints=('council', 'nuc'))
_SUMMIT_RE = lower_compile(r"\bNATO\s+summit\b|\bNATO\s+leaders['’]?\s+summit\b|\bNATO\s+leaders\s+(?:opened|began|started|gathered\s+for|met\s+for|held)\s+(?:their|the|a)\s+(?:\w+\s+)?summit\b|\bsummit\s+of\s+NATO\b|\bNATO['’]s\s+(?:\w+\s+){0,3}summit\b", re.IGNORECASE, hints=('summit',))
_OTHER_SUMMIT_RE = lower_compile(r"\b(?:G7|G-7|G20|G-20|EU|European\s+Council|EU-Ukraine|Ukraine\s+Recovery|peace)\s+summit\b|\bUkraine\s+Recovery\s+Conference\b|\bsummit\s+of\s+(?:\w+\s+){0,2}leaders\b", re.IGNORECASE, hints=('summit', 'conference'))
_ORDINAL_WORDS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8,
    "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13, "fourteenth": 14,
    "fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18, "nineteenth": 19,
    "twentieth": 20, "twenty-first": 21, "twenty-second": 22, "twenty-third": 23, "twenty-fourth": 24,
    "twenty-fifth": 25, "twenty-sixth": 26, "twenty-seventh": 27, "twenty-eighth": 28, "twenty-ninth": 29,
    "thirtieth": 30,
}
_NUMBER_NEAR_RE = re.compile(
    r"\b(?:(?P<num>\d{1,2})(?:st|nd|rd|th)|(?P<word>" + "|".join(sorted(_ORDINAL_WORDS, key=len, reverse=True)) + r"))"
    r"[\s\-]+(?:(?:meeting|session|gathering|round)\b|(?:in\s+the\s+)?Ramstein|UDCG|Ukraine\s+Defen[cs]e|Contact\s+Group|format)",
    re.IGNORECASE,
)
_VIRTUAL_RE = lower_compile(r"\b(?:virtual(?:ly)?|video[\s\-]?(?:conference|link|call|format)?|online|remotely|videoconferenc\w*)\b", re.IGNORECASE, hints=('virtual', 'video', 'online', 'remote'))
_BILATERAL_CUE_RE = lower_compile(
    r"\b(?:held\s+talks|hold\s+talks|holds\s+talks|talks\s+(?:with|in|between)|met\s+(?:with\b)?|meets\b|"
    r"meeting\s+(?:with|between)|bilateral\s+(?:meeting|talks)|(?:a|his|her|the|first|official|working)\s+visit|"
    r"visit(?:ed|ing|s)?\s+(?:Kyiv|Kiev|Ukraine|Odesa|Lviv|Kharkiv)|delegation|"
    r"signed\s+(?:an?\s+|the\s+)?(?:[\w\-]+\s+){0,3}(?:agreement|memorandum|deal|accord)|"
    r"(?:his|her)\s+\w+\s+counterpart|counterpart|visit\s+(?:by|of|to)|"
    r"(?:receiv|host|welcom)\w*\s+(?:his|her|the)?\s*(?:[\w\-]+\s+){0,3}(?:counterpart|minister|president|delegation|prime)|"
    r"(?:agreement|pact|deal|memorandum)\s+(?:was\s+)?signed\s+(?:on\s+)?(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|today|yesterday)|"
    r"(?:flew|travel\w*|went|came|arrived)\s+(?:on\s+)?to\s+[\w'’\s]{0,80}?\bto\s+meet|standing\s+(?:beside|next\s+to|alongside)|"
    r"colleague|with\s+whom\s+(?:he|she|they)\s+discussed)\b",
    re.IGNORECASE, hints=('talks', 'met', 'meet', 'visit', 'delegation', 'signed', 'counterpart', 'receiv', 'host', 'welcom', 'standing', 'colleague', 'whom'))
_PHONE_RE = lower_compile(r"\b(?:phone|telephone|(?:a|the|video)\s+call\b|calls?\s+with\b|spoke\s+by|in\s+a\s+letter)", re.IGNORECASE, hints=('phone', 'call', 'spoke', 'letter'))
_MULTI_CUE_RE = lower_compile(
    r"\b(?:video[\s\-]?conference|videoconference|online\s+meeting|virtual\s+meeting|ministerial|"
    r"meeting\s+of\s+(?:the\s+)?(?:defen[cs]e|foreign)\s+ministers|conference|"
    r"(?:defen[cs]e|foreign)\s+ministers\s+(?:meet|met|gather\w*|convene\w*)|(?:eu|nato)\s+(?:defen[cs]e|foreign)\s+ministers|"
    r"(?:hosted|hosts|convened|gathered)\s+(?:more\s+than\s+|some\s+|about\s+)?(?:\d+\s+|several\s+|dozens\s+of\s+)?(?:\w+\s+)?(?:leaders|ministers|heads))\b",
    re.IGNORECASE, hints=('conferenc', 'ministerial', 'ministers', 'meeting', 'hosted', 'hosts', 'convened', 'gathered'))
_LOCATION_RE = re.compile(
    r"\b(?:[Ii]n|[Aa]t|(?:visit|trip)\s+to|(?:welcomed|received|hosted|invited)\s+[^.;]{0,60}?\bto)\s+(?:the\s+)?(?P<loc>(?:Ramstein(?:\s+Air\s+Base)?|[A-Z][a-zà-ÿ]+(?:\s+[A-Z][a-zà-ÿ]+)?))\b"
)
_KNOWN_CITIES = frozenset(
    "Brussels Paris Berlin London Washington Kyiv Kiev Vilnius Madrid Rome Warsaw Prague Oslo Stockholm "
    "Copenhagen Helsinki Tallinn Riga Hague Amsterdam Ankara Ottawa Tokyo Vienna Bern Geneva Dublin Lisbon "
    "Athens Budapest Bratislava Bucharest Sofia Zagreb Ljubljana Reykjavik Munich Ramstein Lviv Odesa "
    "Kharkiv Rzeszow Rzeszów Wiesbaden Stuttgart Mons Naples Canberra Seoul Luxembourg Valletta Nicosia".split()
)
_MONTHS = {m: i for i, m in enumerate(
    "january february march april may june july august september october november december".split(), 1)}
_MONTHS.update({m[:3]: i for m, i in list(_MONTHS.items())})
_MONTHS["sept"] = 9
_MONTH_NAMES = r"(?:January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\.?"
_DATE_RE = re.compile(
    r"\b(?:(?P<m1>" + _MONTH_NAMES + r")\s+(?P<d1>\d{1,2})(?:st|nd|rd|th)?(?:,?\s+(?P<y1>\d{4}))?"
    r"|(?P<d2>\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<m2>" + _MONTH_NAMES + r")(?:,?\s+(?P<y2>\d{4}))?"
    r"|(?P<rel>yesterday|today|tomorrow|this\s+week)"
    r"|(?:(?P<wq>this|last|on|next)\s+)?(?P<wd>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
    r"|(?P<iso>\d{4}-\d{2}-\d{2}))\b",
)
_WEEKDAYS = {d: i for i, d in enumerate("monday tuesday wednesday thursday friday saturday sunday".split())}
_DATEPARSER_HINT = re.compile(r"\b(?:\d+\s+days?\s+ago|last\s+(?:week|month)|earlier\s+this\s+(?:week|month))\b", re.IGNORECASE)

_COALITION_WORD_RE = re.compile(r"\b(?:capability\s+)?coalitions?\b(?:['’]s)?", re.IGNORECASE)
_COALITION_POST_RE = re.compile(r"\s+(?:of|for|on)\s+([\w\-]+(?:\s+[\w\-]+)?)", re.IGNORECASE)
_PRE_WORD_RE = re.compile(r"[\w\-/’']+[\s,]*")
_COALITION_KEYS = [
    ("Air Defence Capability Coalition", re.compile(r"air[\s\-]de\s?fen[cs]e|\bIAMD\b|\bGBAD\b|anti-?aircraft|German,?\s+French\s+and\s+US[\s\-]*led", re.IGNORECASE)),
    ("Air Force Capability Coalition", re.compile(r"air\s+force|F-?16|aviation|fighter|jets?\b|aircraft", re.IGNORECASE)),
    ("Armoured Vehicles Coalition", re.compile(r"armou?red|\btanks?\b|armou?r\b", re.IGNORECASE)),
    ("Artillery Coalition", re.compile(r"artillery", re.IGNORECASE)),
    ("Demining Coalition", re.compile(r"demining|de-mining|mine[\s\-]action|mine\s+clearance", re.IGNORECASE)),
    ("Drone Coalition", re.compile(r"\bdrones?\b|\bUAV|unmanned", re.IGNORECASE)),
    ("Electronic Warfare Coalition", re.compile(r"electronic\s+warfare|\bEW\b", re.IGNORECASE)),
    ("IT Coalition", re.compile(r"\bIT\b|information\s+technolog|cyber", re.IGNORECASE)),
    ("Maritime Capability Coalition", re.compile(r"maritime|naval|\bnavy\b|\bsea\b", re.IGNORECASE)),
]
_COALITION_BY_AREA = {area: name for name, area in COALITIONS.items()}
_LEADER_AFTER_RE = re.compile(
    r"(?:\b(?:co-?)?led\s+by|\bleaders?\s+being|\bheaded\s+by|\bchaired\s+by|\bleader\s*[\-–—:,]|"
    r"\bco-?leaders?\s+(?:are|being)|\bunder\s+the\s+leadership\s+of|\bco-?leads?\s+(?:it\s+)?with|\bco-?led\s+with|"
    r"\bleads?\s+(?:it\s+)?(?:together\s+)?with|\bleaders?\s+of\s+(?:which|it)\s+(?:are|is)|\b(?:co-?)?lead(?:s|ing)?\b[^.;]{0,50}\btogether\s+with(?:\s+the)?)\s*$",
    re.IGNORECASE,
)
_LEADER_BEFORE_RE = re.compile(r"\A\s*(?:,\s*)?(?:which\s+)?(?:together\s+with\s+(?:the\s+)?[A-Z][\w\-]+(?:\s+[A-Z][\w\-]+)?\s+)?(?:also\s+|currently\s+|jointly\s+|now\s+|already\s+)?(?:(?:will|to|would|shall)\s+(?:co-?)?(?:lead|head|chair)\b|co-?leads?|leads?|head|heads|is\s+leading|is\s+co-?leading|chairs|(?:is|as)\s+(?:the\s+)?(?:co-?)?leader|(?:the|its|both)\s+(?:co-?)?leaders?\s+of\b)", re.IGNORECASE)
_MEMBER_CUE_RE = lower_compile(r"\b(?:join\w*|part\s+of|members?|take\s+part|took\s+part|participat\w*|contribut\w*|signed)\b", re.IGNORECASE, hints=('join', 'part', 'member', 'particip', 'contribut', 'signed'))


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
    for m in _DATE_RE.finditer(text):
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
        hint = _DATEPARSER_HINT.search(text)
        if hint:
            return _dateparser(hint.group(), published)
    return None


def announced_date(text: str, published: date | None) -> date | None:
    """The date a pledge's sentence states for it, if any ("on Friday", "yesterday's visit")."""
    return _possessive_date(text, published) or find_date(text, published)


def _possessive_date(text: str, published: date | None) -> date | None:
    if published is None:
        return None
    if re.search(r"\byesterday['’]s\b", text, re.IGNORECASE):
        return published - timedelta(days=1)
    return None


def _states(mentions: list[Mention]) -> list[str]:
    out = []
    for m in mentions:
        if m.code in ORGANISATIONS or m.code in NON_DONORS or m.kind in ("capital", "person") or m.leader:
            continue
        if m.kind == "demonym" and not m.actor:
            continue  # "German arms maker Rheinmetall": a company, not a government
        if m.code not in out:
            out.append(m.code)
    return out


def _location(text: str) -> str | None:
    for m in _LOCATION_RE.finditer(text):
        loc = m.group("loc")
        first = loc.split()[0]
        if first == "Ramstein" and (not re.match(r"Ramstein\s+Air\s+Base", loc) and not m.group(0).startswith("in")
                                    or re.match(r"[\s\-]+format", text[m.end():m.end() + 10])):
            continue  # "the Ramstein meeting" names the format, not the place
        if first in _KNOWN_CITIES:
            return "The Hague" if first == "Hague" else ("Ramstein" if first == "Ramstein" else first)
    return None


_FUTURE_MEETING_RE = re.compile(
    r"\b(?:is|are)\s+(?:to|due\s+to|scheduled\s+to|expected\s+to|set\s+to)\s+(?:meet|hold|convene|attend|take\s+part)|"
    r"\bwill\s+(?:meet|hold|convene|attend|take\s+place|be\s+held)|\bnext\s+(?:week|month)\b|\bupcoming\b|\bahead\s+of\s+(?:the|next)\b|"
    r"\btomorrow['’]?s?\b",
    re.IGNORECASE)


_MEETING_EVENT_RE = re.compile(
    r"\b(?:meeting|meet|meets|met|session|gather\w*|convene\w*|convening|held|hosted|hosts?|chair\w*|co-?chair\w*|"
    r"talks|conference|ministerial|summit|sidelines|attend\w*|took\s+place|takes\s+place|opened|announced\s+at)\b|"
    r"\b(?:at|during|after|ahead\s+of)\s+(?:the|a|an|its|this|today['’]s)\b",
    re.IGNORECASE)


def extract_meetings(text: str, sentences: list[Sentence], published: date | None,
                     pledges: list[Pledge], officials: dict[str, str] | None = None) -> list[Meeting]:
    meetings: list[Meeting] = []
    officials = officials or {}
    donors = [p.donor for p in pledges if p.donor not in ORGANISATIONS]
    formats = ((UDCG, _UDCG_RE), (NUC, _NUC_RE), (SUMMIT, _SUMMIT_RE))
    for name, rx in formats:
        if not rx.search(text):
            continue
        hits = [s for s in sentences if rx.search(s.text)]
        if all(_FUTURE_MEETING_RE.search(s.text) for s in hits):
            continue  # "Zelensky is to meet allied leaders in the NATO-Ukraine Council on Thursday"
        if not hits:
            continue
        if name != SUMMIT and not any(_MEETING_EVENT_RE.search(s.text) or _NUMBER_NEAR_RE.search(s.text) for s in hits):
            continue  # "will keep working with partners through the Ukraine Defense Contact Group": no meeting
        number = None
        meeting_date = None
        location = None
        virtual = False
        participants = ["UKR"]
        for s in hits:
            nm = _NUMBER_NEAR_RE.search(s.text)
            if nm and number is None:
                number = int(nm.group("num")) if nm.group("num") else _ORDINAL_WORDS[nm.group("word").lower()]
            if meeting_date is None:
                meeting_date = find_date(s.text, published)
            location = location or _location(s.text)
            virtual = virtual or bool(_VIRTUAL_RE.search(s.text))
            for code in _states(find_mentions(text, s.start, s.end)):
                if code not in participants:
                    participants.append(code)
        # "The meeting took place today in Brussels": sentences about "the meeting" nearby.
        hit_starts = {h.start for h in hits}
        for s in sentences:
            if s.start in hit_starts or not re.search(r"\b(?:the|this|today['’]s|Wednesday['’]s|Tuesday['’]s|Monday['’]s|Thursday['’]s|Friday['’]s)\s+(?:meeting|session|talks)\b", s.text, re.IGNORECASE):
                continue
            if re.search(r"\bvisit\b|\bbilateral\b", s.text, re.IGNORECASE):
                continue
            location = location or _location(s.text)
            virtual = virtual or bool(re.search(r"\bheld\s+(?:virtually|online)|\bvia\s+video|video\s*conference", s.text, re.IGNORECASE))
            if meeting_date is None:
                meeting_date = find_date(s.text, published)
        for code in dict.fromkeys(donors):
            if code not in participants:
                participants.append(code)
        meetings.append(Meeting(name=name, number=number, date=meeting_date or published, location=location,
                                virtual=virtual, participants=participants))
    if not meetings:
        _multilateral(text, sentences, published, meetings)
    if not meetings and _OTHER_SUMMIT_RE.search(text):
        for s in sentences:
            m = _OTHER_SUMMIT_RE.search(s.text)
            if m and re.search(r"\b(?:at|during|on\s+the\s+sidelines\s+of|hosting|hosted|after|ahead\s+of)\s+(?:the\s+|an?\s+)?"
                               + re.escape(m.group(0)), s.text, re.IGNORECASE):
                states = _states(find_mentions(text, s.start, s.end))
                meetings.append(Meeting(
                    name="multilateral", number=None, date=find_date(s.text, published) or published,
                    location=_location(s.text[m.end():]), virtual=bool(_VIRTUAL_RE.search(s.text)),
                    participants=states + [c for c in donors if c not in states],
                ))
                break
    _bilateral(text, sentences, published, meetings, officials, pledges)
    return meetings


# "hosted more than 20 European leaders": a multilateral meeting even if one state is named
_GATHERING_RE = re.compile(
    r"\b(?:hosted|hosts|convened|gathered)\s+(?:more\s+than\s+|some\s+|about\s+)?(?:\d+\s+|several\s+|dozens\s+of\s+)?"
    r"(?:\w+\s+)?(?:leaders|ministers|heads)\b", re.IGNORECASE)


def _multilateral(text: str, sentences: list[Sentence], published: date | None, meetings: list[Meeting]) -> None:
    if not _MULTI_CUE_RE.search(text):
        return
    for s in sentences:
        if not _MULTI_CUE_RE.search(s.text) or _PHONE_RE.search(s.text):
            continue
        states = _states(find_mentions(text, s.start, s.end))
        ministerial = re.search(
            r"\b(?:NATO|EU|European\s+Union)\s+(?:defen[cs]e\s+|foreign\s+)?ministers\b|"
            r"\b(?:defen[cs]e|foreign)\s+ministers\s+of\s+(?:the\s+)?(?:NATO|EU|European\s+Union|Alliance)\b|"
            r"\bmeeting\s+of\s+(?:the\s+)?(?:NATO\s+)?(?:defen[cs]e|foreign)\s+ministers\b", s.text, re.IGNORECASE) or (
            _GATHERING_RE.search(s.text))
        if not ministerial and (len(states) < 2 or "UKR" not in _all_codes(text, s)):
            continue
        meetings.append(Meeting(
            name="multilateral", number=None, date=find_date(s.text, published) or published,
            location=_location(s.text), virtual=bool(_VIRTUAL_RE.search(s.text)), participants=["UKR"] + states,
        ))
        return


def _all_codes(text: str, s: Sentence) -> set[str]:
    codes = {m.code for m in find_mentions(text, s.start, s.end)}
    if any(name in s.text for name in UKRAINIAN_OFFICIALS) or re.search(r"\bUkrain", s.text):
        codes.add("UKR")
    return codes


_UKRAINE_SIDE_RE = re.compile(
    r"\bvisit\w*\s+(?:to\s+)?(?:Kyiv|Kiev|Ukraine|Odesa|Lviv|Kharkiv|Dnipro|Zaporizhzhia)\b|"
    r"\bUkrain\w+\s+(?:\w+\s+){0,2}(?:counterpart|president|minister|delegation|leader|prime\s+minister)\b|"
    r"\b(?:in|to)\s+(?:Kyiv|Kiev)\b")


_MEET_RE = re.compile(r"\b(?:meet|meets|met|meeting|talks)\s+(?:with\s+)?(?:his|her|the)?\s*[A-Z]")


def _bilateral(text: str, sentences: list[Sentence], published: date | None, meetings: list[Meeting],
               officials: dict[str, str], pledges: list[Pledge] = ()) -> None:
    seen = {frozenset(m.participants): None for m in meetings if m.name == "bilateral"}
    if not _BILATERAL_CUE_RE.search(text):
        return
    big = [m for m in meetings if m.name in (UDCG, NUC, SUMMIT)]
    for index, s in enumerate(sentences):
        cue = _BILATERAL_CUE_RE.search(s.text)
        if not cue or _PHONE_RE.search(s.text) and not re.search(r"\bvisit\b", s.text):
            continue
        if _UDCG_RE.search(s.text) or _NUC_RE.search(s.text) or _SUMMIT_RE.search(s.text):
            continue
        mentions = find_mentions(text, s.start, s.end)
        states = _states(mentions)
        for code in officials_in(s.text, officials):
            if code not in states and code not in NON_DONORS and code not in ORGANISATIONS:
                states.append(code)
        implicit = bool(re.search(r"\bvisit\s+(?:by|of)\b", s.text))  # a visit reported from Kyiv
        if (re.search(r"\bvisit", cue.group(0), re.IGNORECASE) and not implicit
                and not _UKRAINE_SIDE_RE.search(s.text) and not any(c == "UKR" for c in officials_in(s.text, officials))):
            # "announcing £500 million for Ukraine during a visit to Warsaw, where he will meet Polish
            # Prime Minister Donald Tusk": the donor meets another state's leader over aid it announces there
            announced = {p.donor for p in pledges if p.start <= s.start < p.end and p.kind == "pledge"
                         and p.donor not in ORGANISATIONS}
            hosts = [c for c in states if c not in announced and c != "UKR"]
            if len(announced) == 1 and len(hosts) == 1 and _MEET_RE.search(s.text):
                pair = frozenset(announced | {hosts[0]})
                if pair not in seen:
                    meeting = Meeting(name="bilateral", number=None,
                                      date=_possessive_date(s.text, published) or find_date(s.text, published) or published,
                                      location=_location(s.text), virtual=bool(_VIRTUAL_RE.search(s.text)),
                                      participants=sorted(announced) + hosts)
                    meetings.append(meeting)
                    seen[pair] = (meeting, False)
            continue  # "during a visit to a factory in Eindhoven": no Ukrainian side at this visit
        if not states and index > 0 and "UKR" in _all_codes(text, s):
            # "Accompanied was the minister by his Ukrainian colleague ..., with whom he discussed":
            # the visitor was named in the sentence before
            previous = sentences[index - 1]
            states = _states(find_mentions(text, previous.start, previous.end))
            states += [c for c in officials_in(previous.text, officials)
                       if c not in states and c not in NON_DONORS and c not in ORGANISATIONS]
        if len(states) != 1 or ("UKR" not in _all_codes(text, s) and not implicit):
            continue
        pair = frozenset({states[0], "UKR"})
        stated_date = _possessive_date(s.text, published) or find_date(s.text, published)
        location = _location(s.text)
        if big and re.search(r"\bon\s+the\s+sidelines\s+of\b|\bat\s+the\s+(?:meeting|summit)\b", s.text, re.IGNORECASE):
            # talks on the sidelines of the Ramstein meeting: its day and place
            stated_date = stated_date or big[0].date
            location = location or big[0].location
        if pair in seen:
            # The same talks told again (headline, then body): keep what the later sentence adds.
            earlier = seen[pair]
            if earlier is not None:
                meeting, had_date = earlier
                if stated_date and not had_date:
                    meeting.date = stated_date
                    seen[pair] = (meeting, True)
                meeting.location = meeting.location or _location(s.text)
            continue
        if _MULTI_CUE_RE.search(s.text) and any(m.name == "multilateral" for m in meetings):
            continue
        meeting = Meeting(
            name="bilateral", number=None, date=stated_date or published, location=location,
            virtual=bool(_VIRTUAL_RE.search(s.text)), participants=[states[0], "UKR"],
        )
        meetings.append(meeting)
        seen[pair] = (meeting, bool(stated_date))


def _normalise_coalition(phrase: str) -> str | None:
    for name, rx in _COALITION_KEYS:
        if rx.search(phrase):
            return name
    return None


_SUPPORT_START_RE = re.compile(
    r"[\"“]?(?:The|This|These|Its)\s+(?:support|contribution|funding|funds|money|package|aid|donation|assistance)\b|It\b",
    re.IGNORECASE)


_MEMBERSHIP_BEFORE_RE = re.compile(
    r"\b(?:take|takes|taking|took)\s+part\s+in|\bjoin(?:s|ed|ing)?\b|\bparticipat\w*\s+in|\bmembers?\s+of|\bbecome\s+a\s+member", re.IGNORECASE)
_TO_COALITION_RE = re.compile(
    r"\b(?:to|into|for|through|via|under|within)\s+(?:the\s+)?(?:[\w\-]+\s+){0,4}coalition|coalition['’]s\s+(?:fund|budget)", re.IGNORECASE)
_ITS_FUND_RE = re.compile(r"\b(?:its|the\s+joint|the\s+common|the\s+coalition['’]s)\s+(?:fund|budget|pool)\b|\bto\s+it\b")


def extract_coalitions(text: str, sentences: list[Sentence],
                       pledges_by_sentence: dict[int, list[Pledge]]) -> list[Coalition]:
    coalitions: dict[str, Coalition] = {}
    last_named: tuple[str, int] | None = None  # the coalition named most recently, and where
    for index, s in enumerate(sentences):
        if "oalition" not in s.text:
            if last_named and index - last_named[1] <= 2:
                coalition = coalitions[last_named[0]]
                _follow_up(text, s, coalition)
                if index - last_named[1] == 1 and _ITS_FUND_RE.search(s.text):
                    # "Estonia and Luxembourg lead the IT Coalition. Luxembourg will put EUR 15 million
                    # into its fund": the coalition just named, for the donors that lead or joined it
                    for p in pledges_by_sentence.get(index, []):
                        if p.coalition is None and p.donor in coalition.members + coalition.leaders:
                            p.coalition = coalition.name
                            if p.category == "general" and not p.items:
                                p.category = coalition.area
            continue
        names_here: list[str] = []
        spans: list[tuple[str, int, int]] = []
        for m in _COALITION_WORD_RE.finditer(s.text):
            # the six words before "coalition" and a qualifier after it ("coalition of drones")
            pre = "".join(_PRE_WORD_RE.findall(s.text[max(0, m.start() - 80):m.start()])[-6:])
            post_match = _COALITION_POST_RE.match(s.text, m.end())
            post = post_match.group(1) if post_match else ""
            if re.search(r"coalitions\b", m.group(0), re.IGNORECASE) and not post:
                continue  # "the other Capability Coalitions": no one coalition
            name = _normalise_coalition(pre[-45:]) or _normalise_coalition(post)
            if name is None and not re.search(r"coalitions\b", m.group(0), re.IGNORECASE):
                # "a coalition of 11 countries that agreed to train Ukrainian pilots on the aircraft"
                rest = re.split(r"[.;]", s.text[m.end():m.end() + 100])[0]
                name = _normalise_coalition(rest) if re.match(r"\s+(?:of|that|which|to|for)\b", rest) else None
            if name is None and re.search(r"capability\s+coalition", m.group(0), re.IGNORECASE):
                pledged = pledges_by_sentence.get(index, [])
                cats = {p.category for p in pledged} - {"general"}
                if len(cats) == 1:
                    name = _COALITION_BY_AREA.get(next(iter(cats)))
            if name:
                # the span of the word "coalition" itself: the words before it may be anyone's
                word = s.start + m.start() + m.group(0).lower().find("coalition")
                spans.append((name, word, word + len("coalition")))
            if name and name not in names_here:
                names_here.append(name)
        if not names_here and coalitions and re.search(r"\b(?:the|this|that)\s+coalition(?:['’]s)?\b", s.text, re.IGNORECASE):
            # "to the coalition's fund", "within this coalition": the one named last
            names_here = [last_named[0] if last_named else next(reversed(coalitions))]
            spans = [(names_here[0], s.start, s.end)]
        if names_here:
            last_named = (names_here[-1], index)
        if not names_here:
            continue
        if (index not in pledges_by_sentence and len(pledges_by_sentence.get(index - 1, [])) == 1
                and _SUPPORT_START_RE.match(s.text)):
            # "The government provides NOK 1 billion ... The support is given in the maritime coalition"
            pledges_by_sentence = {**pledges_by_sentence, index: pledges_by_sentence[index - 1]}
        mentions = find_mentions(text, s.start, s.end)
        positioned = _leaders(text, s, mentions)
        leaders = [code for code, _, _ in positioned]
        members = [c for c in leaders] if len(names_here) == 1 else []
        first_span = min(sp[1] for sp in spans) if spans else s.end
        all_before = all(m.start < first_span for m in mentions)
        if (len(names_here) == 1 or all_before) and (
                _MEMBER_CUE_RE.search(s.text) or re.search(r"\bas\s+part\s+of\b", s.text)):
            # "Canada is a member of the Air Force Capability Coalition and the Armoured Vehicles Coalition"
            for m in mentions:
                if m.actor and m.code not in NON_DONORS and m.code not in ORGANISATIONS and m.code not in members:
                    if m.kind != "capital":
                        members.append(m.code)
        pledged = pledges_by_sentence.get(index, [])
        if len(pledged) > 1:
            # Several donors in one sentence: the coalition goes with the donor named closest before it.
            first_coalition = s.start + (re.search(r"coalition", s.text, re.IGNORECASE).start())
            before = [m for m in mentions if m.end <= first_coalition and any(p.donor == m.code for p in pledged)]
            if before:
                owner = max(before, key=lambda m: m.end).code
                # "Luxembourg will contribute EUR 15 million to the coalition's fund, while Estonia is
                # providing EUR 1 million": a donor already known to lead or join it gives to it too
                known = set()
                if len(names_here) == 1 and names_here[0] in coalitions:
                    known = set(coalitions[names_here[0]].members) | set(coalitions[names_here[0]].leaders)
                pledged = [p for p in pledged if p.donor == owner or p.donor in known]
        for p in pledged:
            if p.donor not in members and p.donor not in ORGANISATIONS:
                members.append(p.donor)
        for name in names_here:
            coalition = coalitions.setdefault(name, Coalition(name=name, area=COALITIONS[name]))
            for c in _leaders_of(positioned, spans, name):
                if c not in coalition.leaders:
                    coalition.leaders.append(c)
            for c in members:
                if c not in coalition.members:
                    coalition.members.append(c)
        if len(names_here) == 1:
            first = min(sp[1] for sp in spans) if spans else s.start
            if (_MEMBERSHIP_BEFORE_RE.search(text, max(s.start, first - 40), first)
                    and not _TO_COALITION_RE.search(s.text)):
                # "will provide EUR 126 million in military aid and will take part in the Air Force
                # Capability Coalition": joining it is not paying into it
                pledged = [p for p in pledged if p.amount is None and p.items]
            for p in pledged:
                p.coalition = names_here[0]
                if p.category == "general" and not p.items:
                    p.category = COALITIONS[names_here[0]]
    for coalition in coalitions.values():
        coalition.members = coalition.leaders + [c for c in coalition.members if c not in coalition.leaders]
    return list(coalitions.values())


def _leaders(text: str, s: Sentence, mentions: list[Mention]) -> list[tuple[str, int, str]]:
    """(code, position, side) of the countries said to lead; side "after" when the coalition is
    named before them ("a coalition led by X"), "before" when after them ("X will head the ...")."""
    usable = [m for m in mentions if m.code not in NON_DONORS and m.kind != "capital"]
    sides: list[str | None] = []
    for m in usable:
        before = text[max(s.start, m.start - 80):m.start]
        after = text[m.end:m.end + 40]
        if _LEADER_AFTER_RE.search(before):
            sides.append("after")
        elif m.leader or _LEADER_BEFORE_RE.match(after):
            sides.append("before")
        else:
            sides.append(None)
    gaps = [text[usable[i].end:usable[i + 1].start] for i in range(len(usable) - 1)]
    tight = [bool(_TIGHT_COORDINATION_RE.fullmatch(g)) for g in gaps]  # ", " or " and "
    loose = [bool(_COORDINATION_RE.fullmatch(g)) for g in gaps]  # also ", and"
    # "led by Germany and France, and Estonia and Luxembourg will head ...": a list takes the
    # side of the cue next to it; a comma before "and" usually starts the next clause.
    for i in range(1, len(usable)):
        if sides[i] is None and tight[i - 1] and sides[i - 1] == "after":
            sides[i] = "after"
    for i in range(len(usable) - 2, -1, -1):
        if sides[i] is None and loose[i] and sides[i + 1] == "before":
            sides[i] = "before"
    for i in range(1, len(usable)):
        if sides[i] is None and loose[i - 1] and sides[i - 1] == "after":
            sides[i] = "after"
    leaders: list[tuple[str, int, str]] = []
    for m, side in zip(usable, sides):
        if side and all(code != m.code for code, _, _ in leaders):
            leaders.append((m.code, m.start, side))
    return leaders


_COORDINATION_RE = re.compile(r"\s*(?:,|and|,\s*and|&)\s*(?:the\s+)?")
_TIGHT_COORDINATION_RE = re.compile(r"\s*(?:,|and|&)\s*(?:the\s+)?")


_FOLLOW_LEADERS_RE = re.compile(r"\bleaders?\s+(?:of\s+it|of\s+which)?\s*(?:are|is|being)\b|\b(?:it|which)\s+is\s+(?:co-?)?led\s+by\b",
                                re.IGNORECASE)
_FOLLOW_JOINED_RE = re.compile(r"\b(?:joined|have\s+joined|has\s+joined|also\s+joined|join)\b", re.IGNORECASE)


def _follow_up(text: str, s: Sentence, coalition: Coalition) -> None:
    """Sentences right after a coalition is named: "Leaders of it are Latvia and Great Britain.
    Already joined Sweden, the Netherlands ..." add leaders and members."""
    leaders = bool(_FOLLOW_LEADERS_RE.search(s.text))
    joined = bool(_FOLLOW_JOINED_RE.search(s.text))
    if not (leaders or joined):
        return
    for m in find_mentions(text, s.start, s.end):
        if m.code in NON_DONORS or m.code in ORGANISATIONS or m.kind in ("capital", "official"):
            continue
        if leaders and m.code not in coalition.leaders:
            coalition.leaders.append(m.code)
        if m.code not in coalition.members:
            coalition.members.append(m.code)


def _leaders_of(leaders: list[tuple[str, int, str]], spans: list[tuple[str, int, int]], name: str) -> list[str]:
    """The leaders that go with coalition `name` among several named in one sentence."""
    if len(spans) == 1:
        return [code for code, _, _ in leaders]
    out = []
    for code, pos, side in leaders:
        if side == "after":
            cands = [sp for sp in spans if sp[2] <= pos] or spans
            target = max(cands, key=lambda sp: sp[2])
        else:
            cands = [sp for sp in spans if sp[1] >= pos] or spans
            target = min(cands, key=lambda sp: sp[1])
        if target[0] == name:
            out.append(code)
    return out
