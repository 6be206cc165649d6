"""Linking stage: each pledge's announced date and meeting, and the article's coalitions.

Takes the article context and its pledges; gives the coalitions and meetings,
and sets `announced` (a date the pledge's sentence states, never after
publication, else the published date), `meeting` (the one multilateral
meeting the article reports, or the visit at which the visitor pledged that
day) and `coalition` (via coalitions.py).
"""

from __future__ import annotations

from .coalitions import extract_coalitions
from .consolidation import Found
from .cues import BILATERAL_CUE_RE, MULTILATERAL_NAMED_RE, PHONE_RE, TOLD_AS_PAST_RE
from .context import ArticleContext
from .dates import announced_date
from .meetings import extract_meetings
from .result import Coalition, Meeting, Pledge
from .vocabulary import BILATERAL, NUC, SUMMIT, UDCG

_MULTILATERAL_FORMATS = (UDCG, NUC, SUMMIT)


def link(ctx: ArticleContext, found: list[Found]) -> tuple[list[Coalition], list[Meeting]]:
    pledges = [p for p, _ in found]
    by_sentence: dict[int, list[Pledge]] = {}
    for pledge, index in found:
        by_sentence.setdefault(index, []).append(pledge)
    coalitions = extract_coalitions(ctx, by_sentence)
    meetings = extract_meetings(ctx, pledges)
    for pledge in pledges:
        pledge.announced = _announced(pledge, ctx)
        pledge.meeting = _meeting(pledge, meetings)
    return coalitions, meetings


def _announced(pledge: Pledge, ctx: ArticleContext):
    # "announced on Monday", "during yesterday's visit": a stated date, never after publication
    stated = announced_date(pledge.evidence, ctx.published)
    return stated if stated and (ctx.published is None or stated <= ctx.published) else ctx.published


def _meeting(pledge: Pledge, meetings: list[Meeting]) -> int | None:
    multilateral = [i for i, m in enumerate(meetings) if m.name in _MULTILATERAL_FORMATS]
    if pledge.kind != "pledge" and TOLD_AS_PAST_RE.search(pledge.evidence):
        # "earlier this year Denmark delivered 19 F-16s": told at the meeting, not made there
        return None
    if PHONE_RE.search(pledge.evidence) and not MULTILATERAL_NAMED_RE.search(pledge.evidence):
        return None  # "spoke by phone with the Dutch prime minister, who confirmed EUR 400 million": no meeting
    # the visit or talks the article reports are the occasion of a new pledge by the visitor
    # made that same day ("Pistorius arrived in Kyiv ... Germany will provide EUR 1.3 billion")
    occasions = [i for i, m in enumerate(meetings) if m.name == BILATERAL and pledge.donor in m.participants
                 and m.date is not None and m.date == pledge.announced]
    if (len(occasions) == 1 and pledge.kind == "pledge" and BILATERAL_CUE_RE.search(pledge.evidence)
            and not MULTILATERAL_NAMED_RE.search(pledge.evidence)):
        # "Pistorius arrived in Kyiv for talks with Umerov and announced 12 howitzers", in an
        # article that also reports a contact group meeting: the visit, told in the same words
        return occasions[0]
    if len(multilateral) == 1:
        return multilateral[0]
    if multilateral or pledge.kind != "pledge":
        return None
    return occasions[0] if len(occasions) == 1 else None
