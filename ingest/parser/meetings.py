"""Linking stage, meetings: the meetings an article reports, with number, date, place and sides.

Takes the article context and its pledges; gives `Meeting`s: the formats
(Ukraine Defense Contact Group with its number, NATO-Ukraine Council, NATO
summit), else one multilateral meeting (a ministerial, a summit of leaders),
and bilateral talks or visits between a donor and Ukraine (or a donor and the
host of a visit where it announces aid). A meeting that is only announced
("is to meet on Thursday") is not one.
"""

from __future__ import annotations

from .context import ArticleContext
from .cues import (
    AT_EVENT_BEFORE_RE,
    BILATERAL_CUE_RE,
    CONTINUES_RE,
    EARLIER_VISIT_RE,
    FORMAT_AFTER_RE,
    FUTURE_MEETING_RE,
    GATHERING_RE,
    HELD_VIRTUALLY_RE,
    KNOWN_CITIES,
    LOCATION_RE,
    NATO_HQ_RE,
    MEET_RE,
    MEETING_EVENT_RE,
    MINISTERIAL_RE,
    MULTI_CUE_RE,
    NEGOTIATIONS_RE,
    NUC_RE,
    NUMBER_NEAR_RE,
    ORDINAL_WORDS,
    OTHER_SUMMIT_RE,
    PHONE_RE,
    RAMSTEIN_BASE_RE,
    SIDELINES_RE,
    SUMMIT_RE,
    THE_MEETING_RE,
    UDCG_RE,
    UKRAIN_WORD_RE,
    UKRAINE_SIDE_RE,
    VIRTUAL_RE,
    VISIT_BY_RE,
    VISIT_CUE_RE,
    VISIT_OR_BILATERAL_RE,
    VISIT_WORD_RE,
)
from .dates import find_date, possessive_date
from .donors import Mention
from .lexicon import NON_DONORS, ORGANISATIONS, UKRAINIAN_OFFICIALS
from .officials import officials_in
from .result import Meeting, Pledge
from .text import Sentence
from .vocabulary import BILATERAL, MULTILATERAL, NUC, SUMMIT, UDCG

_FORMATS = ((UDCG, UDCG_RE), (NUC, NUC_RE), (SUMMIT, SUMMIT_RE))


def extract_meetings(ctx: ArticleContext, pledges: list[Pledge]) -> list[Meeting]:
    donors = [p.donor for p in pledges if p.donor not in ORGANISATIONS]
    meetings = [m for name, rx in _FORMATS if (m := _format_meeting(ctx, name, rx, donors)) is not None]
    if not meetings:
        meetings += _multilateral(ctx)
    if not meetings and OTHER_SUMMIT_RE.search(ctx.text):
        meetings += _other_summit(ctx, donors)
    _bilateral(ctx, meetings, pledges)
    return meetings


def _states(mentions) -> list[str]:
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
    if NATO_HQ_RE.search(text):
        return "Brussels"  # "at NATO headquarters": the alliance's seat
    for m in LOCATION_RE.finditer(text):
        loc = m.group("loc")
        first = loc.split()[0]
        if first == "Ramstein" and (not RAMSTEIN_BASE_RE.match(loc) and not m.group(0).startswith("in")
                                    or FORMAT_AFTER_RE.match(text[m.end():m.end() + 10])):
            continue  # "the Ramstein meeting" names the format, not the place
        if first in KNOWN_CITIES:
            return "The Hague" if first == "Hague" else ("Ramstein" if first == "Ramstein" else first)
    return None


