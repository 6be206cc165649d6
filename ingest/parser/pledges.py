"""Pledges from sentences: who gives what (money, systems), of which kind and category.

Sentence-level rules. Each money amount and each system named in a sentence is
attributed to the nearest country acting in that sentence (a possessive right
before an amount wins; a non-donor such as Russia, or an unnamed collective such
as "partners", absorbs what follows it so nothing is credited to a donor by
accident). A sentence listing a package's contents without naming a donor adds
to the pledge just read.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .donors import Mention, find_mentions
from .lexicon import COUNTRY_ALIASES, COUNTRY_RE, NON_DONORS, scan_systems
from .fastre import fast_compile
from .lexicon import lower_compile as _lower_compile
from .officials import officials_in
from .money import NUMBER_WORDS, Money, find_money, resolve_currency
from .result import Item, Pledge
from .text import Sentence


COLLECTIVE = "*collective*"

_COLLECTIVE_RE = _lower_compile(
    r"\b(?<!other\s)(?<!its\s)(?<!their\s)(?<!and\s)(?:(?:a\s+number\s+of\s+|several\s+|many\s+|some\s+|the\s+|western\s+|NATO\s+|EU\s+|European\s+)?"
    r"(?:allies|partners|partner\s+countries|countries|nations|member\s+states|donors|the\s+west|coalition\s+members|"
    r"international\s+partners|the\s+international\s+community))\b",
    re.IGNORECASE,
)
_NEED_RE = _lower_compile(
    r"\b(?:we\s+(?:still\s+)?need|(?:Ukraine|Kyiv|it|they)\s+(?:still\s+|urgently\s+)?needs?\b|in\s+need\s+of|"
    r"(?:urgent|priority|pressing|key|main|critical)\s+needs|needs\s+(?:are|include|remain)|"
    r"request(?:s|ed)?\b|ask(?:s|ed|ing)?\s+(?:for|partners|allies)|call(?:s|ed|ing)?\s+(?:on|for)|"
    r"urg(?:e|es|ed|ing)\b|appeal(?:s|ed)?\s+(?:to|for)|priorit(?:y|ies)\b|wish\s*list|shortages?\b|"
    r"lack\s+of|would\s+like|hope[sd]?\s+to\s+(?:receive|get)|waiting\s+for)",
    re.IGNORECASE, hints=('need', 'request', 'ask', 'call', 'urg', 'appeal', 'priorit', 'wish', 'shortage', 'lack', 'would like', 'hope', 'waiting'))
_HYPOTHETICAL_RE = fast_compile(
    r"\b(?:could|might|consider(?:s|ed|ing)?|discuss(?:es|ed|ing)?|talk(?:s|ed)?\s+about|"
    r"explor(?:e|es|ed|ing)|possib(?:le|ly|ility)|whether|refus(?:e|es|ed|ing)|declin(?:e|es|ed)\s+to|"
    r"reject(?:s|ed)?|block(?:s|ed|ing)?|veto(?:es|ed)?|no\s+plans?|won['’]t|will\s+not|would\s+not|"
    r"rul(?:e|es|ed)\s+out|interested\b|seek(?:s|ing)?\s+to|(?:wants?|wanted)\s+to|"
    r"not\s+(?:yet\s+)?(?:provide|send|deliver|supply|give|transfer)|list\s+of\s+targets|targets?\b|"
    r"shot\s+down|intercept(?:ed|s)\b|destroy(?:ed|s)?\b|condemn\w*|captured|seized|"
    r"for\s+(?:its|their)\s+own\s+(?:armed\s+forces|army|military|forces|use|stocks)|replenish(?:ing)?\s+(?:their|own|allies)|refill(?:ing)?\s+(?:their|own)|(?:their|allies['’])\s+own\s+(?:stocks|stockpiles|armed\s+forces))\b"
    r"|\bmay\b|\bif\b|\bbut\s+not\b|\brather\s+than\b|\binstead\s+of\b"
    r"|\baim(?:s|ed|ing)?\s+to\b|\bnot\s+paying\b|\bas\s+a\s+broker\b|\bon\s+behalf\s+of\b"
    r"|\b(?:paus(?:e|es|ed|ing)|halt(?:s|ed|ing)?|suspend(?:s|ed|ing)?|freez(?:e|es)|froze|"
    r"withh(?:o|e)ld\w*|cancel(?:s|led|ed|ling)?|stopp(?:ed|ing)|delay(?:s|ed|ing)?)\b",
)
_COMMIT_RE = _lower_compile(
    r"\b(?:provid\w*|suppl(?:y|ies|ied|ying)|send\w*|sent|deliver\w*|donat\w*|pledg\w*|commit\w*|"
    r"announc\w*|allocat\w*|transfer\w*|hand(?:s|ed|ing)?\s+over|give[ns]?|gave|giving|grant\w*|"
    r"contribut\w*|fund(?:s|ed|ing)?|financ\w*|purchas\w*|procur\w*|buy\w*|bought|order(?:s|ed)?|"
    r"packages?|aid|assistance|prepar\w*|earmark\w*|approv\w*|dispatch\w*|ship(?:s|ped|ping)?|"
    r"equip(?:s|ped|ping)?|receiv\w*|arriv\w*|offer\w*|set\s+aside|(?:make|made|making)\s+available|"
    r"invest\w*|worth|promis\w*|support|get|gets|getting|obtain\w*|go(?:es)?\s+(?:to|through|via|towards)|will\s+go|be\s+used|used\s+for|direct(?:s|ed)?\s+to|pa(?:y|ys|id|ying)|channel\w*|spen[dt]\w*|disburs\w*|releas\w*|mobili[sz]\w*|add(?:s|ed|ing)?)\b",
    re.IGNORECASE,
)
_MILITARY_RE = _lower_compile(
    r"\b(?:military|defen[cs]e|weapon\w*|arms|armament\w*|security\s+(?:assistance|aid|support|package)|"
    r"ammunition|munitions|materiel|army|armed\s+forces|troops|soldiers|coalition|packages?|"
    r"air\s+de\s?fen[cs]e|drones?|missiles?|tanks?|artillery|PURL|Peace\s+Facility|EPF|Ramstein|"
    r"brigades?|F-16s?|jets?|demining|fighter|landmines?|mines|unexploded\s+ordnance|mine\s+clearance|"
    r"navy|naval|coastal|maritime)\b",
    re.IGNORECASE,
)
_CIVILIAN_RE = _lower_compile(
    r"\b(?:humanitarian|budget(?:ary)?\s+support|macro-?financial|reconstruction|recovery|energy|"
    r"civilian|refugees?|food|grain|financial\s+(?:aid|assistance|support)|economic|"
    r"non-military|hospitals|schools|power\s+grid|budget)\b",
    re.IGNORECASE,
)
_AID_NOUN_RE = _lower_compile(r"\b(?:assistance|aid|support|help)\b", re.IGNORECASE)
# "will deliver 500,000 shells, financed by 15 countries": the payers are not named
_UNNAMED_PAYERS_RE = _lower_compile(
    r"\b(?:financed|funded|paid\s+for|bankrolled)\s+by\s+(?:\d+|several|many|other|various|partner|allied|a\s+group)|"
    r"\b(?:secured|raised|found|collected)\s+(?:the\s+)?(?:funding|funds|money|financing)\b|"
    r"\b(?:funding|funds|money|financing|contributions)\s+from\s+(?:more\s+than\s+|over\s+|some\s+|about\s+)?"
    r"(?:\d+|two|three|four|five|six|seven|eight|nine|ten|a\s+dozen|dozens\s+of|several|many|other)\s+(?:countries|partners|allies|donors|states|nations)",
    re.IGNORECASE, hints=('financed', 'funded', 'paid', 'bankrolled', 'secured', 'raised', 'found', 'collected', ' from '))
# A sentence can only state an amount if it names a currency somehow.
_CURRENCY_HINTS = (
    "$", "€", "£", "¥", "₩", "₴", "eur", "usd", "gbp", "nok", "sek", "dkk", "cad", "aud", "nzd", "jpy", "pln",
    "czk", "chf", "isk", "huf", "bgn", "krw", "uah", "dollar", "pound", "sterling", "kron", "krona", "crown",
    "korun", "zlot", "złot", "yen", "franc", "forint", "lei", "leva", "lira", "hryvn", "roubl", "rubl", " won",
    "zł", "kč",
)
_FIRST_PERSON_RE = re.compile(r"\b(?:[Ww]e|[Oo]ur|I)\b")
_STRONG_MILITARY_RE = _lower_compile(
    r"\b(?:military|weapons?|arms|defen[cs]e|ammunition|security\s+assistance|artillery|shells|missiles|tanks|drones|"
    # a capability coalition is military by definition
    r"(?:capability|IT|drones?|artillery|demining|maritime|air\s+force|armou?red\s+vehicles?|electronic\s+warfare)\s+coalition)\b")
_CUMULATIVE_RE = _lower_compile(
    r"\b(?:to\s+date|so\s+far|thus\s+far|this\s+far|until\s+now|up\s+to\s+now|till\s+now|"
    r"since\s+(?:the\s+(?:start|beginning|outbreak|onset)|(?:(?:January|February|March|April|May|June|July|August|September|October|November|December)\s+)?20[0-3]\d\b|the\s+full[\s\-]scale|"
    r"the\s+invasion|the\s+war|Russia['’]s)|in\s+total|overall|(?:has|have|had)\s+reached|"
    r"(?:bringing|taking)\b.{0,80}?\bto\b|\b(?:inside|within|under|from|part\s+of)\s+(?:the\s+|a\s+)?(?:frame(?:work)?|envelope|ceiling)\s+of\b|\b(?:takes|took|brings|brought)\b.{0,80}?\bto\b|\b(?:has|have)\s+(?:now\s+)?(?:exceeded|surpassed|topped)\b|\b(?:in|during|so\s+far\s+in|this|for)\s+(?:20\d\d|year)\b.{0,60}?\b(?:has|have)\s+(?:already\s+)?(?:allocated|provided|given|spent|committed|delivered|contributed|set\s+aside|earmarked|budgeted)\b|\b(?:this|last)\s+year\s+alone\b|\bin\s+20\d\d\s+alone\b|deliveries\s+and\s+commitments|"
    r"commitments\s+and\s+deliveries|(?:rises|rose|risen|increases|increased|grows|grew|climbs|climbed)\s+to\b|total\s+value\s+of\b.{0,60}?(?:aid|assistance|support)|brings?\b.{0,80}?\b(?:total|to)\b|altogether|cumulative\w*|"
    r"total(?:s|led|ling|ing)?\s+(?:of\s+)?(?:military|aid|assistance|support|contribution)|"
    r"(?:its|their|the\s+country['’]s|total)\s+(?:overall\s+)?(?:military\s+)?(?:aid|assistance|support)\s+(?:to\s+Ukraine\s+)?(?:now\s+)?(?:stands|amounts|totals)|"
    r"(?:aid|assistance|support)\s+(?:for|to)\s+Ukraine\s+(?:[\w'’]+\s+){0,3}?(?:totals|totalled|totaled|amounts\s+to|amounted\s+to|stands\s+at|stood\s+at))",
    re.IGNORECASE, hints=('tak', 'took', 'brought', 'frame', 'envelope', 'ceiling', 'date', 'far', 'now', 'since', 'total', 'overall', 'reach', 'bring', 'alone', 'altogether', 'cumulat', 'deliveries', 'commitments', 'stands', 'stood', 'amounts', 'amounted', 'rise', 'rose', 'risen', 'increase', 'grow', 'grew', 'climb', 'year', '20'))
_DELIVERY_RE = _lower_compile(
    r"\b(?:handed\s+over|delivered|arrived|transferred|received|"
    r"(?:has|have|had)\s+(?:already\s+|now\s+|recently\s+|also\s+|previously\s+)?(?:sent|supplied|provided)|"
    r"(?:has|have|had)\s+(?:previously|already|so\s+far)\s+(?:donated|given|handed)|"
    r"shipped|equipping|equipped|under\s*way|has\s+begun|have\s+begun|(?<!\bbe\s)(?<!\bbeen\s)sent|"
    r"recently\s+(?:provided|sent|supplied)|arrives|(?:has|have)\s+been\s+(?:delivered|sent|handed))\b",
    re.IGNORECASE,
)
_FUTURE_RE = _lower_compile(
    r"\b(?:will|shall|to\s+be|is\s+to|are\s+to|plans?\s+to|planning|going\s+to|intends?\s+to|soon|"
    r"next\s+(?:week|month|year)|in\s+the\s+coming|pledg\w*|promis\w*|announc\w*|commit\w*|"
    r"is\s+sending|are\s+sending|would)\b",
    re.IGNORECASE,
)
_LIST_GAP_RE = re.compile(r"\s*(?:,|and|,\s*and|&)\s*(?:the\s+)?")
_BULLET_RE = re.compile(r"\A\s*(?:[-•*–·▪●]|\d{1,2}[.)]\s)")
_LIST_INTRO_RE = _lower_compile(r"(?:includ\w*|consists?\s+of|compris\w*|contain\w*|following|contents?|among\s+them)[^.]{0,40}:\s*$")
_TOTAL_WORD_RE = _lower_compile(r"\b(?:in\s+total|total|valued\s+at|worth|in\s+all|altogether|overall)\b")
_CONTRAST_RE = _lower_compile(r",?\s+(?:but|while|whereas|however|yet|although|though)\b|;", re.IGNORECASE)
_STRONG_CUMULATIVE_RE = _lower_compile(
    r"\b(?:to\s+date|so\s+far|thus\s+far|this\s+far|until\s+now|since|in\s+total|overall|total|bringing|brings|"
    r"(?:has|have|had)\s+reached|altogether|cumulative\w*|alone|taking|takes|took|brought|frame|framework|envelope|ceiling)\b")
_NEW_PACKAGE_RE = _lower_compile(
    r"\b(?:new|additional|another|package|latest|further|fresh|tranche|extra|next)\b", re.IGNORECASE)
_PERFECT_GIVING_RE = _lower_compile(
    r"\b(?:has|have)\s+(?:already\s+|now\s+)?(?:provided|given|spent|sent|supplied|delivered|donated|contributed)\b",
    re.IGNORECASE)
_SOURCE_BEFORE_RE = re.compile(r"\b(?:by|from|of|according\s+to)\s+(?:the\s+)?$", re.IGNORECASE)
_SPEAKER_AFTER_RE = re.compile(
    r"(?:['’]s)?(?:\s+[\w\-]+){0,4}?\s+(?:said|says|announced|announces|told|added|stated|confirmed|reported|noted|wrote)\b")
# Generic words that detail a named system rather than add a capability ("NASAMS launchers and missiles").
_NEUTRAL_ITEMS = frozenset({"missiles", "missile", "munitions", "rockets", "fire units", "rounds"})
_ALLOCATION_RE = _lower_compile(
    r"\b(?:first|second|third|next|initial|new|latest)\s+(?:\w+\s+){0,2}(?:package|tranche|batch|allocation|instalment|installment)\b",
    re.IGNORECASE)
_DEFINITE_BEFORE_RE = re.compile(r"\b(?:the|these|those|their|its|such)\s+(?:[a-z\-]+\s+)?\Z", re.IGNORECASE)
_EU_MEMBERS_RE = re.compile(r"EU\s+(?:member\s+states|countries|states|governments)\b", re.IGNORECASE)
_EPF_RE = re.compile(r"\bEuropean\s+Peace\s+Facility\b|\bEPF\b")
_GENERIC_AID_AFTER_RE = re.compile(r"\s+(?:in|of)\s+(?:new\s+)?(?:military|security|defen[cs]e)\s+(?:aid|assistance|support)\b")
_SEPARATE_COMMITMENT_RE = re.compile(
    r"\band\s+(?:will|would|is\s+to|plans\s+to)\s+(?:also\s+)?(?:supply|send|deliver|provide|donate|hand\s+over|transfer|give)\b")
_DEFINITE_REFERENCE_RE = _lower_compile(
    r"\b(?:the|this|that)\s+(?:initiative|scheme|programme|program|plan|mechanism|effort|shells|ammunition|munitions)\b")
_THROUGH_BEFORE_RE = re.compile(r"\b(?:through|via)\s+$")
_FROM_BEFORE_RE = re.compile(r"\bfrom\s+(?:the\s+)?$")
_PUNCTUATION_RE = re.compile(r"[,;.]")
_TO_BE_BEFORE_RE = re.compile(r"\b(?:to|be)\s+$")
_OF_WHICH_MILITARY_RE = _lower_compile(r"\bof\s+which\b[^.;]{0,60}\bmilitary\b")
_SHARE_START_RE = re.compile(
    r"\A\W*(?:[A-Z][a-z]+:\s*)?(?:of\s+(?:the|this|that)\s+(?:total|amount|sum|package|money)|of\s+which|out\s+of\s+(?:the|this|that))\b",
    re.IGNORECASE)
_NEW_ANNOUNCEMENT_RE = _lower_compile(r"\b(?:announc\w*|pledg\w*|approv\w*|unveil\w*|promis\w*|commit\w*)\b[^.;]{0,40}\bpackage\b")
_INCLUDES_RE = _lower_compile(r"\b(?:includ\w*|contain\w*|compris\w*|consist\w*)\b", re.IGNORECASE)
_UKRAINE_RE = _lower_compile(r"Ukrain|Kyiv|Kiev|Zelensk", re.IGNORECASE)
_RECIPIENT_BEFORE_RE = re.compile(r"\b(?:to|for)\s+(?:the\s+)?$", re.IGNORECASE)
_OWN_DEFENCE_RE = _lower_compile(
    r"\b(?:defen[cs]e|military)\s+(?:budget|spending|expenditure)s?\b|\b(?:its|their)\s+own\s+(?:army|armed\s+forces|"
    r"military|stocks|defen[cs]e)\b|\bof\s+(?:its|their)\s+GDP\s+on\s+defen[cs]e\b|\bnational\s+defen[cs]e\s+needs\b|"
    r"\bfor\s+the\s+(?:air\s+)?defen[cs]e\s+of\s+(?:the\s+)?(?!ukrain)[a-z]|\breplenish\w*\s+(?:its\s+|their\s+)?(?:own\s+)?stock|"
    r"\bown\s+stocks\b",
    hints=("budget", "spending", "expenditure", "own", "gdp", "national", "defen", "replenish"))
_OPEN_RELATIVE_RE = re.compile(r",\s*(?:which|who|whose|where)\b[^,]*$", re.IGNORECASE)
_ALSO_RE = _lower_compile(r"\b(?:also|additionally|in\s+addition|separately|further)\b", re.IGNORECASE)
_INCLUDING_RE = _lower_compile(r"\b(?:including|(?:that|which)\s+includ(?:ed|es)|such\s+as|among\s+them|among\s+others|notably)\b", re.IGNORECASE)
_JOINT_BEFORE_RE = re.compile(r"\b(?:together|jointly)\s+with\s+(?:the\s+)?$", re.IGNORECASE)
_TO_BE_RE = re.compile(r"\b(?:to|will\s+be|to\s+be|be)\s+(?:handed|delivered|transferred|sent|shipped|supplied|provided)\b")
_CONTENTS_RE = _lower_compile(
    r"\b(?:includ(?:e|es|ed|ing)|consist(?:s|ed)?\s+of|compris(?:e|es|ing)|contain(?:s|ed|ing)?|"
    r"will\s+see|among\s+(?:them|others|other\s+things)|such\s+as|is\s+made\s+up\s+of|covers?|consisting)\b|:\s*$",
    re.IGNORECASE, hints=('includ', 'consist', 'compris', 'contain', 'will see', 'among', 'such as', 'made up', 'cover', ':'))
_PRONOUN_START_RE = re.compile(
    # an opening adverbial ("Today", "During the visit,") may come first
    r"\A[\"“‘']?(?:(?:Today|Yesterday|Now|Meanwhile|Earlier|Later|On\s+\w+|This\s+week|During\s+the\s+(?:visit|meeting|trip)),?\s+)?"
    r"(?:It|Its|They|This|These|In\s+addition|Additionally|Furthermore|Moreover|"
    r"[Tt]he\s+(?:country|[Gg]overnment|[Mm]inistry|kingdom|package|aid|assistance|"
    r"support|contribution|delivery|new\s+package|latest\s+package|new\s+aid|donation|shipment|"
    r"announcement|funding|funds|money|tranche|allocation|contract|deal|purchase|order|agreement|"
    r"(?:Prime\s+)?[Mm]inister|(?:Defen[cs]e\s+)?[Mm]inister|[Cc]hancellor|"
    r"(?:total\s+)?(?:value|worth|cost|size|volume)\s+of\s+(?:the|this|that|its)\s+(?:new\s+)?(?:package|aid|assistance|support|contribution|tranche)))\b",
)
# "Of the total, £125 million will go to ...", "including A$30 million for ...": a share of
# an amount just announced, not a pledge of its own.
_COMPONENT_BEFORE_RE = _lower_compile(
    r"(?:\bof\s+(?:the|this|that)\s+(?:total|amount|sum|package|funding|money)|\bof\s+which|\bincluding|"
    r"\bincludes|\bwhich\s+includes?|\bout\s+of\s+(?:the|this|which))\W{0,3}(?:\w+\W+){0,3}$",
    re.IGNORECASE,
)
# "the largest package so far": a comparison, not a running total
_SUPERLATIVE_RE = _lower_compile(
    r"\b(?:largest|biggest|most|highest|first|greatest|single\s+largest)\b[^,.;]{0,50}?\b(?:so\s+far|to\s+date|yet|ever|until\s+now|till\s+now|up\s+to\s+now|thus\s+far)\b"
    # "the biggest since the start of the full-scale invasion": a comparison, not a sum
    r"|\b(?:largest|biggest|highest|greatest|strongest|heaviest|first\s+(?:time|such|package|delivery|tranche)|"
    r"(?:most|more)\s+(?:significant|substantial|powerful|important))\b(?:(?!\b(?:has|have|had)\b)[^,.;]){0,50}?\bsince\b",
    re.IGNORECASE,
)


def _cumulative_cue(text: str):
    """A running-total cue ("to date", "since 2022"), superlatives ("the largest since ...") aside."""
    if not _CUMULATIVE_RE.search(text):
        return None
    return _CUMULATIVE_RE.search(_SUPERLATIVE_RE.sub(" ", text))
# "EUR 138 billion in financial, humanitarian and military support": a mixed total
_MIXED_TOTAL_RE = _lower_compile(
    r"\b(?:financial|humanitarian|economic|budget\w*|civil\w*)\b[^.;]{0,40}\bmilitary\b|"
    r"\bmilitary\b[^.;]{0,30}\b(?:and|,)\s+(?:financial|humanitarian|economic|civil\w*)\b|"
    r"\bof\s+which\b[^.;]{0,60}\bmilitary\b",
    re.IGNORECASE,
)
_CONVERSION_GAP_RE = _lower_compile(
    r"\A\s*(?:\(|\[|,\s*(?:or|about|around|roughly|approximately|some|equivalent|worth)|—|–|-\s|or\b|=)",
    re.IGNORECASE,
)
_CLAUSE_SPLIT_RE = re.compile(
    r",\s*(?:while|whereas|but|and\s+(?:that|the|its|a))\b|,\s+and\s+(?=[A-Z])|;|\s[–—-]\s(?=[A-Z])|,\s*(?:which|bringing|taking)\b|"
    r",\s*(?:several|some|many|most|all|one|two|none|each)\s+of\s+(?:which|whom|them)\b",
    re.IGNORECASE,
)
_CATEGORY_CUES = [
    ("air_defense", _lower_compile(r"\bair[\s\-]de\s?fen[cs]es?\b|\banti-?aircraft\b|\bIAMD\b", hints=('air', 'aircraft', 'iamd'))),
    ("demining", _lower_compile(r"\bdemining\b|\bmine[\s\-]clear\w*|\bclear(?:ing)?\s+(?:land)?mines\b|\blandmines\b|\bunexploded\s+ordnance\b", hints=('demin', 'mine', 'ordnance'))),
    ("drones", _lower_compile(r"\bdrones?\b|\bUAVs?\b|\bunmanned\b", hints=('drone', 'uav', 'unmanned'))),
    ("training", _lower_compile(r"\btrain(?:ing|ed)?\b(?!\s+(?:station|ride|and\s+combat|purposes|use|aircraft|jets|planes|ammunition|rounds))(?![^.;]{0,40}\b(?:operators|crews|technicians|pilots|deminers|sappers))|\bprepar\w+\s+(?:a\s+|the\s+)?(?:Ukrainian\s+)?(?:brigades?|battalions?|troops|soldiers|pilots)", hints=('train', 'prepar'))),
    ("industry", _lower_compile(r"\bdefen[cs]e\s+industr\w*|\bco-?production\b|\bjoint\s+production\b|\bproduc(?:e|ed|tion)\s+(?:in|by)\s+Ukrain\w*|\bUkrainian\s+(?:manufacturers|producers|industry)|\bDanish\s+model\b", hints=('industr', 'production', 'ukrain', 'danish'))),
    ("it_cyber", _lower_compile(r"\bIT\s+[Cc]oalition|\b[Cc]yber\w*|\bStarlink\b|\b[Cc]ommunications?\s+(?:equipment|systems)")),
    ("maritime", _lower_compile(r"\bmaritime\b|\bnaval\b|\bBlack\s+Sea\s+security\b|\bcoastal\b", hints=('maritime', 'naval', 'black sea', 'coastal'))),
    ("electronic_warfare", _lower_compile(r"\b[Ee]lectronic\s+warfare\b|\bEW\b")),
    ("long_range_strike", _lower_compile(r"\blong[\s\-]range\s+(?:missiles|strike|weapons|capabilit\w+)", hints=('long',))),
    ("artillery", _lower_compile(r"\bartillery\b|\bshells\b|\b155\s?-?mm\b|\bammunition\s+initiative\b", hints=('artillery', 'shells', '155', 'ammunition initiative'))),
    ("aircraft", _lower_compile(r"\bF-16s?\b|\bfighter\s+jets?\b|\bcombat\s+aircraft\b", hints=('f-16', 'fighter', 'combat aircraft'))),
]
_TRAINING_CUE = next(rx for cat, rx in _CATEGORY_CUES if cat == "training")
_HEAD_NOUNS = frozenset(
    "system missile launcher battery tank vehicle jet howitzer round shell ammunition munition "
    "interceptor unit helicopter drone boat radar aircraft fighter gun rocket mine kit carrier "
    "equipment rifle launcher ifv apc mrap".split()
)
_HEAD_MODIFIERS = frozenset(
    "air defence anti aircraft guided fighter combat battle main infantry self propelled surface to "
    "artillery multiple launch rocket armoured personnel carrier short medium long range ground based "
    "mobile sea naval fighting personnel armoured utility light heavy anti tank armour fire recoilless command detection".split()
)


@dataclass
class _Claim:
    """Money or systems in a sentence waiting for a donor."""

    start: int
    end: int
    money: Money | None = None
    item: Item | None = None
    owner: str | None = None  # country code, COLLECTIVE, or None
    component: bool = False  # "including EUR 30 million for ...": a share of an amount before it
    group: list[str] = field(default_factory=list)


_QTY_SKIP = frozenset(
    "new additional more further extra modern modernised modernized used refurbished upgraded older "
    "second-hand advanced unused of the its their units pieces sets batteries rounds x complete second "
    "third fourth fifth self-propelled retired decommissioned surplus mothballed spare excess".split()
)
_QTY_WORD_NUMBERS = {w: v for w, v in NUMBER_WORDS.items() if w not in ("half", "quarter")}
_QTY_SCALES = {"thousand": 1e3, "million": 1e6, "billion": 1e9}
_DIGITS_RE = re.compile(r"\d{1,3}(?:[,.\u00a0]\d{3})+|\d+(?:[.,]\d+)?")


_CAPITALISED_RE = re.compile(r"[A-Z][a-z]+(?:-made)?")
_GROUPED_DIGITS_RE = re.compile(r"\d{1,3}(?:[,.\u00a0]\d{3})+")
_GROUP_SEPARATOR_RE = re.compile(r"[,.\u00a0]")


def _quantity(text: str, start: int, singular: bool) -> int | None:
    """The count written just before a system: "8,000 new anti-tank mines", "a Patriot system"."""
    words = text[max(0, start - 80):start].split()
    if start - 80 > 0 and words:
        words = words[1:]  # the first word may be cut
    i = len(words) - 1
    capitalised_skipped = 0
    while i >= 0:
        w = words[i]
        low = w.lower()
        if low in _QTY_SKIP:
            i -= 1
            continue
        if capitalised_skipped < 3 and _CAPITALISED_RE.fullmatch(w) and low not in _QTY_WORD_NUMBERS:
            # "six Danish F-16s", "ten US-made ...", "50 Armoured Combat Support Vehicles"
            capitalised_skipped += 1
            i -= 1
            continue
        break
    if i < 0:
        return None
    w = words[i].lower()
    scale = 1.0
    if w in _QTY_SCALES and i > 0:
        scale = _QTY_SCALES[w]
        i -= 1
        w = words[i].lower()
    if _DIGITS_RE.fullmatch(w):
        raw = w
        digits = _GROUP_SEPARATOR_RE.sub("", raw) if _GROUPED_DIGITS_RE.fullmatch(raw) else raw
        try:
            value = float(digits.replace(",", "."))
        except ValueError:
            return None
        if 1990 <= value <= 2035 and scale == 1.0 and raw.isdigit():
            return None  # a year, not a count ("2,000" is a count)
    elif w in ("a", "an", "another"):
        if scale != 1.0:
            value = 1.0
        else:
            return 1 if singular else None
    elif w in ("dozen", "hundred") and i > 0 and words[i - 1].lower() in ("a", "one"):
        value = 12.0 if w == "dozen" else 100.0
    else:
        parts = w.split("-")
        if not all(p in _QTY_WORD_NUMBERS for p in parts):
            return None
        value = float(sum(_QTY_WORD_NUMBERS[p] for p in parts))
        if i > 0 and "-" not in w and words[i - 1].lower() in ("twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"):
            value += _QTY_WORD_NUMBERS[words[i - 1].lower()]
    value *= scale
    if value <= 0 or value > 1e9:
        return None
    return int(value)


_SPACES_RE = re.compile(r"\s+")
_DE_FENCE_RE = re.compile(r"\bde\s+(fen[cs]e)")
_COALITION_OF_BEFORE_RE = re.compile(r"\bcoalitions?\s+(?:of|for|on)\s+$", re.IGNORECASE)
_NOT_MATERIEL_AFTER_RE = re.compile(
    r"\s*(?:capability\s+coalition|coalition|production|industry|manufactur\w*|makers?|"
    r"producers?|programme|program|attacks?|strikes?|instructors?|technicians?|pilots?|crews?|mechanics|maintenance|"
    r"training|trainers?)\b", re.IGNORECASE)
_WITH_FOR_RE = re.compile(r"\bwith\b|\bfor\b")


def _items(text: str, sentence: Sentence) -> list[tuple[int, int, Item]]:
    tokens, found = scan_systems(sentence.text)
    out = []
    covered = 0
    for i, j, system in found:
        if i < covered:
            continue  # already part of the previous name ("Patriot air defense missiles")
        if j - i == 1 and system.term.islower() and _VERB_BEFORE_RE.search(sentence.text, 0, tokens[i][1]):
            continue  # "will ship", "to mine": a verb, not materiel
        # Extend "IRIS-T" to "IRIS-T air defence systems", "Patriot" to "Patriot system".
        k = j
        while (k < len(tokens) and k - j < 5 and (tokens[k][0] in _HEAD_MODIFIERS or tokens[k][0] in _HEAD_NOUNS)
               and not sentence.text[tokens[k - 1][2]:tokens[k][1]].strip(" -\u2011")):
            k += 1  # only across spaces and hyphens: "ammunition, anti-tank weapons" are two items
        while k > j and tokens[k - 1][0] not in _HEAD_NOUNS:
            k -= 1
        previous_end = sentence.start + tokens[covered - 1][2] if covered else sentence.start
        covered = k
        start = sentence.start + tokens[i][1]
        end = sentence.start + tokens[k - 1][2]
        category = system.category
        if system.category == "general" or system.term.islower():
            # "80,000 CRV7 rockets": an unknown type name before a generic materiel word is the item's name;
            # "50 Armoured Combat Support Vehicles": so is a capitalised name
            code = (_TYPE_NAME_BEFORE_RE.search(text, max(sentence.start, start - 40), start)
                    or _TITLE_NAME_BEFORE_RE.search(text, max(sentence.start, start - 60), start))
            if (code and code.start() >= previous_end and code.group(1) not in COUNTRY_ALIASES
                    and not any(w in COUNTRY_ALIASES for w in code.group(1).split())):
                start = code.start()
                if category == "general" and _ARMOURED_RE.search(code.group(1)):
                    category = "armor"
        name = _DE_FENCE_RE.sub(r"de\1", _SPACES_RE.sub(" ", text[start:end]))
        if ")" in name and "(" not in name:
            name = _SPACES_RE.sub(" ", name.replace(")", ""))  # "(TOW) missiles" -> "TOW missiles"
        last = tokens[k - 1][3]
        singular = not last.lower().endswith("s") or last.isupper()
        quantity = _quantity(text, start, singular)
        if _COALITION_OF_BEFORE_RE.search(text, max(0, start - 30), start):
            continue  # "the coalition of drones" names a coalition
        if _NOT_MATERIEL_AFTER_RE.match(text, end, end + 30):
            continue  # "the drone coalition" names a coalition, not materiel
        out.append((start, end, Item(system=name, quantity=quantity, category=category)))
    # "IRIS-T systems with guided missiles": a generic term right after a named one is its detail.
    pruned = []
    for start, end, item in out:
        if pruned and _MUNITION_FOR_RE.fullmatch(text, pruned[-1][1], start) and _MUNITION_RE.search(pruned[-1][2].system) \
                and item.category != "general" and not _MUNITION_RE.search(item.system):
            # "ammunition for HIMARS": munitions of that system, not the launcher itself
            first_start, _, first = pruned.pop()
            name = _SPACES_RE.sub(" ", text[first_start:end])
            pruned.append((first_start, end, Item(system=name, quantity=first.quantity, category=item.category)))
            continue
        if (pruned and item.category == "general" and start - pruned[-1][1] < 16
                and _WITH_FOR_RE.search(text, pruned[-1][1], start)):
            continue
        pruned.append((start, end, item))
    return pruned


_VERB_BEFORE_RE = re.compile(r"\b(?:will|would|to|shall|must|can|could)\s+\Z")
# "CRV7", "Hydra-70", "M-ATV": a type designation (capitals with digits or an acronym), not a plain word
_TYPE_NAME_BEFORE_RE = re.compile(
    r"(?<![\w\-])([A-Z][A-Za-z]*\d[\w\-/]*|[A-Z]{2,}\d*(?:-[A-Z0-9]+)*|[A-Z][A-Z0-9]*(?:-[A-Z0-9]+)+)\s+\Z")
_MILITARY_WORD_RE = re.compile(r"\bmilitary\b", re.IGNORECASE)
_TITLE_NAME_BEFORE_RE = re.compile(
    r"(?<![\w\-])(?!(?:The|These|Those|This|Its|Their|Our|New|More|Other|Some|All|Further|Additional|And|With|For)\b)"
    r"((?:[A-Z][a-z]+[\s\-]){1,3})\Z")
_ARMOURED_RE = re.compile(r"\b[Aa]rmou?red\b")
_MUNITION_FOR_RE = re.compile(r"\s+for\s+(?:the\s+|its\s+|their\s+|Ukraine['’]s\s+)?")
_MUNITION_RE = re.compile(r"\b(?:ammunition|munitions?|rounds?|missiles?|rockets?|shells?|interceptors?|projectiles?)\s*\Z",
                          re.IGNORECASE)


def _clause_bounds(text: str, sentence: Sentence) -> list[tuple[int, int]]:
    bounds, pos = [], sentence.start
    for m in _CLAUSE_SPLIT_RE.finditer(sentence.text):
        bounds.append((pos, sentence.start + m.start()))
        pos = sentence.start + m.end()
    bounds.append((pos, sentence.end))
    return bounds


def _clause_of(bounds: list[tuple[int, int]], position: int) -> tuple[int, int]:
    for a, b in bounds:
        if a <= position < b:
            return a, b
    return bounds[-1]


def _owner(claim: _Claim, mentions: list[Mention], collectives: list[tuple[int, int]], text: str,
           last_donor: str | None = None, dominant=None) -> None:
    """Attribute a claim to the nearest acting country (or collective) before it; after it
    only when that country is the source ("from Denmark", "financed by Germany"), the speaker
    ("..., the Danish ministry said") or the donor the article was just talking about."""
    for m in mentions:
        if m.code == "NATO" and m.actor and m.end <= claim.start and _THROUGH_BEFORE_RE.search(text, max(0, m.start - 12), m.start):
            claim.owner = "NATO"  # "through NATO, member states are purchasing ...": one NATO purchase
            return
    for m in mentions:
        if m.possessive and m.actor and 0 <= claim.start - m.end <= 4:
            claim.owner = m.code
            return
    for m in mentions:
        # "the transfer of F-16 fighter jets from Denmark and the Netherlands": the source right after
        if (m.actor and m.code != "UKR" and 0 <= m.start - claim.end <= 40
                and _FROM_BEFORE_RE.search(text, max(0, m.start - 12), m.start)
                and not _PUNCTUATION_RE.search(text, claim.end, m.start)):
            claim.owner = m.code
            claim.group = _coordinated(m, mentions, text)
            return
    candidates: list[tuple[int, str, Mention | None]] = []
    for m in mentions:
        if m.actor and m.code != "UKR":
            if (m.end <= claim.start and _OPEN_RELATIVE_RE.search(text[max(0, m.start - 60):m.start])
                    and "," in text[m.end:claim.start]):
                continue  # "Lithuania, which together with Iceland leads ..., handed over": not Iceland
            candidates.append((m.end, m.code, m))
    for a, b in collectives:
        candidates.append((b, COLLECTIVE, None))
    before = [c for c in candidates if c[0] <= claim.start]
    if before:
        pos, code, mention = max(before, key=lambda c: c[0])
        claim.owner = code
        if mention is not None:
            claim.group = _coordinated(mention, mentions, text)
        return
    after = [c for c in candidates if c[0] > claim.end]
    if after:
        pos, code, mention = min(after, key=lambda c: c[0])
        if mention is not None and not (
                _SOURCE_BEFORE_RE.search(text[max(0, mention.start - 30):mention.start])
                or _SPEAKER_AFTER_RE.match(text, mention.end)
                or code == last_donor or (dominant is not None and code == dominant())):
            return
        claim.owner = code
        if mention is not None:
            claim.group = _coordinated(mention, mentions, text)


def _coordinated(mention: Mention, mentions: list[Mention], text: str) -> list[str]:
    """"Denmark, Norway and Sweden will each provide": every donor of the list."""
    idx = mentions.index(mention)
    group = [mention.code]
    j = idx
    while j > 0:
        gap = text[mentions[j - 1].end:mentions[j].start]
        if _LIST_GAP_RE.fullmatch(gap) and mentions[j - 1].actor:
            group.insert(0, mentions[j - 1].code)
            j -= 1
        else:
            break
    j = idx
    while j + 1 < len(mentions):
        gap = text[mentions[j].end:mentions[j + 1].start]
        if _LIST_GAP_RE.fullmatch(gap) and mentions[j + 1].actor:
            group.append(mentions[j + 1].code)
            j += 1
        else:
            break
    for m in mentions:
        if (m.code not in group and _JOINT_BEFORE_RE.search(text[max(0, m.start - 20):m.start])
                and not _OPEN_RELATIVE_RE.search(text[max(0, m.start - 60):m.start])):
            lo, hi = sorted((mention.start, m.start))
            between = [o for o in mentions if lo < o.start < hi and o.actor and o.code not in (m.code, mention.code)]
            if not between:
                group.append(m.code)  # "Sweden will donate 14 tanks together with Denmark"
    group = [c for i, c in enumerate(group) if c not in group[:i] and c not in NON_DONORS]
    return group if len(group) > 1 else []


def _kind(window: str, anchor: int, has_money: bool) -> str:
    """pledge / delivery / cumulative for the claim at `anchor` in its clause window.

    Between delivery verbs ("handed over") and commitment or future ones ("will send"),
    the one nearest before the claim decides ("arrived in Kyiv and said Berlin will send
    EUR 1.3 billion" is a pledge)."""
    if has_money and _cumulative_cue(window):
        return "cumulative"
    cues = []
    for m in _DELIVERY_RE.finditer(window):
        prefix = window[max(0, m.start() - 30):m.start()]
        # "plans to hand over", "will be delivered": still to come
        future = _FUTURE_RE.search(prefix) or _TO_BE_BEFORE_RE.search(prefix)
        cues.append((m.start(), "pledge" if future else "delivery"))
    if not any(kind == "delivery" for _, kind in cues):
        return "pledge"
    cues += [(m.start(), "pledge") for m in _FUTURE_RE.finditer(window)]
    cues += [(m.start(), "pledge") for m in _TO_BE_RE.finditer(window)]
    before = [c for c in cues if c[0] <= anchor]
    nearest = max(before) if before else min(cues)
    return nearest[1]


def _cue_categories(context: str) -> list[str]:
    """Categories named by cue words, in vocabulary order (one scan for most of them)."""
    return [cat for cat, rx in _CATEGORY_CUES if rx.search(context)]


def _category(items: list[Item], context: str) -> str:
    """The capability served: one category of the systems, else a cue word, else general."""
    cats = {i.category for i in items if i.category and i.system.lower() not in _NEUTRAL_ITEMS}
    if len(cats) > 1 and "general" in cats:
        cats.discard("general")  # "eight Leopard 2 tanks along with ammunition and spare parts": armour
    if len(cats) > 1:
        return "general"  # a package mixing capabilities (or naming plain "ammunition" beside them)
    if cats and cats != {"general"}:
        # "preparing a brigade and equipping it with armoured vehicles": training plus materiel
        only = next(iter(cats))
        return "general" if only != "training" and _TRAINING_CUE.search(context) else only
    cue_cats = _cue_categories(context)
    if len(cue_cats) == 1:
        return cue_cats[0]
    if "air_defense" in cue_cats and all(c in ("air_defense", "artillery") for c in cue_cats):
        return "air_defense"
    return "general"


def extract_pledges(text: str, sentences: list[Sentence], skip_until: int = 0,
                    officials: dict[str, str] | None = None) -> list[tuple[Pledge, int]]:
    """(pledge, sentence index) for every pledge found."""
    officials = officials or {}
    dominant_cache: list = []

    def dominant() -> str | None:
        """The article's main donor, worked out only when a sentence needs it."""
        if not dominant_cache:
            dominant_cache.append(_dominant_donor(text, skip_until))
        return dominant_cache[0]

    list_owner: tuple[Pledge, int] | None = None
    list_owner_listed = False
    voided_index = -10  # the last sentence whose money or systems a need, refusal or own-stock purchase voided
    title_text = text[:skip_until]
    results: list[tuple[Pledge, int]] = []
    last_pledge: tuple[Pledge, int] | None = None
    for index, sentence in enumerate(sentences):
        if sentence.end <= skip_until:
            continue
        s = sentence.text
        if list_owner is not None:
            # A bulleted list after "The package includes:" belongs to that package.
            if _BULLET_RE.match(s) or (len(s) < 100 and not s.rstrip().endswith(".")):
                owner = list_owner[0]
                known = {i.system.lower() for i in owner.items}
                for _, _, item in _items(text, sentence):
                    if item.system.lower() not in known:
                        owner.items.append(item)
                        known.add(item.system.lower())
                if owner.items and not list_owner_listed:
                    results.append((owner, list_owner[1]))  # the list's first system makes it a pledge
                    list_owner_listed = True
                    last_pledge = list_owner
                owner.evidence = (owner.evidence + " " + s).strip()
                owner.end = sentence.end
                owner.category = _category(owner.items, owner.evidence)
                continue
            list_owner = None
        if (last_pledge is not None and index - last_pledge[1] <= 4 and s.rstrip().endswith(":")
                and _LIST_INTRO_RE.search(s)):
            list_owner = last_pledge
            list_owner_listed = True
            last_pledge[0].evidence = (last_pledge[0].evidence + " " + s).strip()
            continue
        if s.rstrip().endswith(":") and (_COMMIT_RE.search(s) or _DELIVERY_RE.search(s)):
            # "In the past two weeks, Berlin delivered:" followed by a list of systems
            codes = {m.code for m in find_mentions(text, sentence.start, sentence.end)
                     if m.actor and m.code not in NON_DONORS}
            if len(codes) == 1 and not find_money(s, sentence.start) and not _NEED_RE.search(s):
                owner = Pledge(donor=codes.pop(), kind=_kind(s, len(s), False), amount=None, currency=None,
                               category="general", evidence=s, start=sentence.start, end=sentence.end)
                list_owner = (owner, index)
                list_owner_listed = False
                continue
        if len(s) < 8:
            continue
        # Cheap gate before the costly scans: a pledge needs a named country in the sentence,
        # a pledge just read (contents, "It will also ..."), or a minister speaking as "we".
        if not (find_mentions(text, sentence.start, sentence.end)  # cached: read again below
                or (last_pledge is not None and index - last_pledge[1] <= 3)
                or _PRONOUN_START_RE.match(s)
                or (officials and _FIRST_PERSON_RE.search(s))):
            continue
        if (last_pledge is not None and index - last_pledge[1] == 1 and _SHARE_START_RE.match(s)
                and last_pledge[0].kind == "pledge" and last_pledge[0].amount
                and not _STRONG_MILITARY_RE.search(last_pledge[0].evidence)
                and _CIVILIAN_RE.search(s + " " + (sentences[index + 1].text if index + 1 < len(sentences) else ""))):
            # "EUR 1.5 billion transferred ... Of this sum, EUR 1.35 billion goes to military needs ...
            # The remaining 10% goes to reconstruction": the whole mixes civil aid, only its share counts
            if last_pledge in results:
                results.remove(last_pledge)
            last_pledge = None
        commit = _COMMIT_RE.search(s) or _is_entry(s)
        contents = _CONTENTS_RE.search(s)
        pronoun_start = _PRONOUN_START_RE.match(s)
        if not (commit or contents or pronoun_start):
            continue  # neither a commitment nor a package's contents
        low = s.lower()
        has_money_hint = any(h in low for h in _CURRENCY_HINTS)
        items = _items(text, sentence)
        money = find_money(s, sentence.start) if has_money_hint else []
        if not items and not money:
            continue
        mentions = find_mentions(text, sentence.start, sentence.end)
        negative = bool(_NEED_RE.search(s) or _HYPOTHETICAL_RE.search(s) or _UNNAMED_PAYERS_RE.search(s))
        donors_here = [m for m in mentions if m.actor and m.code not in NON_DONORS]

        # A sentence listing contents without naming a donor belongs to the pledge just read.
        same_donor_only = bool(donors_here) and last_pledge is not None and all(
            m.code == last_pledge[0].donor for m in donors_here)
        new_commitment = bool(_ALSO_RE.search(s)) and not contents and bool(commit)
        if ((not contents or re.search(r"\b(?:separate|separately|another|earlier|previous|previously)\b", s, re.IGNORECASE))
                and money and last_pledge is not None and last_pledge[0].amount
                and all(abs(mo.amount - last_pledge[0].amount) > 0.01 * mo.amount for mo in money)):
            # "The deal comes on top of a GBP 2.26 billion loan": another amount, another pledge
            new_commitment = True
        if money and donors_here and not pronoun_start and _cumulative_cue(s):
            new_commitment = True  # "Australia's total support now exceeds ..., including ...": a total, not contents
        if (money and donors_here and commit and last_pledge is not None and last_pledge[0].amount is None
                and last_pledge[0].kind != "pledge" and _NEW_ANNOUNCEMENT_RE.search(s)):
            # "... has already delivered 120 Bushmasters. In April, Canberra announced an A$100 million
            # package that included ...": a package announced on its own, not the contents of a delivery
            new_commitment = True
        if ((not donors_here or (same_donor_only and contents
                                 and (_INCLUDES_RE.search(s) or not re.search(r"\balso\b", s))))
                and last_pledge is not None and index - last_pledge[1] <= 4 and not new_commitment
                and (contents or pronoun_start) and not negative and not _COLLECTIVE_RE.search(s)):
            pledge = last_pledge[0]
            smaller = [mo for mo in money if pledge.amount and mo.amount < 0.99 * pledge.amount]
            if smaller and _ALLOCATION_RE.search(s) and pledge.kind != "cumulative":
                # "the first package under the new framework, worth EUR 80 million": an allocation
                # drawn from the envelope just announced is its own pledge (both are stated events)
                first = max(smaller, key=lambda mo: mo.amount)
                currency = resolve_currency(first, pledge.donor, text)
                if currency is not None:
                    part = Pledge(donor=pledge.donor, kind="pledge", amount=first.amount, currency=currency,
                                  category="general", items=[item for _, _, item in items], evidence=s,
                                  start=sentence.start, end=sentence.end)
                    part.category = _category(part.items, s)
                    results.append((part, index))
                    last_pledge = (part, index)
                    continue
            known = {i.system.lower() for i in pledge.items}
            for _, _, item in items:
                if item.system.lower() not in known:
                    pledge.items.append(item)
            civilian_total = (_CIVILIAN_RE.search(s) and not _STRONG_MILITARY_RE.search(s)) or (
                _cumulative_cue(s) and not re.search(r"\b(?:package|valued|worth)\b", s, re.IGNORECASE))
            if money and pledge.kind != "cumulative" and not civilian_total:
                biggest = max(money, key=lambda mo: mo.amount)
                stated_total = _TOTAL_WORD_RE.search(s) and (pledge.amount is None or biggest.amount > pledge.amount)
                if pledge.amount is None or stated_total:
                    currency = resolve_currency(biggest, pledge.donor, text)
                    if currency is not None:
                        pledge.amount, pledge.currency = biggest.amount, currency
            pledge.evidence = (pledge.evidence + " " + s).strip()
            pledge.end = sentence.end
            pledge.category = _category(pledge.items, pledge.evidence)
            continue
        if not commit:
            continue
        if voided_index == index - 1 and pronoun_start:
            voided_index = index  # "The contract, worth $5.5 billion, ..." continues what was voided
            continue
        recent_donor = (last_pledge[0].donor if last_pledge is not None and index - last_pledge[1] <= 2
                        else _single_donor(text, sentences, index - 1, skip_until))
        if not donors_here and recent_donor and pronoun_start and not _COLLECTIVE_RE.search(s):
            context_donor = recent_donor  # "The package is worth SEK 7.1 billion" after "Sweden's new package"
        else:
            context_donor = None
        if not donors_here and context_donor is None and officials and _FIRST_PERSON_RE.search(s):
            # A minister speaking for his country: "We will send 20 M113s," Kasciunas said.
            nearby = s + " " + (sentences[index + 1].text if index + 1 < len(sentences) else "")
            speakers = [c for c in officials_in(nearby, officials) if c not in NON_DONORS]
            if speakers:
                context_donor = speakers[0]

        context_before = " ".join(sentences[j].text for j in range(max(0, index - 3), index)) + " " + title_text
        collectives = [(m.start() + sentence.start, m.end() + sentence.start) for m in _COLLECTIVE_RE.finditer(s)
                       # "EU member states set up under the European Peace Facility": the EU pays
                       if not (_EU_MEMBERS_RE.match(s, m.start()) and _EPF_RE.search(s))]
        bounds = _clause_bounds(text, sentence)
        claims: list[_Claim] = []
        previous_money: Money | None = None
        for mo in money:
            if previous_money is not None and mo.start - previous_money.end < 30 and _CONVERSION_GAP_RE.match(text[previous_money.end:mo.start]):
                previous_money = mo
                continue  # a conversion in brackets: the original amount counts
            previous_money = mo
            component = bool(claims) and bool(_COMPONENT_BEFORE_RE.search(text[max(sentence.start, mo.start - 60):mo.start]))
            if (not claims and last_pledge is not None and last_pledge[0].amount
                    and index - last_pledge[1] <= 2
                    and _SHARE_START_RE.match(s)):
                continue
            claims.append(_Claim(mo.start, mo.end, money=mo, component=component))
        for start, end, item in items:
            if any(c.money and c.start <= start < c.end for c in claims):
                continue
            claims.append(_Claim(start, end, item=item))
        # Needs, refusals and hypotheticals void what their own clause names
        # ("refused to send Taurus, but will deliver two IRIS-T").
        # Aid for someone else, or a donor's own defence budget: not a pledge to Ukraine.
        if not _UKRAINE_RE.search(s):
            other_recipient = any(
                m.kind == "name" and m.code != "UKR" and not m.possessive
                and _RECIPIENT_BEFORE_RE.search(text[max(0, m.start - 12):m.start])
                for m in mentions)
            if other_recipient or _OWN_DEFENCE_RE.search(s) or _OWN_DEFENCE_RE.search(title_text):
                continue
        # A cue also reaches forward over later clauses until a contrast ("but", "while").
        if negative:
            cue_starts = [sentence.start + m.start() for rx in (_NEED_RE, _HYPOTHETICAL_RE, _UNNAMED_PAYERS_RE)
                          for m in rx.finditer(s)]
            contrasts = [sentence.start + m.start() for m in _CONTRAST_RE.finditer(s)]

            def voided(claim: _Claim) -> bool:
                clause = _clause_of(bounds, claim.start)
                for p in cue_starts:
                    if clause[0] <= p < clause[1]:
                        return True
                    if p < claim.start and not any(p < q < claim.start for q in contrasts):
                        return True
                return False

            kept = [c for c in claims if not voided(c)]
            if len(kept) < len(claims):
                voided_index = index
            claims = kept
        for claim in claims:
            if context_donor:
                claim.owner = context_donor
            else:
                _owner(claim, mentions, collectives, text, recent_donor, dominant)
                if claim.owner is None and not donors_here and not collectives and pronoun_start and dominant():
                    claim.owner = dominant()  # "The government provides NOK 1 billion" in Norway's press release

        claims_money = [c for c in claims if c.money]
        from_context: set[int] = set()  # amounts judged military only from the sentences before
        by_donor: dict[str, list[_Claim]] = {}
        for claim in claims:
            owners = claim.group or ([claim.owner] if claim.owner else [])
            if claim.group and claim.money and not re.search(r"\beach\b|\bjointly\b|\btogether\b", s):
                owners = [claim.owner]
            for owner in owners:
                if owner == COLLECTIVE or owner in NON_DONORS:
                    continue
                by_donor.setdefault(owner, []).append(claim)

        groups: list[tuple[str, list[_Claim]]] = []
        for donor, donor_claims in by_donor.items():
            money_claims = [c for c in donor_claims if c.money]
            item_claims = [c for c in donor_claims if c.item]
            if money_claims and item_claims:
                money_end = max(c.end for c in money_claims)
                first_item = min(c.start for c in item_claims)
                if (money_end < first_item and _GENERIC_AID_AFTER_RE.match(text, money_end)
                        and _SEPARATE_COMMITMENT_RE.search(text, money_end, first_item)):
                    # "will provide EUR 977 million in military assistance in 2024 and will supply 30 F-16
                    # fighter jets by 2028": two commitments, not an amount and its contents
                    groups += [(donor, money_claims), (donor, item_claims)]
                    continue
            groups.append((donor, donor_claims))
        for donor, donor_claims in groups:
            donor_items = [c.item for c in donor_claims if c.item]
            pledge_money: list[tuple[Money, str]] = []
            cumulative_money: list[Money] = []
            for c in donor_claims:
                if not c.money:
                    continue
                a, b = _clause_of(bounds, c.start)
                full_clause = text[a:b]
                if not c.component:
                    # a whole's words stop where its share starts: "EUR 8 billion in assistance,
                    # including EUR 1.8 billion in military aid" is not itself military
                    shares = [d.start for d in donor_claims if d.money and d.component and c.end <= d.start < b]
                    if shares:
                        b = min(shares)
                clause = text[a:b]
                military = (_MILITARY_RE.search(clause) or (donor_items and _MILITARY_RE.search(s))
                            or any(i.category != "general" for i in donor_items))
                if not military and not donor_items and len(claims_money) == 1:
                    # "EUR 2.5bn to support Ukraine": military only if the sentence says so
                    military = _STRONG_MILITARY_RE.search(s) and not _CIVILIAN_RE.search(clause)
                if not military and (donor_items or not _AID_NOUN_RE.search(clause)) and not _CIVILIAN_RE.search(s):
                    # "contributed EUR 250 million to the scheme": the scheme was described just before;
                    # "..., while Estonia is providing EUR 1 million": a bare amount shares its sentence's purpose
                    military = _STRONG_MILITARY_RE.search(context_before) or (
                        len(claims_money) > 1 and _MILITARY_RE.search(s))
                    if military:
                        from_context.add(id(c.money))
                near = text[max(a, c.start - 70):min(b, c.end + 70)]
                if not military or (_CIVILIAN_RE.search(near) and not _STRONG_MILITARY_RE.search(near)):
                    continue
                window = _SUPERLATIVE_RE.sub(" ", text[a:min(b, c.end + 60)])
                kind = "cumulative" if _CUMULATIVE_RE.search(window) else _kind(s, c.start - sentence.start, False)
                if kind == "cumulative" and _NEW_PACKAGE_RE.search(window) and not _STRONG_CUMULATIVE_RE.search(window):
                    kind = "pledge"  # "this year Denmark has allocated a new package of ...": not a total
                if kind == "delivery" and not any(i.category != "general" for i in donor_items):
                    # Money alone is not handed over: "has provided $2 billion in military aid" with no
                    # new package in sight is a running total; otherwise it is a commitment. (Systems
                    # handed over "for EUR 1.5 million" stay a delivery.)
                    kind = "pledge" if _NEW_PACKAGE_RE.search(clause) else (
                        "cumulative" if _PERFECT_GIVING_RE.search(clause) else "pledge")
                # a share's own words decide for it: "15 billion for the programme, of which 9 billion go
                # to military support" -> the 15 billion mixes civil aid, the 9 billion does not
                own_words = text[c.start:b] if c.component else full_clause
                if kind == "cumulative" and _MIXED_TOTAL_RE.search(own_words):
                    continue  # totals that include non-military aid are not labelled
                if (kind == "cumulative" and not c.component and not _STRONG_MILITARY_RE.search(text[a:b])
                        and any(_MILITARY_WORD_RE.search(text, d.start, _clause_of(bounds, d.start)[1])
                                for d in donor_claims if d.money and d.component and c.end <= d.start)):
                    # "total support ... to A$1.3 billion, including A$1.1 billion in military assistance":
                    # the whole mixes civil aid (only its share is said to be military)
                    continue
                if kind != "cumulative" and _OF_WHICH_MILITARY_RE.search(own_words):
                    continue  # a mixed programme of which only a part is military
                if kind == "cumulative":
                    cumulative_money.append(c.money)
                else:
                    pledge_money.append((c.money, kind))
            # A share ("including over C$1.8 billion in military aid") counts only when the whole
            # it belongs to did not (a total that mixes civil aid is not labelled, its military part is).
            wholes = {id(c.money) for c in donor_claims if c.money and not c.component}
            kept_wholes = [m for m in cumulative_money + [m for m, _ in pledge_money] if id(m) in wholes]
            if kept_wholes:
                # a share with a period of its own ("including $55.5 billion since the invasion") is a
                # running total too
                component_ids = {id(c.money) for c in donor_claims if c.money and c.component
                                 and not _cumulative_cue(text[c.end:_clause_of(bounds, c.start)[1]])}
                cumulative_money = [m for m in cumulative_money if id(m) not in component_ids]
                pledge_money = [(m, k) for m, k in pledge_money if id(m) not in component_ids]
            for mo in cumulative_money:
                if resolve_currency(mo, donor, text) is None:
                    continue  # "kroner" from a donor without crowns: the text leaves doubt
                pledge = Pledge(
                    donor=donor, kind="cumulative", amount=mo.amount,
                    currency=resolve_currency(mo, donor, text), category="general",
                    evidence=s, start=sentence.start, end=sentence.end,
                )
                pledge.category = _category([], _clause_text(text, bounds, mo.start))
                results.append((pledge, index))
            if not pledge_money and not donor_items:
                continue
            if not pledge_money and cumulative_money and donor_items:
                # "has so far provided aid, including mine detectors, worth $10 million":
                # the systems are the contents of that running total
                money_clauses = {_clause_of(bounds, mo.start) for mo in cumulative_money}
                item_claims = [c for c in donor_claims if c.item]
                if all(_clause_of(bounds, c.start) in money_clauses for c in item_claims):
                    last_cumulative = next(
                        (p for p, i in reversed(results) if i == index and p.donor == donor and p.kind == "cumulative"), None)
                    if last_cumulative is not None:
                        last_cumulative.items.extend(c.item for c in item_claims)
                    continue
            if not pledge_money and cumulative_money and not donor_items:
                continue
            amount = currency = None
            if pledge_money:
                mo, kind = max(pledge_money, key=lambda x: x[0].amount)
                amount, currency = mo.amount, resolve_currency(mo, donor, text)
                if currency is None:
                    continue
            else:
                item_claims = [c for c in donor_claims if c.item]
                if all(_generic(c.item) for c in item_claims) and all(
                        _DEFINITE_BEFORE_RE.search(text, max(sentence.start, c.start - 20), c.start) for c in item_claims):
                    categories = {c.item.category for c in item_claims}
                    if any(index - other_index <= 3 and categories & {i.category for i in other.items}
                           for other, other_index in results[-8:]):
                        continue  # "The tanks are being replaced ...": the tanks just pledged, told about
                first_item = min(item_claims, key=lambda c: c.start)
                kind = _kind(s, first_item.start - sentence.start, False)
                if kind == "pledge" and _cumulative_cue(_clause_text(text, bounds, first_item.start)):
                    kind = "delivery"  # "has so far donated 320 tanks": systems already given
                # "ammunition", "missiles" alone with no money are too vague; a count makes them
                # a stated pledge ("will send 80,000 air-to-ground rockets")
                named = [i for i in donor_items if (i.category != "general" and i.system.lower() not in _NEUTRAL_ITEMS)
                         or (i.quantity or 0) > 1]
                if not named:
                    continue
            pledge = Pledge(
                donor=donor, kind=kind, amount=amount, currency=currency, category="general",
                items=list(donor_items), evidence=s, start=sentence.start, end=sentence.end,
            )
            context = s if len(by_donor) == 1 else _donor_context(text, bounds, donor_claims, mentions)
            pledge.category = _category(pledge.items, context)
            if pledge.category == "general" and not pledge.items and amount is not None and id(mo) in from_context:
                # "The Netherlands will contribute EUR 250 million to the plan" (a plan to buy shells)
                pledge.category = _category([], context_before)
            elif (pledge.category == "general" and amount is not None
                  and all(i.category == "general" for i in pledge.items) and _DEFINITE_REFERENCE_RE.search(s)):
                # "Sweden - 300 million crowns to the initiative", "200 million crowns for the ammunition":
                # the initiative or ammunition described just before gives the capability
                cue_categories = _cue_categories(context_before)
                if len(cue_categories) == 1:
                    pledge.category = cue_categories[0]
            including = _INCLUDING_RE.search(s)
            if amount is not None and including and all(
                    c.start - sentence.start > including.start() for c in donor_claims if c.item):
                # "GBP 1.5 billion of equipment, including long-range missiles": examples, not the whole
                pledge.category = _category([], s[:including.start()])
            results.append((pledge, index))
            last_pledge = (pledge, index)
            if s.rstrip().endswith(":") and _LIST_INTRO_RE.search(s) and len(by_donor) == 1:
                # "This package, valued at $125 million, includes:" then a bulleted list of its contents
                list_owner = last_pledge
                list_owner_listed = True
    return _merge_duplicates(results)


_ENTRY_PREFIX_RE = re.compile(r"[\s\-•*–—·▪●\"“]*(?:the\s+)?")
_ENTRY_SEPARATOR_RE = re.compile(r"\s*(?:[:–—]|\s-)\s")


def _is_entry(s: str) -> bool:
    """A results list entry, "- Germany: four IRIS-T SLM systems": the country's decision."""
    prefix = _ENTRY_PREFIX_RE.match(s)
    m = COUNTRY_RE.match(s, prefix.end())
    return bool(m and _ENTRY_SEPARATOR_RE.match(s, m.end()))


def _dominant_donor(text: str, title_end: int) -> str | None:
    """The donor an article is about: the only one its title names, or one with most mentions."""
    if title_end:
        in_title = {m.code for m in find_mentions(text, 0, title_end) if m.actor and m.code not in NON_DONORS}
        if len(in_title) == 1:
            return next(iter(in_title))
    counts: dict[str, int] = {}
    for m in COUNTRY_RE.finditer(text, 0, min(len(text), 20_000)):
        code = COUNTRY_ALIASES[m.group(1)].code
        if code not in NON_DONORS:
            counts[code] = counts.get(code, 0) + 1
    if not counts:
        return None
    code, n = max(counts.items(), key=lambda kv: kv[1])
    return code if n >= 3 and n >= 0.6 * sum(counts.values()) else None


def _single_donor(text: str, sentences: list[Sentence], index: int, skip_until: int) -> str | None:
    """The one donor acting in sentence `index` (or in the title before the body), if exactly one."""
    if index >= 0:
        sentence = sentences[index]
        mentions = find_mentions(text, sentence.start, sentence.end)
    elif skip_until:
        mentions = find_mentions(text, 0, skip_until)
    else:
        return None
    codes = {m.code for m in mentions if m.actor and m.code not in NON_DONORS and m.kind != "official"}
    return next(iter(codes)) if len(codes) == 1 else None


def _clause_text(text: str, bounds: list[tuple[int, int]], position: int) -> str:
    a, b = _clause_of(bounds, position)
    return text[a:b]


def _donor_context(text: str, bounds: list[tuple[int, int]], claims: list[_Claim],
                   mentions: tuple[Mention, ...] = ()) -> str:
    """The words that go with one donor among several in a sentence: each of its claims'
    clause, cut at the next country named ("Norway (NOK 1 billion for air defence), Sweden ...")."""
    parts = []
    for c in claims:
        a, b = _clause_of(bounds, c.start)
        following = [m.start for m in mentions if c.end <= m.start < b]
        parts.append(text[a:min(following) if following else b])
    return " ".join(parts)


def _generic(item: Item) -> bool:
    """A common noun ("air defence systems", "tanks") rather than a named system ("SAMP/T", "M113")."""
    return not any(ch.isupper() or ch.isdigit() for ch in item.system)


def _different_counts(a: Pledge, b: Pledge) -> bool:
    """Both give a count for the same system, and the counts differ: two events, not one told twice."""
    counts = {i.system.lower(): i.quantity for i in a.items if i.quantity}
    return any(i.quantity and counts.get(i.system.lower(), i.quantity) != i.quantity for i in b.items)


_RECENT = 12  # how many earlier pledges of a donor a new one is compared with (keeps this linear)


def _merge_duplicates(results: list[tuple[Pledge, int]]) -> list[tuple[Pledge, int]]:
    """One pledge per donor per announcement: the same amount, or the same systems, read twice."""
    kept: list[tuple[Pledge, int]] = []
    by_donor: dict[tuple[str, bool], list[tuple[Pledge, int]]] = {}
    for pledge, index in results:
        key = (pledge.donor, pledge.kind == "cumulative")
        recent = by_donor.setdefault(key, [])
        duplicate = None
        for other, other_index in reversed(recent[-_RECENT:]):
            if pledge.amount is not None and other.amount is not None:
                if abs(pledge.amount - other.amount) <= 0.01 * max(pledge.amount, other.amount):
                    duplicate = other
                    break
            elif (pledge.amount is None and pledge.kind == other.kind and index - other_index <= 3
                  and bool(_cumulative_cue(pledge.evidence)) == bool(_cumulative_cue(other.evidence))
                  and not _different_counts(pledge, other)):
                names = {i.system.lower() for i in other.items}
                if not pledge.items or any(
                    i.system.lower() in n or n in i.system.lower() for i in pledge.items for n in names
                ):
                    duplicate = other
                    break
        if duplicate is None:
            for other, other_index in reversed(recent[-_RECENT:]):
                # "five more air defence systems" first, then each donor's named system:
                # the generic mention and the named one are the same pledge
                if (other.kind == pledge.kind and other.amount is None
                        and pledge.amount is None and 0 < index - other_index <= 3
                        and other.items and all(_generic(i) for i in other.items)
                        and any(not _generic(i) and i.category == other.items[0].category for i in pledge.items)):
                    duplicate = other
                    break
        if duplicate is None and pledge.amount is not None and pledge.items:
            names = {i.system.lower() for i in pledge.items}
            for entry in reversed(recent[-_RECENT:]):
                other, other_index = entry
                if (other.amount is None and other.items and other.kind == pledge.kind and 0 < index - other_index <= 10
                        and (any(i.system.lower() in n or n in i.system.lower() for i in other.items for n in names)
                             or (all(_generic(i) for i in other.items)
                                 and {i.category for i in other.items} <= {i.category for i in pledge.items}))):
                    # "Abrams from Australia ..." (a teaser) then "Canberra will hand over 49 Abrams, worth
                    # A$245 million": one pledge, told twice
                    kept.remove(entry)
                    recent.remove(entry)
                    break
        if duplicate is None and pledge.amount is None and pledge.items and pledge.kind == "pledge":
            for other, other_index in reversed(recent[-_RECENT:]):
                # "Trudeau announced $500 million ... Canada will also donate 288 AIM-7 missiles":
                # systems announced with an amount a sentence or two before are that announcement
                if other.kind == "pledge" and other.amount is not None and 0 < index - other_index <= 2:
                    duplicate = other
                    break
        if duplicate is None and pledge.amount is None and pledge.items and all(_generic(i) for i in pledge.items):
            for other, other_index in reversed(recent[-_RECENT:]):
                # "... will each provide a Patriot battery ... Washington would deliver hundreds of
                # additional interceptors": the common nouns add to the named systems of the same capability
                if (other.kind == pledge.kind and other.amount is None and other.items and 0 < index - other_index <= 3
                        and {i.category for i in pledge.items} <= {i.category for i in other.items}):
                    duplicate = other
                    break
        if duplicate is None:
            kept.append((pledge, index))
            recent.append((pledge, index))
            continue
        known = {i.system.lower() for i in duplicate.items}
        for item in pledge.items:
            if item.system.lower() not in known:
                duplicate.items.append(item)
        if len({i.category for i in duplicate.items if i.category != "general"}) > 1:
            duplicate.category = "general"
    return kept
