"""Attribution stage: which donor each claim belongs to.

Takes a sentence's claims and its mentions; sets each claim's `owner` (and its
`group` for "Denmark and Norway will each ..."):

- a possessive right before the claim ("Germany's EUR 500 million");
- the source after it ("F-16s from Denmark", "financed by Germany");
- the nearest acting donor before it (the subject), or an unnamed collective
  ("partners") that absorbs what follows so nothing is credited by accident;
- the donor of the sentence before for "It/The package ..." (`context_donor`);
- for "we/our" the country of the official speaking (`context_donor`).
"""

from __future__ import annotations

from collections.abc import Callable

from .claims import Claim
from .context import ArticleContext
from .cues import (
    CLAUSE_COMMA_RE,
    BESIDES_BEFORE_RE,
    COLLECTIVE_RE,
    EACH_RE,
    ENTRY_PREFIX_RE,
    ENTRY_SEPARATOR_RE,
    EPF_RE,
    EU_MEMBERS_RE,
    FIRST_PERSON_RE,
    FROM_BEFORE_RE,
    GENERIC_AID_AFTER_RE,
    JOINT_BEFORE_RE,
    LIST_GAP_RE,
    OPEN_RELATIVE_RE,
    PRONOUN_SPEAKER_RE,
    PUNCTUATION_RE,
    PURPOSE_AFTER_RE,
    PURPOSE_THEN_AND_RE,
    SEPARATE_COMMITMENT_RE,
    SOURCE_BEFORE_RE,
    SPEAKER_AFTER_RE,
    THROUGH_BEFORE_RE,
)
from .donors import Mention
from .lexicon import COUNTRY_ALIASES, COUNTRY_RE, NON_DONORS, ORGANISATIONS
from .officials import officials_in
from .text import Sentence

COLLECTIVE = "*collective*"


def entry_donor(s: str) -> str | None:
    """The country of a results-list entry, "- Germany: four IRIS-T SLM systems" (its decision), or None."""
    prefix = ENTRY_PREFIX_RE.match(s)
    m = COUNTRY_RE.match(s, prefix.end())
    if m and ENTRY_SEPARATOR_RE.match(s, m.end()):
        return COUNTRY_ALIASES[m.group(1)].code
    return None


def collectives_in(sentence: Sentence, mentions=()) -> list[tuple[int, int]]:
    """Spans of unnamed collectives ("partners", "allies") that absorb the claims after them."""
    s = sentence.text
    # "our Portuguese partners": one country, named by its adjective
    named_by = {m.end + 1 for m in mentions if m.kind == "demonym" and m.code not in ORGANISATIONS}
    return [(m.start() + sentence.start, m.end() + sentence.start) for m in COLLECTIVE_RE.finditer(s)
            # "EU member states set up under the European Peace Facility": the EU pays
            if not (EU_MEMBERS_RE.match(s, m.start()) and EPF_RE.search(s))
            and m.start() + sentence.start not in named_by]


def context_donor(ctx: ArticleContext, index: int, donors_here: list[Mention], recent_donor: str | None,
                  pronoun_start: bool) -> str | None:
    """The donor a sentence that names none speaks of: the one just read ("The package is worth
    SEK 7.1 billion" after "Sweden's new package"), or the country of a minister saying "we"."""
    s = ctx.sentences[index].text
    if not donors_here and recent_donor and pronoun_start and not COLLECTIVE_RE.search(s):
        return recent_donor
    if donors_here:
        return None
    sentence = ctx.sentences[index]
    first_person = FIRST_PERSON_RE.search(s)
    # "We will send tanks. They arrive in May," the Danish minister said: the speaker's country;
    # "In December, another IRIS-T system will arrive," he added: so too, the donor not named
    opening = len(s) - len(s.lstrip("\"“‘'« "))  # the sentence's words start after an opening quote mark
    spoken = quote_speaker(ctx, sentence.start + (first_person.start() if first_person else opening))
    if spoken is not None:
        return spoken or None
    if first_person:
        # A minister speaking for his country: "We will send 20 M113s," Kasciunas said.
        nearby = s + " " + ctx.next_text(index)
        speakers = [c for c in officials_in(nearby, ctx.officials) if c not in NON_DONORS]
        if speakers:
            return speakers[0]
    return None


def quote_speaker(ctx: ArticleContext, position: int) -> str | None:
    """The country of whoever speaks the quotation around `position`: a country named with the
    speaker ("Slovak Defence Minister Robert Kalinak", "the Danish minister") or the official's
    country. "" when the speaker is Ukrainian ("we" is then the recipient); None when unknown."""
    quote = ctx.quote_overlapping(position, position + 1)
    if quote is None or not quote.start <= position < quote.end or quote.speaker_start is None:
        return None
    if PRONOUN_SPEAKER_RE.fullmatch(quote.speaker):
        # '"... will arrive," he added': the official named last before the quote
        code = _last_named_official(ctx, quote.start)
    else:
        codes = [m.code for m in ctx.mentions(quote.speaker_start, quote.speaker_end) if m.kind != "capital"]
        codes += officials_in(quote.speaker, ctx.officials)
        code = codes[0] if codes else None
    return "" if code in NON_DONORS else code


