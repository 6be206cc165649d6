"""The filtered pledge list as CSV: streamed, formula-safe, spreadsheet-ready.

Columns (one row per pledge, in the list's order, all pages):

  id            pledge id (its page is /pledges/<id>/)
  announced     date announced, YYYY-MM-DD (empty if unknown)
  donor         donor code: ISO 3166 alpha-3, or EU / NATO
  donor_name    donor name
  kind          pledge, delivery or cumulative (a reported running total)
  category      category value (see pledges/vocabulary.py)
  amount        amount as reported, in `currency` (empty if none)
  currency      ISO 4217 code of `amount`
  amount_eur    amount converted at the ECB rate of the announced date
  amount_usd    same, in US dollars
  coalition     capability coalition name
  meeting       meeting the pledge was announced at
  review_status auto, verified or rejected
  is_synthetic  true for a synthetic demo record (DEMO_SYNTHETIC), false for one read from news
  items         "quantity x system" joined with "; "
  source_urls   where it was read, one reference per evidence joined with " ":
                the article's web address, or, for articles ingested from a
                file or a paste (no web address), the article's page on this
                site (https://<this site>/articles/<article id>/)

Rows are read with a server-side cursor in chunks; items and sources are
fetched once per chunk, so memory stays flat whatever the number of rows.
"""

import csv
from itertools import islice

from django.http import StreamingHttpResponse

from . import export_copy, export_slots
from .csv_guard import neutralise
from . import vocabulary as voc
from .models import Evidence, PledgeItem

COLUMNS = [
    "id",
    "announced",
    "donor",
    "donor_name",
    "kind",
    "category",
    "amount",
    "currency",
    "amount_eur",
    "amount_usd",
    "coalition",
    "meeting",
    "review_status",
    "is_synthetic",
    "items",
    "source_urls",
]
VALUES = [
    "id",
    "announced",
    "donor_id",
    "donor__name",
    "kind",
    "category",
    "amount",
    "currency",
    "amount_eur",
    "amount_usd",
    "coalition__name",
    "meeting__format",
    "meeting__number",
    "meeting__date",
    "review_status",
    "is_synthetic",
]
CHUNK = 2000
BOM = "\ufeff"
# PostgreSQL's COPY ends rows with LF: the streamed path too, so both give the same bytes.
LINE_END = "\n"
def meeting_label(row):
    if not row["meeting__format"]:
        return ""
    label = voc.MEETING_NAME_BY_FORMAT.get(row["meeting__format"], row["meeting__format"])
    if row["meeting__number"]:
        label += f" #{row['meeting__number']}"
    if row["meeting__date"]:
        label += f" ({row['meeting__date']:%Y-%m-%d})"
    return label


def items_by_pledge(ids):
    joined = {}
    rows = PledgeItem.objects.filter(pledge_id__in=ids).order_by("pledge_id", "id")
    for pledge_id, system, quantity in rows.values_list("pledge_id", "system", "quantity"):
        text = f"{quantity} x {system}" if quantity else system
        joined.setdefault(pledge_id, []).append(text)
    return {k: "; ".join(v) for k, v in joined.items()}


def source_url(article_id, url, site=""):
    """The article's web address; without one (a file or a paste), its page here."""
    text = (url or "").strip()
    if text.lower().startswith(("http://", "https://")):
        return text
    return f"{site}/articles/{article_id}/"


def sources_by_pledge(ids, site=""):
    joined = {}
    rows = (
        Evidence.objects.filter(pledge_id__in=ids)
        .order_by("pledge_id", "article_id", "id")
        .values_list("pledge_id", "article_id", "article__url")
    )
    for pledge_id, article_id, url in rows:
        joined.setdefault(pledge_id, []).append(source_url(article_id, url, site))
    return {k: " ".join(v) for k, v in joined.items()}


def record(row, items, sources):
    """The CSV cells of one pledge row, in COLUMNS order."""
    return [
        row["id"],
        row["announced"].isoformat() if row["announced"] else "",
        row["donor_id"],
        row["donor__name"],
        row["kind"],
        row["category"],
        row["amount"],
        row["currency"],
        row["amount_eur"],
        row["amount_usd"],
        row["coalition__name"],
        meeting_label(row),
        row["review_status"],
        "true" if row["is_synthetic"] else "false",
        items.get(row["id"], ""),
        sources.get(row["id"], ""),
    ]


class _Line:
    """csv.writer target that hands back what it was given."""

    def write(self, text):
        return text


def chunks(queryset, size=None):
    size = size or CHUNK
    rows = queryset.values(*VALUES).iterator(chunk_size=size)
    while batch := list(islice(rows, size)):
        yield batch


def lines(queryset, site=""):
    """The CSV text, a chunk of rows at a time, header first.

    `site`: this site's address without a trailing slash, for source_urls."""
    yield BOM + csv_line(COLUMNS)
    for batch in chunks(queryset):
        ids = [row["id"] for row in batch]
        items, sources = items_by_pledge(ids), sources_by_pledge(ids, site)
        yield "".join(csv_line([neutralise(c) for c in record(row, items, sources)]) for row in batch)


_WRITER = csv.writer(_Line())  # CRLF rows: then a CR or LF in a cell is always quoted


def csv_line(cells):
    """One CSV row ending in LF, as PostgreSQL's COPY writes them (cells with CR or LF quoted)."""
    return _WRITER.writerow(cells)[:-2] + LINE_END


def byte_blocks(queryset, site=""):
    """The CSV as bytes, header first: written by PostgreSQL (export_copy) when it can,
    several times faster than formatting a million rows in Python; same rows and cells."""
    sql = export_copy.copy_sql(queryset, site)
    if sql is not None:
        return export_copy.blocks(sql, (BOM + csv_line(COLUMNS)).encode("utf-8"))
    return (text.encode("utf-8") for text in lines(queryset, site))


def response(queryset, filename="pledges.csv", site="", slot=None):
    """The CSV as a streamed download; `slot` (export_slots) is given back when it ends."""
    blocks = byte_blocks(queryset, site)
    if slot is not None:
        blocks = export_slots.Holding(blocks, slot)
    reply = StreamingHttpResponse(blocks, content_type="text/csv; charset=utf-8")
    reply["Content-Disposition"] = f'attachment; filename="{filename}"'
    return reply
