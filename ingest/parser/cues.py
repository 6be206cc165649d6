"""Every cue pattern of the parser, grouped by what it tells, each compiled once.

A cue is a word pattern that tells a stage something about a sentence ("will
send" is a commitment, "to date" a running total, "led by" a coalition's
leader). The stages import them from here, so a reader who wants to know which
words void a claim finds them all in one section, and the prefilter test sees
every pattern (tests/parser/test_prefilters.py). Grammars (numbers and
currencies, dates, sentence ends) stay with the module that reads them.

`lower_compile` patterns run on lower-cased text (case-insensitive, faster);
`fast_compile` ones are case-sensitive with a literal prefilter; `re.compile`
ones are short anchored checks run at a given position.
"""

from __future__ import annotations

import re

from .fastre import fast_compile, lower_compile


# --- Whom a country mention names: the payer, a place, a recipient, a leader, a company, a person
AFTER_POSSESSIVE_RE = re.compile(r"\A['’]s?\b")
AFTER_LED_RE = re.compile(r"\A\s?-?\s?(?:co-?)?led\b", re.IGNORECASE)
# Words after an organisation name that make it a place or a collective, not the payer.
ORG_NOT_ACTOR_RE = re.compile(
    r"\A(?:['’]s\s+)?[\s\-–]*(?:-?Ukraine|allies|ally|members?|member\s+states|member\s+countries|countries|"
    r"partners|nations|summit|Council|trust\s+fund|fund|mechanism|framework|procurement\s+mechanism|Secretary|Secretary-General|Secretary\s+General|ministers?|"
    r"foreign\s+ministers|defen[cs]e\s+ministers|headquarters|leaders|states|capitals|spokes\w*|"
    r"ambassadors?|chief|accession|membership|forces\s+in|Parliament|Military\s+Committee|Commission\s+President)\b",
    re.IGNORECASE,
)
CAPITAL_SOURCE_BEFORE_RE = re.compile(r"\bfrom\s+$", re.IGNORECASE)
CAPITAL_ACTOR_AFTER_RE = re.compile(
    r"\A(?:['’]s\b|\s+(?:has|have|had|will|would|is|was|announced|pledged|promised|committed|plans|"
    r"agreed|decided|approved|sent|delivered|is\s+sending|also|said|says|confirmed|allocated|donated|"
    r"estimates|estimated|put|puts|values|valued|transferred|handed|provided|supplied|gave|gives|will))",
)
BEFORE_RECIPIENT_RE = re.compile(r"(?:\bto|\binto|\bagainst|\bon|\bat|\bin|\bwith|\bnear|\bvia|\bvisit(?:ed|s)?)\s+(?:the\s+)?$", re.IGNORECASE)
BEFORE_LOCATION_RE = re.compile(
    r"(?:\bin|\bat|\bto|\bnear|\bvia|\bof|\bvisit(?:ed|s)?|\bvisit\s+to|"
    r"(?:arriv\w*|return\w*|flew|travel\w*|came|back|trip)\s+from)\s+$", re.IGNORECASE)
# "Germany will supply Greece with 40 Marders": the country supplied is a recipient (with the text
# after the name starting " with")
SUPPLIED_BEFORE_RE = re.compile(
    r"\b(?:suppl(?:y|ies|ied|ying)|provid(?:e|es|ed|ing)|equip(?:s|ped|ping)?|furnish(?:es|ed|ing)?|"
    r"compensat(?:e|es|ed|ing)|backfill(?:s|ed|ing)?)\s+(?:the\s+)?$", re.IGNORECASE)
WITH_AFTER_RE = re.compile(r"\s+with\b")
BEFORE_COMPARISON_RE = re.compile(r"\b(?:after|than|like|unlike|behind|besides|alongside|such\s+as|including|as\s+did|as\s+has)\s+(?:the\s+)?$", re.IGNORECASE)
BOUGHT_RE = re.compile(r"\b(?:bought|buy|buys|buying|purchas\w*|procur\w*|ordered|acquir\w*)\b", re.IGNORECASE)
DEMONYM_NOT_ACTOR_AFTER_RE = re.compile(
    r"\A[\s\-]+(?:counterpart|colleague|media|press|newspaper|outlet|journalist|analyst|expert|"
    r"company|companies|firm|manufacturer|maker|defence\s+(?:industry|company|firm|companies)|"
    r"defense\s+(?:industry|company|firm|companies)|industry|industries|citizens|people|soil|territory|"
    r"border|troops|soldiers|forces|army|cities|civilians|infrastructure|economy|airspace|waters|"
    r"initiative|model|intelligence|authorities\s+said|arms|weapons\s+maker|defen[cs]e\s+group|group|"
    r"conglomerate|manufacturers?|makers?|shipyard|startup|start-up)\b",
    re.IGNORECASE,
)
PAYER_BEFORE_RE = re.compile(r"\bthrough\s+$|\bby\s+$|\bfrom\s+$")
LED_LIST_GAP_RE = re.compile(r"(?:['’]s)?\s*(?:,|and|&|,\s*and)\s*")
# "agreed with Canadian Prime Minister Justin Trudeau on armoured vehicles": the partner gives them
AGREED_WITH_BEFORE_RE = re.compile(r"\b(?:agreed|agreements?|deals?|arrangements?|signed)\b[^.;]{0,160}\bwith\s+(?:the\s+)?$")
PARTNER_ON_AFTER_RE = re.compile(r"(?:\s+[A-Z][\w\-’']+){0,4}\s+on\s+(?!the\s+sidelines)")
TITLED_FIRST_NAME_BEFORE_RE = re.compile(
    r"\b(?:Minister|President|Chancellor|Secretary|Premier|Ambassador|General|Admiral|Commissioner)\s+"
    r"[A-ZÀ-ÖØ-Þ][\w’'\-]+\s+\Z")


# --- Officials and whom they speak for ---------------------------------------------------------
# Run with .match(text, pos): no \A, which would only ever match at position 0.
TITLE_AFTER_COUNTRY_RE = re.compile(
    r"(?:['’]s)?\s+(?:(?:[A-Z][a-z]+|of|for|and)\s+){0,5}?"
    r"(?:Minister|Secretary|President|Chancellor|Premier|Commissioner|Ambassador|Envoy|Spokesperson|Chief)"
    r"(?:\s+(?:of|for)\s+(?:[A-Z][a-z]+\s+){0,3}?(?:[A-Z][a-z]+))?"
    r",?\s+(?P<name>(?:[A-Z][\w’'\-]+\s+){0,2}[A-Z][\w’'\-]+)"
)
SAID_COUNTRY_RE = re.compile(
    r"(?P<surname>[A-Z][\w’'\-]{2,})\s+(?:said|says|announced|added|told\s+\w+|confirmed|stated)\s+(?:that\s+)?(?:the\s+)?$"
)
TITLE_WORD_RE = re.compile(r"Minister|Secretary|President|Chancellor|Premier|Commissioner|Ambassador|Envoy|Spokes|Chief")
FIRST_PERSON_RE = re.compile(r"\b(?:[Ww]e|[Oo]ur|I)\b")


QUOTE_MARK_RE = re.compile(r"[\"“”«»„]")
PRONOUN_SPEAKER_RE = re.compile(r"(?:[Hh]e|[Ss]he|[Tt]hey)")


# --- Unnamed collectives that absorb what follows them -----------------------------------------
COLLECTIVE_RE = lower_compile(
    r"\b(?<!other\s)(?<!its\s)(?<!their\s)(?<!and\s)(?:(?:a\s+number\s+of\s+|several\s+|many\s+|some\s+|the\s+|western\s+|NATO\s+|EU\s+|European\s+)?"
    r"(?:allies|partners|partner\s+countries|countries|nations|member\s+states|donors|the\s+west|coalition\s+members|"
    r"international\s+partners|the\s+international\s+community))\b",
    re.IGNORECASE,
)
EU_MEMBERS_RE = re.compile(r"EU\s+(?:member\s+states|countries|states|governments)\b", re.IGNORECASE)
EPF_RE = re.compile(r"\bEuropean\s+Peace\s+Facility\b|\bEPF\b")


