"""Consolidation stage, article-wide: what later sentences add to a pledge already read.

Takes the pledges read so far (`Reading`) and a sentence; attaches a package's
contents to their package (a bulleted list after "includes:", "The package
also includes ..."), tells an allocation from the envelope it is drawn from,
drops a whole that mixes civil aid once its military share is read, and at the
end keeps one record for a pledge the article tells several times
(`merge_duplicates`).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .attribution import entry_donor
from .classification import category, cumulative_cue, kind
from .context import ArticleContext
from .cues import (
    AID_NOUN_RE,
    ALLOCATION_RE,
    ALSO_RE,
    ALSO_WORD_RE,
    BREAKDOWN_START_RE,
    BULLET_RE,
    CIVILIAN_RE,
    COLLECTIVE_RE,
    COMMIT_RE,
    COMMITMENT_NOUN_RE,
    DELIVERY_RE,
    EARLIER_TIME_RE,
    ENVELOPE_PART_RE,
    GENERIC_MATERIEL_RE,
    INCLUDES_RE,
    LIST_SEPARATOR_RE,
    LIST_INTRO_RE,
    NEED_RE,
    NEW_ANNOUNCEMENT_RE,
    OTHER_PLEDGE_RE,
    PACKAGE_VALUE_RE,
    REFERS_BACK_RE,
    RESTATED_RE,
    SEPARATELY_RE,
    SHARE_START_RE,
    STRONG_MILITARY_RE,
    TOTAL_WORD_RE,
)
from .lexicon import NON_DONORS
from .money import Money, find_money, resolve_currency
from .result import Item, Pledge
from .systems import find_items, generic

Found = tuple[Pledge, int]  # a pledge and the index of the sentence it was read from


@dataclass
class Reading:
    """The state of reading one article's pledges, sentence by sentence."""

    results: list[Found] = field(default_factory=list)
    last: Found | None = None  # the pledge read last: later contents and "It ..." sentences go to it
    list_owner: Found | None = None  # the pledge whose bulleted list of contents is being read
    list_listed: bool = False  # whether list_owner is in results yet (a list's first system makes it a pledge)
    voided_index: int = -10  # the last sentence whose money or systems a voiding cue removed
    last_total: Found | None = None  # the running total read last (its breakdown may follow)

    def last_within(self, index: int, distance: int) -> Pledge | None:
        if self.last is not None and index - self.last[1] <= distance:
            return self.last[0]
        return None

    def add(self, pledge: Pledge, index: int, last: bool = True) -> None:
        self.results.append((pledge, index))
        if last:
            self.last = (pledge, index)
        if pledge.kind == "cumulative":
            self.last_total = (pledge, index)


# Evidence is for a reader: a pledge told over a very long list keeps its first few thousand
# characters (and parsing stays linear: the evidence is not rebuilt and rescanned at every line).
EVIDENCE_MAX = 4000


def _extend(pledge: Pledge, s: str, end: int) -> None:
    if len(pledge.evidence) < EVIDENCE_MAX:
        pledge.evidence = (pledge.evidence + " " + s).strip()
    pledge.end = end


def continue_list(reading: Reading, ctx: ArticleContext, index: int) -> bool:
    """A bulleted list after "The package includes:" belongs to that package. True: consumed."""
    if reading.list_owner is None:
        return False
    sentence = ctx.sentences[index]
    s = sentence.text
    if not (BULLET_RE.match(s) or (len(s) < 100 and not s.rstrip().endswith("."))):
        reading.list_owner = None
        return False
    owner = reading.list_owner[0]
    entry = entry_donor(s)
    if entry is not None and entry != owner.donor:
        # "Other contributions include: - Netherlands: EUR 200 million ...": each entry is its donor's
        reading.list_owner = None
        return False
    known = {i.system.lower() for i in owner.items}
    for _, _, item in find_items(ctx.text, sentence):
        if item.system.lower() not in known:
            owner.items.append(item)
            known.add(item.system.lower())
    if owner.items and not reading.list_listed:
        reading.add(owner, reading.list_owner[1])
        reading.list_listed = True
    _extend(owner, s, sentence.end)
    owner.category = category(owner.items, owner.evidence)
    return True


