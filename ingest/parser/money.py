"""Money amounts in running text: symbols, ISO codes, currency words, scales, number words."""

from __future__ import annotations

import re
from dataclasses import dataclass

from .fastre import trie_pattern

# Currency symbol or code written before the number.
_PREFIX = {
    "us$": "USD", "u.s.$": "USD", "$": "USD", "usd": "USD", "c$": "CAD", "ca$": "CAD", "can$": "CAD",
    "cad": "CAD", "a$": "AUD", "au$": "AUD", "aus$": "AUD", "a $": "AUD", "aud": "AUD", "nz$": "NZD", "nzd": "NZD", "€": "EUR",
    "eur": "EUR", "£": "GBP", "gbp": "GBP", "¥": "JPY", "jpy": "JPY", "nok": "NOK", "sek": "SEK",
    "dkk": "DKK", "pln": "PLN", "zł": "PLN", "czk": "CZK", "kč": "CZK", "chf": "CHF", "isk": "ISK",
    "huf": "HUF", "ron": "RON", "bgn": "BGN", "krw": "KRW", "₩": "KRW", "try": "TRY", "uah": "UAH",
    "₴": "UAH", "rub": "RUB",
}
# Currency word or code written after the number. None: resolved from the donor.
_SUFFIX = {
    "euros": "EUR", "euro": "EUR", "eur": "EUR", "dollars": "USD", "dollar": "USD",
    "us dollars": "USD", "u.s. dollars": "USD", "american dollars": "USD", "usd": "USD",
    "canadian dollars": "CAD", "canadian dollar": "CAD", "cad": "CAD",
    "australian dollars": "AUD", "australian dollar": "AUD", "aud": "AUD",
    "new zealand dollars": "NZD", "nzd": "NZD",
    "pounds sterling": "GBP", "pounds": "GBP", "pound": "GBP", "sterling": "GBP", "gbp": "GBP",
    "norwegian kroner": "NOK", "norwegian krone": "NOK", "norwegian crowns": "NOK", "nok": "NOK",
    "danish kroner": "DKK", "danish krone": "DKK", "danish crowns": "DKK", "dkk": "DKK",
    "icelandic kronur": "ISK", "icelandic crowns": "ISK",
    "swedish kronor": "SEK", "swedish krona": "SEK", "swedish crowns": "SEK", "sek": "SEK",
    "czech crowns": "CZK", "czech korunas": "CZK", "czech koruna": "CZK", "koruna": "CZK",
    "korunas": "CZK", "korun": "CZK", "czk": "CZK",
    # a crown without its country ("1 billion kronor" in a Norwegian article) is the donor's
    "kronor": None, "krona": None,
    "kroner": None, "krone": None, "crowns": None, "kronur": "ISK",
    "zloty": "PLN", "zlotys": "PLN", "zlotych": "PLN", "złoty": "PLN", "pln": "PLN",
    "yen": "JPY", "jpy": "JPY", "swiss francs": "CHF", "francs": "CHF", "chf": "CHF",
    "won": "KRW", "krw": "KRW", "forints": "HUF", "forint": "HUF", "lei": "RON", "leva": "BGN",
    "lira": "TRY", "hryvnias": "UAH", "hryvnia": "UAH", "uah": "UAH", "rubles": "RUB", "roubles": "RUB",
}
# Donor -> currency for words that name a family of currencies.
CROWN_CURRENCY = {"DNK": "DKK", "NOR": "NOK", "SWE": "SEK", "CZE": "CZK", "ISL": "ISK"}
DOLLAR_CURRENCY = {"CAN": "CAD", "AUS": "AUD", "NZL": "NZD"}

_SCALES = {
    "thousand": 1e3, "k": 1e3, "million": 1e6, "millions": 1e6, "mln": 1e6, "mn": 1e6, "m": 1e6,
    "mio": 1e6, "mill": 1e6, "billion": 1e9, "billions": 1e9, "bln": 1e9, "bn": 1e9, "b": 1e9, "tn": 1e12,
    "trillion": 1e12, "milliard": 1e9, "mrd": 1e9, "crore": 1e7, "lakh": 1e5,
}
NUMBER_WORDS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20,
    "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
    "hundred": 100, "dozen": 12, "half": 0.5, "quarter": 0.25,
}

