"""The one FilterSet behind the dashboard, the list and the CSV export.

Every filter is a GET parameter, so any view is a URL an analyst can share;
the export of a view is the same URL with `export.csv` in place of the list.
"""

import django_filters
from django.db import connection
from django.db.models import Exists, F, Lookup, OuterRef, Q
from django.utils.text import slugify

from . import vocabulary as voc
from . import widgets
from .models import Coalition, Country, Evidence, Meeting, Pledge, PledgeItem, WeaponSystem

DONOR_GROUPS = [("eu", "EU members"), ("nato", "NATO members")]
CURRENCIES = [("eur", "EUR"), ("usd", "USD")]
DEFAULT_CURRENCY = "eur"

# Without a review-status choice, records staff rejected stay out of every
# figure: a rejection means "this pledge was misread", not "count it apart".
REVIEW_NOT_REJECTED = ""
REVIEW_ANY = "any"
REVIEW_CHOICES = voc.REVIEW_STATUSES + [(REVIEW_ANY, "Any, rejected included")]


# "items": a mixed package with four IRIS-T is found under air defence too.
CATEGORY_SCOPE_ITEMS = "items"
CATEGORY_SCOPES = [(CATEGORY_SCOPE_ITEMS, "The pledge's or any of its items' category")]

SYNTHETIC_EXCLUDE = "exclude"
SYNTHETIC_ONLY = "only"
SYNTHETIC_CHOICES = [(SYNTHETIC_EXCLUDE, "Left out"), (SYNTHETIC_ONLY, "Only synthetic")]
SYNTHETIC_CAP = 1_000  # the notice counts at most this many synthetic rows
IDS_INLINE_MAX = 50_000  # records a text or system filter hands on as ids rather than as a subquery

# Organisations stay offered even before they have a pledge: analysts look for them.
ALWAYS_OFFERED_DONORS = ["EU", "NATO"]


def offered_donors(asked=(), real_only=False):
    """The donor choices: countries with at least one pledge (`real_only`: one not synthetic,
    when the view leaves synthetic data out), plus EU and NATO, by name, plus the countries
    the request asks for (`asked`), so that every real country is a valid filter
    ("/pledges/?donor=UKR" from a country page shows the empty list, not an error).

    One query (an EXISTS per country on the pledges' donor index, or on the partial index of
    real pledges), not the 251 ISO entries; a code that is no country is an invalid choice."""
    pledges = Pledge.objects.filter(donor=OuterRef("pk"))
    has_pledges = Exists(pledges.filter(is_synthetic=False) if real_only else pledges)
    wanted = [*ALWAYS_OFFERED_DONORS, *(code.upper() for code in asked if isinstance(code, str))]
    return (
        Country.objects.filter(Q(has_pledges) | Q(code__in=wanted))
        .only("code", "name")
        .order_by("name")
    )


def _asked_donors(request):
    return request.GET.getlist("donor") if request is not None else ()


def _donor_choices(request):
    real_only = request is not None and request.GET.get("synthetic") == SYNTHETIC_EXCLUDE
    return offered_donors(_asked_donors(request), real_only=real_only)


