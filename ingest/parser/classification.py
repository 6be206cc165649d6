"""Classification stage: the kind and category of a claim, and the filters that void it.

- kind: pledge, delivery, or a reported running total (`kind`, `cumulative_cue`);
- category: the capability served, from the systems or from cue words (`category`);
- voiding: needs, refusals, conditions, hypotheticals and unnamed payers void what
  their clause names (`void_claims`); aid for another country or a donor's own
  defence is no pledge to Ukraine (`aid_for_others`); amounts that are not
  military, or totals that mix civil aid, are dropped (`read_amounts`).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .claims import Bounds, Claim, clause_of
from .cues import (
    AID_NOUN_RE,
    BRINGS_TO_RE,
    CATEGORY_CUES,
    CIVILIAN_RE,
    CONTINUES_TOTAL_BEFORE_RE,
    CONTINUING_TOTAL_RE,
    CONTRAST_RE,
    CUMULATIVE_RE,
    DELIVERY_RE,
    FUTURE_RE,
    HYPOTHETICAL_RE,
    LETHAL_MIX_RE,
    MILITARY_RE,
    MILITARY_WORD_RE,
    MIXED_TOTAL_RE,
    NEED_RE,
    NOT_MILITARY_RE,
    NEW_PACKAGE_RE,
    OF_WHICH_MILITARY_RE,
    OWN_DEFENCE_RE,
    PURPOSE_NEXT_RE,
    PASSIVE_DELIVERED_RE,
    PERFECT_GIVING_RE,
    RECIPIENT_BEFORE_RE,
    SHARE_SOURCE_AFTER_RE,
    STRONG_CUMULATIVE_RE,
    STRONG_MILITARY_RE,
    SUPERLATIVE_RE,
    TO_BE_BEFORE_RE,
    TO_BE_RE,
    TRAINING_CUE,
    UKRAINE_RE,
    UNNAMED_PAYERS_RE,
)
from .donors import supplied_with
from .lexicon import COUNTRY_ALIASES, COUNTRY_RE
from .money import Money
from .result import Item
from .systems import NEUTRAL_ITEMS
from .text import Sentence

_VOIDING_CUES = (NEED_RE, HYPOTHETICAL_RE, UNNAMED_PAYERS_RE)


def cumulative_cue(text: str):
    """A running-total cue ("to date", "since 2022"), superlatives ("the largest since ...") aside."""
    if not CUMULATIVE_RE.search(text):
        return None
    return CUMULATIVE_RE.search(SUPERLATIVE_RE.sub(" ", text))


def kind(window: str, anchor: int, has_money: bool) -> str:
    """pledge / delivery / cumulative for the claim at `anchor` in its clause window.

    Between delivery verbs ("handed over") and commitment or future ones ("will send"),
    the one nearest before the claim decides ("arrived in Kyiv and said Berlin will send
    EUR 1.3 billion" is a pledge)."""
    if has_money and cumulative_cue(window):
        return "cumulative"
    cues = []
    for m in DELIVERY_RE.finditer(window):
        prefix = window[max(0, m.start() - 30):m.start()]
        # "plans to hand over", "will be delivered": still to come
        future = FUTURE_RE.search(prefix) or TO_BE_BEFORE_RE.search(prefix)
        cues.append((m.start(), "pledge" if future else "delivery"))
    if not any(k == "delivery" for _, k in cues):
        return "pledge"
    if PASSIVE_DELIVERED_RE.search(window, anchor):
        return "delivery"  # "some SCALP missiles ... have already been delivered"
    cues += [(m.start(), "pledge") for m in FUTURE_RE.finditer(window)]
    cues += [(m.start(), "pledge") for m in TO_BE_RE.finditer(window)]
    before = [c for c in cues if c[0] <= anchor]
    nearest = max(before) if before else min(cues)
    return nearest[1]


def cue_categories(context: str) -> list[str]:
    """Categories named by cue words, in vocabulary order (one scan for most of them)."""
    return [cat for cat, rx in CATEGORY_CUES if rx.search(context)]


def category(items: list[Item], context: str) -> str:
    """The capability served: one category of the systems, else a cue word, else general."""
    if LETHAL_MIX_RE.search(context):
        return "general"  # lethal and non-lethal equipment together
    cats = {i.category for i in items if i.category and i.system.lower() not in NEUTRAL_ITEMS}
    if len(cats) > 1 and "general" in cats:
        cats.discard("general")  # "eight Leopard 2 tanks along with ammunition and spare parts": armour
    if len(cats) > 1:
        return "general"  # a package mixing capabilities (or naming plain "ammunition" beside them)
    if cats and cats != {"general"}:
        # "preparing a brigade and equipping it with armoured vehicles": training plus materiel
        only = next(iter(cats))
        return "general" if only != "training" and TRAINING_CUE.search(context) else only
    cue_cats = cue_categories(context)
    if len(cue_cats) == 1:
        return cue_cats[0]
    if len(cue_cats) == 2 and "industry" in cue_cats:
        return "industry"  # "EUR 400 million toward Ukrainian drone production": the money builds industry
    if "air_defense" in cue_cats and all(c in ("air_defense", "artillery") for c in cue_cats):
        return "air_defense"
    return "general"


def is_negative(s: str) -> bool:
    """The sentence holds a need, a refusal, a condition or an unnamed payer somewhere."""
    return bool(NEED_RE.search(s) or HYPOTHETICAL_RE.search(s) or UNNAMED_PAYERS_RE.search(s))


def void_claims(claims: list[Claim], sentence: Sentence, bounds: Bounds) -> list[Claim]:
    """The claims no voiding cue reaches: a cue voids its own clause ("refused to send Taurus,
    but will deliver two IRIS-T") and reaches forward over later clauses until a contrast."""
    s = sentence.text
    cue_starts = [sentence.start + m.start() for rx in _VOIDING_CUES for m in rx.finditer(s)]
    contrasts = [sentence.start + m.start() for m in CONTRAST_RE.finditer(s)]

    def voided(claim: Claim) -> bool:
        clause = clause_of(bounds, claim.start)
        for p in cue_starts:
            if clause[0] <= p < clause[1]:
                return True
            if p < claim.start and not any(p < q < claim.start for q in contrasts):
                return True
        return False

    return [c for c in claims if not voided(c)]


def aid_for_others(text: str, s: str, mentions, title_text: str) -> bool:
    """Aid for someone else ("to Moldova"), or a donor's own defence budget: not a pledge to Ukraine."""
    if UKRAINE_RE.search(s):
        return False
    other_recipient = any(
        m.kind == "name" and m.code != "UKR" and not m.possessive
        and (RECIPIENT_BEFORE_RE.search(text[max(0, m.start - 12):m.start])
             or supplied_with(text, m.start, m.end))
        for m in mentions)
    return bool(other_recipient or OWN_DEFENCE_RE.search(s) or OWN_DEFENCE_RE.search(title_text))


@dataclass
class Amounts:
    """One donor's amounts in a sentence, sorted by kind."""

    pledged: list[tuple[Money, str]] = field(default_factory=list)  # (amount, pledge | delivery)
    totals: list[Money] = field(default_factory=list)  # reported running totals


@dataclass
class SentenceFacts:
    """What the amount rules read about the sentence a donor's claims stand in."""

    text: str
    sentence: Sentence
    bounds: Bounds
    amount_count: int  # amounts in the sentence, of every donor
    context_before: str  # the three sentences before and the title
    materiel_before: bool = False  # the pledge just read names weapon systems
    next_text: str = ""  # the sentence after
    donors_named: frozenset = frozenset()  # the codes of the acting donors the sentence names
    # ids of the amounts judged military only from the sentences before (shared by the sentence's donors)
    from_context: set[int] = field(default_factory=set)


def read_amounts(facts: SentenceFacts, donor_claims: list[Claim]) -> Amounts:
    """Each military amount of one donor, as a pledge/delivery or a running total."""
    out = Amounts()
    donor_items = [c.item for c in donor_claims if c.item]
    for c in donor_claims:
        if c.money:
            _read_amount(facts, c, donor_claims, donor_items, out)
    # A share ("including over C$1.8 billion in military aid") counts only when the whole
    # it belongs to did not (a total that mixes civil aid is not labelled, its military part is).
    wholes = {id(c.money) for c in donor_claims if c.money and not c.component}
    sourced = {id(c.money) for c in donor_claims if c.money and c.component and _paid_by_one_of_several(facts, c)}
    if sourced and any(id(m) in sourced for m in out.totals + [m for m, _ in out.pledged]):
        # "The package, worth £450 million, includes £350 million from the UK, with further funding
        # from Norway": a whole with a part from one of its named payers is a joint sum; the
        # payer's own is its part
        out.totals = [m for m in out.totals if id(m) not in wholes]
        out.pledged = [(m, k) for m, k in out.pledged if id(m) not in wholes]
    elif any(id(m) in wholes for m in out.totals + [m for m, _ in out.pledged]):
        # a share with a period of its own ("including $55.5 billion since the invasion") is a
        # running total too
        text, bounds = facts.text, facts.bounds
        shares = {id(c.money) for c in donor_claims if c.money and c.component
                  and not cumulative_cue(text[c.end:clause_of(bounds, c.start)[1]])}
        out.totals = [m for m in out.totals if id(m) not in shares]
        out.pledged = [(m, k) for m, k in out.pledged if id(m) not in shares]
    return out


def _paid_by_one_of_several(facts: SentenceFacts, c: Claim) -> bool:
    """The share is said to come from one country ("£350 million from the UK") and the sentence
    names another payer too (not "EUR 11 billion from the European Peace Facility", the EU's own)."""
    source = SHARE_SOURCE_AFTER_RE.match(facts.text, c.end)
    if source is None:
        return False
    payer = COUNTRY_RE.match(facts.text, source.end() - 1)
    if payer is None:
        return False
    code = COUNTRY_ALIASES[payer.group(1)].code
    return bool(facts.donors_named - {code})


def _read_amount(facts: SentenceFacts, c: Claim, donor_claims: list[Claim], donor_items: list[Item],
                 out: Amounts) -> None:
    text = facts.text
    a, b = clause_of(facts.bounds, c.start)
    full_clause = text[a:b]
    if not c.component:
        # a whole's words stop where its share starts: "EUR 8 billion in assistance,
        # including EUR 1.8 billion in military aid" is not itself military
        shares = [d.start for d in donor_claims if d.money and d.component and c.end <= d.start < b]
        if shares:
            b = min(shares)
    clause = text[a:b]
    military = _military(facts, c, clause, donor_items)
    near = text[max(a, c.start - 70):min(b, c.end + 70)]
    if (not military or (CIVILIAN_RE.search(near) and not STRONG_MILITARY_RE.search(near))
            or NOT_MILITARY_RE.search(facts.sentence.text)):
        return
    # "The tranche of EUR 500 million will bring the total to EUR 3.1 billion": the amount before
    # "bring(s) ... to" is what is added, not the total
    after = text[c.end:min(b, c.end + 80)]
    window = text[a:c.end] + BRINGS_TO_RE.sub(" ", after)
    if CONTINUES_TOTAL_BEFORE_RE.search(text, max(facts.sentence.start, a - 12), a):
        # "..., bringing the total German aid this year to EUR 7 billion": the clause split at
        # "bringing", which says its amount is a running total
        window = "bringing " + window
    amount_kind = _amount_kind(facts, c, window, clause, donor_items)
    # a share's own words decide for it: "15 billion for the programme, of which 9 billion go
    # to military support" -> the 15 billion mixes civil aid, the 9 billion does not
    own_words = text[c.start:b] if c.component else full_clause
    if amount_kind == "cumulative" and MIXED_TOTAL_RE.search(own_words):
        return  # totals that include non-military aid are not labelled
    if (amount_kind == "cumulative" and not c.component and not STRONG_MILITARY_RE.search(text[a:b])
            and any(MILITARY_WORD_RE.search(text, d.start, clause_of(facts.bounds, d.start)[1])
                    for d in donor_claims if d.money and d.component and c.end <= d.start)):
        # "total support ... to A$1.3 billion, including A$1.1 billion in military assistance":
        # the whole mixes civil aid (only its share is said to be military)
        return
    if amount_kind != "cumulative" and OF_WHICH_MILITARY_RE.search(own_words):
        return  # a mixed programme of which only a part is military
    if amount_kind == "cumulative":
        out.totals.append(c.money)
    else:
        out.pledged.append((c.money, amount_kind))


def _military(facts: SentenceFacts, c: Claim, clause: str, donor_items: list[Item]):
    s = facts.sentence.text
    military = (MILITARY_RE.search(clause) or (donor_items and MILITARY_RE.search(s))
                or any(i.category != "general" for i in donor_items))
    if not military and not donor_items and facts.amount_count == 1:
        # "EUR 2.5bn to support Ukraine": military only if the sentence says so
        military = STRONG_MILITARY_RE.search(s) and not CIVILIAN_RE.search(clause)
    if not military and CONTINUING_TOTAL_RE.match(clause) and MILITARY_RE.search(s) and not CIVILIAN_RE.search(s):
        # "... its contribution of military gear by DKK 600 million, which brings the overall Danish
        # assistance to DKK 1 billion": the total of what the sentence is about
        military = True
    if not military and (donor_items or not AID_NOUN_RE.search(clause)) and not CIVILIAN_RE.search(s):
        # "contributed EUR 250 million to the scheme": the scheme was described just before;
        # "..., while Estonia is providing EUR 1 million": a bare amount shares its sentence's purpose
        military = facts.materiel_before or STRONG_MILITARY_RE.search(facts.context_before) or (
            facts.amount_count > 1 and MILITARY_RE.search(s))
        if military:
            facts.from_context.add(id(c.money))
    if (not military and not donor_items and facts.amount_count == 1 and PURPOSE_NEXT_RE.match(facts.next_text)
            and STRONG_MILITARY_RE.search(facts.next_text) and not CIVILIAN_RE.search(facts.next_text)
            and not CIVILIAN_RE.search(s)):
        # "EUR 1.4bn will be transferred in August. The funds are to buy weapons for Ukraine":
        # the purpose of a lone amount may come in the next sentence
        military = True
    return military


def _amount_kind(facts: SentenceFacts, c: Claim, window: str, clause: str, donor_items: list[Item]) -> str:
    window = SUPERLATIVE_RE.sub(" ", window)
    if CUMULATIVE_RE.search(window):
        amount_kind = "cumulative"
    else:
        amount_kind = kind(facts.sentence.text, c.start - facts.sentence.start, False)
    if amount_kind == "cumulative" and NEW_PACKAGE_RE.search(window) and not STRONG_CUMULATIVE_RE.search(window):
        amount_kind = "pledge"  # "this year Denmark has allocated a new package of ...": not a total
    if amount_kind == "delivery" and not any(i.category != "general" for i in donor_items):
        # Money alone is not handed over: "has provided $2 billion in military aid" with no
        # new package in sight is a running total; otherwise it is a commitment. (Systems
        # handed over "for EUR 1.5 million" stay a delivery.)
        amount_kind = "pledge" if NEW_PACKAGE_RE.search(clause) else (
            "cumulative" if PERFECT_GIVING_RE.search(clause) else "pledge")
    return amount_kind