def open_list(reading: Reading, ctx: ArticleContext, index: int) -> bool:
    """"The package includes:" after a pledge: the lines after it list that pledge's contents."""
    s = ctx.sentences[index].text
    last = reading.last_within(index, 4)
    if last is None or not s.rstrip().endswith(":") or not LIST_INTRO_RE.search(s):
        return False
    reading.list_owner = reading.last
    reading.list_listed = True
    _extend(last, s, last.end)
    return True


def open_donor_list(reading: Reading, ctx: ArticleContext, index: int) -> bool:
    """"In the past two weeks, Berlin delivered:" then a list of systems: a pledge once it lists one."""
    sentence = ctx.sentences[index]
    s = sentence.text
    if not (s.rstrip().endswith(":") and (COMMIT_RE.search(s) or DELIVERY_RE.search(s))):
        return False
    codes = {m.code for m in ctx.sentence_mentions(index) if m.actor and m.code not in NON_DONORS}
    if len(codes) != 1 or find_money(s, sentence.start) or NEED_RE.search(s):
        return False
    owner = Pledge(donor=codes.pop(), kind=kind(s, len(s), False), amount=None, currency=None,
                   category="general", evidence=s, start=sentence.start, end=sentence.end)
    reading.list_owner = (owner, index)
    reading.list_listed = False
    return True


def drop_mixed_whole(reading: Reading, ctx: ArticleContext, index: int) -> None:
    """"EUR 1.5 billion transferred ... Of this sum, EUR 1.35 billion goes to military needs ...
    The remaining 10% goes to reconstruction": the whole mixes civil aid, only its share counts."""
    s = ctx.sentences[index].text
    last = reading.last
    if (last is not None and index - last[1] == 1 and SHARE_START_RE.match(s)
            and last[0].kind == "pledge" and last[0].amount
            and not STRONG_MILITARY_RE.search(last[0].evidence)
            and CIVILIAN_RE.search(s + " " + ctx.next_text(index))):
        reading.results = [found for found in reading.results if found[0] is not last[0]]
        reading.last = None


_CIVIL_PART_REACH = 8  # sentences after a whole in which a civil part of it may be stated


def drop_whole_with_civil_part(reading: Reading, ctx: ArticleContext, index: int, money: list[Money],
                               donors_here) -> None:
    """"a new aid package worth NZ$16 million ... In addition, NZ$7 million will be used for
    humanitarian aid": a whole told only as aid that a later sentence of its donor puts partly
    into civil aid mixes civil aid, and is not labelled (its military parts are)."""
    s = ctx.sentences[index].text
    if not money or not CIVILIAN_RE.search(s) or STRONG_MILITARY_RE.search(s) or SEPARATELY_RE.match(s):
        return  # "Separately, the ministry has allocated EUR 20 million in humanitarian aid": another whole
    for pledge, pledge_index in reversed(reading.results[-_CIVIL_PART_REACH:]):
        if index - pledge_index > _CIVIL_PART_REACH:
            break
        if (pledge.kind == "pledge" and pledge.amount and not pledge.items
                and all(m.code == pledge.donor for m in donors_here)
                and AID_NOUN_RE.search(pledge.evidence) and not STRONG_MILITARY_RE.search(pledge.evidence)
                and any(mo.amount < pledge.amount and mo.currency in (None, pledge.currency) for mo in money)):
            reading.results = [found for found in reading.results if found[0] is not pledge]
            if reading.last is not None and reading.last[0] is pledge:
                reading.last = None
            return


