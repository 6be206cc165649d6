"""Aggregate querysets to Plotly figures: one SQL query per chart.

Every function takes the filtered pledge queryset (or, for the filters it can
answer, a summary.Totals over the summary tables) and the display currency
("eur" or "usd"). Sums happen in the database; Python only folds the grouped
rows (at most one per donor, category or month) into traces.

Reported running totals (kind "cumulative") restate earlier pledges, so they
are never added to pledges or deliveries: they are shown apart.
"""

from dataclasses import dataclass, field
from functools import cached_property
from itertools import accumulate

import plotly.graph_objects as go
import plotly.io as pio
from django.conf import settings
from django.db.models import Count, F, Q, Sum
from django.db.models.functions import TruncMonth
from django.templatetags.static import static
from django.utils.html import escape
from django.utils.safestring import mark_safe

from . import summary
from . import vocabulary as voc
from .templatetags.aid import number

TOP_DONORS = 15
FLOWS = [voc.KIND_PLEDGE, voc.KIND_DELIVERY]
IS_PLEDGE = Q(kind=voc.KIND_PLEDGE)
IS_DELIVERY = Q(kind=voc.KIND_DELIVERY)
PLEDGED_COLOUR = "#1f4e79"
DELIVERED_COLOUR = "#f28e2b"
# showSendToCloud: never offer to upload a chart to a third-party cloud
PLOTLY_CONFIG = {"displaylogo": False, "responsive": True, "showSendToCloud": False}
# Amount axes: automatic round steps, read as 500M, 1.5B (B for billion, not SI's G).
AMOUNT_TICKS = {"tickmode": "auto", "nticks": 7, "exponentformat": "B"}
BAR_WIDTH_MS = 12 * 24 * 3600 * 1000  # each of a month's two bars: 12 days
# Every figure uses this template. Set as the default, not per figure: assigning
# a template deep-copies it, which cost ~10 ms a figure on the dashboard.
pio.templates.default = "plotly_white"
# The template as the JSON a validated figure carries (read-only: every chart shares it).
TEMPLATE = pio.templates["plotly_white"].to_plotly_json()
# The map's colours: Plotly.py's "Blues" (ColorBrewer's), written out as validation writes it;
# the name alone would be plotly.js's own, different "Blues".
BLUES = go.Choropleth(colorscale="Blues").to_plotly_json()["colorscale"]


@dataclass
class Drawing:
    """A figure as the JSON Plotly draws: trace dicts and a layout dict, written in full
    (no "magic underscore" names). The page draws them as they are; `figure` is the same
    validated by Plotly, which tests and other readers use. Building a go.Figure per chart
    (validation) and copying it back to JSON cost a dashboard ~60 ms a request."""

    data: list
    layout: dict

    @property
    def figure(self) -> go.Figure:
        return go.Figure(data=self.data, layout=self.layout)


@dataclass
class Chart:
    """A figure plus the same numbers as a table (read without JavaScript, and tested)."""

    key: str
    title: str
    drawing: Drawing
    columns: list
    rows: list = field(default_factory=list)
    note: str = ""

    @cached_property
    def figure(self) -> go.Figure:
        """The drawing validated by Plotly (its own traces, not `traces`)."""
        return self.drawing.figure

    def html(self):
        return pio.to_html(
            {"data": [*self.drawing.data, *self.traces], "layout": self.drawing.layout},
            validate=False,  # written in Plotly's JSON; the tests validate them through `figure`
            full_html=False,
            include_plotlyjs=False,
            div_id=f"chart-{self.key}",
            config={**PLOTLY_CONFIG, **self.config},
            default_width="100%",
        )

    config: dict = field(default_factory=dict)  # extra plotly config for this chart
    empty: str = "No valued pledges or deliveries."  # the table's one row when it has none
    # Traces drawn after the drawing's own and left out of `figure`: validating the hundred
    # lines of donors over time cost even the tests too much
    traces: list = field(default_factory=list)

    @property
    def all_traces(self):
        """Every trace, validated or not; each reads as trace["name"]."""
        return [*self.figure.data, *self.traces]

    def table_html(self):
        """The numbers as a table's head and body, escaped. Built here, not by the template
        language: a dashboard's tables hold a few thousand cells, tens of ms in templates."""
        head = "".join(f'<th scope="col">{escape(column)}</th>' for column in self.columns)
        rows = []
        for row in self.rows:
            cells = [f"<td>{escape(number(row[0]))}</td>"] if row else []
            cells += [f'<td class="num">{escape(number(cell))}</td>' for cell in row[1:]]
            rows.append(f"<tr>{''.join(cells)}</tr>")
        body = "".join(rows) or f'<tr><td colspan="{len(self.columns)}">{escape(self.empty)}</td></tr>'
        return mark_safe(f"<thead><tr>{head}</tr></thead><tbody>{body}</tbody>")