# --- Systems: the words around a gazetteer term ------------------------------------------------
VERB_BEFORE_RE = re.compile(r"\b(?:will|would|to|shall|must|can|could)\s+\Z")
# "CRV7", "Hydra-70", "M-ATV": a type designation (capitals with digits or an acronym), not a plain word
TYPE_NAME_BEFORE_RE = re.compile(
    r"(?<![\w\-])([A-Z][A-Za-z]*\d[\w\-/]*|[A-Z]{2,}\d*(?:-[A-Z0-9]+)*|[A-Z][A-Z0-9]*(?:-[A-Z0-9]+)+)\s+\Z")
TITLE_NAME_BEFORE_RE = re.compile(
    r"(?<![\w\-])(?!(?:The|These|Those|This|Its|Their|Our|New|More|Other|Some|All|Further|Additional|And|With|For)\b)"
    r"((?:[A-Z][a-z]+[\s\-]){1,3})\Z")
ARMOURED_RE = re.compile(r"\b[Aa]rmou?red\b")
# "40 armoured combat support vehicles": up to four lower-case words between a count and a
# generic materiel word (group 1: the count's word, group 2: the words)
COUNTED_MODIFIERS_BEFORE_RE = re.compile(r"(?<![\w\-])([\w,.\-]+)\s+((?:[a-z][a-z\-]*\s+){1,4})\Z")
LOWER_WORD_RE = re.compile(r"[a-z][a-z\-]*")
MUNITION_FOR_RE = re.compile(r"\s+for\s+(?:the\s+|its\s+|their\s+|Ukraine['’]s\s+)?")
MUNITION_RE = re.compile(r"\b(?:ammunition|munitions?|rounds?|missiles?|rockets?|shells?|interceptors?|projectiles?)\s*\Z",
                          re.IGNORECASE)
COALITION_OF_BEFORE_RE = re.compile(r"\bcoalitions?\s+(?:of|for|on)\s+$", re.IGNORECASE)
NOT_MATERIEL_AFTER_RE = re.compile(
    # "Russian missile and drone attacks": the threat, not materiel
    r"\s+(?:and|or)\s+[\w\-]+\s+(?:attacks?|strikes?|raids?)\b|"
    r"\s*(?:capability\s+coalition|coalition|initiative|production|industry|manufactur\w*|makers?|"
    r"producers?|programme|program|attacks?|strikes?|instructors?|technicians?|pilots?|crews?|mechanics|maintenance|"
    r"training|trainers?)\b", re.IGNORECASE)
WITH_FOR_RE = re.compile(r"\bwith\b|\bfor\b")
CAPITALISED_RE = re.compile(r"[A-Z][a-z]+(?:-made)?")
DIGITS_RE = re.compile(r"\d{1,3}(?:[,.\u00a0]\d{3})+|\d+(?:[.,]\d+)?")
GROUPED_DIGITS_RE = re.compile(r"\d{1,3}(?:[,.\u00a0]\d{3})+")
GROUP_SEPARATOR_RE = re.compile(r"[,.\u00a0]")
SPACES_RE = re.compile(r"\s+")
DE_FENCE_RE = re.compile(r"\bde\s+(fen[cs]e)")


# --- Sentences that may hold a pledge: commitments, contents, references back ------------------
COMMIT_RE = lower_compile(
    r"\b(?:provid\w*|suppl(?:y|ies|ied|ying)|send\w*|sent|deliver\w*|donat\w*|pledg\w*|commit\w*|agreed\s+(?:with|on)|"
    r"announc\w*|confirm\w*|allocat\w*|transfer\w*|hand(?:s|ed|ing)?\s+over|give[ns]?|gave|giving|grant\w*|"
    r"contribut\w*|fund(?:s|ed|ing)?|financ\w*|purchas\w*|procur\w*|buy\w*|bought|order(?:s|ed)?|"
    r"packages?|aid|assistance|prepar\w*|earmark\w*|approv\w*|dispatch\w*|ship(?:s|ped|ping)?|"
    r"equip(?:s|ped|ping)?|receiv\w*|arriv\w*|offer\w*|set\s+aside|(?:make|made|making)\s+available|"
    r"invest\w*|worth|promis\w*|support|get|gets|getting|obtain\w*|go(?:es)?\s+(?:to|through|via|towards)|will\s+go|be\s+used|used\s+for|direct(?:s|ed)?\s+to|pa(?:y|ys|id|ying)|channel\w*|spen[dt]\w*|disburs\w*|releas\w*|mobili[sz]\w*|add(?:s|ed|ing)?)\b",
    re.IGNORECASE,
)
CONTENTS_RE = lower_compile(
    r"\b(?:includ(?:e|es|ed|ing)|consist(?:s|ed)?\s+of|compris(?:e|es|ing)|contain(?:s|ed|ing)?|"
    r"will\s+see|among\s+(?:them|others|other\s+things)|such\s+as|is\s+made\s+up\s+of|covers?|consisting)\b|:\s*$",
    re.IGNORECASE, hints=('includ', 'consist', 'compris', 'contain', 'will see', 'among', 'such as', 'made up', 'cover', ':'))
PRONOUN_START_RE = re.compile(
    # an opening adverbial ("Today", "During the visit,") may come first
    r"\A[\"“‘']?(?:(?:Today|Yesterday|Now|Meanwhile|Earlier|Later|On\s+\w+|This\s+week|During\s+the\s+(?:visit|meeting|trip)),?\s+)?"
    r"(?:It|Its|They|This|These|In\s+addition|Additionally|Furthermore|Moreover|"
    r"[Tt]he\s+(?:country|[Gg]overnment|[Mm]inistry|kingdom|package|aid|assistance|"
    r"support|contribution|delivery|new\s+package|latest\s+package|new\s+aid|donation|shipment|handover|transfer|consignment|batch|"
    r"announcement|funding|funds|money|tranche|allocation|contract|deal|purchase|order|agreement|"
    r"(?:Prime\s+)?[Mm]inister|(?:Defen[cs]e\s+)?[Mm]inister|[Cc]hancellor|"
    r"(?:total\s+)?(?:value|worth|cost|size|volume)\s+of\s+(?:the|this|that|its)\s+(?:new\s+)?(?:package|aid|assistance|support|contribution|tranche)))\b",
)
ENTRY_PREFIX_RE = re.compile(r"[\s\-•*–—·▪●\"“]*(?:the\s+)?")
ENTRY_SEPARATOR_RE = re.compile(r"\s*(?:[:–—]|\s-)\s")
ALSO_RE = lower_compile(r"\b(?:also|additionally|in\s+addition|separately|further)\b", re.IGNORECASE)
INCLUDES_RE = lower_compile(r"\b(?:includ\w*|contain\w*|compris\w*|consist\w*)\b", re.IGNORECASE)
INCLUDING_RE = lower_compile(r"\b(?:including|(?:that|which)\s+includ(?:ed|es)|such\s+as|among\s+them|among\s+others|notably)\b", re.IGNORECASE)
NEW_ANNOUNCEMENT_RE = lower_compile(r"\b(?:announc\w*|pledg\w*|approv\w*|unveil\w*|promis\w*|commit\w*|"
                                    r"send|sends|sending|provid\w*|give|gives|giving|allocat\w*)\b[^.;]{0,40}\bpackage\b")
DEFINITE_BEFORE_RE = re.compile(r"\b(?:the|these|those|their|its|such)\s+(?:[a-z\-]+\s+)?\Z", re.IGNORECASE)
DEFINITE_REFERENCE_RE = lower_compile(
    r"\b(?:the|this|that)\s+(?:initiative|scheme|programme|program|plan|mechanism|effort|shells|ammunition|munitions)\b")
# "has allocated DKK 1.2 billion for this purpose": the amount pays for what was just described
REFERS_BACK_RE = lower_compile(
    r"\b(?:for|to)\s+(?:this|that|these|those|such)\s+(?:purpose|purposes|aim|goal|end|initiative|project|"
    r"programme|program|production|purchase|procurement|order|deal|agreement|contract)\b|\bto\s+this\s+end\b|"
    # "We are committing EUR 900 million for these systems": the materiel just pledged
    r"\b(?:for|to\s+(?:buy|pay\s+for|fund|finance|purchase))\s+(?:these|those)\s+(?:[\w\-]+\s+){0,2}?"
    r"(?:systems|weapons|jets|aircraft|tanks|vehicles|howitzers|guns|launchers|drones|missiles|shells|munitions|boats|helicopters)\b")
SEPARATELY_RE = re.compile(r"\W*(?:separately|in\s+a\s+separate\b|on\s+top\s+of\s+(?:this|that|the\s+package))", re.IGNORECASE)
SEPARATE_COMMITMENT_RE = re.compile(
    r"\band\s+(?:will|would|is\s+to|plans\s+to)\s+(?:also\s+)?(?:supply|send|deliver|provide|donate|hand\s+over|transfer|give)\b")