def _last_named_official(ctx: ArticleContext, position: int) -> str | None:
    """The country of the official named last before `position` (within a few sentences)."""
    last = ctx.sentence_index_at(position)
    for i in range(last, max(-1, last - 8), -1):
        sentence = ctx.sentences[i]
        if position - sentence.end > 800:
            break
        named = [(m.start, m.code) for m in ctx.sentence_mentions(i) if m.kind == "official" and m.start < position]
        named += [(sentence.start + sentence.text.find(name), code) for name, code in ctx.officials.items()
                  if name in sentence.text and sentence.start + sentence.text.find(name) < position]
        if named:
            return max(named)[1]
    return None


def assign_owners(claims: list[Claim], ctx: ArticleContext, mentions, collectives, donor: str | None,
                  recent_donor: str | None, pronoun_start: bool, donors_here: list[Mention],
                  sentence_start: int = 0) -> None:
    """Set each claim's owner: the context donor when there is one, else by attribute()."""
    def dominant():
        return ctx.dominant_donor

    for claim in claims:
        if donor:
            claim.owner = donor
            continue
        attribute(claim, mentions, collectives, ctx.text, recent_donor, dominant, sentence_start)
        if claim.owner is None and not donors_here and not collectives and pronoun_start and dominant():
            claim.owner = dominant()  # "The government provides NOK 1 billion" in Norway's press release


def claims_by_donor(claims: list[Claim], s: str) -> dict[str, list[Claim]]:
    """Each donor's claims. An amount of a list of donors goes to each when the sentence says
    "each"; otherwise it is a joint sum, no one donor's ("Germany, Norway and Poland will fund two
    packages worth EUR 500 million"): it is credited to none (their systems still go to all)."""
    by_donor: dict[str, list[Claim]] = {}
    for claim in claims:
        owners = claim.group or ([claim.owner] if claim.owner else [])
        if claim.group and claim.money and not EACH_RE.search(s):
            owners = []
        for owner in owners:
            if owner == COLLECTIVE or owner in NON_DONORS:
                continue
            by_donor.setdefault(owner, []).append(claim)
    return by_donor


Commitment = tuple[str, list[Claim], tuple[int, int] | None]  # donor, claims, the words that are its own


def commitments(text: str, by_donor: dict[str, list[Claim]], sentence_end: int) -> list[Commitment]:
    """(donor, claims, own words or None) per commitment: one per donor; two when an amount and
    systems are separate ("will provide EUR 977 million in military assistance in 2024 and will
    supply 30 F-16 fighter jets by 2028"); one per amount when each has a purpose of its own
    ("EUR 200 million for drone interceptors and EUR 125 million for F-16 support")."""
    groups: list[Commitment] = []
    for donor, donor_claims in by_donor.items():
        money_claims = [c for c in donor_claims if c.money]
        item_claims = [c for c in donor_claims if c.item]
        if money_claims and item_claims:
            money_end = max(c.end for c in money_claims)
            first_item = min(c.start for c in item_claims)
            if (money_end < first_item and GENERIC_AID_AFTER_RE.match(text, money_end)
                    and SEPARATE_COMMITMENT_RE.search(text, money_end, first_item)):
                groups += [(donor, money_claims, None), (donor, item_claims, None)]
                continue
        split = _by_purpose(text, donor_claims, sentence_end) or _besides(text, donor_claims, sentence_end)
        groups += [(donor, claims, span) for claims, span in split] if split else [(donor, donor_claims, None)]
    return groups


def _by_purpose(text: str, donor_claims: list[Claim], sentence_end: int) -> list[tuple[list[Claim], tuple[int, int]]] | None:
    """Each amount with its purpose ("EUR 200 million for X and EUR 125 million for Y"), with the
    claims (shares, systems) up to the next amount; None unless every amount has a purpose."""
    wholes = sorted((c for c in donor_claims if c.money and not c.component), key=lambda c: c.start)
    if len(wholes) < 2 or not PURPOSE_AFTER_RE.match(text, wholes[-1].end):
        return None
    if not all(PURPOSE_THEN_AND_RE.fullmatch(text, a.end, b.start) for a, b in zip(wholes, wholes[1:])):
        return None
    out = []
    for i, whole in enumerate(wholes):
        end = wholes[i + 1].start if i + 1 < len(wholes) else sentence_end
        start = whole.start if i else min(c.start for c in donor_claims)
        out.append(([c for c in donor_claims if start <= c.start < end or c is whole], (whole.start, end)))
    return out


