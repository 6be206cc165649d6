"""Linking stage, coalitions: the capability coalitions an article names, their leaders and members.

Takes the article context and its pledges by sentence; gives `Coalition`s
normalised to the vocabulary ("the drone coalition", "coalition of drones",
"a coalition of 11 countries to train pilots on F-16s"), with the countries
that lead or join them, and sets `coalition` on the pledges paid into one
("will contribute EUR 15 million to the IT Coalition's fund"). Joining a
coalition is not paying into it.
"""

from __future__ import annotations

from .context import ArticleContext
from .cues import (
    AS_PART_OF_RE,
    CAPABILITY_COALITION_RE,
    CLAUSE_END_RE,
    COALITION_ANY_RE,
    COALITION_KEYS,
    COALITION_POST_RE,
    COALITION_QUALIFIER_RE,
    COALITION_WORD_RE,
    FOLLOW_JOINED_RE,
    FOLLOW_LEADERS_RE,
    ITS_FUND_RE,
    LEADER_AFTER_RE,
    LEADER_BEFORE_RE,
    LIST_GAP_RE,
    MEMBER_CUE_RE,
    MEMBERSHIP_BEFORE_RE,
    PLURAL_COALITIONS_RE,
    PRE_WORD_RE,
    SAME_TARGET_RE,
    SUPPORT_START_RE,
    THE_COALITION_RE,
    TIGHT_LIST_GAP_RE,
    TO_COALITION_RE,
)
from .lexicon import NON_DONORS, ORGANISATIONS
from .result import Coalition, Pledge
from .text import Sentence
from .vocabulary import COALITIONS

_COALITION_BY_AREA = {area: name for name, area in COALITIONS.items()}
Span = tuple[str, int, int]  # (coalition name, start, end of the word "coalition")


def _normalise_coalition(phrase: str) -> str | None:
    for name, rx in COALITION_KEYS:
        if rx.search(phrase):
            return name
    return None


def _all_named(phrase: str) -> list[str]:
    """Every coalition a phrase names, when it names two or more ("the IT and demining")."""
    names = [name for name, rx in COALITION_KEYS if rx.search(phrase)]
    return names if len(names) > 1 else []


def extract_coalitions(ctx: ArticleContext, pledges_by_sentence: dict[int, list[Pledge]]) -> list[Coalition]:
    coalitions: dict[str, Coalition] = {}
    last_named: tuple[str, int] | None = None  # the coalition named most recently, and where
    for index, s in enumerate(ctx.sentences):
        if "oalition" not in s.text:
            if last_named and index - last_named[1] <= 2:
                _after_named(ctx, index, coalitions[last_named[0]], index - last_named[1], pledges_by_sentence)
            continue
        names_here, spans = _named(s, index, pledges_by_sentence)
        if not names_here and coalitions and THE_COALITION_RE.search(s.text):
            # "to the coalition's fund", "within this coalition": the one named last
            names_here = [last_named[0] if last_named else next(reversed(coalitions))]
            spans = [(names_here[0], s.start, s.end)]
        if not names_here:
            continue
        last_named = (names_here[-1], index)
        referred = _referred_pledge_sentence(index, pledges_by_sentence)
        if referred is not None and SUPPORT_START_RE.match(s.text):
            # "The government provides NOK 1 billion ... The support is given in the maritime coalition",
            # also with a quotation between the two
            pledges_by_sentence = {**pledges_by_sentence, index: pledges_by_sentence[referred]}
        _read_coalition_sentence(ctx, s, names_here, spans, pledges_by_sentence.get(index, []), coalitions)
    for coalition in coalitions.values():
        coalition.members = coalition.leaders + [c for c in coalition.members if c not in coalition.leaders]
    return list(coalitions.values())


def _referred_pledge_sentence(index: int, pledges_by_sentence: dict[int, list[Pledge]]) -> int | None:
    """The sentence, at most three back with no pledge since, that holds the one pledge "the support"
    or "the funds" in sentence `index` can refer to."""
    if index in pledges_by_sentence:
        return None
    for back in range(index - 1, max(-1, index - 4), -1):
        if back in pledges_by_sentence:
            return back if len(pledges_by_sentence[back]) == 1 else None
    return None