GENERIC_AID_AFTER_RE = re.compile(r"\s+(?:in|of)\s+(?:new\s+)?(?:military|security|defen[cs]e)\s+(?:aid|assistance|support)\b")


# "The deal comes on top of a separate loan": another pledge than the one just read
OTHER_PLEDGE_RE = lower_compile(r"\b(?:separate|separately|another|earlier|previous|previously)\b")
ALSO_WORD_RE = re.compile(r"\balso\b")
PACKAGE_VALUE_RE = lower_compile(r"\b(?:package|valued|worth)\b")


# A sentence can only state an amount if it names a currency somehow (tested on lower-cased text
# with `in`: faster than one regular expression for so many short strings).
CURRENCY_HINTS = (
    "$", "€", "£", "¥", "₩", "₴", "eur", "usd", "gbp", "nok", "sek", "dkk", "cad", "aud", "nzd", "jpy", "pln",
    "czk", "chf", "isk", "huf", "bgn", "krw", "uah", "dollar", "pound", "sterling", "kron", "krona", "crown",
    "korun", "zlot", "złot", "yen", "franc", "forint", "lei", "leva", "lira", "hryvn", "roubl", "rubl", " won",
    "zł", "kč",
)


# --- Clauses, and amounts that are conversions or shares of another ----------------------------
CLAUSE_SPLIT_RE = re.compile(
    r",\s*(?:while|whereas|but|and\s+(?:that|the|its|a))\b|,\s+and\s+(?=[A-Z])|;|\s[–—-]\s(?=[A-Z])|,\s*(?:which|bringing|taking)\b|"
    r",\s*(?:several|some|many|most|all|one|two|none|each)\s+of\s+(?:which|whom|them)\b|"
    # "25 packages so far, with the latest amounting to EUR 100 million": the latest is its own clause
    r",\s*with\s+(?:the|a)\s+(?:latest|last|newest|new|recent|most\s+recent|most\s+contemporary)\b",
    re.IGNORECASE,
)
CONTRAST_RE = lower_compile(r",?\s+(?:but|while|whereas|however|yet|although|though)\b|;", re.IGNORECASE)
PUNCTUATION_RE = re.compile(r"[,;.]")
CONVERSION_GAP_RE = lower_compile(
    r"\A\s*(?:\(|\[|,\s*(?:or|about|around|roughly|approximately|some|equivalent|worth)|—|–|-\s|or\b|=)",
    re.IGNORECASE,
)
# "Of the total, £125 million will go to ...", "including A$30 million for ...": a share of
# an amount just announced, not a pledge of its own.
COMPONENT_BEFORE_RE = lower_compile(
    r"(?:\bof\s+(?:the|this|that)\s+(?:total|amount|sum|package|funding|money)|\bof\s+which|\bincluding|"
    r"\bincludes|\bwhich\s+includes?|\bout\s+of\s+(?:the|this|which))\W{0,3}(?:\w+\W+){0,3}$",
    re.IGNORECASE,
)
SHARE_START_RE = re.compile(
    r"\A\W*(?:[A-Z][a-z]+:\s*)?(?:of\s+(?:the|this|that)\s+(?:total|amount|sum|package|money)|of\s+which|out\s+of\s+(?:the|this|that))\b",
    re.IGNORECASE)


# --- Attribution: who a claim belongs to -------------------------------------------------------
# "includes £350 million from the UK": the payer of a share named right after it
SHARE_SOURCE_AFTER_RE = re.compile(r"\s+(?:of\s+it\s+|in\s+\w+\s+)?(?:coming\s+)?from\s+(?:the\s+)?[A-Z]")
SOURCE_BEFORE_RE = re.compile(r"\b(?:by|from|of|according\s+to)\s+(?:the\s+)?$", re.IGNORECASE)
SPEAKER_AFTER_RE = re.compile(
    r"(?:['’]s)?(?:\s+[\w\-]+){0,4}?\s+(?:said|says|announced|announces|told|added|stated|confirmed|reported|noted|wrote)\b")
THROUGH_BEFORE_RE = re.compile(r"\b(?:through|via)\s+$")
FROM_BEFORE_RE = re.compile(r"\bfrom\s+(?:the\s+)?$")
# a comma that ends a clause, not one that groups digits ("200,000")
CLAUSE_COMMA_RE = re.compile(r",(?!\d{3}\b)")
OPEN_RELATIVE_RE = re.compile(r",\s*(?:which|who|whose|where)\b[^,]*$", re.IGNORECASE)
JOINT_BEFORE_RE = re.compile(r"\b(?:together|jointly)\s+with\s+(?:the\s+)?$", re.IGNORECASE)
LIST_GAP_RE = re.compile(r"\s*(?:,|and|,\s*and|&)\s*(?:the\s+)?")
TIGHT_LIST_GAP_RE = re.compile(r"\s*(?:,|and|&)\s*(?:the\s+)?")


# "some SCALP missiles ... have already been delivered": handed over, whatever came before
PASSIVE_DELIVERED_RE = lower_compile(
    r"\b(?:has|have|had)\s+(?:already\s+|now\s+|also\s+)?been\s+(?:delivered|handed\s+over|transferred|shipped)\b")
# "EUR 200 million for drone interceptors and EUR 125 million for F-16 support": each amount
# has its own purpose (not a period: "in 2025")
PURPOSE_AFTER_RE = re.compile(r"\s+(?:[\w\-]+\s+){0,3}?(?:for|toward|towards|to)\s+(?!20\d\d\b)", re.IGNORECASE)
PURPOSE_THEN_AND_RE = re.compile(
    r"(?:\s+(?:[\w\-]+\s+){0,3}?(?:for|toward|towards|to)\s+(?!20\d\d\b)[^,;:()]{1,80}?"
    r"|\s+(?:[\w\-]+\s+){1,3}(?:package|assistance|aid|support|funding)\b[^,;:()]{0,40}?)"
    r",?\s+and\s+(?:a\s+further\s+|another\s+)?",
    re.IGNORECASE)
# "besides the first transfer of EUR 1.4 billion, ...": an amount told beside the new one
BESIDES_BEFORE_RE = lower_compile(r"\b(?:besides|in\s+addition\s+to|on\s+top\s+of|apart\s+from)\b[^,;.]{0,40}$")
# "Denmark and Norway will each provide ...": the amount is every listed donor's (but "two packages,
# each valued at ..." counts packages, not donors)
EACH_RE = re.compile(r"\beach\b(?!\s+(?:valued|worth|costing|with|containing|of\s+which|package|tranche|batch))")


# --- What voids a claim: needs, refusals, hypotheticals, unnamed payers, aid for others, own defence
NEED_RE = lower_compile(
    r"\b(?:we\s+(?:still\s+)?need|(?:Ukraine|Kyiv|it|they)\s+(?:still\s+|urgently\s+)?needs?\b|in\s+need\s+of|"
    r"(?:urgent|priority|pressing|key|main|critical)\s+needs|needs\s+(?:are|include|remain)|"
    r"request(?:s|ed)?\b|ask(?:s|ed|ing)?\s+(?:for|partners|allies)|call(?:s|ed|ing)?\s+(?:on|for)|"
    r"urg(?:e|es|ed|ing)\b|appeal(?:s|ed)?\s+(?:to|for)|priorit(?:y|ies)\b|wish\s*list|shortages?\b|"
    r"lack\s+of|would\s+like|hope[sd]?\s+to\s+(?:receive|get)|waiting\s+for)",
    re.IGNORECASE, hints=('need', 'request', 'ask', 'call', 'urg', 'appeal', 'priorit', 'wish', 'shortage', 'lack', 'would like', 'hope', 'waiting'))