def amount_field(currency):
    return "amount_usd" if currency == "usd" else "amount_eur"


def code(currency):
    return "USD" if currency == "usd" else "EUR"


def _flow_sums(currency):
    amount = amount_field(currency)
    return {
        "pledged": Sum(amount, filter=IS_PLEDGE),
        "delivered": Sum(amount, filter=IS_DELIVERY),
    }


def _num(value):
    return float(value or 0)


def _donor_label(code, name):
    """Long names (North Atlantic Treaty Organization) squeeze the plot on a phone."""
    return code if code and len(name) > 20 else name


def chart_drawing(traces, title, **layout) -> Drawing:
    return Drawing(traces, {**_layout(title, **layout), "template": TEMPLATE})


def _layout(title, **extra):
    return dict(
        # Title, then legend above the plot: both reserve their own margin, so
        # neither collides with axis labels however many entries wrap on a phone.
        title={
            "text": title,
            "x": 0,
            "xanchor": "left",
            "y": 1,
            "yref": "container",
            "yanchor": "top",
            # below the toolbar's row (top right, always shown on touch screens): never under it
            "pad": {"t": 34},
            "automargin": True,
            "font": {"size": 15},
        },
        margin={"l": 10, "r": 10, "t": 10, "b": 10},
        legend={
            "orientation": "h",
            "yanchor": "bottom",
            "y": 1.01,
            "x": 0,
        },
        separators=".,",
        font={"family": "system-ui, sans-serif", "size": 12},
    ) | extra


# -- headline figures ------------------------------------------------------


def headline(queryset, currency, articles=True):
    """Totals for the top of the dashboard. "articles" is None when only a scan of
    more than ARTICLE_COUNT_INLINE_MAX records' evidence could count them: the page
    then asks article_count() for it afterwards (the figure stays exact, only later)."""
    if isinstance(queryset, summary.Totals):  # same figures, from the summary tables
        figures = queryset.headline(currency)
    else:
        amount = amount_field(currency)
        figures = queryset.order_by().aggregate(
            **_flow_sums(currency),
            pledges=Count("id", filter=IS_PLEDGE),
            deliveries=Count("id", filter=IS_DELIVERY),
            running_totals=Count("id", filter=Q(kind=voc.KIND_CUMULATIVE)),
            donors=Count("donor", distinct=True),
            unvalued=Count("id", filter=Q(kind__in=FLOWS, **{f"{amount}__isnull": True})),
            no_amount=Count("id", filter=Q(kind__in=FLOWS, amount__isnull=True)),
        )
        figures["pledged"] = figures["pledged"] or 0
        figures["delivered"] = figures["delivered"] or 0
        figures["currency"] = code(currency)
    if not articles:  # the page does not show them (a country's page)
        return figures
    records = figures["pledges"] + figures["deliveries"] + figures["running_totals"]
    cheap = isinstance(queryset, summary.Totals) and queryset.articles_cheap
    figures["articles"] = article_count(queryset) if cheap or records <= settings.ARTICLE_COUNT_INLINE_MAX else None
    return figures


def article_count(queryset):
    """How many distinct articles report these pledges (a pledge queryset or a Totals)."""
    if isinstance(queryset, summary.Totals):
        return queryset.article_count()
    return summary.distinct_articles(queryset)


# -- totals by donor -------------------------------------------------------


def donor_totals(queryset, currency):
    """(code, name, pledged, delivered) per donor, largest pledged first."""
    if isinstance(queryset, summary.Totals):  # same figures, from the summary tables
        return queryset.donor_totals(currency)
    rows = (
        queryset.filter(kind__in=FLOWS)
        .values("donor", "donor__name")
        .annotate(**_flow_sums(currency))
        .order_by(F("pledged").desc(nulls_last=True), "donor")
    )
    return [(r["donor"], r["donor__name"], _num(r["pledged"]), _num(r["delivered"])) for r in rows]


