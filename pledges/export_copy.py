"""The CSV export written by PostgreSQL itself: COPY (query) TO STDOUT WITH CSV.

Same columns, rows, order and formula neutralisation as export.lines(), but the
database formats the CSV and Python only forwards blocks, so a million rows
stream at well over 100,000 rows/s in flat memory. The rows come from the very
queryset the list uses (its WHERE clause compiled by Django); items and source
URLs are joined per pledge in correlated subqueries.

The filtered rows are computed in table order behind an OFFSET 0 fence, then
sorted: probing items and evidence in id order is several times faster than in
the list's date order.
"""

from django.db import connection
from django.db.models import F, OrderBy
from django.db.models.expressions import RawSQL

from . import csv_guard
from . import vocabulary as voc

BLOCK = 256 * 1024  # bytes handed to the response at a time

ITEMS_SQL = """NULLIF(array_to_string(ARRAY(
    SELECT CASE WHEN i.quantity > 0 THEN i.quantity || ' x ' || i.system ELSE i.system END
    FROM pledges_pledgeitem i WHERE i.pledge_id = pledges_pledge.id ORDER BY i.id), '; '), '')"""
# export.source_url() in SQL: the article's web address, else its page on this site.
# One evidence per (pledge, article): article_id alone orders them, straight from
# the unique index (adding e.id cost a sort and a heap read per pledge).
SOURCES_SQL = """NULLIF(array_to_string(ARRAY(
    SELECT CASE WHEN a.url ~* '^https?://' THEN a.url ELSE %s || a.id || '/' END
    FROM pledges_evidence e JOIN ingest_article a ON a.id = e.article_id
    WHERE e.pledge_id = pledges_pledge.id ORDER BY e.article_id), ' '), '')"""
# export.meeting_label() in SQL.
MEETING_SQL = """CASE WHEN pledges_pledge.meeting_id IS NOT NULL THEN (
    SELECT CASE WHEN m.format = '' THEN NULL ELSE
    (CASE m.format {names} ELSE m.format END)
    || CASE WHEN m.number > 0 THEN ' #' || m.number ELSE '' END
    || coalesce(' (' || to_char(m.date, 'YYYY-MM-DD') || ')', '') END
    FROM pledges_meeting m WHERE m.id = pledges_pledge.meeting_id) END""".format(
    names=" ".join(f"WHEN '{v}' THEN '{n}'" for v, n in voc.MEETING_NAME_BY_FORMAT.items())
)

# (alias, expression, guarded): in export.COLUMNS order. Every column holding text is
# guarded, whatever wrote it (a row can reach the table without a form: SQL, a loader);
# ids, amounts, dates and booleans are formatted by PostgreSQL and cannot start a
# formula (amounts are never negative: a check constraint, and conversions of it).
SELECTED = [
    ("c_id", F("id"), False),
    ("c_announced", F("announced"), False),
    ("c_donor", F("donor_id"), True),  # codes are staff-editable via the Country admin
    ("c_donor_name", F("donor__name"), True),
    ("c_kind", F("kind"), True),
    ("c_category", F("category"), True),
    ("c_amount", F("amount"), False),
    ("c_currency", F("currency"), True),
    ("c_amount_eur", F("amount_eur"), False),
    ("c_amount_usd", F("amount_usd"), False),
    ("c_coalition", F("coalition__name"), True),
    ("c_meeting", RawSQL(MEETING_SQL, []), True),
    ("c_review_status", F("review_status"), True),
    ("c_is_synthetic", F("is_synthetic"), False),
    ("c_items", RawSQL(ITEMS_SQL, []), True),
    ("c_sources", None, True),  # RawSQL(SOURCES_SQL, [site]), made per request
]
# Fields the list may sort by -> the alias holding them.
SORTABLE = {"id": "c_id", "announced": "c_announced", "donor_id": "c_donor", "donor": "c_donor",
            "donor_rank": "c_donor_name",  # the rank is the place in name order (tables.donor_rank)
            "kind": "c_kind", "category": "c_category", "amount_eur": "c_amount_eur",
            "review_status": "c_review_status"}