HYPOTHETICAL_RE = fast_compile(
    r"\b(?:could|might|consider(?:s|ed|ing)?|discuss(?:es|ed|ing)?|talk(?:s|ed)?\s+about|"
    r"explor(?:e|es|ed|ing)|possib(?:le|ly|ility)|whether|refus(?:e|es|ed|ing)|declin(?:e|es|ed)\s+to|"
    r"reject(?:s|ed)?|block(?:s|ed|ing)?|veto(?:es|ed)?|no\s+plans?|won['’]t|will\s+not|would\s+not|"
    r"rul(?:e|es|ed)\s+out|interested\b|seek(?:s|ing)?\s+to|(?:wants?|wanted)\s+to|"
    r"not\s+(?:yet\s+)?(?:provide|send|deliver|supply|give|transfer)|list\s+of\s+targets|targets?\b|"
    r"shot\s+down|intercept(?:ed|s)\b|destroy(?:ed|s)?\b|condemn\w*|captured|seized|"
    r"for\s+(?:its|their)\s+own\s+(?:armed\s+forces|army|military|forces|use|stocks)|replenish(?:ing|es|ed)?\s+(?:their|its\s+own|own|allies)|refill(?:ing|s|ed)?\s+(?:their|its\s+own|own)|(?:their|allies['’])\s+own\s+(?:stocks|stockpiles|armed\s+forces))\b"
    r"|\bmay\b|\bif\b|\bbut\s+not\b|\brather\s+than\b|\binstead\s+of\b"
    r"|\baim(?:s|ed|ing)?\s+to\b|\bnot\s+paying\b|\bas\s+a\s+broker\b|\bon\s+behalf\s+of\b"
    r"|\b(?:paus(?:e|es|ed|ing)|halt(?:s|ed|ing)?|suspend(?:s|ed|ing)?|freez(?:e|es)|froze|"
    r"withh(?:o|e)ld\w*|cancel(?:s|led|ed|ling)?|stopp(?:ed|ing)|delay(?:s|ed|ing)?)\b"
    # intentions under negotiation, money not yet committed, pressure on others, rumours
    r"|\b[Pp]repar(?:es|ed|ing)\s+to\s+(?:buy|purchase|procure|order|acquire)\b|\bin\s+talks\b|\b[Nn]egotiat\w*"
    r"|\bwould\s+involve\b|\bstill\s+(?:available|accessible|remaining|left|unspent|unused)\b"
    r"|\bremain(?:s|ing)?\s+(?:available|unspent|unused)\b|\byet\s+to\s+(?:be\s+)?(?:commit|allocat|announc|approv|decid)\w*"
    r"|\bpressur(?:e|ed|ing)\s+\w+\s+to\b|\breportedly\b|\bunconfirmed\b|\brumou?r\w*"
    # "the newspaper reported, citing sources": a media report, not the donor's word
    r"|\b(?:citing|according\s+to)\s+(?:\w+\s+){0,2}sources\b|\bsources\s+(?:said|say|told|familiar)\b"
    # "after weeks of pressure from Kyiv on Berlin to supply", "has pressed Berlin to send"
    r"|\bpressure\b[^.;]{0,40}?\bto\s+(?:supply|send|provide|deliver|give|hand|transfer|donate)\b"
    r"|\bpress(?:es|ed|ing)\s+\w+(?:\s+\w+)?\s+(?:to|for)\b"
    r"|\bshould\s+(?:send|provide|give|supply|deliver|transfer)\b|\bought\s+to\b",
)
# "will deliver 500,000 shells, financed by 15 countries": the payers are not named
UNNAMED_PAYERS_RE = lower_compile(
    r"\b(?:financed|funded|paid\s+for|bankrolled)\s+by\s+(?:\d+|several|many|other|various|partner|allied|a\s+group)|"
    r"\b(?:secured|raised|found|collected)\s+(?:the\s+)?(?:funding|funds|money|financing)\b|"
    r"\b(?:funding|funds|money|financing|contributions)\s+from\s+(?:more\s+than\s+|over\s+|some\s+|about\s+)?"
    r"(?:\d+|two|three|four|five|six|seven|eight|nine|ten|a\s+dozen|dozens\s+of|several|many|other)\s+(?:countries|partners|allies|donors|states|nations)",
    re.IGNORECASE, hints=('financed', 'funded', 'paid', 'bankrolled', 'secured', 'raised', 'found', 'collected', ' from '))
UKRAINE_RE = lower_compile(r"Ukrain|Kyiv|Kiev|Zelensk", re.IGNORECASE)
RECIPIENT_BEFORE_RE = re.compile(r"\b(?:to|for)\s+(?:the\s+)?$", re.IGNORECASE)
OWN_DEFENCE_RE = lower_compile(
    r"\b(?:defen[cs]e|military)\s+(?:budget|spending|expenditure)s?\b|\b(?:its|their)\s+own\s+(?:army|armed\s+forces|"
    r"military|stocks|defen[cs]e)\b|\bof\s+(?:its|their)\s+GDP\s+on\s+defen[cs]e\b|\bnational\s+defen[cs]e\s+needs\b|"
    r"\bfor\s+the\s+(?:air\s+)?defen[cs]e\s+of\s+(?:the\s+)?(?!ukrain)[a-z]|\breplenish\w*\s+(?:its\s+|their\s+)?(?:own\s+)?stock|"
    r"\bown\s+stocks\b|\b(?:its|their)\s+(?:own\s+)?defen[cs]e\s+(?:industry|industries|sector|companies)\b",
    hints=("budget", "spending", "expenditure", "own", "gdp", "national", "defen", "replenish"))


# --- Kind: pledge, delivery or running total ---------------------------------------------------
# "... will bring the total to", "taking overall support to": the total comes after this
BRINGS_TO_RE = lower_compile(
    r"\b(?:bring|brings|bringing|brought|take|takes|taking|took|rais(?:e|es|ed|ing)|push(?:es|ed|ing)?)\b[^.;]{0,80}?\bto\b")
# the clause after ", which" / ", bringing": "brings the overall assistance to ..."
CONTINUES_TOTAL_BEFORE_RE = re.compile(r"\b(?:bringing|taking)\s*$", re.IGNORECASE)
CONTINUING_TOTAL_RE = re.compile(r"\s*(?:brings?|brought|bringing|takes?|took|taking|rais(?:es|ed|ing))\b")
CUMULATIVE_RE = lower_compile(
    r"\b(?:to\s+date|so\s+far|thus\s+far|this\s+far|until\s+now|up\s+to\s+now|till\s+now|"
    r"since\s+(?:the\s+(?:start|beginning|outbreak|onset)|(?:(?:January|February|March|April|May|June|July|August|September|October|November|December)\s+)?20[0-3]\d\b|the\s+full[\s\-]scale|"
    r"the\s+invasion|the\s+war|Russia['’]s)|in\s+total|overall|(?:has|have|had)\s+reached|"
    # "is hitting GBP 3 billion of support this year": the amount reached
    r"(?:hit|hits|hitting|reaches|reaching)\s+(?:more\s+than\s+|over\s+|about\s+|around\s+|nearly\s+|almost\s+)?(?:[£$€]|eur\b|gbp\b|usd\b|\w{1,2}\$|\d)|"
    r"(?:bringing|taking)\b.{0,80}?\bto\b|\b(?:inside|within|under|from|part\s+of)\s+(?:the\s+|a\s+)?(?:frame(?:work)?|envelope|ceiling)\s+of\b|\b(?:takes|took|brings|brought)\b.{0,80}?\bto\b|\b(?:has|have)\s+(?:now\s+)?(?:exceeded|surpassed|topped)\b|\b(?:in|during|so\s+far\s+in|this|for)\s+(?:20\d\d|year)\b.{0,60}?\b(?:has|have)\s+(?:already\s+)?(?:allocated|provided|given|spent|committed|delivered|contributed|set\s+aside|earmarked|budgeted)\b|\b(?:this|last)\s+year\s+alone\b|\bin\s+20\d\d\s+alone\b|\b(?:within|in|over|during)\s+the\s+(?:last|past)\s+(?:\w+\s+)?(?:days|weeks|months|years)\b|deliveries\s+and\s+commitments|"
    r"commitments\s+and\s+deliveries|(?:rises|rose|risen|increases|increased|grows|grew|climbs|climbed)\s+to\b|total\s+value\s+of\b.{0,60}?(?:aid|assistance|support)|brings?\b.{0,80}?\b(?:total|to)\b|altogether|cumulative\w*|"
    r"total(?:s|led|ling|ing)?\s+(?:of\s+)?(?:military|aid|assistance|support|contribution)|"
    r"(?:its|their|the\s+country['’]s|total)\s+(?:overall\s+)?(?:military\s+)?(?:aid|assistance|support)\s+(?:to\s+Ukraine\s+)?(?:now\s+)?(?:stands|amounts|totals)|"
    r"(?:aid|assistance|support)\s+(?:for|to)\s+Ukraine\s+(?:[\w'’]+\s+){0,3}?(?:totals|totalled|totaled|amounts\s+to|amounted\s+to|stands\s+at|stood\s+at)|"
    # "Poland's military aid to Ukraine is valued at", "estimates the value of its military aid at": its aid as a whole
    r"\bvalue\s+of\s+(?:its|their|the\s+country['’]s|[\w]+['’]s)\s+(?:overall\s+|total\s+)?(?:military\s+)?(?:aid|assistance|support)\b(?!\s+packages?\b)|"
    r"\b(?:its|their|[\w]+['’]s)\s+(?:overall\s+|total\s+)?(?:military\s+)?(?:aid|assistance|support)\s+(?:to|for)\s+(?:ukraine|kyiv|kiev)\s+"
    r"(?:is|was|has\s+been|is\s+now)\s+(?:valued|estimated|put)\s+at\b|"
    # "Belgium's military aid to Ukraine surpasses EUR 1 billion"
    r"(?:aid|assistance|support|contributions?)\b[^.;,]{0,40}?\b(?:surpass|exceed|top|pass)(?:es|ed|s)?\b)",
    re.IGNORECASE, hints=('surpass', 'exceed', 'top', 'pass', 'last', 'past', 'value', 'tak', 'took', 'brought', 'frame', 'envelope', 'ceiling', 'date', 'far', 'now', 'since', 'total', 'overall', 'reach', 'hit', 'bring', 'alone', 'altogether', 'cumulat', 'deliveries', 'commitments', 'stands', 'stood', 'amounts', 'amounted', 'rise', 'rose', 'risen', 'increase', 'grow', 'grew', 'climb', 'year', '20'))
