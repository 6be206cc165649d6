"""Mentions stage, systems: weapon systems and materiel a sentence names, with their counts.

Takes a sentence; gives (start, end, Item) for each gazetteer term, widened to
its full name ("IRIS-T" -> "IRIS-T air defence systems", "80,000 CRV7 rockets")
and with the count written before it ("8,000 anti-tank mines", "a Patriot
system"). Names of coalitions or industries ("the drone coalition", "drone
production") are not materiel.
"""

from __future__ import annotations

from .cues import (
    ARMOURED_RE,
    CAPITALISED_RE,
    COALITION_OF_BEFORE_RE,
    COUNTED_MODIFIERS_BEFORE_RE,
    DE_FENCE_RE,
    DIGITS_RE,
    GROUP_SEPARATOR_RE,
    GROUPED_DIGITS_RE,
    MUNITION_FOR_RE,
    MUNITION_RE,
    NOT_MATERIEL_AFTER_RE,
    SPACES_RE,
    TITLE_NAME_BEFORE_RE,
    TYPE_NAME_BEFORE_RE,
    VERB_BEFORE_RE,
    WITH_FOR_RE,
    LOWER_WORD_RE,
)
from .lexicon import COUNTRY_ALIASES, scan_systems
from .money import NUMBER_WORDS
from .result import Item
from .text import Sentence

# Generic words that detail a named system rather than add a capability ("NASAMS launchers and missiles").
NEUTRAL_ITEMS = frozenset({"missiles", "missile", "munitions", "rockets", "fire units", "rounds"})
_HEAD_NOUNS = frozenset(
    "system missile launcher battery tank vehicle jet howitzer round shell ammunition munition "
    "interceptor unit helicopter drone boat radar aircraft fighter gun rocket mine kit carrier "
    "equipment rifle launcher ifv apc mrap".split()
)
_HEAD_MODIFIERS = frozenset(
    "air defence anti aircraft guided fighter combat battle main infantry self propelled surface to "
    "artillery multiple launch rocket armoured personnel carrier short medium long range ground based "
    "mobile sea naval fighting personnel armoured utility light heavy anti tank armour fire recoilless command detection "
    "cruise ballistic".split()
)


_QTY_SKIP = frozenset(
    "new additional more further extra modern modernised modernized used refurbished upgraded older "
    "second-hand advanced unused of the its their units pieces sets batteries rounds x complete second "
    "third fourth fifth self-propelled retired decommissioned surplus mothballed spare excess".split()
)
# Words that end a noun phrase's modifiers rather than belong to them.
_NOT_MODIFIERS = frozenset(
    "and or but of for with to from by in on at as the a an this that these those its their our his her "
    "worth which who whose than such other some any all each every".split()
)
_PART_OF = frozenset("first last rest remainder remaining part some half batch tranche most none".split())
_QTY_WORD_NUMBERS = {w: v for w, v in NUMBER_WORDS.items() if w not in ("half", "quarter")}
_QTY_SCALES = {"thousand": 1e3, "million": 1e6, "billion": 1e9}


def quantity_before(text: str, start: int, singular: bool) -> int | None:
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
        if capitalised_skipped < 3 and CAPITALISED_RE.fullmatch(w) and low not in _QTY_WORD_NUMBERS:
            # "six Danish F-16s", "ten US-made ...", "50 Armoured Combat Support Vehicles"
            capitalised_skipped += 1
            i -= 1
            continue
        break
    if i < 0:
        return None
    w = words[i].lower()
    if i >= 2 and words[i - 1].lower() == "of" and words[i - 2].lower() in _PART_OF:
        return None  # "the first of 24 F-16s": a part of a count told elsewhere, not this count
    scale = 1.0
    if w in _QTY_SCALES and i > 0:
        scale = _QTY_SCALES[w]
        i -= 1
        w = words[i].lower()
    if DIGITS_RE.fullmatch(w):
        raw = w
        digits = GROUP_SEPARATOR_RE.sub("", raw) if GROUPED_DIGITS_RE.fullmatch(raw) else raw
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
    elif w in ("dozen", "hundred"):
        # "a dozen", "two dozen", "three hundred"; "several hundred", "a few dozen": no count
        unit = 12.0 if w == "dozen" else 100.0
        before = words[i - 1].lower() if i > 0 else ""
        if before in ("a", "one"):
            value = unit
        elif before in _QTY_WORD_NUMBERS and before not in ("dozen", "hundred"):
            value = _QTY_WORD_NUMBERS[before] * unit
        elif before.isdigit():
            value = float(before) * unit
        else:
            return None
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


