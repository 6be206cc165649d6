"""The pledge list as a table: its columns, the sort keys it accepts, its pages.

Sorting only ever uses keys from SORTS, so a URL can never order by an
arbitrary field. Pagination avoids COUNT(*) over a million rows: it counts at
most COUNT_CAP rows and finds the next page by fetching one row more.
"""

import math
from dataclasses import dataclass

from django.db.models import Case, Exists, F, IntegerField, OuterRef, Prefetch, Value, When

from ingest.models import Article

from .models import Country, Evidence, Pledge, PledgeItem


@dataclass(frozen=True)
class Column:
    label: str
    sort: str = ""  # a key of SORTS, or "" when the column does not sort
    numeric: bool = False


# Key -> the fields it orders by; the pk breaks ties so pages never overlap.
# Donor sorts by the name shown: "donor_rank" is each donor's place in name order (below).
SORTS = {
    "announced": ("announced", "id"),
    "donor": ("donor_rank", "announced", "id"),
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

# The sort choices offered where the column headers are not shown (the phone's card layout).
SORT_OPTIONS = [
    ("-announced", "Newest first"), ("announced", "Oldest first"),
    ("donor", "Donor, A to Z"), ("-donor", "Donor, Z to A"),
    ("-amount", "Largest amount first"), ("amount", "Smallest amount first"),
    ("kind", "Kind"), ("category", "Category"), ("review_status", "Review status"),
]

PER_PAGE = 50
PAGE_SIZES = (25, 50, 100, 200)  # what the list offers (the API takes any size up to 500)
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
    if "donor_rank" in fields:
        queryset = queryset.annotate(donor_rank=donor_rank())
    # Undated pledges and pledges without an amount go last in both directions.
    return queryset.order_by(
        *[F(f).desc(nulls_last=True) if descending else F(f).asc(nulls_last=True) for f in fields]
    )


def donor_rank():
    """Each donor's place in name order (Denmark before Germany), as an expression: ordering
    by it needs no join with the countries, so the donor index still serves each donor."""
    codes = Country.objects.filter(Exists(Pledge.objects.filter(donor=OuterRef("pk")))).order_by("name", "code")
    whens = [When(donor_id=code, then=Value(i)) for i, code in enumerate(codes.values_list("code", flat=True))]
    return Case(*whens, default=Value(len(whens)), output_field=IntegerField()) if whens else Value(0)


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

    def numbers(self, around=2):
        """Page numbers to link, None for a gap: 1 … 4 5 [6] 7 8 … 20 (no last page when the count is capped)."""
        last = self.num_pages or self.number + (1 if self.has_next else 0)
        wanted = {1, last, *range(self.number - around, self.number + around + 1)}
        shown, previous = [], 0
        for n in sorted(n for n in wanted if 1 <= n <= last):
            if n > previous + 1:
                shown.append(None)
            shown.append(n)
            previous = n
        return shown

    @property
    def start_index(self):
        return (self.number - 1) * self.per_page + 1 if self.rows else 0

    @property
    def end_index(self):
        return (self.number - 1) * self.per_page + len(self.rows)


# Far beyond any real page; bounds the OFFSET a crafted URL can ask for.
MAX_PAGE = 100_000


def page_size(raw):
    """A page size the list offers, else the default."""
    try:
        size = int(raw)
    except (TypeError, ValueError):
        return PER_PAGE
    return size if size in PAGE_SIZES else PER_PAGE


def page_number(raw):
    try:
        return min(max(1, int(raw)), MAX_PAGE)
    except (TypeError, ValueError):
        return 1


def donor_window(per_donor, number, per_page, descending):
    """For a page of the list sorted by donor name: the donors whose pledges hold it and
    where it starts among their rows, from the pledge count per donor. Then the page reads
    only those donors' rows (the donor index) instead of ranking every pledge."""
    # the database's name order (its collation), as donor_rank() ranks them
    ordered = list(Country.objects.filter(code__in=list(per_donor)).order_by("name", "code")
                   .values_list("code", flat=True))
    if descending:
        ordered.reverse()
    first, last = (number - 1) * per_page, number * per_page + 1  # one more row: is there a next page?
    seen, donors, start = 0, [], 0
    for code in ordered:
        if seen + per_donor[code] > first and seen < last:
            if not donors:
                start = first - seen
            donors.append(code)
        seen += per_donor[code]
    return donors, start


def windowed(rows, sort, totals, number, per_page):
    """(rows, start) for paginate(): by donor name with summary `totals` known, only the rows of
    the donors this page falls in, not a rank of every pledge; else the rows as they are."""
    if sort_key(sort).lstrip("-") != "donor" or totals is None:
        return rows, None
    donors, start = donor_window(totals.donor_counts(), number, per_page, sort.startswith("-"))
    rows = rows.filter(donor__in=donors)
    if len(donors) == 1:  # one donor: its rows in date order, straight from the donor index
        rows = ordered(rows, sort.replace("donor", "announced"))
    return rows, start


def paginate(queryset, number, per_page=None, cap=None, count=None, start=None):
    """One page of rows plus a capped count: two queries whatever the table size.

    `count`: the count when the caller already knows it (the summary tables
    answer most filters in a millisecond), shown the same way, capped.
    `start`: where the page starts in `queryset` when that holds only the page's
    neighbourhood (donor_window), not every row before it.
    """
    per_page, cap = per_page or PER_PAGE, cap or COUNT_CAP
    offset = (number - 1) * per_page if start is None else start
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
