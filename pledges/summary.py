"""Dashboard aggregates read from the summary tables (migration 0004), not the pledges.

The tables hold, per (donor, category, kind, review status) and again per month,
the pledge counts and EUR/USD sums; and per article how many pledges it reports.
Triggers keep them exact, so reading them gives the same figures as summing
the pledges, in a few milliseconds instead of a scan of a million rows.

They answer the filters that are columns of theirs: donor, donor group,
category, kind, review status, and announced ranges (whole months from the
month table, the days of a month the range cuts from the pledges, merged).
Any other filter (coalition, meeting, amount, text, system) needs the pledge
rows: totals_for() then returns None, and scanned() reads those rows once into
a temporary table grouped by donor, kind and month and by donor, kind and
category, which the same Totals queries then read (one scan of the filtered
pledges instead of one per chart).

The functions return exactly what their namesakes in charts.py return.
"""

import calendar
import datetime as dt
import itertools
import operator
from functools import reduce

from django.core.exceptions import EmptyResultSet
from django.db import connection
from django.db.models import Count, DateField, F, Func, Q

from . import vocabulary as voc
from .filters import REVIEW_ANY, REVIEW_NOT_REJECTED
from .models import Evidence

SUMMARY_FILTERS = {"donor", "donor_group", "category", "kind", "review_status", "announced", "currency"}
FLOWS = "s.kind IN ('pledge', 'delivery')"
DONOR_NAME = "JOIN pledges_country c ON c.code = s.donor_id"


def _empty(value):
    if isinstance(value, slice):
        return value.start is None and value.stop is None
    if hasattr(value, "query"):  # a queryset: an empty choice cleans to .none()
        return value.query.is_empty()
    return value in (None, "", [], ())


def _day(value):
    return value.date() if isinstance(value, dt.datetime) else value


ONE_DAY = dt.timedelta(days=1)


def _month_end(day):
    return day.replace(day=calendar.monthrange(day.year, day.month)[1])


def _month_after(day):
    return _month_end(day) + ONE_DAY


def totals_for(filterset, queryset):
    """A Totals for this filter, or None when the summary tables cannot answer it.

    `queryset` is the filtered pledges (filterset.qs), used for the one figure the
    summaries hold only unfiltered: the number of distinct articles.
    """
    if connection.vendor != "postgresql":
        return None
    # An unbound filterset filters nothing; a bound one with errors is shown as is.
    if not filterset.is_bound or not filterset.is_valid():
        return None
    data = filterset.form.cleaned_data
    where, params, edges = [], [], []
    for name, value in data.items():
        if name == "currency" or value is None or _empty(value):
            continue
        if name not in SUMMARY_FILTERS:
            return None
        if name == "donor":
            if hasattr(value, "query"):  # the chosen countries' queryset: as a subquery
                sql, sql_params = value.values("pk").query.sql_with_params()
                where.append(f"s.donor_id IN ({sql})")
                params.extend(sql_params)
            else:  # already a list of countries
                where.append("s.donor_id = ANY(%s)")
                params.append([getattr(country, "pk", country) for country in value])
        elif name == "donor_group":
            where.append(f"s.donor_id IN (SELECT code FROM pledges_country WHERE is_{value})")
        elif name == "category":
            where.append("s.category = ANY(%s)")
            params.append(list(value))
        elif name == "kind":
            where.append("s.kind = %s")
            params.append(value)
        elif name == "announced":
            # Whole months from the month table; the days of a month cut by the
            # range (at either end) from the pledges themselves.
            start, stop = _day(value.start), _day(value.stop)
            first = start if start is None or start.day == 1 else _month_after(start)
            last = stop if stop is None or _month_end(stop) == stop else stop.replace(day=1) - ONE_DAY
            if first is not None and last is not None and first > last:
                return None  # not one whole month: the pledges are few, query them
            if first is not None:
                where.append("s.month >= %s")
                params.append(first)
                if first != start:
                    edges.append(Q(announced__lt=first))
            if last is not None:
                where.append("s.month <= %s")
                params.append(last.replace(day=1))
                if last != stop:
                    edges.append(Q(announced__gt=last))
        elif name == "review_status" and value != REVIEW_ANY:
            where.append("s.review_status = %s")
            params.append(value)
    review = data.get("review_status") or REVIEW_NOT_REJECTED
    if review == REVIEW_NOT_REJECTED:
        where.append("s.review_status <> %s")
        params.append(voc.REVIEW_REJECTED)
    dated = any(w.startswith("s.month") for w in where)
    # Articles: the per-article counts cover the unfiltered views only.
    only_review = all(w.startswith("s.review_status") for w in where)
    articles = {REVIEW_NOT_REJECTED: "live", REVIEW_ANY: "total"}.get(review) if only_review else None
    edge_pledges = queryset.filter(reduce(operator.or_, edges)) if edges else None
    return Totals(where, params, dated, articles, queryset, edge_pledges)