def _counted_modifiers(text: str, lo: int, start: int) -> int | None:
    """Where the name of a generic item starts when a count and lower-case modifiers come
    before it: "40 armoured combat support vehicles" -> at "armoured". None if they don't."""
    found = COUNTED_MODIFIERS_BEFORE_RE.search(text, lo, start)
    if found is None:
        return None
    words = [(m.group(), m.start()) for m in LOWER_WORD_RE.finditer(text, found.start(2), start)]
    while words and words[0][0] in _QTY_SKIP:
        words.pop(0)  # "40 new ...": the count's qualifier, not part of the name
    if not words or any(w in _NOT_MODIFIERS or w in _QTY_SKIP for w, _ in words):
        return None
    position = words[0][1]
    if quantity_before(text, position, False) is None:
        return None  # no count before them: "ready to mine", "armed with"
    return position


def find_items(text: str, sentence: Sentence) -> list[tuple[int, int, Item]]:
    tokens, found = scan_systems(sentence.text)
    out = []
    covered = 0
    for i, j, system in found:
        if i < covered:
            continue  # already part of the previous name ("Patriot air defense missiles")
        if j - i == 1 and system.term.islower() and VERB_BEFORE_RE.search(sentence.text, 0, tokens[i][1]):
            continue  # "will ship", "to mine": a verb, not materiel
        if not system.term.islower():
            # "AIM-9M", "M777A2": a variant's capitals and digits written onto the name ("F-16s": a
            # plural; "F-16in Ukraine": a missing space)
            while (j < len(tokens) and j - i < len(system.tokens) + 2 and tokens[j][1] == tokens[j - 1][2]
                   and len(tokens[j][3]) <= 3 and not tokens[j][3].islower() and tokens[j][3] != "S"):
                j += 1
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
            code = (TYPE_NAME_BEFORE_RE.search(text, max(sentence.start, start - 40), start)
                    or TITLE_NAME_BEFORE_RE.search(text, max(sentence.start, start - 60), start))
            if (code and code.start() >= previous_end and code.group(1) not in COUNTRY_ALIASES
                    and not any(w in COUNTRY_ALIASES for w in code.group(1).split())):
                start = code.start()
                if category == "general" and ARMOURED_RE.search(code.group(1)):
                    category = "armor"
            elif system.term.islower():
                modifiers = _counted_modifiers(text, max(sentence.start, previous_end, start - 60), start)
                if modifiers is not None:
                    if category == "general" and ARMOURED_RE.search(text, modifiers, start):
                        category = "armor"
                    start = modifiers
        name = DE_FENCE_RE.sub(r"de\1", SPACES_RE.sub(" ", text[start:end]))
        if ")" in name and "(" not in name:
            name = SPACES_RE.sub(" ", name.replace(")", ""))  # "(TOW) missiles" -> "TOW missiles"
        last = tokens[k - 1][3]
        singular = not last.lower().endswith("s") or last.isupper()
        quantity = quantity_before(text, start, singular)
        if COALITION_OF_BEFORE_RE.search(text, max(0, start - 30), start):
            continue  # "the coalition of drones" names a coalition
        if NOT_MATERIEL_AFTER_RE.match(text, end, end + 30):
            continue  # "the drone coalition" names a coalition, not materiel
        out.append((start, end, Item(system=name, quantity=quantity, category=category)))
    # "IRIS-T systems with guided missiles": a generic term right after a named one is its detail.
    pruned = []
    for start, end, item in out:
        if pruned and MUNITION_FOR_RE.fullmatch(text, pruned[-1][1], start) and MUNITION_RE.search(pruned[-1][2].system) \
                and item.category != "general" and not MUNITION_RE.search(item.system):
            # "ammunition for HIMARS": munitions of that system, not the launcher itself
            first_start, _, first = pruned.pop()
            name = SPACES_RE.sub(" ", text[first_start:end])
            pruned.append((first_start, end, Item(system=name, quantity=first.quantity, category=item.category)))
            continue
        if (pruned and item.category == "general" and start - pruned[-1][1] < 16
                and WITH_FOR_RE.search(text, pruned[-1][1], start)):
            continue
        pruned.append((start, end, item))
    return pruned


def generic(item: Item) -> bool:
    """A common noun ("air defence systems", "tanks") rather than a named system ("SAMP/T", "M113")."""
    return not any(ch.isupper() or ch.isdigit() for ch in item.system)
