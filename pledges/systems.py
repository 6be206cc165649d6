"""Weapon systems pledged and delivered, per donor (Oryx's view), from the filtered pledges.

Quantities are sums of the items' quantities in pledges and deliveries; running totals
(kind "cumulative") restate earlier records and are never added. An item without a
quantity ("Germany will send IRIS-T systems") counts as a record, not as a number.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from itertools import accumulate

import plotly.graph_objects as go
from django.db.models import Count, Exists, OuterRef, Sum
from django.db.models.functions import TruncMonth

from . import summary
from . import vocabulary as voc
from .charts import DELIVERED_COLOUR, PLEDGED_COLOUR, Chart, chart_drawing
from .models import Country, PledgeItem, WeaponSystem

FLOWS = [voc.KIND_PLEDGE, voc.KIND_DELIVERY]


@dataclass
class Counts:
    pledged: int = 0
    delivered: int = 0
    records: int = 0  # items naming the system in pledges and deliveries, with or without a quantity

    @property
    def share_delivered(self) -> float | None:
        """Delivered / pledged, None when nothing pledged has a quantity."""
        return self.delivered / self.pledged if self.pledged else None

    def add(self, kind: str, quantity: int | None, records: int) -> None:
        if kind == voc.KIND_DELIVERY:
            self.delivered += quantity or 0
        else:
            self.pledged += quantity or 0
        self.records += records


@dataclass
class DonorCounts(Counts):
    donor: Country | None = None
    # The money of the records that name this system and no other (a package of several
    # systems has no per-system value): EUR, and how many records it covers.
    pledged_eur: float = 0.0
    delivered_eur: float = 0.0
    valued: int = 0


@dataclass
class SystemRow(Counts):
    system: WeaponSystem | None = None
    donors: list[DonorCounts] = field(default_factory=list)


# Sort key -> the row attribute it sorts by
SORTS = {"name": "name", "pledged": "pledged", "delivered": "delivered", "share": "share_delivered",
         "records": "records"}
DEFAULT_SORT = "-pledged"


def sort_key(raw: str | None) -> str:
    raw = (raw or "").strip()
    return raw if raw.lstrip("-") in SORTS else DEFAULT_SORT


def _items(pledges):
    """The items of these pledges and deliveries that name a catalogue system."""
    return PledgeItem.objects.filter(
        pledge__in=pledges.order_by().values("pk"), pledge__kind__in=FLOWS, weapon_system__isnull=False
    )


def _grouped(items, *fields):
    return (
        items.order_by()
        .values(*fields, "pledge__kind")
        .annotate(quantity=Sum("quantity"), records=Count("id"))
    )


def live_counts(pledges):
    """[(system id, donor code, kind, quantity, items)] straight from the items of these pledges."""
    return [(r["weapon_system"], r["pledge__donor"], r["pledge__kind"], r["quantity"] or 0, r["records"])
            for r in _grouped(_items(pledges), "weapon_system", "pledge__donor")]


def system_rows(pledges, sort: str = DEFAULT_SORT, filterset=None) -> list[SystemRow]:
    """One row per system named in these pledges, with its donors: three queries. The
    summary tables answer the filters they can (`filterset`), else the items are grouped."""
    totals = summary.totals_for(filterset, pledges) if filterset is not None else None
    counts = totals.system_counts() if totals is not None else live_counts(pledges)
    rows: dict[int, SystemRow] = {}
    donors: dict[tuple[int, str], DonorCounts] = {}
    for system_id, code, kind, quantity, records in counts:
        rows.setdefault(system_id, SystemRow()).add(kind, quantity, records)
        donors.setdefault((system_id, code), DonorCounts()).add(kind, quantity, records)
    systems = WeaponSystem.objects.in_bulk(list(rows))
    countries = Country.objects.only("code", "name").in_bulk({code for _, code in donors})
    for (system_id, code), counts in donors.items():
        counts.donor = countries[code]
        rows[system_id].donors.append(counts)
    for system_id, row in rows.items():
        row.system = systems[system_id]
        row.donors.sort(key=lambda d: (-d.pledged, -d.delivered, d.donor.name))
    return _sorted(list(rows.values()), sort)


def _sorted(rows: list[SystemRow], sort: str) -> list[SystemRow]:
    key = sort_key(sort)
    attribute = SORTS[key.lstrip("-")]
    descending = key.startswith("-")
    rows.sort(key=lambda row: row.system.name.lower())  # ties (and the name sort) by name
    if attribute == "name":
        return rows[::-1] if descending else rows
    known = [row for row in rows if getattr(row, attribute) is not None]
    unknown = [row for row in rows if getattr(row, attribute) is None]  # no share: last either way
    known.sort(key=lambda row: getattr(row, attribute), reverse=descending)
    return known + unknown


def donor_counts(pledges, system: WeaponSystem) -> list[DonorCounts]:
    """Per donor, what it pledged and delivered of one system, most pledged first."""
    by_donor: dict[str, DonorCounts] = {}
    for r in _grouped(_items(pledges).filter(weapon_system=system), "pledge__donor"):
        by_donor.setdefault(r["pledge__donor"], DonorCounts()).add(r["pledge__kind"], r["quantity"], r["records"])
    countries = Country.objects.only("code", "name").in_bulk(list(by_donor))
    for code, counts in by_donor.items():
        counts.donor = countries[code]
    return sorted(by_donor.values(), key=lambda d: (-d.pledged, -d.delivered, d.donor.name))


def add_money(pledges, system: WeaponSystem, donors: list[DonorCounts]) -> dict:
    """Fill in each donor's money for this system where the records tell it; the totals."""
    only_this = pledges.filter(kind__in=FLOWS, amount_eur__isnull=False).filter(
        Exists(PledgeItem.objects.filter(pledge=OuterRef("pk"), weapon_system=system))
    ).exclude(Exists(PledgeItem.objects.filter(pledge=OuterRef("pk"), weapon_system__isnull=False)
                     .exclude(weapon_system=system)))
    rows = only_this.order_by().values("donor", "kind").annotate(eur=Sum("amount_eur"), n=Count("id"))
    by_code = {d.donor.code: d for d in donors}
    totals = {"pledged_eur": 0.0, "delivered_eur": 0.0, "valued": 0}
    for r in rows:
        donor = by_code.get(r["donor"])
        field = "delivered_eur" if r["kind"] == voc.KIND_DELIVERY else "pledged_eur"
        if donor is not None:
            setattr(donor, field, getattr(donor, field) + float(r["eur"]))
            donor.valued += r["n"]
        totals[field] += float(r["eur"])
        totals["valued"] += r["n"]
    return totals