def top_with_others(rows, top=TOP_DONORS):
    """The first `top` donor rows, then one 'Others' row summing the rest."""
    if len(rows) <= top:
        return list(rows)
    rest = rows[top:]
    others = ("", f"Others ({len(rest)} donors)", sum(r[2] for r in rest), sum(r[3] for r in rest))
    return list(rows[:top]) + [others]


def by_donor(queryset, currency, totals=None):
    rows = top_with_others(donor_totals(queryset, currency) if totals is None else totals)
    cur = code(currency)
    names = [_donor_label(r[0], r[1]) for r in rows]
    traces = [
        dict(
            type="bar",
            name=label,
            y=names,
            x=[r[index] for r in rows],
            orientation="h",
            marker={"color": colour},
            customdata=[{"donor": r[0]} for r in rows],
            hovertemplate=f"%{{y}}<br>{label}: %{{x:,.0f}} {cur}<extra></extra>",
        )
        for label, index, colour in (("Pledged", 2, PLEDGED_COLOUR), ("Delivered", 3, DELIVERED_COLOUR))
    ]
    title = f"Totals by donor, {cur} (top {TOP_DONORS} + others)"
    drawing = chart_drawing(traces, title, barmode="group", height=max(320, 40 + 34 * len(rows)),
                 yaxis={"autorange": "reversed", "title": {"text": "Donor"}, "automargin": True},
                 xaxis={"title": {"text": f"Amount ({cur})"}, **AMOUNT_TICKS})
    return Chart(
        "donors",
        title,
        drawing,
        ["Donor", f"Pledged ({cur})", f"Delivered ({cur})"],
        [(r[1], r[2], r[3]) for r in rows],
    )


# -- map -------------------------------------------------------------------


def world_map(queryset, currency, totals=None):
    """Pledged per donor state on a world map (organisations such as the EU are not places)."""
    totals = donor_totals(queryset, currency) if totals is None else totals
    rows = [r for r in totals if len(r[0]) == 3]
    cur = code(currency)
    trace = dict(
        type="choropleth",
        locations=[r[0] for r in rows],
        locationmode="ISO-3",
        z=[r[2] for r in rows],
        text=[r[1] for r in rows],
        customdata=[{"delivered": r[3], "donor": r[0]} for r in rows],
        colorscale=BLUES,
        marker={"line": {"color": "#ffffff"}},
        colorbar={"title": {"text": cur}, "thickness": 12, "len": 0.75, "y": 0.45, **AMOUNT_TICKS},
        hovertemplate=f"%{{text}}<br>Pledged: %{{z:,.0f}} {cur}<br>Delivered: %{{customdata.delivered:,.0f}} {cur}<extra></extra>",
    )
    title = f"Pledged by donor state, {cur}"  # the EU and NATO are no place: the table says so
    drawing = chart_drawing([trace], title, height=420,
            geo={"projection": {"type": "natural earth"}, "showframe": False, "showcoastlines": False,
                 "showcountries": True, "countrycolor": "#cccccc", "landcolor": "#f2f2f2", "showland": True})
    chart = Chart("map", title, drawing, ["Donor", f"Pledged ({cur})", f"Delivered ({cur})"],
                  [(r[1], r[2], r[3]) for r in rows], note="Organisations (the EU, NATO) are not on the map.")
    # the map's shapes come from this site (static/topojson), never from plotly's CDN
    chart.config = {"topojsonURL": static("topojson/")}
    return chart


# -- totals by category ----------------------------------------------------


def category_totals(queryset, currency):
    """{category: (pledged, delivered)} for the categories present."""
    if isinstance(queryset, summary.Totals):  # same figures, from the summary tables
        return queryset.category_totals(currency)
    rows = queryset.filter(kind__in=FLOWS).values("category").annotate(**_flow_sums(currency))
    return {r["category"]: (_num(r["pledged"]), _num(r["delivered"])) for r in rows}