STRONG_CUMULATIVE_RE = lower_compile(
    r"\b(?:to\s+date|so\s+far|thus\s+far|this\s+far|until\s+now|since|in\s+total|overall|total|bringing|brings|"
    r"(?:has|have|had)\s+reached|altogether|cumulative\w*|alone|taking|takes|took|brought|frame|framework|envelope|ceiling)\b")
# "the largest package so far": a comparison, not a running total
SUPERLATIVE_RE = lower_compile(
    r"\b(?:largest|biggest|most|highest|first|greatest|single\s+largest)\b[^,.;]{0,50}?\b(?:so\s+far|to\s+date|yet|ever|until\s+now|till\s+now|up\s+to\s+now|thus\s+far)\b"
    # "the biggest since the start of the full-scale invasion": a comparison, not a sum
    r"|\b(?:largest|biggest|highest|greatest|strongest|heaviest|first\s+(?:time|such|package|delivery|tranche)|"
    r"(?:most|more)\s+(?:significant|substantial|powerful|important))\b(?:(?!\b(?:has|have|had)\b)[^,.;]){0,50}?\bsince\b"
    # "the 57th drawdown since August 2021", "its 20th package so far": a count of packages, not a sum
    r"|\b\d+(?:st|nd|rd|th)\s+(?:\w+\s+)?(?:package|drawdown|tranche|batch)\s+(?:since|so\s+far|to\s+date)\b",
    re.IGNORECASE,
)
DELIVERY_RE = lower_compile(
    r"\b(?:handed\s+over|delivered|arrived|transferred|received|"
    r"(?:has|have|had)\s+(?:already\s+|now\s+|recently\s+|also\s+|previously\s+)?(?:sent|supplied|provided)|"
    r"(?:has|have|had)\s+(?:previously|already|so\s+far)\s+(?:donated|given|handed)|"
    # "is now armed with Patriot systems provided by the US": handed over before
    r"(?:provided|supplied|donated|given)\s+by|armed\s+with|"
    r"shipped|equipping|equipped|under\s*way|has\s+begun|have\s+begun|(?<!\bbe\s)(?<!\bbeen\s)sent|"
    r"recently\s+(?:provided|sent|supplied)|arrives|(?:has|have)\s+(?:already\s+|now\s+|also\s+)?been\s+(?:delivered|sent|handed))\b",
    re.IGNORECASE,
)
FUTURE_RE = lower_compile(
    r"\b(?:will|shall|to\s+be|is\s+to|are\s+to|plans?\s+to|planning|going\s+to|intends?\s+to|soon|"
    r"next\s+(?:week|month|year)|in\s+the\s+coming|pledg\w*|promis\w*|announc\w*|commit\w*|"
    r"is\s+sending|are\s+sending|would)\b",
    re.IGNORECASE,
)
TO_BE_BEFORE_RE = re.compile(r"\b(?:to|be)\s+$")
TO_BE_RE = re.compile(r"\b(?:to|will\s+be|to\s+be|be)\s+(?:handed|delivered|transferred|sent|shipped|supplied|provided)\b")
NEW_PACKAGE_RE = lower_compile(
    r"\b(?:new|additional|another|package|latest|further|fresh|tranche|extra|next)\b", re.IGNORECASE)
PERFECT_GIVING_RE = lower_compile(
    r"\b(?:has|have)\s+(?:already\s+|now\s+)?(?:provided|given|spent|sent|supplied|delivered|donated|contributed)\b",
    re.IGNORECASE)
TOTAL_WORD_RE = lower_compile(r"\b(?:in\s+total|total|valued\s+at|worth|in\s+all|altogether|overall)\b")
# "EUR 138 billion in financial, humanitarian and military support": a mixed total
MIXED_TOTAL_RE = lower_compile(
    r"\b(?:financial|humanitarian|economic|budget\w*|civil\w*)\b[^.;]{0,40}\bmilitary\b|"
    r"\bmilitary\b[^.;]{0,30}\b(?:and|,)\s+(?:financial|humanitarian|economic|civil\w*)\b|"
    r"\bof\s+which\b[^.;]{0,60}\bmilitary\b",
    re.IGNORECASE,
)
OF_WHICH_MILITARY_RE = lower_compile(r"\bof\s+which\b[^.;]{0,60}\bmilitary\b")


# --- Military or civil, and the capability (category) words ------------------------------------
MILITARY_RE = lower_compile(
    r"\b(?:military|defen[cs]e|weapon\w*|arms|armament\w*|security\s+(?:assistance|aid|support|package)|"
    r"ammunition|munitions|materiel|army|armed\s+forces|troops|soldiers|coalition|packages?|"
    r"air\s+de\s?fen[cs]e|drones?|missiles?|tanks?|artillery|PURL|Peace\s+Facility|EPF|Ramstein|"
    r"brigades?|F-16s?|jets?|demining|fighter|landmines?|mines|unexploded\s+ordnance|mine\s+clearance|"
    r"navy|naval|coastal|maritime|air\s+force)\b",
    re.IGNORECASE,
)
STRONG_MILITARY_RE = lower_compile(
    r"\b(?:military|weapons?|arms|defen[cs]e|ammunition|security\s+assistance|artillery|shells|missiles|tanks|drones|"
    # a capability coalition is military by definition
    r"(?:capability|IT|drones?|artillery|demining|maritime|air\s+force|armou?red\s+vehicles?|electronic\s+warfare)\s+coalition)\b")
MILITARY_WORD_RE = re.compile(r"\bmilitary\b", re.IGNORECASE)
CIVILIAN_RE = lower_compile(
    r"\b(?:humanitarian|budget(?:ary)?\s+support|macro-?financial|reconstruction|recovery|energy|"
    r"civilian|refugees?|food|grain|financial\s+(?:aid|assistance|support)|economic|"
    r"non-military|hospitals|schools|power\s+grid|budget)\b",
    re.IGNORECASE,
)
# "USD 4.5 billion ..., but none of it will be spent on weapons": money said not to be military
NOT_MILITARY_RE = lower_compile(
    r"\b(?:none\s+of\s+(?:it|this|that|which|the\s+(?:money|funds?|sum|aid|assistance))|not\s+a\s+(?:single\s+)?(?:cent|penny|euro|dollar))"
    r"\s+(?:\w+\s+){0,2}?(?:spent|used|go(?:es)?|goes|went)\s+(?:on|for|to|towards)\s+(?:\w+\s+)?(?:weapons|arms|military|lethal)\b|"
    r"\b(?:not|never)\s+(?:be\s+)?(?:spent|used)\s+(?:on|for)\s+(?:\w+\s+)?(?:weapons|arms|military|lethal)\b")