def pledge_count(filterset, queryset):
    """The exact number of pledges the filter keeps, or None if only the pledges can tell."""
    totals = totals_for(filterset, queryset)
    return None if totals is None else totals.count()


def totals_for_donor(code, queryset):
    """The country page's figures: one donor's pledges, rejected ones left out
    (`queryset`, those pledges, counts their articles)."""
    if connection.vendor != "postgresql":
        return None
    where = ["s.donor_id = %s", "s.review_status <> %s"]
    return Totals(where, [code, voc.REVIEW_REJECTED], False, None, queryset)


_SCANS = itertools.count(1)
_SCAN_SUMS = ("count(*) AS n, count(amount) AS n_amount, count(amount_eur) AS n_eur, count(amount_usd) AS n_usd, "
              "coalesce(sum(amount_eur), 0) AS sum_eur, coalesce(sum(amount_usd), 0) AS sum_usd")
SCAN_WORK_MEM = "64MB"
_MONTH = Func(F("announced"), function="date_trunc", template="date_trunc('month', %(expressions)s)::date",
              output_field=DateField())


def scanned(queryset):
    """A Totals over `queryset`'s pledges from one scan of them (PostgreSQL; else None).

    The rows, read once, are grouped twice: per donor, kind and month (NULL for undated
    pledges), and per donor, kind and category (by_category); every figure of the
    dashboard is a sum over one of the two. (GROUPING SETS would say it in one GROUP BY,
    but PostgreSQL 15 took half as long again over it.) They go into a temporary table dropped at the
    end of the transaction: call it inside transaction.atomic()."""
    if connection.vendor != "postgresql":
        return None
    if not connection.in_atomic_block:
        raise RuntimeError("scanned() needs a transaction: its table is dropped when it ends")
    rows = queryset.order_by().annotate(month=_MONTH).values(
        "donor_id", "kind", "category", "month", "amount", "amount_eur", "amount_usd")
    try:
        sql, params = rows.query.sql_with_params()
    except EmptyResultSet:  # a filter that keeps nothing (an invalid form's .none())
        return None
    table = f"pledge_scan_{next(_SCANS)}"
    with connection.cursor() as cursor:
        # Grouping tens of thousands of rows: in memory (a hash) rather than a sort spilled
        # to disk at the 4 MB default; for this transaction only.
        cursor.execute(f"SET LOCAL work_mem = '{SCAN_WORK_MEM}'")
        cursor.execute(
            f"CREATE TEMPORARY TABLE {table} ON COMMIT DROP AS WITH p AS MATERIALIZED ({sql}) "
            f"SELECT donor_id, kind, NULL::varchar AS category, month, false AS by_category, {_SCAN_SUMS} "
            "FROM p GROUP BY donor_id, kind, month "
            f"UNION ALL SELECT donor_id, kind, category, NULL::date, true, {_SCAN_SUMS} "
            "FROM p GROUP BY donor_id, kind, category",
            params,
        )
    return Totals([], [], False, None, queryset, table=table)


def distinct_articles(queryset):
    """How many distinct articles report these pledges, from their evidence rows."""
    return Evidence.objects.filter(pledge__in=queryset.order_by().values("pk")).aggregate(
        n=Count("article", distinct=True))["n"]


def _without_categories(table, *parts):
    """The month summary, or its roll-up without categories (migration 0021, a tenth of the
    rows) when no part of the query (its SQL strings) names a category."""
    if table == "pledges_summary_month" and not any("category" in part for part in parts):
        return "pledges_summary_donor_month"
    return table


def _sum(column, kind):
    """SUM(column) over one kind, NULL when no row of it has a value (as SQL's SUM)."""
    counter = "n_eur" if column == "sum_eur" else "n_usd"
    return (f"CASE WHEN sum(s.{counter}) FILTER (WHERE s.kind = '{kind}') > 0 "
            f"THEN sum(s.{column}) FILTER (WHERE s.kind = '{kind}') END")