def _format_meeting(ctx: ArticleContext, name: str, rx, donors: list[str]) -> Meeting | None:
    """The meeting of one format the article reports, or None."""
    if not rx.search(ctx.text):
        return None
    hits = [s for s in ctx.sentences if rx.search(s.text)]
    if not hits or all(FUTURE_MEETING_RE.search(s.text) for s in hits):
        return None  # "Zelensky is to meet allied leaders in the NATO-Ukraine Council on Thursday"
    if name != SUMMIT and not any(MEETING_EVENT_RE.search(s.text) or NUMBER_NEAR_RE.search(s.text) for s in hits):
        return None  # "will keep working with partners through the Ukraine Defense Contact Group": no meeting
    published = ctx.published
    meeting = Meeting(name=name, number=None, date=None, location=None, virtual=False, participants=["UKR"])
    for s in hits:
        nm = NUMBER_NEAR_RE.search(s.text)
        if nm and meeting.number is None:
            meeting.number = int(nm.group("num")) if nm.group("num") else ORDINAL_WORDS[nm.group("word").lower()]
        if meeting.date is None:
            meeting.date = find_date(s.text, published) or _date_told_before(ctx, s)
        meeting.location = meeting.location or _location(s.text)
        meeting.virtual = meeting.virtual or bool(VIRTUAL_RE.search(s.text))
        for code in _states(ctx.mentions(s.start, s.end)):
            if code not in meeting.participants:
                meeting.participants.append(code)
    # "The meeting took place today in Brussels": sentences about "the meeting" nearby.
    hit_starts = {h.start for h in hits}
    for s in ctx.sentences:
        if s.start in hit_starts or not THE_MEETING_RE.search(s.text) or VISIT_OR_BILATERAL_RE.search(s.text):
            continue
        meeting.location = meeting.location or _location(s.text)
        meeting.virtual = meeting.virtual or bool(HELD_VIRTUALLY_RE.search(s.text))
        if meeting.date is None:
            meeting.date = find_date(s.text, published)
    for code in dict.fromkeys(donors):
        if code not in meeting.participants:
            meeting.participants.append(code)
    meeting.date = meeting.date or published
    return meeting


def _date_told_before(ctx: ArticleContext, s: Sentence):
    """"On June 15, the minister called on allies ... He made the remarks during a meeting of ...":
    a sentence that goes on about the one before it has that one's date."""
    if not CONTINUES_RE.match(s.text):
        return None
    index = ctx.sentence_index_at(s.start)
    return find_date(ctx.sentences[index - 1].text, ctx.published) if index > 0 else None


def _other_summit(ctx: ArticleContext, donors: list[str]) -> list[Meeting]:
    """"at the G7 summit", "on the sidelines of the EU summit": a multilateral meeting."""
    for s in ctx.sentences:
        m = OTHER_SUMMIT_RE.search(s.text)
        if m and _reported_at(s.text, m.group(0)):
            states = _states(ctx.mentions(s.start, s.end))
            return [Meeting(
                name=MULTILATERAL, number=None, date=find_date(s.text, ctx.published) or ctx.published,
                location=_location(s.text[m.end():]), virtual=bool(VIRTUAL_RE.search(s.text)),
                participants=states + [c for c in donors if c not in states],
            )]
    return []


def _reported_at(text: str, phrase: str) -> bool:
    """Some occurrence of `phrase` follows "at", "during", "on the sidelines of" ..."""
    low = text.lower()
    i = low.find(phrase)
    while i >= 0:
        if AT_EVENT_BEFORE_RE.search(text, 0, i):
            return True
        i = low.find(phrase, i + 1)
    return False


def _multilateral(ctx: ArticleContext) -> list[Meeting]:
    if not MULTI_CUE_RE.search(ctx.text):
        return []
    for s in ctx.sentences:
        if not MULTI_CUE_RE.search(s.text) or PHONE_RE.search(s.text):
            continue
        states = _states(ctx.mentions(s.start, s.end))
        ministerial = MINISTERIAL_RE.search(s.text) or GATHERING_RE.search(s.text)
        if not ministerial and (len(states) < 2 or "UKR" not in _all_codes(ctx, s)):
            continue
        return [Meeting(
            name=MULTILATERAL, number=None, date=find_date(s.text, ctx.published) or ctx.published,
            location=_location(s.text), virtual=bool(VIRTUAL_RE.search(s.text)), participants=["UKR"] + states,
        )]
    return []


def _all_codes(ctx: ArticleContext, s: Sentence) -> set[str]:
    codes = {m.code for m in ctx.mentions(s.start, s.end)}
    if any(name in s.text for name in UKRAINIAN_OFFICIALS) or UKRAIN_WORD_RE.search(s.text):
        codes.add("UKR")
    return codes


def _sides(ctx: ArticleContext, mentions: tuple[Mention, ...], text: str) -> list[str]:
    """The states at talks told in `text`: those named, and those of the officials named."""
    states = _states(mentions)
    for code in officials_in(text, ctx.officials):
        if code not in states and code not in NON_DONORS and code not in ORGANISATIONS:
            states.append(code)
    return states