AID_NOUN_RE = lower_compile(r"\b(?:assistance|aid|support|help)\b", re.IGNORECASE)
# A sentence that takes up the money just named to say what it is for: "The funds will be used
# to buy ...", "Money is intended to finance ..." (its purpose decides whether the amount is military)
PURPOSE_NEXT_RE = lower_compile(
    r"\A[\"“]?(?:the\s+|these\s+|this\s+|such\s+|those\s+)?(?:funds?|money|sum|amount|proceeds|funding|financing)\b"
    r"[^.;]{0,60}?\b(?:used|intended|meant|earmarked|destined|spent|directed|channell?ed|go(?:es)?\s+(?:to|towards)|"
    r"finance|pay\s+for|buy|purchase|procure)\b")
CATEGORY_CUES = [
    ("air_defense", lower_compile(r"\bair[\s\-]de\s?fen[cs]es?\b|\banti-?aircraft\b|\bIAMD\b|"
                                  # "to defend against Russian missile and drone attacks"
                                  r"\bdefen[cd]\w*\s+(?:\w+\s+){0,3}?against\s+(?:\w+\s+){0,2}?(?:missile|drone|air)s?\s+(?:(?:and|or)\s+\w+\s+)?(?:attacks|strikes|raids)",
                                  hints=('air', 'aircraft', 'iamd', 'against'))),
    ("demining", lower_compile(r"\bdemining\b|\bmine[\s\-]clear\w*|\bclear(?:ing)?\s+(?:land)?mines\b|\blandmines\b|\bunexploded\s+ordnance\b", hints=('demin', 'mine', 'ordnance'))),
    # (not "drone attacks", "missile and drone strikes": the threat)
    ("drones", lower_compile(r"\bdrones?\b(?!\s+(?:attacks?|strikes?|raids?))|\bUAVs?\b|\bunmanned\b", hints=('drone', 'uav', 'unmanned'))),
    ("training", lower_compile(r"\btrain(?:ing|ed)?\b(?!\s+(?:station|ride|and\s+combat|purposes|use|aircraft|jets|planes|ammunition|rounds))(?![^.;]{0,40}\b(?:operators|crews|technicians|pilots|deminers|sappers))|\bprepar\w+\s+(?:a\s+|the\s+)?(?:Ukrainian\s+)?(?:brigades?|battalions?|troops|soldiers|pilots)", hints=('train', 'prepar'))),
    ("industry", lower_compile(r"\bdefen[cs]e\s+industr\w*|\bco-?production\b|\bjoint\s+production\b|\bproduc(?:e|ed|tion)\s+(?:in|by)\s+Ukrain\w*|\bUkrainian\s+(?:manufacturers|producers|industry)|\b(?:domestic|local|Ukrainian)\s+(?:[\w\-]+\s+)?production\b|\bDanish\s+model\b", hints=('industr', 'production', 'ukrain', 'danish'))),
    ("it_cyber", lower_compile(r"\bIT\s+[Cc]oalition|\b[Cc]yber\w*|\bStarlink\b|\b[Cc]ommunications?\s+(?:equipment|systems)")),
    ("maritime", lower_compile(r"\bmaritime\b|\bnaval\b|\bBlack\s+Sea\s+security\b|\bcoastal\b", hints=('maritime', 'naval', 'black sea', 'coastal'))),
    ("electronic_warfare", lower_compile(r"\b[Ee]lectronic\s+warfare\b|\bEW\b")),
    ("long_range_strike", lower_compile(r"\blong[\s\-]range\s+(?:missiles|strike|weapons|capabilit\w+)", hints=('long',))),
    # the Czech-led initiative buys artillery shells on the world market
    ("artillery", lower_compile(r"\bartillery\b|\bshells\b|\b155\s?-?mm\b|\bammunition\s+initiative\b|\bczech(?:-led)?\s+(?:ammunition\s+)?initiative\b", hints=('artillery', 'shells', '155', 'ammunition initiative', 'czech'))),
    ("aircraft", lower_compile(r"\bF-16s?\b|\bfighter\s+jets?\b|\bcombat\s+aircraft\b", hints=('f-16', 'fighter', 'combat aircraft'))),
]
TRAINING_CUE = next(rx for cat, rx in CATEGORY_CUES if cat == "training")


# --- Consolidation: lists of contents, allocations from an envelope ----------------------------
# "This includes ...", "Of this, ...", "The total comprises ...": the parts of the total just read
BREAKDOWN_START_RE = lower_compile(
    r"\W*(?:this|that|it|the\s+(?:total|sum|amount|figure))\s+(?:includes|included|comprises|consists\s+of|covers|is\s+made\s+up\s+of)\b")
# a part of a total that is a commitment of its own: "a military aid package of EUR 120 million"
LIST_SEPARATOR_RE = re.compile(r",(?!\d{3}\b)|;|\band\b")
COMMITMENT_NOUN_RE = lower_compile(r"\b(?:package|contribution|tranche|donation|pledge|grant)\b")
# "part of the C$500 million package announced in June", "drawn from its EUR 2 billion envelope"
ENVELOPE_PART_RE = lower_compile(
    r"\b(?:part\s+of|drawn\s+from|comes\s+from|came\s+from|under)\s+(?:the|a|an|its|their|this|that)\s+"
    r"(?:[^.;]{0,30}?\b(?:package|envelope|commitment|pledge|programme|program|fund|plan)\b)")
# "..., as previously announced": a pledge restated, not a new one
RESTATED_RE = lower_compile(r"\bas\s+(?:previously|already|earlier)\s+(?:announced|reported|promised|pledged)\b|"
                            r"\bas\s+(?:announced|promised|pledged)\s+(?:earlier|before|previously)\b")
# told as an earlier event: "Earlier on 1 December, ...", "Last week, ..."
EARLIER_TIME_RE = re.compile(r"\b(?:[Ee]arlier|[Pp]reviously|[Ll]ast\s+(?:week|month|year))\b")
# "has pledged equipment valued at ...": materiel named only in general words
GENERIC_MATERIEL_RE = lower_compile(r"\b(?:equipment|weapons|materiel|arms|systems|donation)\b")
# "EUR 490 million for lethal and EUR 10 million for non-lethal equipment": a mixed package
LETHAL_MIX_RE = lower_compile(r"\bnon-?lethal\b[^.]*\blethal\b|\blethal\b[^.]*\bnon-?lethal\b")
# "... and will take part in six coalitions to train soldiers": what follows is no purpose of the amount
MEMBERSHIP_AFTER_RE = lower_compile(r"\band\s+(?:will\s+|to\s+)?(?:participate|take\s+part|join)\b")
BULLET_RE = re.compile(r"\A\s*(?:[-•*–·▪●]|\d{1,2}[.)]\s)")
LIST_INTRO_RE = lower_compile(r"(?:includ\w*|consists?\s+of|compris\w*|contain\w*|following|contents?|among\s+them)[^.]{0,40}:\s*$")
ALLOCATION_RE = lower_compile(
    r"\b(?:first|second|third|next|initial|new|latest)\s+(?:\w+\s+){0,2}(?:package|tranche|batch|allocation|instalment|installment)\b",
    re.IGNORECASE)


# --- Meetings: formats, numbers, places, bilateral talks ---------------------------------------
UDCG_RE = lower_compile(
    r"Ukraine\s+Defen[cs]e\s+Contact\s+Group|\bUDCG\b|\bRamstein\b|Contact\s+Group\s+on\s+(?:the\s+)?(?:Defen[cs]e\s+of\s+)?Ukraine",
    hints=('contact group', 'udcg', 'ramstein'))
NUC_RE = lower_compile(r"\bNATO[\s\-–]+Ukraine\s+Council\b|\bNUC\b", re.IGNORECASE, hints=('council', 'nuc'))
SUMMIT_RE = lower_compile(
    # "President Iohannis attends the NATO meeting in Washington": leaders meet at a summit
    r"\b(?:president|prime\s+minister|chancellor|leaders?)\b[^.;]{0,80}\bNATO\s+meeting\s+in\b|"
    r"\bNATO\s+summit\b|\bNATO\s+leaders['’]?\s+summit\b|\bNATO\s+leaders\s+(?:opened|began|started|gathered\s+for|met\s+for|held)\s+(?:their|the|a)\s+(?:\w+\s+)?summit\b|\bsummit\s+of\s+NATO\b|\bNATO['’]s\s+(?:\w+\s+){0,3}summit\b", hints=('summit', 'nato meeting'))
