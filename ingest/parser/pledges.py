"""Pledges: the sentence-by-sentence reading that runs the pledge stages in order.

For each sentence: consolidation first (a list of contents, a describing
sentence go to the pledge just read), then claims (amounts, systems),
attribution (whose), classification (void, kind, category), and a record per
donor's commitment. `merge_duplicates` ends the article. Each rule lives in its
stage module; this module only decides the order.
"""

from __future__ import annotations

from .attribution import assign_owners, claims_by_donor, collectives_in, commitments, context_donor, entry_donor
from .claims import Claim, build_claims, clause_bounds, clause_of, clause_text, donor_context, sentence_money
from .classification import (
    SentenceFacts,
    aid_for_others,
    category,
    cue_categories,
    cumulative_cue,
    is_negative,
    kind,
    read_amounts,
    void_claims,
)
from .consolidation import (
    Found,
    Reading,
    attach_contents,
    breakdown_of_total,
    continue_list,
    describes_last,
    drop_mixed_whole,
    drop_restated,
    drop_whole_with_civil_part,
    fold_into_totals,
    is_new_commitment,
    merge_duplicates,
    open_donor_list,
    open_list,
)
from .context import ArticleContext
from .cues import (
    COMMIT_RE,
    CONTENTS_RE,
    DEFINITE_BEFORE_RE,
    DEFINITE_REFERENCE_RE,
    FIRST_PERSON_RE,
    INCLUDING_RE,
    LIST_INTRO_RE,
    MEMBERSHIP_AFTER_RE,
    PRONOUN_START_RE,
    QUOTE_MARK_RE,
    SHARE_START_RE,
)
from .lexicon import NON_DONORS
from .money import resolve_currency
from .result import Pledge
from .systems import NEUTRAL_ITEMS, find_items, generic


def extract_pledges(ctx: ArticleContext) -> list[Found]:
    """(pledge, sentence index) for every pledge the article reports."""
    reading = Reading()
    for index, sentence in enumerate(ctx.sentences):
        if sentence.end <= ctx.title_end:
            continue
        if continue_list(reading, ctx, index) or open_list(reading, ctx, index) or open_donor_list(reading, ctx, index):
            continue
        _read_sentence(reading, ctx, index)
    return drop_restated(merge_duplicates(fold_into_totals(reading.results)))


def _may_hold_pledge(reading: Reading, ctx: ArticleContext, index: int) -> bool:
    """Cheap gate before the costly scans: a pledge needs a named country in the sentence,
    a pledge just read (contents, "It will also ..."), or a minister speaking as "we"."""
    sentence = ctx.sentences[index]
    s = sentence.text
    return len(s) >= 8 and bool(
        ctx.sentence_mentions(index)
        or reading.last_within(index, 3) is not None
        or PRONOUN_START_RE.match(s)
        or FIRST_PERSON_RE.search(s)
        # a quotation: its speaker may give the donor ('"... will arrive," he added')
        or (QUOTE_MARK_RE.search(s) and ctx.quote_overlapping(sentence.start, sentence.end) is not None))


