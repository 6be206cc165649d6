"""Data the parser reads (countries, systems gazetteer, officials), compiled once.

Everything here is loaded from data files at import time and turned into a few
combined regular expressions, so parsing an article costs a handful of scans.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

from pledges.vocabulary import CATEGORY_VALUES

from .fastre import prefilter_literals, trie_pattern

_LAST_LOWERED: tuple = (None, None)


class LowerPattern:
    """A case-insensitive pattern run on lower-cased text: several times faster in `re`
    than re.IGNORECASE on the original. Offsets are those of the original text.

    `hints`: substrings one of which every match contains; when none is in the text,
    the regular expression is not run at all (a C-speed `in` test instead)."""

    __slots__ = ("rx", "hints")

    def __init__(self, pattern: str, hints: tuple[str, ...] = ()):
        self.rx = re.compile(pattern)
        # given hints, else the literals every match of the pattern contains (when they are few)
        self.hints = tuple(hints) or prefilter_literals(pattern)

    def _lower(self, text: str) -> str | None:
        # The same sentence meets many patterns in a row: lower-case it once.
        global _LAST_LOWERED
        last = _LAST_LOWERED  # one tuple, swapped atomically: safe under threads
        if text is last[0]:
            low = last[1]
        else:
            low = text.lower()
            _LAST_LOWERED = (text, low)
        if self.hints:
            for hint in self.hints:
                if hint in low:
                    return low
            return None
        return low

    def search(self, text, *args):
        # _lower() inlined: this is the parser's most frequent call
        global _LAST_LOWERED
        last = _LAST_LOWERED
        if text is last[0]:
            low = last[1]
        else:
            low = text.lower()
            _LAST_LOWERED = (text, low)
        hints = self.hints
        if hints:
            for hint in hints:
                if hint in low:
                    break
            else:
                return None
        return self.rx.search(low, *args)

    def match(self, text, *args):
        low = self._lower(text)
        return None if low is None else self.rx.match(low, *args)

    def finditer(self, text, *args):
        low = self._lower(text)
        return iter(()) if low is None else self.rx.finditer(low, *args)

    def sub(self, repl, text):
        low = self._lower(text)
        return text.lower() if low is None else self.rx.sub(repl, low)


def lower_compile(pattern: str, flags: int = 0, hints: tuple[str, ...] = ()) -> LowerPattern:
    """Lower-case the literal letters of a pattern, leaving escapes (\\A, \\W, \\S ...) alone."""
    out, escaped = [], False
    for ch in pattern:
        out.append(ch if escaped else ch.lower())
        escaped = ch == "\\" and not escaped
    return LowerPattern("".join(out), hints)


DATA_DIR = Path(__file__).parent / "data"
COUNTRY_NAMES_FILE = Path(__file__).resolve().parents[2] / "pledges" / "data" / "country_names.json"

# Never donors: the recipient and the aggressor with its suppliers.
NON_DONORS = frozenset({"UKR", "RUS", "BLR", "IRN", "PRK", "CHN"})
ORGANISATIONS = frozenset({"EU", "NATO"})


@dataclass(frozen=True)
class Alias:
    code: str
    kind: str  # name | demonym | capital


def _load_countries() -> dict[str, Alias]:
    data = json.loads(COUNTRY_NAMES_FILE.read_text(encoding="utf-8"))
    data.pop("_about", None)
    aliases: dict[str, Alias] = {}
    for code, entry in data.items():
        for kind in ("names", "demonyms", "capitals"):
            for name in entry.get(kind, []):
                if not name or name.lower() in ("the alliance", "european"):
                    continue  # too vague to name a donor in running text
                aliases.setdefault(name, Alias(code, kind.rstrip("s")))
                if name.startswith("the "):
                    aliases.setdefault("The " + name[4:], Alias(code, kind.rstrip("s")))
    return aliases


COUNTRY_ALIASES = _load_countries()
# Institutions that news text uses as the actor for their state (parser-only: they are
# not names of the country, so they stay out of the shared reference aliases).
for _name, _code in {
    "Pentagon": "USA", "White House": "USA", "State Department": "USA", "Department of Defense": "USA",
    "Bundeswehr": "DEU", "Bundestag": "DEU", "Storting": "NOR", "Stortinget": "NOR", "Riksdag": "SWE",
    "Folketing": "DNK", "Folketinget": "DNK", "Sejm": "POL", "Eduskunta": "FIN", "Saeima": "LVA",
    "Seimas": "LTU", "Riigikogu": "EST", "Tweede Kamer": "NLD", "Knesset": "ISR", "Downing Street": "GBR", "Whitehall": "GBR",
    "Ministry of Defence of Ukraine": "UKR", "Verkhovna Rada": "UKR", "Kremlin": "RUS",
    "Élysée": "FRA", "Elysee": "FRA", "European Commission": "EU", "European Council": "EU",
    "European Peace Facility": "EU", "EPF": "EU", "Council of the EU": "EU",
}.items():
    COUNTRY_ALIASES.setdefault(_name, Alias(_code, "name"))


def _country_regex() -> re.Pattern:
    body = trie_pattern(COUNTRY_ALIASES)
    # Case-sensitive: "US" must not match "us". Apostrophes and "-led" are read
    # by the caller from the text after the match.
    # "US$250 million" names a currency, not an actor.
    return re.compile(r"(?<![\w.])(" + body + r")(?![\w$])")


COUNTRY_RE = _country_regex()


@dataclass(frozen=True)
class System:
    term: str
    category: str
    tokens: tuple[str, ...]  # normalised tokens (see norm_token)
    case_sensitive: bool  # acronyms like "TOW" must be upper case in the text


TOKEN_RE = re.compile(r"\d+(?:[.,]\d+)*|[^\W\d_]+")
_SPELLING = {
    "defense": "defence", "armored": "armoured", "armor": "armour", "caesars": "caesar",
    "aeroplane": "aircraft", "airplane": "aircraft",
}


_NORM_CACHE: dict[str, str] = {}


def norm_token(token: str) -> str:
    """Lower case, one spelling, singular: the key tokens are compared by."""
    cached = _NORM_CACHE.get(token)
    if cached is not None:
        return cached
    result = _norm_token(token)
    if len(_NORM_CACHE) < 200_000:
        _NORM_CACHE[token] = result
    return result


def _norm_token(token: str) -> str:
    t = token.lower()
    t = _SPELLING.get(t, t)
    if len(t) > 4 and t.endswith("ies"):
        return t[:-3] + "y"
    if len(t) > 4 and t.endswith(("ches", "shes", "sses", "xes")):
        return t[:-2]
    if len(t) > 3 and t.endswith("s") and not t.endswith(("ss", "us")):
        t = t[:-1]
    return _SPELLING.get(t, t)


def tokenize(text: str) -> list[tuple[str, int, int, str]]:
    """(normalised token, start, end, original) for letters runs and digit runs.

    Digits and letters are separate tokens ("155mm" -> "155", "mm"; "F-16" ->
    "f", "16"), so spelling variants of a system name give the same tokens.
    """
    cache = _NORM_CACHE
    out = []
    append = out.append
    for m in TOKEN_RE.finditer(text):
        tok = m.group()
        normal = cache.get(tok)
        if normal is None:
            normal = norm_token(tok)
        append((normal, m.start(), m.end(), tok))
    # "air de fence" (a line-break artefact in pasted text) -> "defence"
    if "de fen" in text or "De fen" in text:
        i = 0
        while i < len(out) - 1:
            if out[i][0] == "de" and out[i + 1][0] in ("fence", "fense", "fences", "fenses"):
                out[i] = ("defence", out[i][1], out[i + 1][2], out[i][3] + out[i + 1][3])
                del out[i + 1]
            i += 1
    return out


def _load_systems() -> tuple[list[System], dict[str, list[System]]]:
    systems: list[System] = []
    for line in (DATA_DIR / "systems.tsv").read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        term, category = (part.strip() for part in line.split("\t")[:2])
        if category not in CATEGORY_VALUES:
            raise ValueError(f"systems.tsv: unknown category {category!r} for {term!r}")
        tokens = tuple(t for t, _, _, _ in tokenize(term))
        case_sensitive = len(term) <= 5 and term.isupper() and term.isalpha()
        systems.append(System(term, category, tokens, case_sensitive))
    by_first: dict[str, list[System]] = {}
    for system in sorted(systems, key=lambda s: len(s.tokens), reverse=True):
        by_first.setdefault(system.tokens[0], []).append(system)
    return systems, by_first


SYSTEMS, SYSTEMS_BY_FIRST_TOKEN = _load_systems()


def find_systems(tokens: list[tuple[str, int, int, str]]) -> list[tuple[int, int, System]]:
    """Longest gazetteer matches over a token list: (first token index, end index, system)."""
    return _match_systems([t[0] for t in tokens], [t[3] for t in tokens])


def scan_systems(text: str) -> tuple[list[tuple[str, int, int, str]], list[tuple[int, int, System]]]:
    """(tokenize(text), find_systems(tokens)), but the token tuples are only built when
    something matched: most sentences name no system, and the spans cost more than the match."""
    if "de fen" in text or "De fen" in text:
        tokens = tokenize(text)
        return tokens, find_systems(tokens)
    originals = TOKEN_RE.findall(text)
    starts = _STARTS_SYSTEM
    flags = [starts.get(t) for t in originals]
    if None in flags:
        for i, flag in enumerate(flags):
            if flag is None:
                token = originals[i]
                flags[i] = norm_token(token) in SYSTEMS_BY_FIRST_TOKEN
                if len(starts) < 200_000:
                    starts[token] = flags[i]
    if True not in flags:
        return [], []  # no token can start a gazetteer term
    get = _NORM_CACHE.get
    normals = [get(t) or norm_token(t) for t in originals]
    found = _match_systems(normals, originals)
    if not found:
        return [], found
    spans = [m.span() for m in TOKEN_RE.finditer(text)]
    return [(n, a, b, t) for n, (a, b), t in zip(normals, spans, originals)], found


_STARTS_SYSTEM: dict[str, bool] = {}  # raw token -> its normal form starts a gazetteer term


def _match_systems(normals: list[str], originals: list[str]) -> list[tuple[int, int, System]]:
    found = []
    by_first = SYSTEMS_BY_FIRST_TOKEN
    n = len(normals)
    covered = 0
    for i in [i for i, t in enumerate(normals) if t in by_first]:
        if i < covered:
            continue  # inside the previous match
        for system in by_first[normals[i]]:  # longest first
            rest = system.tokens
            k = len(rest)
            if i + k > n:
                continue
            j = 1
            while j < k and normals[i + j] == rest[j]:
                j += 1
            if j < k:
                continue
            if system.case_sensitive:
                original = originals[i]
                if not (original.isupper() or original[:-1].isupper() and original[-1] == "s"):
                    continue
            found.append((i, i + k, system))
            covered = i + k
            break
    return found


def _load_officials() -> frozenset[str]:
    text = (DATA_DIR / "ukrainian_officials.txt").read_text(encoding="utf-8")
    return frozenset(l.strip() for l in text.splitlines() if l.strip() and not l.startswith("#"))


UKRAINIAN_OFFICIALS = _load_officials()


def _load_state_officials() -> dict[str, str]:
    out = {}
    for line in (DATA_DIR / "officials.tsv").read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            surname, code = line.split("\t")[:2]
            out[surname.strip()] = code.strip()
    return out


STATE_OFFICIALS = _load_state_officials()
# Officials are read as mentions of their country (kind "official").
for _surname, _code in STATE_OFFICIALS.items():
    COUNTRY_ALIASES.setdefault(_surname, Alias(_code, "official"))
for _surname in UKRAINIAN_OFFICIALS:
    COUNTRY_ALIASES.setdefault(_surname, Alias("UKR", "official"))
COUNTRY_RE = _country_regex()