OTHER_SUMMIT_RE = lower_compile(r"\b(?:G7|G-7|G20|G-20|EU|European\s+Council|EU-Ukraine|Ukraine\s+Recovery|peace)\s+summit\b|\bUkraine\s+Recovery\s+Conference\b|\bsummit\s+of\s+(?:\w+\s+){0,2}leaders\b", re.IGNORECASE, hints=('summit', 'conference'))
ORDINAL_WORDS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8,
    "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13, "fourteenth": 14,
    "fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18, "nineteenth": 19,
    "twentieth": 20, "twenty-first": 21, "twenty-second": 22, "twenty-third": 23, "twenty-fourth": 24,
    "twenty-fifth": 25, "twenty-sixth": 26, "twenty-seventh": 27, "twenty-eighth": 28, "twenty-ninth": 29,
    "thirtieth": 30,
}
NUMBER_NEAR_RE = re.compile(
    r"\b(?:(?P<num>\d{1,2})(?:st|nd|rd|th)|(?P<word>" + "|".join(sorted(ORDINAL_WORDS, key=len, reverse=True)) + r"))"
    # "the 24th such meeting", "the 15th of the Ukraine Defence Contact Group"
    r"[\s\-]+(?:such\s+|of\s+the\s+)?(?:(?:meeting|session|gathering|round)\b|(?:in\s+the\s+)?Ramstein|UDCG|Ukraine\s+Defen[cs]e|Contact\s+Group|format)",
    re.IGNORECASE,
)
VIRTUAL_RE = lower_compile(r"\b(?:virtual(?:ly)?|video[\s\-]?(?:conference|link|call|format)?|online|remotely|videoconferenc\w*)\b", re.IGNORECASE, hints=('virtual', 'video', 'online', 'remote'))
BILATERAL_CUE_RE = lower_compile(
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
# "in talks with Kyiv about supplying jets": negotiations under way, not a meeting
NEGOTIATIONS_RE = re.compile(r"\bin\s+(?:\w+\s+)?talks\s+with\b", re.IGNORECASE)
# a multilateral meeting named in a sentence (a pledge told with it was made there)
MULTILATERAL_NAMED_RE = lower_compile(
    r"\b(?:contact\s+group|udcg|ramstein|nato|summit|ministerial|coalition\s+of\s+the\s+willing)\b")
PHONE_RE = lower_compile(r"\b(?:phone|telephone|(?:a|the|video)\s+call\b|calls?\s+with\b|spoke\s+by|in\s+a\s+letter)", re.IGNORECASE, hints=('phone', 'call', 'spoke', 'letter'))
MULTI_CUE_RE = lower_compile(
    r"\b(?:video[\s\-]?conference|videoconference|online\s+meeting|virtual\s+meeting|ministerial|"
    r"meeting\s+of\s+(?:the\s+)?(?:defen[cs]e|foreign)(?:\s+affairs)?\s+ministers|conference|"
    r"(?:defen[cs]e|foreign)\s+ministers\s+(?:meet|met|gather\w*|convene\w*)|(?:eu|nato)\s+(?:defen[cs]e|foreign)\s+ministers|"
    r"(?:hosted|hosts|convened|gathered)\s+(?:more\s+than\s+|some\s+|about\s+)?(?:\d+\s+|several\s+|dozens\s+of\s+)?(?:\w+\s+)?(?:leaders|ministers|heads))\b",
    re.IGNORECASE, hints=('conferenc', 'ministerial', 'ministers', 'meeting', 'hosted', 'hosts', 'convened', 'gathered'))
NATO_HQ_RE = re.compile(r"\b(?:at|in)\s+(?:the\s+)?NATO(?:['’]s)?\s+(?:headquarters|HQ)\b", re.IGNORECASE)
LOCATION_RE = re.compile(
    r"\b(?:[Ii]n|[Aa]t|(?:visit|trip)\s+to|(?:welcomed|received|hosted|invited)\s+[^.;]{0,60}?\bto)\s+(?:the\s+)?(?P<loc>(?:Ramstein(?:\s+Air\s+Base)?|[A-Z][a-zà-ÿ]+(?:\s+[A-Z][a-zà-ÿ]+)?))\b"
)
KNOWN_CITIES = frozenset(
    "Brussels Paris Berlin London Washington Kyiv Kiev Vilnius Madrid Rome Warsaw Prague Oslo Stockholm "
    "Copenhagen Helsinki Tallinn Riga Hague Amsterdam Ankara Ottawa Tokyo Vienna Bern Geneva Dublin Lisbon "
    "Athens Budapest Bratislava Bucharest Sofia Zagreb Ljubljana Reykjavik Munich Ramstein Lviv Odesa "
    "Kharkiv Rzeszow Rzeszów Wiesbaden Stuttgart Mons Naples Canberra Seoul Luxembourg Valletta Nicosia".split()
)
FUTURE_MEETING_RE = re.compile(
    r"\b(?:is|are)\s+(?:to|due\s+to|scheduled\s+to|expected\s+to|set\s+to)\s+(?:meet|hold|convene|attend|take\s+part)|"
    r"\bwill\s+(?:meet|hold|convene|attend|take\s+place|be\s+held)|\bnext\s+(?:week|month)\b|\bupcoming\b|\bahead\s+of\s+(?:the|next|this|this\s+week['’]s|its)\b|"
    r"\btomorrow['’]?s?\b",
    re.IGNORECASE)
MEETING_EVENT_RE = re.compile(
    r"\b(?:meeting|meet|meets|met|session|gather\w*|convene\w*|convening|held|hosted|hosts?|chair\w*|co-?chair\w*|"
    r"talks|conference|ministerial|summit|sidelines|attend\w*|took\s+place|takes\s+place|opened|announced\s+at)\b|"
    # "at the meeting", not "at the end of 2023"
    r"\b(?:at|during|after|ahead\s+of)\s+(?:the|a|an|its|this|today['’]s)\b(?!\s+(?:end|start|beginning|time|same|moment)\b)",
    re.IGNORECASE)
# "hosted more than 20 European leaders": a multilateral meeting even if one state is named
GATHERING_RE = re.compile(
    r"\b(?:hosted|hosts|convened|gathered)\s+(?:more\s+than\s+|some\s+|about\s+)?(?:\d+\s+|several\s+|dozens\s+of\s+)?"
    r"(?:\w+\s+)?(?:leaders|ministers|heads)\b", re.IGNORECASE)
UKRAINE_SIDE_RE = re.compile(
    r"\bvisit\w*\s+(?:to\s+)?(?:Kyiv|Kiev|Ukraine|Odesa|Lviv|Kharkiv|Dnipro|Zaporizhzhia)\b|"
    r"\bUkrain\w+\s+(?:\w+\s+){0,2}(?:counterpart|president|minister|delegation|leader|prime\s+minister)\b|"
    r"\b(?:in|to)\s+(?:Kyiv|Kiev)\b")
MEET_RE = re.compile(r"\b(?:meet|meets|met|meeting|talks)\s+(?:with\s+)?(?:his|her|the)?\s*[A-Z]")


# a sentence that goes on about the one before: "He made the remarks ...", "There, ..."
CONTINUES_RE = re.compile(r"[\"“]?(?:He|She|They|It|There|The\s+(?:remarks|statement|minister|announcement))\b")
_MONTH = r"(?:January|February|March|April|May|June|July|August|September|October|November|December)"
# a visit told as background: "When X visited Kyiv in March", "In October 2023, during a visit ..."
EARLIER_VISIT_RE = re.compile(
    r"\bWhen\s+[^,.;]{0,60}?\bvisit(?:ed|ing)\b|\b(?:In|in|during|During)\s+" + _MONTH + r"(?:\s+20\d\d)?\b[^.;]{0,60}?\bvisit"
    r"|\bvisit(?:ed|s)?\b[^.;]{0,50}?\bin\s+" + _MONTH + r"\b(?!\s+\d)|\blast\s+(?:year|month)['’]s\s+visit\b")
# a delivery or total told as past at a meeting: it belongs to an earlier time, not the meeting
TOLD_AS_PAST_RE = lower_compile(
    r"\b(?:earlier\s+this\s+(?:year|month)|last\s+(?:year|month|week)|previously|already|so\s+far|to\s+date|"
    r"in\s+(?:recent\s+)?(?:months|weeks)|since\s+(?:the|20\d\d))\b")
RAMSTEIN_BASE_RE = re.compile(r"Ramstein\s+Air\s+Base")
FORMAT_AFTER_RE = re.compile(r"[\s\-]+format")
# "The meeting took place today in Brussels": a sentence about the meeting just named
THE_MEETING_RE = lower_compile(
    r"\b(?:the|this|today['’]s|Wednesday['’]s|Tuesday['’]s|Monday['’]s|Thursday['’]s|Friday['’]s)\s+(?:meeting|session|talks)\b")
VISIT_OR_BILATERAL_RE = lower_compile(r"\bvisit\b|\bbilateral\b")
HELD_VIRTUALLY_RE = lower_compile(r"\bheld\s+(?:virtually|online)|\bvia\s+video|video\s*conference")
# "at the G7 summit", "on the sidelines of the EU summit": the article reports that meeting
AT_EVENT_BEFORE_RE = lower_compile(
    r"\b(?:at|during|on\s+the\s+sidelines\s+of|hosting|hosted|after|ahead\s+of)\s+(?:the\s+|an?\s+)?$")
MINISTERIAL_RE = lower_compile(
    r"\b(?:NATO|EU|European\s+Union)\s+(?:defen[cs]e\s+|foreign\s+)?ministers\b|"
    r"\b(?:defen[cs]e|foreign)(?:\s+affairs)?\s+ministers\s+of\s+(?:the\s+)?(?:NATO|EU|European\s+Union|Alliance)\b|"
    r"\bmeeting\s+of\s+(?:the\s+)?(?:NATO\s+)?(?:defen[cs]e|foreign)(?:\s+affairs)?\s+ministers\b")
UKRAIN_WORD_RE = re.compile(r"\bUkrain")
VISIT_WORD_RE = re.compile(r"\bvisit\b")
VISIT_CUE_RE = lower_compile(r"\bvisit")
# "a visit by the Danish minister": a visit reported from Kyiv
VISIT_BY_RE = re.compile(r"\bvisit\s+(?:by|of)\b")
SIDELINES_RE = lower_compile(r"\bon\s+the\s+sidelines\s+of\b|\bat\s+the\s+(?:meeting|summit)\b")


# --- Coalitions: names, leaders, members, money paid into them ---------------------------------
COALITION_WORD_RE = re.compile(r"\b(?:capability\s+)?coalitions?\b(?:['’]s)?", re.IGNORECASE)
COALITION_POST_RE = re.compile(r"\s+(?:of|for|on)\s+([\w\-]+(?:\s+(?:and\s+)?[\w\-]+){0,4})", re.IGNORECASE)
PRE_WORD_RE = re.compile(r"[\w\-/’']+[\s,]*")
COALITION_KEYS = [
    ("Air Defence Capability Coalition", re.compile(r"air[\s\-]de\s?fen[cs]e|air\s+and\s+missile\s+defen[cs]e|\bIAMD\b|\bGBAD\b|anti-?aircraft|German,?\s+French\s+and\s+US[\s\-]*led", re.IGNORECASE)),
    ("Air Force Capability Coalition", re.compile(r"air\s+force|F-?16|aviation|fighter|jets?\b|aircraft", re.IGNORECASE)),
    ("Armoured Vehicles Coalition", re.compile(r"armou?red|\btanks?\b|armou?r\b", re.IGNORECASE)),
    ("Artillery Coalition", re.compile(r"artillery", re.IGNORECASE)),
    ("Demining Coalition", re.compile(r"demining|de-mining|mine[\s\-]action|mine\s+clearance", re.IGNORECASE)),
    ("Drone Coalition", re.compile(r"\bdrones?\b|\bUAV|unmanned", re.IGNORECASE)),
    ("Electronic Warfare Coalition", re.compile(r"electronic\s+warfare|\bEW\b", re.IGNORECASE)),
    ("IT Coalition", re.compile(r"\bIT\b|information\s+technolog|cyber", re.IGNORECASE)),
    ("Maritime Capability Coalition", re.compile(r"maritime|naval|\bnavy\b|\bsea\b", re.IGNORECASE)),
]
LEADER_AFTER_RE = re.compile(
    r"(?:\b(?:co-?)?led\s+by|\bleaders?\s+being|\bheaded\s+by|\bchaired\s+by|\bleader\s*[\-–—:,]|"
    r"\bco-?leaders?\s+(?:are|being)|\bunder\s+the\s+leadership\s+of|\bco-?leads?\s+(?:it\s+)?with|\bco-?led\s+with|"
    r"\bleads?\s+(?:it\s+)?(?:together\s+)?with|\bleaders?\s+of\s+(?:which|it)\s+(?:are|is)|\b(?:co-?)?lead(?:s|ing)?\b[^.;]{0,50}\btogether\s+with(?:\s+the)?)\s*$",
    re.IGNORECASE,
)
LEADER_BEFORE_RE = re.compile(r"\A\s*(?:,\s*)?(?:which\s+)?(?:together\s+with\s+(?:the\s+)?[A-Z][\w\-]+(?:\s+[A-Z][\w\-]+)?\s+)?(?:also\s+|currently\s+|jointly\s+|now\s+|already\s+)?(?:(?:will|to|would|shall)\s+(?:co-?)?(?:lead|head|chair)\b|co-?leads?|leads?|head|heads|is\s+leading|is\s+co-?leading|chairs|(?:is|as)\s+(?:the\s+)?(?:co-?)?leader|(?:the|its|both)\s+(?:co-?)?leaders?\s+of\b|for\s+(?:their|its|his|her)\s+leadership\b|(?:launched|set\s+up|founded|formed|created|established|initiated)\s+(?:a|an|the)\s+(?:[\w\-]+\s+){0,3}?coalition\b)", re.IGNORECASE)
MEMBER_CUE_RE = lower_compile(
    r"\b(?:join\w*|part\s+of|members?|take\s+part|took\s+part|participat\w*|contribut\w*|signed)\b|"
    r"\bamong\b[^.;]{0,30}\b(?:partners?|countries|nations|states)\b",
    hints=('join', 'part', 'member', 'particip', 'contribut', 'signed', 'among'))
SAME_TARGET_RE = re.compile(r"\bto\s+(?:the\s+same|that|this)\s+(?:effort|fund|coalition|initiative|purpose|cause)\b")
SUPPORT_START_RE = re.compile(
    r"[\"“]?(?:The|This|These|Its)\s+(?:support|contribution|funding|funds|money|package|aid|donation|assistance)\b|It\b",
    re.IGNORECASE)
MEMBERSHIP_BEFORE_RE = re.compile(
    r"\b(?:take|takes|taking|took)\s+part\s+in|\bjoin(?:s|ed|ing)?\b|\bparticipat\w*\s+in|\bmembers?\s+of|\bbecome\s+a\s+member", re.IGNORECASE)
TO_COALITION_RE = re.compile(
    r"\b(?:to|into|for|through|via|under|within)\s+(?:the\s+)?(?:[\w\-]+\s+){0,4}coalition|coalition['’]s\s+(?:fund|budget)", re.IGNORECASE)
ITS_FUND_RE = re.compile(r"\b(?:its|the\s+joint|the\s+common|the\s+coalition['’]s)\s+(?:fund|budget|pool)\b|\bto\s+it\b")
FOLLOW_LEADERS_RE = re.compile(r"\bleaders?\s+(?:of\s+it|of\s+which)?\s*(?:are|is|being)\b|\b(?:it|which)\s+is\s+(?:co-?)?led\s+by\b|"
                               r"\bfor\s+(?:their|its|his|her)\s+leadership\b",
                                re.IGNORECASE)
FOLLOW_JOINED_RE = re.compile(r"\b(?:joined|have\s+joined|has\s+joined|also\s+joined|join)\b", re.IGNORECASE)
PLURAL_COALITIONS_RE = lower_compile(r"coalitions\b")
CAPABILITY_COALITION_RE = lower_compile(r"capability\s+coalition")
COALITION_ANY_RE = lower_compile(r"coalition")
# "a coalition of 11 countries that agreed to train pilots": what the coalition is for follows
COALITION_QUALIFIER_RE = re.compile(
    r"\s+(?:of|that|which|to|for|(?:member|partner)\s+(?:countries|states|nations)|countries|members|partners)\b")
CLAUSE_END_RE = re.compile(r"[.;]")
THE_COALITION_RE = lower_compile(r"\b(?:the|this|that)\s+coalition(?:['’]s)?\b")
AS_PART_OF_RE = re.compile(r"\bas\s+part\s+of\b")