def breakdown_of_total(reading: Reading, ctx: ArticleContext, index: int, money: list[Money]) -> bool:
    """"The total ... has reached EUR 987 million. This includes EUR 697 million in equipment, a
    package of EUR 120 million and a contribution of EUR 100 million": each part of a running total
    just read is a record of its own: a package or contribution is a pledge, the rest a sub-total.
    True: the sentence is read."""
    total = reading.last_total
    sentence = ctx.sentences[index]
    if total is None or index - total[1] != 1 or len(money) < 2 or not BREAKDOWN_START_RE.match(sentence.text):
        return False
    parts = [mo for mo in money if mo.amount < total[0].amount]
    if len(parts) < 2:
        return False
    for mo in parts:
        currency = resolve_currency(mo, total[0].donor, ctx.text)
        if currency is None:
            continue
        part_kind = "pledge" if COMMITMENT_NOUN_RE.search(_list_part(ctx.text, sentence, mo)) else "cumulative"
        part = Pledge(donor=total[0].donor, kind=part_kind, amount=mo.amount, currency=currency,
                      category="general", evidence=sentence.text, start=sentence.start, end=sentence.end)
        reading.add(part, index, last=False)
    return True


def _list_part(text: str, sentence, mo: Money) -> str:
    """The part of an enumeration an amount stands in ("a package of EUR 120 million"), between
    the commas, semicolons and "and"s around it."""
    starts = [m.end() for m in LIST_SEPARATOR_RE.finditer(text, sentence.start, mo.start)]
    after = LIST_SEPARATOR_RE.search(text, mo.end, sentence.end)
    return text[starts[-1] if starts else sentence.start:after.start() if after else sentence.end]


def is_new_commitment(reading: Reading, s: str, money: list[Money], donors_here, commit, contents,
                      pronoun_start) -> bool:
    """The sentence commits anew rather than describing the pledge just read."""
    last = reading.last[0] if reading.last is not None else None
    if ALSO_RE.search(s) and not contents and commit:
        return True
    if ((not contents or OTHER_PLEDGE_RE.search(s)) and money and last is not None and last.amount
            and all(abs(mo.amount - last.amount) > 0.01 * mo.amount for mo in money)):
        return True  # "The deal comes on top of a GBP 2.26 billion loan": another amount, another pledge
    if money and donors_here and not pronoun_start and cumulative_cue(s):
        return True  # "Australia's total support now exceeds ..., including ...": a total, not contents
    # "... has already delivered 120 Bushmasters. In April, Canberra announced an A$100 million
    # package that included ...": a package announced on its own, not the contents of a delivery
    return bool(money and donors_here and commit and last is not None and last.amount is None
                and last.kind != "pledge" and NEW_ANNOUNCEMENT_RE.search(s))


def describes_last(reading: Reading, index: int, s: str, donors_here, contents, pronoun_start,
                   negative: bool, new_commitment: bool, money=()) -> bool:
    """The sentence lists contents of (or refers back to) the pledge just read, naming no other donor."""
    last = reading.last_within(index, 4)
    if last is None or negative or COLLECTIVE_RE.search(s):
        return False
    same_donor_only = all(m.code == last.donor for m in donors_here)
    if (money and same_donor_only and last.amount is None and last.kind == "pledge"
            and REFERS_BACK_RE.search(s) and not cumulative_cue(s)):
        # "Denmark will finance 18 howitzers ... The government has allocated DKK 1.2 billion for this
        # purpose": the amount of the pledge just read
        return True
    if new_commitment or not (contents or pronoun_start):
        return False
    if not donors_here:
        return True
    if pronoun_start and money and same_donor_only and last.amount is None:
        return True  # "The handover completes a shipment of Lithuanian aid worth EUR 15.5 million"
    return same_donor_only and bool(contents) and bool(INCLUDES_RE.search(s) or not ALSO_WORD_RE.search(s))