def by_category(queryset, currency):
    totals = category_totals(queryset, currency)
    cur = code(currency)
    present = [c for c in voc.CATEGORY_VALUES if c in totals]
    labels = [voc.CATEGORY_LABELS[c] for c in present]
    colours = [voc.CATEGORY_COLOURS[c] for c in present]
    pledged = dict(
        type="bar",
        name="Pledged",
        y=labels,
        x=[totals[c][0] for c in present],
        orientation="h",
        marker={"color": colours},
        customdata=[{"category": c} for c in present],
        hovertemplate=f"%{{y}}<br>Pledged: %{{x:,.0f}} {cur}<extra></extra>",
    )
    delivered = dict(
        type="bar",
        name="Delivered (hatched)",
        y=labels,
        x=[totals[c][1] for c in present],
        orientation="h",
        marker={"color": colours, "pattern": {"shape": "/"}, "opacity": 0.75},
        customdata=[{"category": c} for c in present],
        hovertemplate=f"%{{y}}<br>Delivered: %{{x:,.0f}} {cur}<extra></extra>",
    )
    title = f"Totals by category, {cur}"
    drawing = chart_drawing([pledged, delivered], title, barmode="group", height=max(320, 90 + 40 * len(present)),
                 yaxis={"title": {"text": "Category"}, "autorange": "reversed", "automargin": True},
                 xaxis={"title": {"text": f"Amount ({cur})"}, **AMOUNT_TICKS})
    return Chart(
        "categories",
        title,
        drawing,
        ["Category", f"Pledged ({cur})", f"Delivered ({cur})"],
        [(voc.CATEGORY_LABELS[c], totals[c][0], totals[c][1]) for c in present],
    )


# -- over time -------------------------------------------------------------


def monthly_totals(queryset, currency):
    """[(month, pledged, delivered)] for dated pledges and deliveries, oldest first."""
    if isinstance(queryset, summary.Totals):  # same figures, from the summary tables
        return queryset.monthly_totals(currency)
    rows = (
        queryset.filter(kind__in=FLOWS, announced__isnull=False)
        .annotate(month=TruncMonth("announced"))
        .values("month")
        .annotate(**_flow_sums(currency))
        .order_by("month")
    )
    return [(r["month"], _num(r["pledged"]), _num(r["delivered"])) for r in rows]


def over_time(queryset, currency):
    rows = monthly_totals(queryset, currency)
    cur = code(currency)
    months = [r[0].strftime("%Y-%m") for r in rows]
    axis = [r[0].isoformat() for r in rows]
    pledged = [r[1] for r in rows]
    delivered = [r[2] for r in rows]
    # Running sums over at most one row per month, already summed in SQL.
    pledged_cum = list(accumulate(pledged))
    delivered_cum = list(accumulate(delivered))
    traces = []
    for label, values, colour, offset in (
        ("Pledged", pledged, PLEDGED_COLOUR, -BAR_WIDTH_MS),
        ("Delivered", delivered, DELIVERED_COLOUR, 0),
    ):
        traces.append(dict(
            type="bar",
            name=f"{label} per month",
            x=axis,
            xperiod="M1",
            xperiodalignment="middle",
            y=values,
            # Fixed widths in time: with a few months, automatic widths span a quarter.
            width=[BAR_WIDTH_MS] * len(axis),
            offset=offset,
            marker={"color": colour},
            customdata=[{"month": m} for m in months],
            hovertemplate=f"%{{x|%Y-%m}}<br>{label}: %{{y:,.0f}} {cur}<extra></extra>",
        ))
    for label, values, colour in (
        ("Pledged", pledged_cum, PLEDGED_COLOUR),
        ("Delivered", delivered_cum, DELIVERED_COLOUR),
    ):
        traces.append(dict(
            type="scatter",
            name=f"{label}, cumulative",
            x=axis,
            xperiod="M1",
            xperiodalignment="middle",
            y=values,
            mode="lines+markers",
            line={"color": colour, "width": 2},
            yaxis="y2",
            customdata=[{"month": m} for m in months],
            hovertemplate=f"%{{x|%Y-%m}}<br>{label} to date: %{{y:,.0f}} {cur}<extra></extra>",
        ))
    title = f"Over time, {cur}: monthly and cumulative"
    drawing = chart_drawing(
        traces,
        title,
        barmode="group",
        height=420,
        # automargin: the axis titles get the room they need instead of being clipped
        yaxis={"title": {"text": f"Per month ({cur})"}, "rangemode": "tozero", "automargin": True, **AMOUNT_TICKS},
        # Its own round ticks (1B, 2B...), not ones aligned to the monthly grid (0.85B, 1.7B).
        yaxis2={
            "title": {"text": f"Cumulative ({cur})"},
            "overlaying": "y",
            "side": "right",
            "rangemode": "tozero",
            "automargin": True,
            "showgrid": False,
            **AMOUNT_TICKS,
        },
        xaxis={"title": {"text": "Month announced"}, "type": "date", "tickformat": "%b %Y"},
    )
    return Chart(
        "over-time",
        title,
        drawing,
        ["Month", f"Pledged ({cur})", f"Delivered ({cur})", "Pledged, cumulative", "Delivered, cumulative"],
        list(zip(months, pledged, delivered, pledged_cum, delivered_cum)),
    )


