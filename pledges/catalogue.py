"""The weapon-system catalogue: which named system an item is, seeded from the parser's gazetteer.

An item keeps the words the article used ("four IRIS-T SLM air defence systems"); the
catalogue says which system they name ("IRIS-T SLM", family "IRIS-T", air defence), so the
systems pages can count one system across donors, articles and spellings. Staff edit the
catalogue (names, families, aliases) in the admin; loading again never overwrites a row they
changed, and `link_items` links items by the aliases as they are in the database.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from django.db.models import Q
from django.utils.text import slugify

from ingest.parser.lexicon import LEXICON, tokenize

CURATION_FILE = Path(__file__).with_name("data") / "system_catalogue.tsv"

# Words a gazetteer term may end with that say what kind of thing the system is, not which.
GENERIC_TAIL = frozenset(
    "system missile launcher battery tank vehicle jet howitzer interceptor aircraft fighter gun "
    "rocket drone helicopter air defence anti self propelled fighting surface to".split()
)
NOT_A_SYSTEM = "-"


@dataclass
class Entry:
    name: str
    category: str
    family: str = ""
    aliases: list[str] = field(default_factory=list)


def _curation(path: Path = CURATION_FILE) -> tuple[dict[str, str], dict[str, str]]:
    """(term -> system name or "-", system name -> family) from the curation file."""
    aliases, families = {}, {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        left, right = (part.strip() for part in line.split("\t")[:2])
        if left.startswith("="):
            families[left[1:]] = right
        else:
            aliases[left] = right
    return aliases, families


def key(text: str) -> tuple[str, ...]:
    """The normalised tokens a name is compared by ("PzH-2000s" and "PzH 2000" alike)."""
    return tuple(t for t, _, _, _ in tokenize(text))


def _named(term: str) -> bool:
    return any(ch.isupper() or ch.isdigit() for ch in term)


def _stripped(term: str) -> str:
    """"Caesar howitzers" -> "Caesar": trailing generic words off, never the whole name."""
    words = term.split()
    while len(words) > 1 and all(t in GENERIC_TAIL for t in key(words[-1])):
        words.pop()
    return " ".join(words)


def catalogue_entries() -> list[Entry]:
    """One entry per named system of the gazetteer, its terms as aliases, in gazetteer order."""
    aliases, families = _curation()
    entries: dict[str, Entry] = {}
    for system in LEXICON.systems:
        term = system.term
        if not _named(term):
            continue
        name = aliases.get(term) or _stripped(term)
        if name == NOT_A_SYSTEM:
            continue
        entry = entries.setdefault(name, Entry(name=name, category=system.category))
        if term != name and term not in entry.aliases:
            entry.aliases.append(term)
    keys = {name: key(name) for name in entries}
    for entry in entries.values():
        entry.family = families.get(entry.name) or _default_family(entry.name, keys)
    return list(entries.values())


def _default_family(name: str, keys: dict[str, tuple[str, ...]]) -> str:
    """The longest other system name this one starts with ("Leopard 2A6" -> "Leopard 2"),
    unless only a number follows it ("Leopard 2" is not a kind of "Leopard 1" or "Leopard")."""
    own = keys[name]
    best = name
    for other, tokens in keys.items():
        rest = own[len(tokens):]
        if other != name and own[: len(tokens)] == tokens and rest and not all(t.isdigit() for t in rest):
            if best == name or len(tokens) > len(keys[best]):
                best = other
    return best


def load(WeaponSystem) -> tuple[int, int]:
    """Create the catalogue's systems, add new aliases to those not edited by staff: (created, updated)."""
    existing = {s.name: s for s in WeaponSystem.objects.all()}
    created = updated = 0
    for entry in catalogue_entries():
        row = existing.get(entry.name)
        if row is None:
            WeaponSystem.objects.create(
                name=entry.name, slug=_unique_slug(WeaponSystem, entry.name), family=entry.family,
                category=entry.category, aliases=entry.aliases,
            )
            created += 1
        elif not row.staff_edited and set(entry.aliases) - set(row.aliases):
            row.aliases = row.aliases + [a for a in entry.aliases if a not in row.aliases]
            row.save(update_fields=["aliases"])
            updated += 1
    return created, updated


def _unique_slug(WeaponSystem, name: str) -> str:
    base = slugify(name.replace("/", "-").replace("+", "plus"))[:100] or "system"
    slug, n = base, 2
    while WeaponSystem.objects.filter(slug=slug).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug


class Matcher:
    """Finds the catalogue system an item's words name: the longest alias, earliest in the text."""

    def __init__(self, systems):
        by_first: dict[str, list[tuple[tuple[str, ...], int]]] = {}
        for pk, name, aliases in systems:
            for alias in [name, *aliases]:
                tokens = key(alias)
                if tokens:
                    by_first.setdefault(tokens[0], []).append((tokens, pk))
        self.by_first = {first: sorted(keys, key=lambda k: -len(k[0])) for first, keys in by_first.items()}

    @classmethod
    def from_database(cls, WeaponSystem):
        return cls(WeaponSystem.objects.values_list("pk", "name", "aliases"))

    def match(self, text: str) -> int | None:
        tokens = key(text)
        for i, token in enumerate(tokens):
            for alias, pk in self.by_first.get(token, ()):
                if tokens[i : i + len(alias)] == alias:
                    return pk
        return None


def link_items(PledgeItem, WeaponSystem, items=None, naming=None) -> int:
    """Link items without a system to the one their words name; returns how many were linked.
    `items`: unsaved or saved items to link in place (their caller saves them); else the
    unlinked items in the database, only those that may name the system `naming` if given
    (a substring test in SQL first: staff adding an alias must not read a million items)."""
    if items is not None:
        unlinked = [item for item in items if item.weapon_system_id is None]
        if not unlinked:
            return 0  # an article with no new items: no catalogue read on the writer's path
        matcher = Matcher.from_database(WeaponSystem)
        linked = 0
        for item in unlinked:
            item.weapon_system_id = matcher.match(item.system)
            linked += item.weapon_system_id is not None
        return linked
    matcher = Matcher.from_database(WeaponSystem)
    candidates = PledgeItem.objects.filter(weapon_system__isnull=True)
    if naming is not None:
        words = Q()
        for alias in [naming.name, *naming.aliases]:
            tokens = sorted((t for t, _, _, _ in tokenize(alias)), key=len)
            if tokens:
                words |= Q(system__icontains=tokens[-1][:-1] if len(tokens[-1]) > 3 else tokens[-1])
        candidates = candidates.filter(words)
    linked = 0
    by_system: dict[int, list[int]] = {}
    for pk, words in candidates.values_list("pk", "system").iterator(chunk_size=5000):
        system = matcher.match(words)
        if system is not None:
            by_system.setdefault(system, []).append(pk)
    for system, pks in by_system.items():
        for start in range(0, len(pks), 5000):
            linked += PledgeItem.objects.filter(pk__in=pks[start : start + 5000]).update(weapon_system_id=system)
    return linked