class Totals:
    """The dashboard's aggregates for one filter: from the summary rows matching
    `where`, plus, when a date range cuts a month, the live aggregates of the
    pledges in those days (`edges`, a pledge queryset), merged."""

    def __init__(self, where, params, dated, articles, queryset, edges=None, table=None):
        self.where = where
        self.params = params
        self.scan_table = table  # the temporary table of scanned(), or None: the summaries
        self.scanned = table is not None
        if self.scanned:
            # Its rows per month (undated pledges under NULL), and per category.
            self.table = f"(SELECT * FROM {table} WHERE NOT by_category)"
            self.month_table = f"(SELECT * FROM {table} WHERE NOT by_category AND month IS NOT NULL)"
            self.category_table = f"(SELECT * FROM {table} WHERE by_category)"
        else:
            # Month rows when a date range applies (they hold dated pledges only).
            self.month_table = "pledges_summary_month"
            self.table = self.month_table if dated else "pledges_summary"
            self.category_table = None  # every summary row has its category
        self.articles = articles
        self.queryset = queryset
        self.edges = edges
        self._edge_totals = None

    def _live(self, name, currency):
        """<name> over the edge days' pledges: from one scan of them inside a transaction,
        else charts.<name> on them (charts imports this module)."""
        if self._edge_totals is None and connection.in_atomic_block:
            self._edge_totals = scanned(self.edges)
        if self._edge_totals is not None:
            return getattr(self._edge_totals, name)(currency)
        from . import charts

        return getattr(charts, name)(self.edges, currency)

    def _rows(self, select, extra_where=(), group="", order="", table=None, join=""):
        conditions = list(self.where) + list(extra_where)
        parts = (select, group, *conditions)
        if self.category_table and any("category" in part for part in parts):
            if table is not None:
                raise ValueError("a scan groups by category or by month, not both")
            table = self.category_table
        source = _without_categories(table or self.table, *parts)
        sql = f"SELECT {select} FROM {source} s {join}"
        if conditions:
            sql += " WHERE " + " AND ".join(conditions)
        if group:
            sql += f" GROUP BY {group}"
        if order:
            sql += f" ORDER BY {order}"
        with connection.cursor() as cursor:
            cursor.execute(sql, self.params)
            return cursor.fetchall()

    @staticmethod
    def _column(currency):
        return "sum_usd" if currency == "usd" else "sum_eur"

    def headline(self, currency):
        column = self._column(currency)
        counter = "n_usd" if currency == "usd" else "n_eur"
        ((pledged, delivered, pledges, deliveries, running, donors, unvalued, no_amount),) = self._rows(
            f"{_sum(column, voc.KIND_PLEDGE)}, {_sum(column, voc.KIND_DELIVERY)}, "
            "coalesce(sum(s.n) FILTER (WHERE s.kind = 'pledge'), 0)::bigint, "
            "coalesce(sum(s.n) FILTER (WHERE s.kind = 'delivery'), 0)::bigint, "
            "coalesce(sum(s.n) FILTER (WHERE s.kind = 'cumulative'), 0)::bigint, "
            "count(DISTINCT s.donor_id), "
            f"coalesce(sum(s.n - s.{counter}) FILTER (WHERE {FLOWS}), 0)::bigint, "
            f"coalesce(sum(s.n - s.n_amount) FILTER (WHERE {FLOWS}), 0)::bigint"
        )
        figures = {
            "pledged": pledged or 0,
            "delivered": delivered or 0,
            "pledges": pledges,
            "deliveries": deliveries,
            "running_totals": running,
            "donors": donors,
            "unvalued": unvalued,
            "no_amount": no_amount,
            "currency": "USD" if currency == "usd" else "EUR",
        }
        if self.edges is not None:
            live = self._live("headline", currency)
            for key in ("pledged", "delivered", "pledges", "deliveries", "running_totals",
                        "unvalued", "no_amount"):
                figures[key] += live[key]
            # A donor in both parts counts once.
            donor_codes = {code for (code,) in self._rows("DISTINCT s.donor_id")}
            donor_codes.update(self.edges.order_by().values_list("donor", flat=True).distinct())
            figures["donors"] = len(donor_codes)
        return figures

    def count(self):
        """How many pledges match (every kind): the list's record count."""
        ((n,),) = self._rows("coalesce(sum(s.n), 0)::bigint")
        if self.edges is not None:
            n += self.edges.count()
        return n

    @property
    def articles_cheap(self):
        """Whether article_count() reads the per-article counts (not the evidence rows)."""
        return self.articles is not None

    def article_count(self):
        if self.articles is None:
            # Distinct articles of a filtered set: only the evidence rows can tell.
            return distinct_articles(self.queryset)
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT count(*) FROM pledges_article_live WHERE {self.articles} > 0")
            return cursor.fetchone()[0]

    def donor_totals(self, currency):
        column = self._column(currency)
        rows = self._rows(
            f"s.donor_id, c.name, {_sum(column, voc.KIND_PLEDGE)} AS pledged, "
            f"{_sum(column, voc.KIND_DELIVERY)}",
            extra_where=[FLOWS],
            group="s.donor_id, c.name",
            order="pledged DESC NULLS LAST, s.donor_id",
            join=DONOR_NAME,
        )
        totals = [(code, name, float(p or 0), float(d or 0)) for code, name, p, d in rows]
        if self.edges is None:
            return totals
        merged = {code: [name, p, d] for code, name, p, d in totals}
        for code, name, p, d in self._live("donor_totals", currency):
            row = merged.setdefault(code, [name, 0.0, 0.0])
            row[1] += p
            row[2] += d
        # charts' order: largest pledged first, no pledged value last, then by code.
        return sorted(
            ((code, name, p, d) for code, (name, p, d) in merged.items()),
            key=lambda r: (r[2] == 0, -r[2], r[0]),
        )

    def category_totals(self, currency):
        column = self._column(currency)
        rows = self._rows(
            f"s.category, {_sum(column, voc.KIND_PLEDGE)}, {_sum(column, voc.KIND_DELIVERY)}",
            extra_where=[FLOWS],
            group="s.category",
        )
        totals = {category: (float(p or 0), float(d or 0)) for category, p, d in rows}
        if self.edges is not None:
            for category, (p, d) in self._live("category_totals", currency).items():
                before = totals.get(category, (0.0, 0.0))
                totals[category] = (before[0] + p, before[1] + d)
        return totals

    def monthly_totals(self, currency):
        column = self._column(currency)
        rows = self._rows(
            f"s.month, {_sum(column, voc.KIND_PLEDGE)}, {_sum(column, voc.KIND_DELIVERY)}",
            extra_where=[FLOWS],
            group="s.month",
            order="s.month",
            table=self.month_table,
        )
        totals = [(month, float(p or 0), float(d or 0)) for month, p, d in rows]
        if self.edges is not None:
            # The edge days lie in months the summary part does not cover.
            totals = sorted(totals + self._live("monthly_totals", currency))
        return totals

    def donor_counts(self):
        """{donor code: pledges of every kind} for this filter."""
        counts = {code: n for code, n in self._rows("s.donor_id, sum(s.n)::bigint", group="s.donor_id") if n}
        if self.edges is not None:
            for row in self.edges.order_by().values("donor").annotate(n=Count("id")):
                counts[row["donor"]] = counts.get(row["donor"], 0) + row["n"]
        return counts

    def system_counts(self):
        """[(weapon system id, donor code, kind, quantity, items)] of the items linked to a system
        in these pledges and deliveries (the systems page), from pledges_system_summary."""
        if self.scanned:
            from . import systems

            return systems.live_counts(self.queryset)
        table = "pledges_system_summary_month" if self.table == "pledges_summary_month" else "pledges_system_summary"
        rows = self._rows(
            "s.weapon_system_id, s.donor_id, s.kind, sum(s.quantity), sum(s.n)::bigint",
            extra_where=[FLOWS], group="s.weapon_system_id, s.donor_id, s.kind", table=table,
        )
        counts = [(system, donor, kind, int(quantity), n) for system, donor, kind, quantity, n in rows if n]
        if self.edges is not None:
            from . import systems

            counts += systems.live_counts(self.edges)
        return counts

    def donor_monthly_totals(self, currency):
        column = self._column(currency)
        rows = self._rows(
            f"s.donor_id, c.name, s.month, {_sum(column, voc.KIND_PLEDGE)}, {_sum(column, voc.KIND_DELIVERY)}",
            extra_where=[FLOWS],
            group="s.donor_id, c.name, s.month",
            order="s.month, s.donor_id",
            table=self.month_table,
            join=DONOR_NAME,
        )
        totals = [(code, name, month, float(p or 0), float(d or 0)) for code, name, month, p, d in rows]
        if self.edges is not None:
            totals = sorted(totals + self._live("donor_monthly_totals", currency), key=lambda r: (r[2], r[0]))
        return totals

    def donor_category_totals(self, currency):
        column = self._column(currency)
        counter = "n_usd" if currency == "usd" else "n_eur"
        rows = self._rows(
            f"s.donor_id, c.name, s.category, sum(s.{column})",
            extra_where=["s.kind = 'pledge'"],
            group=f"s.donor_id, c.name, s.category HAVING sum(s.{counter}) > 0",
            order="s.donor_id, s.category",
            join=DONOR_NAME,
        )
        totals = [(code, name, category, float(value)) for code, name, category, value in rows]
        if self.edges is None:
            return totals
        merged = {(code, name, category): value for code, name, category, value in totals}
        for code, name, category, value in self._live("donor_category_totals", currency):
            merged[(code, name, category)] = merged.get((code, name, category), 0.0) + value
        return [(code, name, category, value) for (code, name, category), value in sorted(merged.items())]