# -- over time, per donor ----------------------------------------------------

TOP_DONORS_OVER_TIME = 8


def donor_monthly_totals(queryset, currency):
    """[(donor code, donor name, month, pledged, delivered)], oldest month first."""
    if isinstance(queryset, summary.Totals):  # same figures, from the summary tables
        return queryset.donor_monthly_totals(currency)
    rows = (
        queryset.filter(kind__in=FLOWS, announced__isnull=False)
        .annotate(month=TruncMonth("announced"))
        .values("donor", "donor__name", "month")
        .annotate(**_flow_sums(currency))
        .order_by("month", "donor")
    )
    return [(r["donor"], r["donor__name"], r["month"], _num(r["pledged"]), _num(r["delivered"])) for r in rows]


def donors_over_time(queryset, currency):
    """Cumulative pledged (and, by the menu, delivered) per donor by month, like Kiel's line view:
    the top donors drawn, every other donor in the legend (click to draw), and "Others" summed.
    Clicking a point opens the list of that donor's pledges in that month."""
    rows = donor_monthly_totals(queryset, currency)
    cur = code(currency)
    months = sorted({r[2] for r in rows})
    column = {month: i for i, month in enumerate(months)}
    # per donor, its pledged and its delivered sums by month (a list per figure, months in order)
    names, per_donor = {}, {}
    for donor, name, month, pledged, delivered in rows:
        names[donor] = _donor_label(donor, name)
        sums = per_donor.setdefault(donor, ([0.0] * len(months), [0.0] * len(months)))
        sums[0][column[month]] += pledged
        sums[1][column[month]] += delivered
    ranked = sorted(per_donor, key=lambda d: (-sum(per_donor[d][0]), d))
    top, rest = ranked[:TOP_DONORS_OVER_TIME], ranked[TOP_DONORS_OVER_TIME:]
    # "2024-03": a month Plotly's date axis reads, and the month a click opens (share.js). Two
    # hundred traces repeat it: a click-data copy of it besides would double the page's weight
    axis = [m.strftime("%Y-%m") for m in months]

    def cumulative(donors, index):
        # whole units, as the hover shows them (float sums print 17 digits, a fifth of the page)
        monthly = per_donor[donors[0]][index] if len(donors) == 1 else [
            sum(by_month) for by_month in zip(*(per_donor[d][index] for d in donors))]
        return [round(v) for v in accumulate(monthly)]

    traces = []
    series = [(d, names[d], [d], True) for d in top]
    if rest:
        series.append(("", f"Others ({len(rest)} donors)", rest, True))
        series += [(d, names[d], [d], "legendonly") for d in rest]
    for index, label in ((0, "Pledged"), (1, "Delivered")):
        for donor, name, members, visible in series:
            # the point's month (x), the trace's donor (share.js joins them): a dict per point cost
            # Plotly's validation a third of the dashboard's time at a hundred traces
            traces.append({
                "type": "scatter", "name": name, "x": axis, "y": cumulative(members, index),
                "mode": "lines+markers", "legendgroup": name, "visible": visible if index == 0 else False,
                "meta": {"donor": donor},
                "hovertemplate": f"{name}<br>%{{x|%b %Y}}<br>{label} to date: %{{y:,.0f}} {cur}<extra></extra>",
            })
    table = [[name, *(sum(sum(per_donor[d][i]) for d in members) for i in (0, 1))]
             for _, name, members, _ in series]
    n = len(series)
    visibility = [s[3] for s in series]
    menu = [
        {"label": "Pledged", "method": "restyle", "args": [{"visible": visibility + [False] * n}]},
        {"label": "Delivered", "method": "restyle", "args": [{"visible": [False] * n + visibility}]},
    ]
    title = f"Cumulative by donor over time, {cur}"
    # one tick a month while they fit (automatic ticks repeat "Jan 2024" at half months)
    dtick = "M1" if len(months) <= 12 else "M3" if len(months) <= 36 else None
    # (the traces themselves are drawn after the figure's own: Chart.traces)
    drawing = chart_drawing([], title, height=460, hovermode="closest",
                 updatemenus=[{"type": "buttons", "direction": "right", "buttons": menu, "showactive": True,
                               "x": 0, "xanchor": "left", "y": 1.02, "yanchor": "bottom"}],
                 yaxis={"title": {"text": f"Cumulative ({cur})"}, "rangemode": "tozero", "automargin": True,
                        **AMOUNT_TICKS},
                 # the donors in a column on the right (the rest there too, click to draw); the switch above
                 legend={"orientation": "v", "x": 1.02, "xanchor": "left", "y": 1, "yanchor": "top"},
                 xaxis={"title": {"text": "Month announced"}, "type": "date", "tickformat": "%b %Y", "automargin": True,
                        **({"dtick": dtick} if dtick else {})})
    return Chart("donors-over-time", title, drawing,
                 ["Donor", f"Pledged to date ({cur})", f"Delivered to date ({cur})"], table, traces=traces)


