"""The data the parser reads (countries, systems gazetteer, officials), built once.

`LEXICON` is made at import from the files in `data/` and never changes after:
read-only maps, tuples and frozensets. Country and official names become one
case-sensitive regular expression, so finding them costs one scan per sentence.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType
from typing import Mapping

from .fastre import trie_pattern
from .vocabulary import CATEGORY_VALUES
from .vocabulary import ORGANISATIONS as _ORGANISATION_NAMES

DATA_DIR = Path(__file__).parent / "data"
COUNTRY_NAMES_FILE = DATA_DIR / "country_names.json"

# Never donors: the recipient and the aggressor with its suppliers.
NON_DONORS = frozenset({"UKR", "RUS", "BLR", "IRN", "PRK", "CHN"})
ORGANISATIONS = frozenset(_ORGANISATION_NAMES)

# Institutions that news text uses as the actor for their state (parser-only: they are
# not names of the country, so they stay out of the shared reference aliases).
INSTITUTIONS = MappingProxyType({
    "Pentagon": "USA", "White House": "USA", "State Department": "USA", "Department of Defense": "USA",
    "Bundeswehr": "DEU", "Bundestag": "DEU", "Storting": "NOR", "Stortinget": "NOR", "Riksdag": "SWE",
    "Folketing": "DNK", "Folketinget": "DNK", "Sejm": "POL", "Eduskunta": "FIN", "Saeima": "LVA",
    "Seimas": "LTU", "Riigikogu": "EST", "Tweede Kamer": "NLD", "Knesset": "ISR", "Downing Street": "GBR", "Whitehall": "GBR",
    "Ministry of Defence of Ukraine": "UKR", "Verkhovna Rada": "UKR", "Kremlin": "RUS",
    "Élysée": "FRA", "Elysee": "FRA", "European Commission": "EU", "European Council": "EU",
    "European Peace Facility": "EU", "EPF": "EU", "Council of the EU": "EU",
})


@dataclass(frozen=True)
class Alias:
    code: str
    kind: str  # name | demonym | capital | official


@dataclass(frozen=True)
class System:
    term: str
    category: str
    tokens: tuple[str, ...]  # normalised tokens (see norm_token)
    case_sensitive: bool  # acronyms like "TOW" must be upper case in the text


@dataclass(frozen=True)
class Lexicon:
    aliases: Mapping[str, Alias]  # every name the country pattern finds -> whom it names
    country_re: re.Pattern
    systems: tuple[System, ...]
    systems_by_first_token: Mapping[str, tuple[System, ...]]  # longest term first
    ukrainian_officials: frozenset[str]
    state_officials: Mapping[str, str]  # surname -> country code


TOKEN_RE = re.compile(r"\d+(?:[.,]\d+)*|[^\W\d_]+")
_SPELLING = {
    "defense": "defence", "armored": "armoured", "armor": "armour", "caesars": "caesar",
    "aeroplane": "aircraft", "airplane": "aircraft",
}


# Memo of norm_token (pure: a string to a string), bounded in size.
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


def _country_aliases(officials: Mapping[str, str], ukrainians: frozenset[str]) -> dict[str, Alias]:
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
    for name, code in INSTITUTIONS.items():
        aliases.setdefault(name, Alias(code, "name"))
    # Officials are read as mentions of their country (kind "official").
    for surname, code in officials.items():
        aliases.setdefault(surname, Alias(code, "official"))
    for surname in ukrainians:
        aliases.setdefault(surname, Alias("UKR", "official"))
    return aliases


def _country_regex(aliases: Mapping[str, Alias]) -> re.Pattern:
    # Case-sensitive: "US" must not match "us". Apostrophes and "-led" are read
    # by the caller from the text after the match.
    # "US$250 million" names a currency, not an actor.
    return re.compile(r"(?<![\w.])(" + trie_pattern(aliases) + r")(?![\w$])")


def _data_lines(name: str) -> list[str]:
    text = (DATA_DIR / name).read_text(encoding="utf-8")
    return [line for line in text.splitlines() if line.strip() and not line.startswith("#")]


def _systems() -> tuple[tuple[System, ...], dict[str, tuple[System, ...]]]:
    systems: list[System] = []
    for line in _data_lines("systems.tsv"):
        term, category = (part.strip() for part in line.split("\t")[:2])
        if category not in CATEGORY_VALUES:
            raise ValueError(f"systems.tsv: unknown category {category!r} for {term!r}")
        tokens = tuple(t for t, _, _, _ in tokenize(term))
        case_sensitive = len(term) <= 5 and term.isupper() and term.isalpha()
        systems.append(System(term, category, tokens, case_sensitive))
    by_first: dict[str, list[System]] = {}
    for system in sorted(systems, key=lambda s: len(s.tokens), reverse=True):
        by_first.setdefault(system.tokens[0], []).append(system)
    return tuple(systems), {first: tuple(terms) for first, terms in by_first.items()}


def _state_officials() -> dict[str, str]:
    out = {}
    for line in _data_lines("officials.tsv"):
        surname, code = line.split("\t")[:2]
        out[surname.strip()] = code.strip()
    return out


def build_lexicon() -> Lexicon:
    ukrainians = frozenset(line.strip() for line in _data_lines("ukrainian_officials.txt"))
    officials = _state_officials()
    aliases = _country_aliases(officials, ukrainians)
    systems, by_first = _systems()
    return Lexicon(
        aliases=MappingProxyType(aliases),
        country_re=_country_regex(aliases),
        systems=systems,
        systems_by_first_token=MappingProxyType(by_first),
        ukrainian_officials=ukrainians,
        state_officials=MappingProxyType(officials),
    )


LEXICON = build_lexicon()
# Short names for the parts every stage reads.
COUNTRY_ALIASES = LEXICON.aliases
COUNTRY_RE = LEXICON.country_re
SYSTEMS_BY_FIRST_TOKEN = LEXICON.systems_by_first_token
UKRAINIAN_OFFICIALS = LEXICON.ukrainian_officials
STATE_OFFICIALS = LEXICON.state_officials


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


# Memo (bounded, pure): raw token -> its normal form starts a gazetteer term.
_STARTS_SYSTEM: dict[str, bool] = {}


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