class PledgeFilter(django_filters.FilterSet):
    # distinct=False: both filter columns of the pledge row itself, so no row can
    # repeat, and SELECT DISTINCT over a million rows costs a full sort.
    donor = django_filters.ModelMultipleChoiceFilter(
        queryset=_donor_choices, label="Donor", distinct=False, widget=widgets.SelectMultiple
    )
    donor_group = django_filters.ChoiceFilter(
        choices=DONOR_GROUPS, method="filter_donor_group", label="Donor group", empty_label="Any",
        widget=widgets.Select,
    )
    category = django_filters.MultipleChoiceFilter(
        choices=voc.CATEGORY_CHOICES, label="Category", method="filter_category", widget=widgets.SelectMultiple
    )
    category_scope = django_filters.ChoiceFilter(
        choices=CATEGORY_SCOPES, method="keep", label="Category applies to", empty_label="The pledge's category",
        widget=widgets.Select,
    )
    system = django_filters.ModelMultipleChoiceFilter(
        queryset=WeaponSystem.objects.only("id", "name", "slug"), to_field_name="slug",
        method="filter_system", label="Weapon system", widget=widgets.SelectMultiple,
    )
    kind = django_filters.ChoiceFilter(choices=voc.KINDS, label="Kind", empty_label="Any", widget=widgets.Select)
    announced = django_filters.DateFromToRangeFilter(
        label="Announced (from / to)",
        widget=django_filters.widgets.DateRangeWidget(attrs={"type": "date"}),
    )
    coalition = django_filters.ModelChoiceFilter(
        queryset=Coalition.objects.only("id", "name", "slug"),
        to_field_name="slug",
        label="Coalition",
        empty_label="Any",
        widget=widgets.Select,
    )
    meeting = django_filters.ModelChoiceFilter(
        queryset=Meeting.objects.all(), label="Meeting", empty_label="Any", widget=widgets.Select
    )
    amount_eur = django_filters.RangeFilter(
        label="Amount in EUR (min / max)",
        widget=django_filters.widgets.RangeWidget(attrs={"inputmode": "numeric", "min": "0"}),
    )
    review_status = django_filters.ChoiceFilter(
        choices=REVIEW_CHOICES,
        method="filter_review_status",
        label="Review status",
        empty_label="Not rejected",
        widget=widgets.Select,
    )
    q = django_filters.CharFilter(method="filter_text", label="Search evidence and items")
    # Load-test rows (seed_synthetic, DEMO_SYNTHETIC) are counted unless left out.
    synthetic = django_filters.ChoiceFilter(
        choices=SYNTHETIC_CHOICES, method="filter_synthetic", label="Synthetic test data", empty_label="Included",
        widget=widgets.Select,
    )
    currency = django_filters.ChoiceFilter(
        choices=CURRENCIES, method="keep", label="Show amounts in", empty_label=None, widget=widgets.Select
    )

    class Meta:
        model = Pledge
        fields = []

    # Filters whose "empty" value still filters must run when absent too.
    def filter_queryset(self, queryset):
        queryset = super().filter_queryset(queryset)
        if not self.form.cleaned_data.get("review_status"):
            queryset = self.filter_review_status(queryset, "review_status", REVIEW_NOT_REJECTED)
        return queryset

    def filter_category(self, queryset, name, value):
        if not value:
            return queryset
        if self.form.cleaned_data.get("category_scope") != CATEGORY_SCOPE_ITEMS:
            return queryset.filter(category__in=value)
        # Exists, not a join: a pledge with two air-defence items is one row
        items = PledgeItem.objects.filter(pledge=OuterRef("pk"), category__in=value)
        return queryset.filter(Q(category__in=value) | Exists(items))

    def filter_system(self, queryset, name, value: str):  # (type: for the OpenAPI document, a slug)
        if not value:
            return queryset
        # The pledge ids, read once from the items' index (migration 0023) and handed to each
        # query of the page as one array: PostgreSQL plans `IN (subquery)` as a hash join over
        # the whole table (the busiest system of a million pledges: ~200 ms a query, ~15 this way)
        items = PledgeItem.objects.filter(weapon_system__in=[s.pk for s in value]).order_by().values("pledge_id")
        return _with_pk_in(queryset, items.distinct())

    @property
    def category_reading(self):
        """How the category filter reads, in words, when one is set (the pages say it)."""
        if not (self.is_bound and self.is_valid() and self.form.cleaned_data.get("category")):
            return ""
        if self.form.cleaned_data.get("category_scope") == CATEGORY_SCOPE_ITEMS:
            return "Category: pledges of that category, and pledges with an item of that category."
        return "Category: the pledge's own category (a mixed package counts under its main category only)."

    def filter_donor_group(self, queryset, name, value):
        members = Country.objects.filter(**{f"is_{value}": True}).values("code")
        return queryset.filter(donor__in=members)

    def filter_review_status(self, queryset, name, value):
        if value == REVIEW_ANY:
            return queryset
        if value == REVIEW_NOT_REJECTED:
            return queryset.exclude(review_status=voc.REVIEW_REJECTED)
        return queryset.filter(review_status=value)

    def filter_text(self, queryset, name, value):
        # A set of ids, not a join: a pledge with several matching sentences or items must
        # appear once, and sums over the result must not double-count. Each side is read
        # through its trigram index (migration 0007); EXISTS (...) OR EXISTS (...) was
        # probed once per pledge of the whole table instead.
        value = value.strip()
        if not value:
            return queryset
        in_evidence = Evidence.objects.filter(sentence__icontains=value).values_list("pledge_id", flat=True)
        in_items = PledgeItem.objects.filter(system__icontains=value).values_list("pledge_id", flat=True)
        # The ids, searched once: a page applies its filter several times (the rows, their
        # count, each scan of a dashboard), and each time the trigram search cost more than
        # reading its ids back.
        return _with_pk_in(queryset, in_evidence.union(in_items))

    def filter_synthetic(self, queryset, name, value):
        if value == SYNTHETIC_EXCLUDE:
            return queryset.filter(is_synthetic=False)
        if value == SYNTHETIC_ONLY:
            return queryset.filter(is_synthetic=True)
        return queryset

    def synthetic_count(self):
        """(n, capped): how many synthetic pledges this view holds, at most SYNTHETIC_CAP."""
        if self.is_bound and self.is_valid() and self.form.cleaned_data.get("synthetic") == SYNTHETIC_EXCLUDE:
            return 0, False
        # Most databases hold none: one cheap probe before reading the view.
        if not Pledge.objects.filter(is_synthetic=True).exists():
            return 0, False
        # A bounded read of ids (as the list's capped count): never a count of a
        # million rows, and the list's own count stays the summary tables' job.
        ids = self.qs.filter(is_synthetic=True).order_by().values_list("pk", flat=True)[: SYNTHETIC_CAP + 1]
        n = len(ids)
        return min(n, SYNTHETIC_CAP), n > SYNTHETIC_CAP

    def keep(self, queryset, name, value):
        return queryset  # display choice only: the rows stay the same

    @property
    def display_currency(self):
        """'eur' or 'usd': which converted amount the pages show."""
        if self.is_bound and self.is_valid():
            return self.form.cleaned_data.get("currency") or DEFAULT_CURRENCY
        return DEFAULT_CURRENCY

    def error_text(self):
        """Each invalid filter as 'Label (name): message', one a line."""
        lines = []
        for name, errors in self.form.errors.items():
            field = self.form.fields.get(name)
            label = f"{field.label} ({name})" if field else name
            lines.append(f"{label}: {' '.join(errors)}")
        return "\n".join(lines)

    def active_filters(self):
        """(name, label, shown value) of each filter the request set, in form order."""
        # Templates ask twice (panel summary, chips); a donor choice costs a query.
        if not hasattr(self, "_active"):
            self._active = self._find_active_filters()
        return self._active

    def _find_active_filters(self):
        if not self.is_bound or not self.is_valid():
            return []
        active = []
        for name, field in self.form.fields.items():
            if name in ("currency", "category_scope"):
                continue
            value = self.form.cleaned_data.get(name)
            if _is_empty(value):
                continue
            active.append((name, field.label, _shown(field, value)))
        return active

    def view_name(self):
        """The filters as a short file-name part: "donor-DEU-USA_kind-pledge" ("all" when none)."""
        parts = []
        for key in sorted(set(self.data) - {"page", "sort", "page_size"}):
            values = [v for v in self.data.getlist(key) if v]
            if values:
                parts.append(slugify(f"{key} {' '.join(values)}"))
        return "_".join(parts)[:80] or "all"

    def parameters(self, name):
        """The GET parameters of one filter (a range has two: announced_after/_before)."""
        suffixes = getattr(self.form.fields[name].widget, "suffixes", None)
        return [f"{name}_{suffix}" for suffix in suffixes] if suffixes else [name]

    def chips(self):
        """(label, shown value, query string without that filter) for each active filter."""
        chips = []
        for name, label, shown in self.active_filters():
            rest = self.data.copy()
            for parameter in self.parameters(name) + ["page"]:
                rest.pop(parameter, None)
            chips.append((label, shown, "?" + rest.urlencode() if rest else "?"))
        return chips

    def filtered_by(self, names):
        """The base queryset with only the named filters applied (for the empty state)."""
        queryset = self.queryset.all()
        for name in names:
            value = self.form.cleaned_data.get(name)
            queryset = self.filters[name].filter(queryset, value)
        if "review_status" not in names:
            queryset = self.filter_review_status(queryset, "review_status", REVIEW_NOT_REJECTED)
        return queryset

    def culprit(self):
        """The first filter, in form order, after which no pledge is left; None if none."""
        applied = []
        for name, label, shown in self.active_filters():
            applied.append(name)
            if not self.filtered_by(applied).exists():
                return label, shown
        return None