# -- donor x category ------------------------------------------------------


def donor_category_totals(queryset, currency):
    """[(donor code, donor name, category, pledged)] for pledges with a value."""
    if isinstance(queryset, summary.Totals):  # same figures, from the summary tables
        return queryset.donor_category_totals(currency)
    rows = (
        queryset.filter(kind=voc.KIND_PLEDGE)
        .values("donor", "donor__name", "category")
        .annotate(pledged=Sum(amount_field(currency)))
        .filter(pledged__isnull=False)
        .order_by("donor", "category")
    )
    return [(r["donor"], r["donor__name"], r["category"], _num(r["pledged"])) for r in rows]


def donor_by_category(queryset, currency):
    cells = donor_category_totals(queryset, currency)
    cur = code(currency)
    per_donor = {}
    names = {}
    for donor, name, _category, value in cells:
        per_donor[donor] = per_donor.get(donor, 0) + value
        names[donor] = _donor_label(donor, name)
    top = sorted(per_donor, key=lambda d: (-per_donor[d], d))[:TOP_DONORS]
    grid = {(d, c): v for d, _n, c, v in cells}
    present = [c for c in voc.CATEGORY_VALUES if any((d, c) in grid for d in top)]
    traces = []
    for category in present:
        label = voc.CATEGORY_LABELS[category]
        traces.append(dict(
            type="bar",
            name=label,
            y=[names[d] for d in top],
            x=[grid.get((d, category), 0) for d in top],
            orientation="h",
            marker={"color": voc.CATEGORY_COLOURS[category]},
            customdata=[{"donor": d, "category": category} for d in top],
            hovertemplate=f"%{{y}}<br>{label}: %{{x:,.0f}} {cur}<extra></extra>",
        ))
    title = f"Pledged by donor and category, {cur}"
    drawing = chart_drawing(traces, title, barmode="stack", height=max(420, 160 + 30 * len(top)),
                 yaxis={"autorange": "reversed", "title": {"text": f"Donor (top {TOP_DONORS})"}, "automargin": True},
                 xaxis={"title": {"text": f"Pledged ({cur})"}})
    return Chart(
        "donor-category",
        title,
        drawing,
        ["Donor"] + [voc.CATEGORY_LABELS[c] for c in present],
        [(names[d], *[grid.get((d, c), 0) for c in present]) for d in top],
    )


# -- reported running totals -------------------------------------------------


def running_totals(queryset, limit=20):
    """The latest reported running totals, shown apart and never summed."""
    return list(
        queryset.filter(kind=voc.KIND_CUMULATIVE)
        .select_related("donor")
        .order_by(F("announced").desc(nulls_last=True), "-id")[:limit]
    )


def by_donor_and_map(queryset, currency):
    """The donor bars and the map: one query for both."""
    totals = donor_totals(queryset, currency)
    return [by_donor(queryset, currency, totals), world_map(queryset, currency, totals)]


DASHBOARD_CHARTS = [by_donor_and_map, by_category, over_time, donors_over_time, donor_by_category]
COUNTRY_CHARTS = [by_category, over_time]


def build(queryset, currency, charts=DASHBOARD_CHARTS, view="all"):
    """The charts; `view` names their image downloads ("aidtracker-map-donor-deu.png")."""
    built = []
    for chart in charts:
        made = chart(queryset, currency)
        built.extend(made if isinstance(made, list) else [made])
    for chart in built:
        chart.config["toImageButtonOptions"] = {"filename": f"aidtracker-{chart.key}-{view}"}
    return built