def _sql_text(chars):
    """A PostgreSQL string literal of these characters (E'...', control characters escaped)."""
    escaped = {"\t": "\\t", "\r": "\\r", "\n": "\\n", "'": "''", "\\": "\\\\"}
    return "E'" + "".join(escaped.get(ch, ch) for ch in chars) + "'"


FIRST_CHARACTERS = ", ".join(_sql_text(ch) for ch in csv_guard.FORMULA_STARTS)
BLANK_CHARACTERS = ", ".join(_sql_text(ch) for ch in csv_guard.LEADING_BLANKS)
BLANKS = _sql_text(csv_guard.LEADING_BLANKS)


def _neutralised(column):
    # export.neutralise() in SQL, from its constants: a formula character first, or
    # first after leading blanks (Unicode spaces included), gets a quote. Blanks are
    # trimmed only from a value that starts with one: trimming every cell of a million
    # rows cost the export a third of its speed.
    quoted = f"'''' || {column}"
    return (f"CASE WHEN left({column}, 1) IN ({FIRST_CHARACTERS}) THEN {quoted} "
            f"WHEN left({column}, 1) IN ({BLANK_CHARACTERS}) "
            f"AND left(ltrim({column}, {BLANKS}), 1) IN ({FIRST_CHARACTERS}) THEN {quoted} "
            f"ELSE {column} END")


def _order_by(queryset):
    """The queryset's ORDER BY over the aliases, or None if it sorts on something else."""
    terms = []
    for term in queryset.query.order_by or queryset.model._meta.ordering:
        if isinstance(term, str):
            term = F(term.lstrip("-")).desc() if term.startswith("-") else F(term).asc()
        if not isinstance(term, OrderBy) or not isinstance(term.expression, F):
            return None
        alias = SORTABLE.get(term.expression.name)
        if alias is None:
            return None
        nulls = " NULLS LAST" if term.nulls_last else " NULLS FIRST" if term.nulls_first else ""
        terms.append(f"{alias} {'DESC' if term.descending else 'ASC'}{nulls}")
    return ", ".join(terms)


def copy_sql(queryset, site=""):
    """The COPY statement for `queryset`, or None when this path cannot express it.

    `site`: this site's address without a trailing slash (export.source_url)."""
    if connection.vendor != "postgresql" or queryset.query.is_sliced:
        return None
    order = _order_by(queryset)
    if order is None:
        return None
    articles = site + "/articles/"
    expressions = {alias: expr or RawSQL(SOURCES_SQL, [articles]) for alias, expr, _ in SELECTED}
    rows = queryset.order_by().values(**expressions)
    sql, params = rows.query.sql_with_params()
    with connection.cursor() as cursor:
        # Client-side binding: the parameters inlined exactly as Django would send them.
        inner = cursor.cursor.mogrify(sql, params)
    cells = []
    for alias, _expr, neutralise in SELECTED:
        if alias == "c_announced":
            cells.append("to_char(c_announced, 'YYYY-MM-DD')")
        elif alias == "c_is_synthetic":
            cells.append("CASE WHEN c_is_synthetic THEN 'true' ELSE 'false' END")
        elif alias == "c_currency":
            cells.append(_neutralised("NULLIF(c_currency, '')"))
        else:
            cells.append(_neutralised(alias) if neutralise else alias)
    return (
        f"COPY (SELECT {', '.join(cells)} FROM ({inner} OFFSET 0) AS rows ORDER BY {order}) "
        "TO STDOUT WITH (FORMAT csv)"
    )


def blocks(sql, header):
    """The CSV as byte blocks: `header` first, then what COPY writes, regrouped."""
    yield header
    buffer, size = [], 0
    with connection.cursor() as cursor:
        with cursor.cursor.copy(sql) as copy:
            for data in copy:
                buffer.append(data)
                size += len(data)
                if size >= BLOCK:
                    yield b"".join(buffer)
                    buffer, size = [], 0
    if buffer:
        yield b"".join(buffer)