class IdIn(Lookup):
    """`column = ANY(array)` for a list of integer ids, sent as one array literal. Django's
    `__in` writes one parameter per value, and psycopg dumps a list parameter in Python,
    both costing more than the search they save once the list holds thousands of ids."""

    lookup_name = "id_in"
    prepare_rhs = False

    def as_sql(self, compiler, connection):
        lhs, lhs_params = self.process_lhs(compiler, connection)
        literal = "{" + ",".join(map(str, map(int, self.rhs))) + "}"
        return f"{lhs} = ANY(%s::bigint[])", [*lhs_params, literal]


def _with_pk_in(queryset, ids_query):
    """`queryset` kept to the pledges whose id `ids_query` gives: on PostgreSQL the ids read
    once and handed on as one array (IdIn); more than IDS_INLINE_MAX of them, or another
    database, and the query stays a subquery."""
    if connection.vendor == "postgresql":
        ids = _as_array(ids_query[: IDS_INLINE_MAX + 1])
        if 0 < len(ids) <= IDS_INLINE_MAX:
            return queryset.filter(IdIn(F("pk"), ids))
    return queryset.filter(pk__in=ids_query)


def _as_array(values_query) -> list:
    """The values of a one-column query, fetched as one PostgreSQL array (one row to read,
    not a model-iterator step per value: 16,000 ids cost the list page 40 ms that way)."""
    sql, params = values_query.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT coalesce(array_agg(v), '{{}}') FROM ({sql}) AS found (v)", params)
        return cursor.fetchone()[0]


def _is_empty(value):
    if isinstance(value, slice):
        return value.start is None and value.stop is None
    if hasattr(value, "query"):  # a queryset: empty selections clean to .none()
        return value.query.is_empty()
    return value in (None, "", [], ())


def _bound(value):
    """One end of a range: dates without their time, '…' when open."""
    if value is None:
        return "…"
    if hasattr(value, "date"):
        return value.date().isoformat()
    return f"{value:,}" if isinstance(value, (int, float)) or hasattr(value, "as_tuple") else str(value)


def _shown(field, value):
    """A filter value as the form shows it: labels, not codes."""
    if isinstance(value, slice):
        return f"{_bound(value.start)} – {_bound(value.stop)}"
    if hasattr(value, "model") and not hasattr(value, "pk"):  # a queryset of models
        return ", ".join(str(v) for v in value)
    if hasattr(value, "pk"):
        return str(value)
    labels = dict(getattr(field, "choices", None) or [])
    if isinstance(value, (list, tuple)):
        return ", ".join(str(labels.get(v, v)) for v in value)
    return str(labels.get(value, value))