_NUM = r"\d{1,3}(?:[,.\u00a0\u202f]\d{3})+(?:[.,]\d+)?|\d+(?:[.,]\d+)?"
_UNIT = (
    r"(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|"
    r"seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)"
)
# "one and a half", "one hundred and fifty", "three-quarters of a", "one point five", "twenty-five"
_WORDNUM = (
    r"(?:(?:a|one|two|three)[\s\-]quarters?\s+of\s+a|half\s+a|a\s+half"
    r"|(?:" + _UNIT + r"|a)(?:[\s\-]" + _UNIT + r")?(?:\s+hundred(?:(?:\s+and)?\s+" + _UNIT + r"(?:[\s\-]" + _UNIT + r")?)?)?"
    r"(?:\s+point(?:\s+(?:zero|" + _UNIT + r"))+|\s+and\s+a\s+(?:half|quarter))?"
    r"|an)"
)
_SCALE = r"(?:thousand|millions?|billions?|trillion|milliard|mln|mrd|mio|mill\.?|bln|bn|mn|tn|m|b|k)"
_SCALE_WORD = r"(?:thousand|million|billion|trillion)"
_PREFIX_RE = (
    r"(?-i:US\s?\$|U\.S\.\s?\$|C\s?\$|CA\$|CAN\$|A\s?\$|AUS?\$|Aus\$|NZ\$|\$|€|£|¥|₩|₴|"
    r"(?:USD|EUR|GBP|NOK|SEK|DKK|CAD|AUD|NZD|JPY|PLN|CZK|CHF|ISK|HUF|RON|BGN|KRW|TRY|UAH|RUB)(?![A-Za-z]))"
)
_SUFFIX_RE = trie_pattern(_SUFFIX)  # the longest-first alternation of the words, as a trie
_MODIFIER = (
    r"(?:(?:over|about|around|almost|nearly|roughly|approximately|up\s+to|more\s+than|at\s+least|"
    r"some|close\s+to|an\s+estimated|a\s+total\s+of|just\s+over|just\s+under|under|below|"
    r"in\s+excess\s+of)\s+)?"
)

MONEY_RE = re.compile(
    # the lookahead first: most positions (spaces, punctuation) fail there at once
    r"(?=[\w$€£¥₩₴])(?<![\w$€£¥])(?:"
    # $1.4 billion / EUR 10 million / €1.2bn / NOK 1 billion / $500,000 / $250m
    r"(?P<pcur>" + _PREFIX_RE + r")\s?(?P<pnum>\d{1,3}(?:[ \u00a0\u202f]\d{3})+(?![\d.,])|" + _NUM + r")(?:\s?-?(?P<pscale>" + _SCALE + r")(?![A-Za-z]))?"
    r"(?:\s+(?P<pcur2>" + _SUFFIX_RE + r")(?![A-Za-z]))?"
    r"|"
    # €1.5 million written with a word number: "$ one billion" is rare; "half a billion euros" below
    r"(?P<snum>\d{1,3}(?:[ \u00a0\u202f]\d{3})+(?=\s*(?:" + _SUFFIX_RE + r")\b)|" + _NUM + r")\s?-?(?P<sscale>" + _SCALE + r")?(?:\s*|-)(?P<scur>" + _SUFFIX_RE + r"|" + _PREFIX_RE + r")(?![A-Za-z])"
    r"|"
    r"(?P<wnum>" + _WORDNUM + r")[\s\-]+(?P<wscale>" + _SCALE_WORD + r")s?\s+(?:(?P<wcur>" + _SUFFIX_RE + r")|(?:of\s+)?(?P<wcur2>" + _PREFIX_RE + r"))(?![A-Za-z])"
    r")",
    re.IGNORECASE,
)


# The same without number words: a sentence without a scale word cannot hold one, and this
# scan is about twice as fast.
_MONEY_DIGITS_RE = re.compile(
    # without number words every amount starts with a digit, a symbol or an upper-case code
    r"(?=(?-i:[0-9A-Z$€£¥₩₴]))" + MONEY_RE.pattern[len(r"(?=[\w$€£¥₩₴])"):MONEY_RE.pattern.index("|(?P<wnum>")] + ")",
    re.IGNORECASE)
_BRACKET_CURRENCY_RE = re.compile(
    r"\s*[\[(]\s*(?P<cur>" + _SUFFIX_RE + r"|(?-i:USD|EUR|GBP|NOK|SEK|DKK|CAD|AUD|NZD|JPY))\s*[\])]", re.IGNORECASE)
_SEPARATOR_RE = re.compile(r"[ ,.]")
_WORD_GAP_RE = re.compile(r"[\s\-]+")
_SPACES_RE = re.compile(r"\s+")
# The donor's own dollar named somewhere in the article: then a bare "$" is that dollar.
_OWN_DOLLAR_RE = {
    "CAN": re.compile(r"Canadian dollars?|C\$|CAD\b"),
    "AUS": re.compile(r"Australian dollars?|A\$|AUD\b|AU\$|Aus\$"),
    "NZL": re.compile(r"New Zealand dollars?|NZ\$|NZD\b"),
}
_SCALE_WORD_RE = re.compile(r"thousand|illion", re.IGNORECASE)
_DIGIT_RE = re.compile(r"\d")


@dataclass
class Money:
    amount: float
    currency: str | None  # None: a crown/krone word to resolve from the donor
    word: str | None  # the currency word when it needs the donor ("kroner", "$")
    start: int
    end: int