def attach_contents(reading: Reading, ctx: ArticleContext, index: int, money: list[Money],
                    items: list[tuple[int, int, Item]]) -> None:
    """Add a describing sentence's systems and stated total to the pledge just read (or, for an
    allocation drawn from the envelope just announced, record the allocation as its own pledge)."""
    sentence = ctx.sentences[index]
    s, text = sentence.text, ctx.text
    pledge = reading.last[0]
    if _allocation(reading, ctx, index, pledge, money, items) or _envelope(reading, ctx, index, pledge, money):
        return
    for _, _, item in items:
        same = next((known for known in pledge.items if _same_item(item, known)), None)
        if same is None:
            pledge.items.append(item)
        elif same.quantity is None and item.system.lower() == same.system.lower():
            same.quantity = item.quantity  # "their missiles", then "also includes 60 missiles"
    civilian_total = (CIVILIAN_RE.search(s) and not STRONG_MILITARY_RE.search(s)) or (
        cumulative_cue(s) and not PACKAGE_VALUE_RE.search(s))
    if money and pledge.kind != "cumulative" and not civilian_total:
        biggest = max(money, key=lambda mo: mo.amount)
        stated_total = TOTAL_WORD_RE.search(s) and (pledge.amount is None or biggest.amount > pledge.amount)
        if pledge.amount is None or stated_total:
            currency = resolve_currency(biggest, pledge.donor, text)
            if currency is not None:
                pledge.amount, pledge.currency = biggest.amount, currency
    # "It will include £160 million for repairs with Ukrainian industry": a part with its own
    # smaller sum has its own purpose, which is not the whole's (its systems still count)
    part_only = bool(money) and pledge.amount is not None and all(
        mo.amount < 0.99 * pledge.amount and mo.currency in (None, pledge.currency) for mo in money)
    words = pledge.evidence
    _extend(pledge, s, sentence.end)
    pledge.category = category(pledge.items, words if part_only else pledge.evidence)
    # the pledge was just told about again: later references count their distance from here
    reading.last = (pledge, max(index, reading.last[1]))


def _same_item(new: Item, known: Item) -> bool:
    """The same materiel told again: the same name, or the same named model and count in other
    words ("28 M113s" after "28 M113 armoured vehicles"; but "Patriot missiles" is not "a Patriot system")."""
    if new.system.lower() == known.system.lower():
        return True
    model = _model(new.system)
    return (model is not None and model == _model(known.system)
            and new.quantity is not None and new.quantity == known.quantity)


def _model(name: str) -> str | None:
    """The model designation an item's name starts with ("M113s" -> "M113", "HIMARS"), if any."""
    first = name.split()[0]
    if first.endswith("s") and not first.isupper():
        first = first[:-1]
    return first if any(ch.isdigit() for ch in first) or (first.isupper() and len(first) >= 3) else None


def _allocation(reading: Reading, ctx: ArticleContext, index: int, pledge: Pledge, money: list[Money],
                items: list[tuple[int, int, Item]]) -> bool:
    """"the first package under the new framework, worth EUR 80 million": an allocation drawn from
    the envelope just announced is its own pledge (both are stated events)."""
    sentence = ctx.sentences[index]
    smaller = [mo for mo in money if pledge.amount and mo.amount < 0.99 * pledge.amount]
    if not (smaller and ALLOCATION_RE.search(sentence.text) and pledge.kind != "cumulative"):
        return False
    return _sentence_pledge(reading, ctx, index, pledge.donor, max(smaller, key=lambda mo: mo.amount),
                            [item for _, _, item in items], last=True)


def _envelope(reading: Reading, ctx: ArticleContext, index: int, pledge: Pledge, money: list[Money]) -> bool:
    """"The contribution is part of the C$500 million package announced in June": the pledge just
    read is drawn from a larger commitment made before, which is a pledge of its own (the smaller
    one keeps its own value, if any)."""
    sentence = ctx.sentences[index]
    part_of = ENVELOPE_PART_RE.search(sentence.text)
    if part_of is None or pledge.kind == "cumulative":
        return False
    # the amount inside the "part of ..." phrase, not one stated before it
    wholes = [mo for mo in money if mo.start - sentence.start >= part_of.start()
              and (pledge.amount is None or mo.amount > 1.01 * pledge.amount)]
    if not wholes:
        return False
    return _sentence_pledge(reading, ctx, index, pledge.donor, max(wholes, key=lambda mo: mo.amount), [],
                            last=False)