def _read_sentence(reading: Reading, ctx: ArticleContext, index: int) -> None:
    sentence = ctx.sentences[index]
    s, text = sentence.text, ctx.text
    commit = COMMIT_RE.search(s) or entry_donor(s) is not None
    contents = CONTENTS_RE.search(s)
    pronoun_start = PRONOUN_START_RE.match(s)
    if not (commit or contents or pronoun_start):
        # neither a commitment nor a package's contents; but it may still show that the whole
        # just read mixes civil aid (which needs only the pledge just read, not the mentions)
        if len(s) >= 8 and reading.last_within(index, 1) is not None:
            drop_mixed_whole(reading, ctx, index)
        return
    if not _may_hold_pledge(reading, ctx, index):
        return
    drop_mixed_whole(reading, ctx, index)
    items = find_items(text, sentence)
    money = sentence_money(sentence)
    if not items and not money:
        return
    mentions = ctx.sentence_mentions(index)
    negative = is_negative(s)
    donors_here = [m for m in mentions if m.actor and m.code not in NON_DONORS]
    drop_whole_with_civil_part(reading, ctx, index, money, donors_here)
    if breakdown_of_total(reading, ctx, index, money):
        return
    new_commitment = is_new_commitment(reading, s, money, donors_here, commit, contents, pronoun_start)
    if describes_last(reading, index, s, donors_here, contents, pronoun_start, negative, new_commitment, money):
        attach_contents(reading, ctx, index, money, items)
        return
    if not commit:
        return
    if reading.voided_index == index - 1 and pronoun_start:
        reading.voided_index = index  # "The contract, worth $5.5 billion, ..." continues what was voided
        return
    last = reading.last_within(index, 2)
    recent_donor = last.donor if last is not None else ctx.single_donor(index - 1)
    donor = context_donor(ctx, index, donors_here, recent_donor, bool(pronoun_start))
    bounds = clause_bounds(sentence)
    share = bool(last is not None and last.amount and SHARE_START_RE.match(s))
    claims = build_claims(text, sentence, money, items, share)
    if aid_for_others(text, s, mentions, ctx.title_text):
        return
    if negative:
        kept = void_claims(claims, sentence, bounds)
        if len(kept) < len(claims):
            reading.voided_index = index
        claims = kept
    collectives = collectives_in(sentence, mentions)
    assign_owners(claims, ctx, mentions, collectives, donor, recent_donor, bool(pronoun_start), donors_here,
                  sentence.start)
    context_before = " ".join(ctx.sentences[j].text for j in range(max(0, index - 3), index)) + " " + ctx.title_text
    facts = SentenceFacts(text, sentence, bounds, sum(1 for c in claims if c.money), context_before,
                          materiel_before=bool(last and any(i.category != "general" for i in last.items)),
                          next_text=ctx.next_text(index), donors_named=frozenset(m.code for m in donors_here))
    by_donor = claims_by_donor(claims, s)
    for owner, donor_claims, own_words in commitments(text, by_donor, sentence.end):
        _record(reading, ctx, index, facts, owner, donor_claims, len(by_donor), mentions, own_words)


def _record(reading: Reading, ctx: ArticleContext, index: int, facts: SentenceFacts, donor: str,
            donor_claims: list[Claim], donor_count: int, mentions, own_words=None) -> None:
    """The records one donor's claims in a sentence make: running totals, then one pledge."""
    text, sentence, bounds = ctx.text, facts.sentence, facts.bounds
    s = sentence.text
    donor_items = [c.item for c in donor_claims if c.item]
    amounts = read_amounts(facts, donor_claims)
    for mo in amounts.totals:
        currency = resolve_currency(mo, donor, text)
        if currency is None:
            continue  # "kroner" from a donor without crowns: the text leaves doubt
        total = Pledge(donor=donor, kind="cumulative", amount=mo.amount, currency=currency, category="general",
                       evidence=s, start=sentence.start, end=sentence.end)
        total.category = category([], clause_text(text, bounds, mo.start))
        reading.add(total, index, last=False)
    if not amounts.pledged and (not donor_items or amounts.totals and _items_of_total(reading, facts, index, donor, donor_claims, amounts)):
        return
    amount = currency = chosen = None
    if amounts.pledged:
        chosen, pledge_kind = max(amounts.pledged, key=lambda x: x[0].amount)
        amount, currency = chosen.amount, resolve_currency(chosen, donor, text)
        if currency is None:
            return
    else:
        pledge_kind = _systems_kind(reading, facts, index, donor_claims)
        if pledge_kind is None:
            return
    pledge = Pledge(donor=donor, kind=pledge_kind, amount=amount, currency=currency, category="general",
                    items=list(donor_items), evidence=s, start=sentence.start, end=sentence.end)
    if own_words:
        context = text[own_words[0]:own_words[1]]
    else:
        context = s if donor_count == 1 else donor_context(text, bounds, donor_claims, mentions)
    if chosen is not None:
        # (searched in the sentence: a case-insensitive pattern lower-cases the text it is given)
        joining = MEMBERSHIP_AFTER_RE.search(s, chosen.end - sentence.start)
        if joining:  # "... worth EUR 611 million and participate in six coalitions to train soldiers"
            context = s[:joining.start()]
    pledge.category = _pledge_category(pledge, facts, context, donor_claims, chosen)
    reading.add(pledge, index)
    if s.rstrip().endswith(":") and LIST_INTRO_RE.search(s) and donor_count == 1:
        # "This package, valued at $125 million, includes:" then a bulleted list of its contents
        reading.list_owner = reading.last
        reading.list_listed = True


