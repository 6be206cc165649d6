"""Reference data: every ISO 3166 country (pycountry), the EU and NATO, with the
names a news text may use for them, and the capability coalitions.

Idempotent: loading twice leaves the same rows. Used by the data migration and
by `manage.py load_reference` (after pycountry or the names file changes).
"""

import json
from datetime import date
from pathlib import Path

import pycountry

from ingest.parser.lexicon import COUNTRY_NAMES_FILE

from . import vocabulary as voc

NAMES_FILE = COUNTRY_NAMES_FILE  # the names the parser reads

EU_MEMBERS = {
    "AUT", "BEL", "BGR", "HRV", "CYP", "CZE", "DNK", "EST", "FIN", "FRA", "DEU", "GRC",
    "HUN", "IRL", "ITA", "LVA", "LTU", "LUX", "MLT", "NLD", "POL", "PRT", "ROU", "SVK",
    "SVN", "ESP", "SWE",
}
NATO_MEMBERS = {
    "ALB", "BEL", "BGR", "CAN", "HRV", "CZE", "DNK", "EST", "FIN", "FRA", "DEU", "GRC",
    "HUN", "ISL", "ITA", "LVA", "LTU", "LUX", "MNE", "NLD", "MKD", "NOR", "POL", "PRT",
    "ROU", "SVK", "SVN", "ESP", "SWE", "TUR", "GBR", "USA",
}


def country_names():
    data = json.loads(NAMES_FILE.read_text(encoding="utf-8"))
    data.pop("_about", None)
    return data


def _aliases(code, official_names, extra):
    names = list(official_names)
    for key in ("names", "demonyms", "capitals"):
        names.extend(extra.get(key, []))
    seen, aliases = set(), []
    for name in names:
        if name and name.lower() not in seen:
            seen.add(name.lower())
            aliases.append(name)
    return aliases


def country_rows():
    """(code, fields) for every state and organisation."""
    extra = country_names()
    for c in pycountry.countries:
        official = [getattr(c, "common_name", None), c.name, getattr(c, "official_name", None)]
        name = getattr(c, "common_name", None) or c.name
        yield c.alpha_3, {
            "alpha2": c.alpha_2,
            "name": name,
            "kind": "state",
            "aliases": _aliases(c.alpha_3, official, extra.get(c.alpha_3, {})),
            "is_eu": c.alpha_3 in EU_MEMBERS,
            "is_nato": c.alpha_3 in NATO_MEMBERS,
        }
    for code, name in voc.ORGANISATIONS.items():
        yield code, {
            "alpha2": "",
            "name": name,
            "kind": "organisation",
            "aliases": _aliases(code, [name, code], extra.get(code, {})),
            "is_eu": False,
            "is_nato": False,
        }


def load(Country, Coalition):
    """Create or update the reference rows; returns (created, updated) counts."""
    created = updated = 0
    existing = {c.code: c for c in Country.objects.all()}
    new_rows = []
    for code, fields in country_rows():
        row = existing.get(code)
        if row is None:
            new_rows.append(Country(code=code, **fields))
            continue
        if any(getattr(row, k) != v for k, v in fields.items()):
            for k, v in fields.items():
                setattr(row, k, v)
            row.save()
            updated += 1
    Country.objects.bulk_create(new_rows)
    created += len(new_rows)
    for name, area in voc.COALITIONS.items():
        _, was_created = Coalition.objects.get_or_create(
            name=name, defaults={"area": area, "slug": _slug(name)}
        )
        created += was_created
    return created, updated


LEADERS_FILE = Path(__file__).with_name("data") / "coalition_leaders.tsv"


def coalition_leaders():
    """{coalition name: ([leader codes], date stated)} from the reference file."""
    out = {}
    for line in LEADERS_FILE.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            name, codes, stated = (part.strip() for part in line.split("\t"))
            out[name] = ([c.strip() for c in codes.split(",") if c.strip()], date.fromisoformat(stated))
    return out


def load_leaders(Coalition):
    """Add the reference leaders to coalitions not edited by staff; returns how many changed.
    (Also run by a data migration with its historical model: plain ORM calls only.)"""
    changed = 0
    for name, (codes, stated) in coalition_leaders().items():
        coalition = Coalition.objects.filter(name=name, staff_edited=False).first()
        if coalition is None:
            continue
        missing = set(codes) - set(coalition.leaders.values_list("code", flat=True))
        if missing or coalition.leaders_stated is None:
            coalition.leaders.add(*missing)
            if coalition.leaders_stated is None:
                coalition.leaders_stated = stated
                coalition.save(update_fields=["leaders_stated"])
            changed += 1
    return changed


def _slug(name):
    from django.utils.text import slugify

    return slugify(name)