def _sentence_pledge(reading: Reading, ctx: ArticleContext, index: int, donor: str, money: Money,
                     items: list[Item], last: bool) -> bool:
    """Record a pledge of `donor` worth `money` told by sentence `index` (False: its currency is in doubt)."""
    sentence = ctx.sentences[index]
    currency = resolve_currency(money, donor, ctx.text)
    if currency is None:
        return False
    pledge = Pledge(donor=donor, kind="pledge", amount=money.amount, currency=currency, category="general",
                    items=items, evidence=sentence.text, start=sentence.start, end=sentence.end)
    pledge.category = category(items, sentence.text)
    reading.add(pledge, index, last=last)
    return True


# --- one record per pledge told several times ---------------------------------------------------

_RECENT = 12  # how many earlier pledges of a donor a new one is compared with (keeps this linear)


def _different_counts(a: Pledge, b: Pledge) -> bool:
    """Both give a count for the same system, and the counts differ: two events, not one told twice."""
    counts = {i.system.lower(): i.quantity for i in a.items if i.quantity}
    return any(i.quantity and counts.get(i.system.lower(), i.quantity) != i.quantity for i in b.items)


def _reads_as_total(pledge: Pledge, totals: dict[str, bool]) -> bool:
    """Whether the pledge's evidence has a running-total cue (worked out once per evidence)."""
    known = totals.get(pledge.evidence)
    if known is None:
        known = totals[pledge.evidence] = bool(cumulative_cue(pledge.evidence))
    return known


def _overlap(items: list[Item], names: set[str]) -> bool:
    return any(i.system.lower() in n or n in i.system.lower() for i in items for n in names)


def _told_again(pledge: Pledge, index: int, recent: list[Found], totals: dict[str, bool]) -> Pledge | None:
    """The same amount, or the same systems, read a few sentences before."""
    for other, other_index in reversed(recent[-_RECENT:]):
        if pledge.amount is not None and other.amount is not None:
            if abs(pledge.amount - other.amount) <= 0.01 * max(pledge.amount, other.amount):
                return other
        elif (pledge.amount is None and pledge.kind == other.kind and index - other_index <= 3
              and _reads_as_total(pledge, totals) == _reads_as_total(other, totals)
              and not _different_counts(pledge, other)):
            if not pledge.items or _overlap(pledge.items, {i.system.lower() for i in other.items}):
                return other
    return None


def _named_after_generic(pledge: Pledge, index: int, recent: list[Found]) -> Pledge | None:
    """"five more air defence systems" first, then each donor's named system: one pledge."""
    for other, other_index in reversed(recent[-_RECENT:]):
        if (other.kind == pledge.kind and other.amount is None
                and pledge.amount is None and 0 < index - other_index <= 3
                and other.items and all(generic(i) for i in other.items)
                and any(not generic(i) and i.category == other.items[0].category for i in pledge.items)):
            return other
    return None


def _drop_teaser(pledge: Pledge, index: int, recent: list[Found], kept: list[Found]) -> None:
    """"Abrams from Australia ..." (a teaser) then "Canberra will hand over 49 Abrams, worth
    A$245 million": one pledge, told twice; the one with the amount stays."""
    if pledge.amount is not None and not pledge.items:
        _value_of_teaser(pledge, index, recent, kept)
        return
    if pledge.amount is None or not pledge.items:
        return
    names = {i.system.lower() for i in pledge.items}
    for entry in reversed(recent[-_RECENT:]):
        other, other_index = entry
        if (other.amount is None and other.items and other.kind == pledge.kind and 0 < index - other_index <= 10
                and (_overlap(other.items, names)
                     or (all(generic(i) for i in other.items)
                         and {i.category for i in other.items} <= {i.category for i in pledge.items}))):
            kept.remove(entry)
            recent.remove(entry)
            break


def _value_of_teaser(pledge: Pledge, index: int, recent: list[Found], kept: list[Found]) -> None:
    """"Norway is donating more NASAMS ... The government has pledged equipment valued at NOK 335
    million": the value of the systems just announced, told without naming them again."""
    if (not GENERIC_MATERIEL_RE.search(pledge.evidence) or ALSO_WORD_RE.search(pledge.evidence)
            or EARLIER_TIME_RE.search(pledge.evidence)):
        return  # "Earlier, on 1 December, he announced a weapons package worth ...": another event
    for entry in reversed(recent[-_RECENT:]):
        other, other_index = entry
        if other.amount is None and other.items and other.kind == pledge.kind and 0 < index - other_index <= 2:
            pledge.items = list(other.items)
            pledge.category = other.category if pledge.category == "general" else pledge.category
            kept.remove(entry)
            recent.remove(entry)
            return