def _items_of_total(reading: Reading, facts: SentenceFacts, index: int, donor: str,
                    donor_claims: list[Claim], amounts) -> bool:
    """"has so far provided aid, including mine detectors, worth $10 million": systems in the clauses
    of a running total are its contents (added to it). True: nothing more to record."""
    money_clauses = {clause_of(facts.bounds, mo.start) for mo in amounts.totals}
    item_claims = [c for c in donor_claims if c.item]
    if not all(clause_of(facts.bounds, c.start) in money_clauses for c in item_claims):
        return False
    total = next((p for p, i in reversed(reading.results) if i == index and p.donor == donor
                  and p.kind == "cumulative"), None)
    if total is not None:
        total.items.extend(c.item for c in item_claims)
    return True


def _systems_kind(reading: Reading, facts: SentenceFacts, index: int, donor_claims: list[Claim]) -> str | None:
    """The kind of a pledge of systems without an amount, or None when they are no new pledge."""
    text, sentence = facts.text, facts.sentence
    item_claims = [c for c in donor_claims if c.item]
    if all(generic(c.item) for c in item_claims) and all(
            DEFINITE_BEFORE_RE.search(text, max(sentence.start, c.start - 20), c.start) for c in item_claims):
        categories = {c.item.category for c in item_claims}
        if any(index - other_index <= 3 and categories & {i.category for i in other.items}
               for other, other_index in reading.results[-8:]):
            return None  # "The tanks are being replaced ...": the tanks just pledged, told about
    first_item = min(item_claims, key=lambda c: c.start)
    systems_kind = kind(sentence.text, first_item.start - sentence.start, False)
    if systems_kind == "pledge" and cumulative_cue(clause_text(text, facts.bounds, first_item.start)):
        systems_kind = "delivery"  # "has so far donated 320 tanks": systems already given
    # "ammunition", "missiles" alone with no money are too vague; a count makes them
    # a stated pledge ("will send 80,000 air-to-ground rockets")
    named = [c.item for c in item_claims if (c.item.category != "general" and c.item.system.lower() not in NEUTRAL_ITEMS)
             or (c.item.quantity or 0) > 1]
    return systems_kind if named else None


def _pledge_category(pledge: Pledge, facts: SentenceFacts, context: str, donor_claims: list[Claim], chosen) -> str:
    s = facts.sentence.text
    result = category(pledge.items, context)
    if result == "general" and not pledge.items and chosen is not None and id(chosen) in facts.from_context:
        # "The Netherlands will contribute EUR 250 million to the plan" (a plan to buy shells)
        result = category([], facts.context_before)
    elif (result == "general" and chosen is not None
          and all(i.category == "general" for i in pledge.items) and DEFINITE_REFERENCE_RE.search(s)):
        # "Sweden - 300 million crowns to the initiative", "200 million crowns for the ammunition":
        # the initiative or ammunition described just before gives the capability
        cues = cue_categories(facts.context_before)
        if len(cues) == 1:
            result = cues[0]
    including = INCLUDING_RE.search(s)
    if chosen is not None and including and all(
            c.start - facts.sentence.start > including.start() for c in donor_claims if c.item):
        # "GBP 1.5 billion of equipment, including long-range missiles": examples, not the whole
        result = category([], s[:including.start()])
    return result
