"""The pledge list as a table: its columns, the sort keys it accepts, its pages.

Sorting only ever uses keys from SORTS, so a URL can never order by an
arbitrary field. Pagination avoids COUNT(*) over a million rows: it counts at
most COUNT_CAP rows and finds the next page by fetching one row more.
"""

import math
from dataclasses import dataclass

from django.db.models import F, Prefetch

from ingest.models import Article

from .models import Evidence, PledgeItem


@dataclass(frozen=True)
class Column:
    label: str
    sort: str = ""  # a key of SORTS, or "" when the column does not sort
    numeric: bool = False


# Key -> the fields it orders by; the pk breaks ties so pages never overlap.
# Donor sorts by code, which follows the donor index (names would need a join).
SORTS = {
    "announced": ("announced", "id"),
    "donor": ("donor_id", "announced", "id"),
    "kind": ("kind", "announced", "id"),
    "category": ("category", "announced", "id"),
    "amount": ("amount_eur", "id"),
    "review_status": ("review_status", "announced", "id"),
}
DEFAULT_SORT = "-announced"

COLUMNS = [
    Column("Announced", "announced"),
    Column("Donor", "donor"),
    Column("Kind", "kind"),
    Column("Category", "category"),
    Column("Amount", "amount", numeric=True),
    Column("Items"),
    Column("Sources"),
    Column("Review", "review_status"),
]

PER_PAGE = 50
COUNT_CAP = 10_000


def sort_key(raw):
    """The requested sort if whitelisted, else the default."""
    raw = (raw or "").strip()
    return raw if raw.lstrip("-") in SORTS else DEFAULT_SORT


def ordered(queryset, key):
    """The queryset in the order of a whitelisted key ('-' prefix: descending)."""
    key = sort_key(key)
    descending = key.startswith("-")
    fields = SORTS[key.lstrip("-")]
    # Undated pledges and pledges without an amount go last in both directions.
    return queryset.order_by(
        *[F(f).desc(nulls_last=True) if descending else F(f).asc(nulls_last=True) for f in fields]
    )


def for_rows(queryset):
    """What one list row shows, fetched in a fixed number of queries."""
    sources = Evidence.objects.only("pledge_id", "article_id").prefetch_related(
        Prefetch("article", queryset=Article.objects.only("id", "url", "title", "outlet"))
    )
    return queryset.select_related("donor").prefetch_related(
        Prefetch("items", queryset=PledgeItem.objects.only("pledge_id", "system", "quantity")),
        Prefetch("evidence", queryset=sources),
    )


@dataclass
class Page:
    rows: list
    number: int
    per_page: int
    count: int  # capped at COUNT_CAP
    count_capped: bool
    has_next: bool

    @property
    def has_previous(self):
        return self.number > 1

    @property
    def num_pages(self):
        """Known only when the count is exact."""
        return None if self.count_capped else max(1, math.ceil(self.count / self.per_page))

    @property
    def start_index(self):
        return (self.number - 1) * self.per_page + 1 if self.rows else 0

    @property
    def end_index(self):
        return (self.number - 1) * self.per_page + len(self.rows)


# Far beyond any real page; bounds the OFFSET a crafted URL can ask for.
MAX_PAGE = 100_000


def page_number(raw):
    try:
        return min(max(1, int(raw)), MAX_PAGE)
    except (TypeError, ValueError):
        return 1


def paginate(queryset, number, per_page=None, cap=None, count=None):
    """One page of rows plus a capped count: two queries whatever the table size.

    `count`: the count when the caller already knows it (the summary tables
    answer most filters in a millisecond), shown the same way, capped.
    """
    per_page, cap = per_page or PER_PAGE, cap or COUNT_CAP
    offset = (number - 1) * per_page
    rows = list(queryset[offset : offset + per_page + 1])
    if count is None:
        count = queryset.order_by()[: cap + 1].count()
    return Page(
        rows=rows[:per_page],
        number=number,
        per_page=per_page,
        count=min(count, cap),
        count_capped=count > cap,
        has_next=len(rows) > per_page,
    )