def _bilateral(ctx: ArticleContext, meetings: list[Meeting], pledges: list[Pledge]) -> None:
    seen = {frozenset(m.participants): None for m in meetings if m.name == BILATERAL}
    if not BILATERAL_CUE_RE.search(ctx.text):
        return
    big = [m for m in meetings if m.name in (UDCG, NUC, SUMMIT)]
    for index, s in enumerate(ctx.sentences):
        cue = BILATERAL_CUE_RE.search(s.text)
        if not cue or PHONE_RE.search(s.text) and not VISIT_WORD_RE.search(s.text):
            continue
        if EARLIER_VISIT_RE.search(s.text):
            continue  # "When Kishida visited Kyiv in March, he announced ...": an earlier visit, told in passing
        if NEGOTIATIONS_RE.search(s.text) and not BILATERAL_CUE_RE.search(NEGOTIATIONS_RE.sub(" ", s.text)):
            continue
        if UDCG_RE.search(s.text) or NUC_RE.search(s.text) or SUMMIT_RE.search(s.text):
            continue
        states = _sides(ctx, ctx.mentions(s.start, s.end), s.text)
        implicit = bool(VISIT_BY_RE.search(s.text))  # a visit reported from Kyiv
        if (VISIT_CUE_RE.search(cue.group(0)) and not implicit
                and not UKRAINE_SIDE_RE.search(s.text) and not any(c == "UKR" for c in officials_in(s.text, ctx.officials))):
            _visit_elsewhere(ctx, s, states, meetings, pledges, seen)
            continue  # "during a visit to a factory in Eindhoven": no Ukrainian side at this visit
        if not states and index > 0 and "UKR" in _all_codes(ctx, s):
            # "Accompanied was the minister by his Ukrainian colleague ..., with whom he discussed":
            # the visitor was named in the sentence before
            previous = ctx.sentences[index - 1]
            states = _states(ctx.mentions(previous.start, previous.end))
            states += [c for c in officials_in(previous.text, ctx.officials)
                       if c not in states and c not in NON_DONORS and c not in ORGANISATIONS]
        if len(states) != 1 or ("UKR" not in _all_codes(ctx, s) and not implicit):
            continue
        _talks_with_ukraine(ctx, s, states[0], meetings, big, seen)


def _visit_elsewhere(ctx: ArticleContext, s: Sentence, states: list[str], meetings: list[Meeting],
                     pledges: list[Pledge], seen: dict) -> None:
    """"announcing £500 million for Ukraine during a visit to Warsaw, where he will meet Polish
    Prime Minister Donald Tusk": the donor meets another state's leader over aid it announces there."""
    announced = {p.donor for p in pledges if p.start <= s.start < p.end and p.kind == "pledge"
                 and p.donor not in ORGANISATIONS}
    hosts = [c for c in states if c not in announced and c != "UKR"]
    if len(announced) == 1 and len(hosts) == 1 and MEET_RE.search(s.text):
        pair = frozenset(announced | {hosts[0]})
        if pair not in seen:
            meeting = Meeting(name=BILATERAL, number=None,
                              date=possessive_date(s.text, ctx.published) or find_date(s.text, ctx.published) or ctx.published,
                              location=_location(s.text), virtual=bool(VIRTUAL_RE.search(s.text)),
                              participants=sorted(announced) + hosts)
            meetings.append(meeting)
            seen[pair] = (meeting, False)


def _talks_with_ukraine(ctx: ArticleContext, s: Sentence, state: str, meetings: list[Meeting],
                        big: list[Meeting], seen: dict) -> None:
    published = ctx.published
    pair = frozenset({state, "UKR"})
    stated_date = possessive_date(s.text, published) or find_date(s.text, published)
    location = _location(s.text)
    if big and SIDELINES_RE.search(s.text):
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
        return
    if MULTI_CUE_RE.search(s.text) and any(m.name == MULTILATERAL for m in meetings):
        return
    meeting = Meeting(
        name=BILATERAL, number=None, date=stated_date or published, location=location,
        virtual=bool(VIRTUAL_RE.search(s.text)), participants=[state, "UKR"],
    )
    meetings.append(meeting)
    seen[pair] = (meeting, bool(stated_date))