def _systems_of_announcement(pledge: Pledge, index: int, recent: list[Found]) -> Pledge | None:
    """"Trudeau announced $500 million ... Canada will also donate 288 AIM-7 missiles": systems
    announced with an amount a sentence or two before are that announcement; and common nouns
    ("hundreds of additional interceptors") add to named systems of the same capability."""
    if pledge.amount is not None or not pledge.items:
        return None
    if pledge.kind == "pledge":
        for other, other_index in reversed(recent[-_RECENT:]):
            if other.kind == "pledge" and other.amount is not None and 0 < index - other_index <= 2:
                return other
    if all(generic(i) for i in pledge.items):
        for other, other_index in reversed(recent[-_RECENT:]):
            if (other.kind == pledge.kind and other.amount is None and other.items and 0 < index - other_index <= 3
                    and {i.category for i in pledge.items} <= {i.category for i in other.items}):
                return other
    return None


def fold_into_totals(results: list[Found]) -> list[Found]:
    """"So far, Lithuania has provided Stingers, mortars and drones. All in all, its aid to date is
    worth EUR 115 million": the systems of a 'so far' sentence are the contents of the running
    total told right after, not a delivery of their own."""
    out = list(results)
    for i, (pledge, index) in enumerate(results):
        if pledge.amount is not None or not pledge.items or pledge.kind == "pledge" or not cumulative_cue(pledge.evidence):
            continue
        total = next((other for other, other_index in results[i + 1:i + 4]
                      if other.kind == "cumulative" and other.donor == pledge.donor and other.amount is not None
                      and not other.items and 0 < other_index - index <= 2), None)
        if total is not None:
            total.items.extend(pledge.items)
            out = [found for found in out if found[0] is not pledge]
    return out


def drop_restated(results: list[Found]) -> list[Found]:
    """"Germany plans to deliver more air defence systems this year, as previously announced": a
    restatement in general words of a pledge the article tells in full elsewhere."""
    # (donor, category) of the pledges told in full, with named systems: one pass, not a pair loop
    told_in_full = {(p.donor, p.category) for p, _ in results
                    if p.kind != "cumulative" and any(not generic(i) for i in p.items)}
    out = []
    for pledge, index in results:
        restated = (pledge.amount is None and pledge.items and all(generic(i) for i in pledge.items)
                    and (pledge.donor, pledge.category) in told_in_full and RESTATED_RE.search(pledge.evidence))
        if not restated:
            out.append((pledge, index))
    return out


def merge_duplicates(results: list[Found]) -> list[Found]:
    """One pledge per donor per announcement: the same amount, or the same systems, read twice."""
    kept: list[Found] = []
    by_donor: dict[tuple[str, bool], list[Found]] = {}
    totals: dict[str, bool] = {}
    for pledge, index in results:
        recent = by_donor.setdefault((pledge.donor, pledge.kind == "cumulative"), [])
        duplicate = _told_again(pledge, index, recent, totals) or _named_after_generic(pledge, index, recent)
        if duplicate is None:
            _drop_teaser(pledge, index, recent, kept)
            duplicate = _systems_of_announcement(pledge, index, recent)
        if duplicate is None:
            kept.append((pledge, index))
            recent.append((pledge, index))
            continue
        known = {i.system.lower() for i in duplicate.items}
        for item in pledge.items:
            if item.system.lower() not in known:
                duplicate.items.append(item)
        named = {i.category for i in duplicate.items if i.category != "general"}
        if len(named) > 1:
            duplicate.category = "general"
        elif (duplicate.category == "general" and pledge.category in named and pledge.amount is not None
              and pledge.amount == duplicate.amount):
            duplicate.category = pledge.category  # told again with the capability named
    return kept