def _after_named(ctx: ArticleContext, index: int, coalition: Coalition, distance: int,
                 pledges_by_sentence: dict[int, list[Pledge]]) -> None:
    """The sentences right after a coalition is named add its leaders and members, and money
    paid "into its fund"."""
    s = ctx.sentences[index]
    _follow_up(ctx, s, coalition)
    if distance == 1 and ITS_FUND_RE.search(s.text):
        # "Estonia and Luxembourg lead the IT Coalition. Luxembourg will put EUR 15 million
        # into its fund": the coalition just named, for the donors that lead or joined it
        for p in pledges_by_sentence.get(index, []):
            if p.coalition is None and p.donor in coalition.members + coalition.leaders:
                p.coalition = coalition.name
                if p.category == "general" and not p.items:
                    p.category = coalition.area


def _named(s: Sentence, index: int, pledges_by_sentence: dict[int, list[Pledge]]) -> tuple[list[str], list[Span]]:
    """The coalitions a sentence names, and where the word "coalition" stands for each."""
    names_here: list[str] = []
    spans: list[Span] = []
    for m in COALITION_WORD_RE.finditer(s.text):
        # the six words before "coalition" and a qualifier after it ("coalition of drones")
        pre = "".join(PRE_WORD_RE.findall(s.text[max(0, m.start() - 80):m.start()])[-6:])
        post_match = COALITION_POST_RE.match(s.text, m.end())
        post = post_match.group(1) if post_match else ""
        plural = PLURAL_COALITIONS_RE.search(m.group(0))
        if plural and not post:
            # "joined the IT and demining coalitions": each one named; "the other coalitions": none
            for name in _all_named(pre[-45:]):
                word = s.start + m.start()
                spans.append((name, word, word + len("coalition")))
                if name not in names_here:
                    names_here.append(name)
            continue
        name = _normalise_coalition(pre[-45:]) or _normalise_coalition(post)
        if name is None and not plural:
            # "a coalition of 11 countries that agreed to train Ukrainian pilots on the aircraft"
            rest = CLAUSE_END_RE.split(s.text[m.end():m.end() + 100])[0]
            name = _normalise_coalition(rest) if COALITION_QUALIFIER_RE.match(rest) else None
        if name is None and CAPABILITY_COALITION_RE.search(m.group(0)):
            cats = {p.category for p in pledges_by_sentence.get(index, [])} - {"general"}
            if len(cats) == 1:
                name = _COALITION_BY_AREA.get(next(iter(cats)))
        if name:
            # the span of the word "coalition" itself: the words before it may be anyone's
            word = s.start + m.start() + m.group(0).lower().find("coalition")
            spans.append((name, word, word + len("coalition")))
            if name not in names_here:
                names_here.append(name)
    return names_here, spans


def _read_coalition_sentence(ctx: ArticleContext, s: Sentence, names_here: list[str], spans: list[Span],
                             pledged: list[Pledge], coalitions: dict[str, Coalition]) -> None:
    mentions = ctx.mentions(s.start, s.end)
    positioned = _leaders(ctx.text, s, mentions)
    members = _members(s, names_here, spans, mentions, positioned)
    pledged = _paying(s, names_here, mentions, pledged, coalitions)
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
        if (MEMBERSHIP_BEFORE_RE.search(ctx.text, max(s.start, first - 40), first)
                and not TO_COALITION_RE.search(s.text)):
            # "will provide EUR 126 million in military aid and will take part in the Air Force
            # Capability Coalition": joining it is not paying into it
            pledged = [p for p in pledged if p.amount is None and p.items]
        for p in pledged:
            p.coalition = names_here[0]
            if p.category == "general" and not p.items:
                p.category = COALITIONS[names_here[0]]


def _members(s: Sentence, names_here: list[str], spans: list[Span], mentions, positioned) -> list[str]:
    """Leaders, and the countries a membership cue names ("Canada is a member of the Air Force
    Capability Coalition and the Armoured Vehicles Coalition")."""
    members = [code for code, _, _ in positioned] if len(names_here) == 1 else []
    first_span = min(sp[1] for sp in spans) if spans else s.end
    all_before = all(m.start < first_span for m in mentions if m.actor and m.code not in NON_DONORS)
    if (len(names_here) == 1 or all_before) and (MEMBER_CUE_RE.search(s.text) or AS_PART_OF_RE.search(s.text)):
        for i, m in enumerate(mentions):
            if ((m.actor or _heads_a_list(s, mentions, i)) and m.code not in NON_DONORS
                    and m.code not in ORGANISATIONS and m.code not in members and m.kind != "capital"):
                members.append(m.code)
    return members