def _besides(text: str, donor_claims: list[Claim], sentence_end: int) -> list[tuple[list[Claim], tuple[int, int]]] | None:
    """"Besides the first transfer of EUR 1.4 billion, EUR 1 billion more will be allocated": the
    amount named after "besides" / "in addition to" / "on top of" is a pledge of its own."""
    wholes = sorted((c for c in donor_claims if c.money and not c.component), key=lambda c: c.start)
    if len(wholes) != 2 or not BESIDES_BEFORE_RE.search(text[max(0, wholes[0].start - 50):wholes[0].start]):
        return None
    first, second = wholes
    return [([c for c in donor_claims if c.start < second.start], (first.start, second.start)),
            ([c for c in donor_claims if c.start >= second.start], (second.start, sentence_end))]


def attribute(claim: Claim, mentions: list[Mention], collectives: list[tuple[int, int]], text: str,
              last_donor: str | None = None, dominant: Callable[[], str | None] | None = None,
              sentence_start: int = 0) -> None:
    """Attribute a claim to the nearest acting country (or collective) before it; after it
    only when that country is the source ("from Denmark", "financed by Germany"), the speaker
    ("..., the Danish ministry said") or the donor the article was just talking about."""
    for m in mentions:
        if m.code == "NATO" and m.actor and m.end <= claim.start and THROUGH_BEFORE_RE.search(text, max(0, m.start - 12), m.start):
            claim.owner = "NATO"  # "through NATO, member states are purchasing ...": one NATO purchase
            return
    for m in mentions:
        if m.possessive and m.actor and 0 <= claim.start - m.end <= 4:
            claim.owner = m.code
            return
    for m in mentions:
        # "the transfer of F-16 fighter jets from Denmark and the Netherlands": the source right after
        if (m.actor and m.code != "UKR" and 0 <= m.start - claim.end <= 40
                and FROM_BEFORE_RE.search(text, max(0, m.start - 12), m.start)
                and not PUNCTUATION_RE.search(text, claim.end, m.start)):
            claim.owner = m.code
            claim.group = coordinated(m, mentions, text, sentence_start)
            return
    candidates: list[tuple[int, str, Mention | None]] = []
    for m in mentions:
        if m.actor and m.code != "UKR":
            if (m.end <= claim.start and OPEN_RELATIVE_RE.search(text[max(sentence_start, m.start - 60):m.start])
                    and CLAUSE_COMMA_RE.search(text, m.end, claim.start)):
                continue  # "Lithuania, which together with Iceland leads ..., handed over": not Iceland
            candidates.append((m.end, m.code, m))
    for a, b in collectives:
        candidates.append((b, COLLECTIVE, None))
    before = [c for c in candidates if c[0] <= claim.start]
    if before:
        pos, code, mention = max(before, key=lambda c: c[0])
        claim.owner = code
        if mention is not None:
            claim.group = coordinated(mention, mentions, text, sentence_start)
        return
    after = [c for c in candidates if c[0] > claim.end]
    if after:
        pos, code, mention = min(after, key=lambda c: c[0])
        # the speaker after a quote: '"We will send 15 tanks," Danish Defence Minister Troels Lund
        # Poulsen told reporters' (the speech verb follows the name, not the country's adjective)
        spoken = any(m is not None and c == code and SPEAKER_AFTER_RE.match(text, m.end) for _, c, m in after)
        if mention is not None and not (
                SOURCE_BEFORE_RE.search(text[max(0, mention.start - 30):mention.start])
                or spoken
                or code == last_donor or (dominant is not None and code == dominant())):
            return
        claim.owner = code
        if mention is not None:
            claim.group = coordinated(mention, mentions, text, sentence_start)


def coordinated(mention: Mention, mentions: list[Mention], text: str, sentence_start: int = 0) -> list[str]:
    """"Denmark, Norway and Sweden will each provide": every donor of the list."""
    idx = mentions.index(mention)
    group = [mention.code]
    j = idx
    while j > 0:
        gap = text[mentions[j - 1].end:mentions[j].start]
        if LIST_GAP_RE.fullmatch(gap) and mentions[j - 1].actor:
            group.insert(0, mentions[j - 1].code)
            j -= 1
        else:
            break
    j = idx
    while j + 1 < len(mentions):
        gap = text[mentions[j].end:mentions[j + 1].start]
        if LIST_GAP_RE.fullmatch(gap) and mentions[j + 1].actor:
            group.append(mentions[j + 1].code)
            j += 1
        else:
            break
    for m in mentions:
        if (m.code not in group and JOINT_BEFORE_RE.search(text[max(0, m.start - 20):m.start])
                and not OPEN_RELATIVE_RE.search(text[max(sentence_start, m.start - 60):m.start])):
            lo, hi = sorted((mention.start, m.start))
            between = [o for o in mentions if lo < o.start < hi and o.actor and o.code not in (m.code, mention.code)]
            if not between:
                group.append(m.code)  # "Sweden will donate 14 tanks together with Denmark"
    group = [c for i, c in enumerate(group) if c not in group[:i] and c not in NON_DONORS]
    return group if len(group) > 1 else []