def records(pledges, system: WeaponSystem):
    """The items naming the system, with their pledge, donor and sources, newest first."""
    return (
        _items(pledges).filter(weapon_system=system)
        .select_related("pledge", "pledge__donor")
        .prefetch_related("pledge__evidence__article")
        .order_by("-pledge__announced", "-pledge_id", "id")
    )


def over_time(pledges, system: WeaponSystem) -> Chart:
    """Cumulative quantities pledged and delivered by month announced (dated records only)."""
    months: dict = {}
    rows = (
        _items(pledges).filter(weapon_system=system, pledge__announced__isnull=False)
        .annotate(month=TruncMonth("pledge__announced"))
        .order_by().values("month", "pledge__kind").annotate(quantity=Sum("quantity"))
    )
    for r in rows:
        pledged, delivered = months.get(r["month"], (0, 0))
        if r["pledge__kind"] == voc.KIND_DELIVERY:
            delivered += r["quantity"] or 0
        else:
            pledged += r["quantity"] or 0
        months[r["month"]] = (pledged, delivered)
    ordered = sorted(months)
    pledged_cum = list(accumulate(months[m][0] for m in ordered))
    delivered_cum = list(accumulate(months[m][1] for m in ordered))
    axis = [m.isoformat() for m in ordered]
    traces = [
        dict(type="scatter", name=f"{label}, cumulative", x=axis, y=values, mode="lines+markers",
             line={"color": colour, "width": 2, "shape": "hv"},
             hovertemplate=f"%{{x|%Y-%m}}<br>{label} to date: %{{y:,}}<extra></extra>")
        for label, values, colour in (("Pledged", pledged_cum, PLEDGED_COLOUR), ("Delivered", delivered_cum, DELIVERED_COLOUR))
    ]
    title = f"{system.name}: pledged and delivered over time (units)"
    drawing = chart_drawing(traces, title, height=360, yaxis={"title": {"text": "Units, cumulative"}, "rangemode": "tozero"},
                 xaxis={"title": {"text": "Month announced"}, "type": "date", "tickformat": "%b %Y"})
    chart = Chart(
        "system-over-time", title, drawing,
        ["Month", "Pledged", "Delivered", "Pledged, cumulative", "Delivered, cumulative"],
        [(m.strftime("%Y-%m"), months[m][0], months[m][1], p, d)
         for m, p, d in zip(ordered, pledged_cum, delivered_cum)],
        empty="No dated records.",
    )
    chart.config["toImageButtonOptions"] = {"filename": f"aidtracker-system-{system.slug}"}
    return chart