def _heads_a_list(s: Sentence, mentions, i: int) -> bool:
    """"with Belgium, Canada and Luxembourg joining": the first name after "with" (read as a
    partner, not an actor) heads a list of the countries that join."""
    m = mentions[i]
    if i + 1 >= len(mentions) or not mentions[i + 1].actor or m.kind != "name":
        return False
    before = s.text[max(0, m.start - s.start - 6):m.start - s.start]
    gap = s.text[m.end - s.start:mentions[i + 1].start - s.start]
    return before.endswith("with ") and bool(TIGHT_LIST_GAP_RE.fullmatch(gap))


def _paying(s: Sentence, names_here: list[str], mentions, pledged: list[Pledge],
            coalitions: dict[str, Coalition]) -> list[Pledge]:
    """Several donors in one sentence: the coalition goes with the donor named closest before it."""
    if len(pledged) <= 1:
        return pledged
    first_coalition = s.start + COALITION_ANY_RE.search(s.text).start()
    before = [m for m in mentions if m.end <= first_coalition and any(p.donor == m.code for p in pledged)]
    if not before:
        return pledged
    owner = max(before, key=lambda m: m.end).code
    # "Luxembourg will contribute EUR 15 million to the coalition's fund, while Estonia is
    # providing EUR 1 million": a donor already known to lead or join it gives to it too
    known = set()
    if len(names_here) == 1 and names_here[0] in coalitions:
        known = set(coalitions[names_here[0]].members) | set(coalitions[names_here[0]].leaders)
    # "..., while Sweden pledged 500 million crowns to the same effort": named after it, giving to it
    same = {m.code for m in mentions if m.start > first_coalition
            and SAME_TARGET_RE.search(s.text, m.end - s.start)}
    return [p for p in pledged if p.donor == owner or p.donor in known or p.donor in same]


def _leaders(text: str, s: Sentence, mentions) -> list[tuple[str, int, str]]:
    """(code, position, side) of the countries said to lead; side "after" when the coalition is
    named before them ("a coalition led by X"), "before" when after them ("X will head the ...")."""
    usable = [m for m in mentions if m.code not in NON_DONORS and m.kind != "capital"]
    sides: list[str | None] = []
    for m in usable:
        before = text[max(s.start, m.start - 80):m.start]
        after = text[m.end:m.end + 40]
        if LEADER_AFTER_RE.search(before):
            sides.append("after")
        elif m.leader or LEADER_BEFORE_RE.match(after):
            sides.append("before")
        else:
            sides.append(None)
    gaps = [text[usable[i].end:usable[i + 1].start] for i in range(len(usable) - 1)]
    tight = [bool(TIGHT_LIST_GAP_RE.fullmatch(g)) for g in gaps]  # ", " or " and "
    loose = [bool(LIST_GAP_RE.fullmatch(g)) for g in gaps]  # also ", and"
    # "led by Germany and France, and Estonia and Luxembourg will head ...": a list takes the
    # side of the cue next to it; a comma before "and" usually starts the next clause.
    # "led by Poland and Germany, the Swedish government said": an adjective after a list of
    # names starts the next clause, it does not continue the list
    continues = [i > 0 and (usable[i].kind != "demonym" or usable[i - 1].kind == "demonym")
                 for i in range(len(usable))]
    for i in range(1, len(usable)):
        if sides[i] is None and tight[i - 1] and sides[i - 1] == "after" and continues[i]:
            sides[i] = "after"
    for i in range(len(usable) - 2, -1, -1):
        if sides[i] is None and loose[i] and sides[i + 1] == "before":
            sides[i] = "before"
    for i in range(1, len(usable)):
        if sides[i] is None and loose[i - 1] and sides[i - 1] == "after" and continues[i]:
            sides[i] = "after"
    leaders: list[tuple[str, int, str]] = []
    for m, side in zip(usable, sides):
        if side and all(code != m.code for code, _, _ in leaders):
            leaders.append((m.code, m.start, side))
    return leaders


def _follow_up(ctx: ArticleContext, s: Sentence, coalition: Coalition) -> None:
    """Sentences right after a coalition is named: "Leaders of it are Latvia and Great Britain.
    Already joined Sweden, the Netherlands ..." add leaders and members."""
    leaders = bool(FOLLOW_LEADERS_RE.search(s.text))
    joined = bool(FOLLOW_JOINED_RE.search(s.text))
    if not (leaders or joined):
        return
    for m in ctx.mentions(s.start, s.end):
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