def _number(raw: str, scale: str | None) -> float:
    """"1.4" / "1,5" (decimal comma) / "500,000" / "1.000.000" / "1,234.5" -> float, times the scale."""
    raw = raw.replace("\u00a0", " ").replace("\u202f", " ")
    parts = _SEPARATOR_RE.split(raw)
    seps = _SEPARATOR_RE.findall(raw)
    if not seps:
        value = float(raw)
    elif len(seps) == 1:
        last = parts[-1]
        if len(last) == 3 and (seps[0] in ", " or not scale):
            value = float(parts[0] + last)  # thousands separator
        else:
            value = float(parts[0] + "." + last)  # decimal point or comma
    elif len(set(seps)) == 1:
        value = float("".join(parts))
    else:
        value = float("".join(parts[:-1]) + "." + parts[-1])
    if scale:
        key = scale.lower().rstrip(".")
        value *= _SCALES.get(key, _SCALES.get(key.rstrip("s"), 1))
    return value


def _word_number(raw: str) -> float:
    """"one and a half" -> 1.5, "one hundred and fifty" -> 150, "three-quarters of a" -> 0.75,
    "one point five" -> 1.5, "twenty-five" -> 25, "a" -> 1."""
    words = _WORD_GAP_RE.split(raw.lower())
    if words[:2] == ["half", "a"] or words == ["a", "half"]:
        return 0.5
    if "quarter" in words or "quarters" in words and "of" in words:
        if words[-1] == "a" and "of" in words:  # "three-quarters of a", "a quarter of a"
            return NUMBER_WORDS.get(words[0], 1) * 0.25
    total, decimals = 0.0, None
    for i, w in enumerate(words):
        following = words[i + 1] if i + 1 < len(words) else ""
        if w == "point":
            decimals = ""
        elif decimals is not None:
            decimals += "0" if w == "zero" else str(int(NUMBER_WORDS.get(w, 0)) % 10)
        elif w == "hundred":
            total = (total or 1) * 100
        elif w in ("half", "quarter"):
            total += NUMBER_WORDS[w]
        elif w in ("and", "of") or (w in ("a", "an") and following in ("half", "quarter")):
            continue
        else:
            total += NUMBER_WORDS.get(w, 0)
    if decimals:
        total += float("0." + decimals)
    return total or 1.0


def find_money(text: str, offset: int = 0) -> list[Money]:
    found = []
    if _SCALE_WORD_RE.search(text):
        rx = MONEY_RE
    elif _DIGIT_RE.search(text):
        rx = _MONEY_DIGITS_RE
    else:
        return found  # no number at all
    for m in rx.finditer(text):
        try:
            if m.group("pnum"):
                cur_raw, num, scale = m.group("pcur"), m.group("pnum"), m.group("pscale")
                amount = _number(num, scale)
                word = cur_raw
                currency = _PREFIX.get(_SPACES_RE.sub("", cur_raw).lower())
            elif m.group("snum"):
                num, scale, cur_raw = m.group("snum"), m.group("sscale"), m.group("scur")
                amount = _number(num, scale)
                key = _SPACES_RE.sub(" ", cur_raw).lower()
                currency = _SUFFIX.get(key, _PREFIX.get(key.replace(" ", "")))
                word = cur_raw
            else:
                cur_raw = m.group("wcur") or m.group("wcur2")
                amount = _word_number(m.group("wnum")) * _SCALES[m.group("wscale").lower()]
                key = _SPACES_RE.sub(" ", cur_raw).lower()
                currency = _SUFFIX.get(key, _PREFIX.get(key.replace(" ", "")))
                word = cur_raw
        except (ValueError, IndexError, KeyError):
            continue
        if amount is None or amount <= 0 or amount > 1e13:
            continue
        bracket = _BRACKET_CURRENCY_RE.match(text, m.end())
        if bracket:  # "$245 million [Australian dollars]": the bracket says which dollar
            word = bracket.group("cur")
            currency = _SUFFIX.get(_SPACES_RE.sub(" ", word).lower(), _PREFIX.get(_SPACES_RE.sub("", word).lower()))
        amount = round(amount, 2)  # "65.9 billion" must print as 65900000000
        found.append(Money(amount, currency, word.strip(), offset + m.start(), offset + m.end()))
    return found


def resolve_currency(money: Money, donor: str | None, article_text: str) -> str | None:
    """The ISO code of a money mention once its donor is known."""
    word = (money.word or "").lower().replace(" ", "")
    if money.currency is None:  # kroner / krone / crowns
        return CROWN_CURRENCY.get(donor or "")
    if word in ("$", "dollars", "dollar") and donor in DOLLAR_CURRENCY:
        # A bare dollar is USD unless the text names the donor's own dollar.
        if _OWN_DOLLAR_RE[donor].search(article_text):
            return DOLLAR_CURRENCY[donor]
    return money.currency
