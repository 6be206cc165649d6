"""Analyst pages: thin wiring of PledgeFilter, charts, tables and export.

Every page only reads: GET and HEAD, anything else is a 405 (require_safe).
"""

from django.db.models import Count, F, Max, Prefetch, Q
from django.conf import settings
from django.db import transaction
from django.http import FileResponse, Http404, HttpResponseBadRequest, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_safe

from . import charts, export, export_slots, exports, summary, systems, tables
from .page_cache import cached_page
from . import vocabulary as voc
from .filters import PledgeFilter
from .models import Coalition, Country, Evidence, ExportJob, Meeting, Pledge, PledgeItem, WeaponSystem

RECENT = 25  # pledges shown on a country, coalition or meeting page


def pledge_filter(request, queryset=None):
    return PledgeFilter(request.GET, queryset=Pledge.objects.all() if queryset is None else queryset, request=request)


def _query_without(request, *names):
    """The request's GET parameters minus some, url-encoded (for links that change them)."""
    params = request.GET.copy()
    for name in names:
        params.pop(name, None)
    return params.urlencode()


@require_safe
@cached_page
def dashboard(request):
    filterset = pledge_filter(request)
    pledges, currency = filterset.qs, filterset.display_currency
    context = {
        "filter": filterset,
        "currency": charts.code(currency),
        "query": _query_without(request),
        "synthetic": filterset.synthetic_count(),
    }
    with transaction.atomic(savepoint=False):  # the temporary tables of a scan go when it ends
        # The summary tables answer most filters without scanning a million pledges; for
        # the others one scan of the filtered pledges serves every chart.
        totals = summary.totals_for(filterset, pledges) or summary.scanned(pledges) or pledges
        figures = context["headline"] = charts.headline(totals, currency)
        if figures["pledges"] + figures["deliveries"] + figures["running_totals"]:
            context["charts"] = charts.build(totals, currency, view=filterset.view_name())
            context["running_totals"] = charts.running_totals(pledges)
        else:  # nothing to draw: say which filter emptied the view instead
            context["culprit"] = filterset.culprit()
    return render(request, "pledges/dashboard.html", context, status=_status(filterset))


@require_safe
@cached_page
def article_count(request):
    """{"articles": n}: the dashboard's distinct-article figure for the same filter, which the
    page fetches afterwards when counting inline would hold it up (charts.headline)."""
    filterset = pledge_filter(request)
    if filterset.is_bound and not filterset.is_valid():
        return JsonResponse({"errors": filterset.errors.get_json_data()}, status=400)
    pledges = filterset.qs
    totals = summary.totals_for(filterset, pledges)
    return JsonResponse({"articles": charts.article_count(totals if totals is not None else pledges)})


@require_safe
@cached_page
def pledge_list(request):
    filterset = pledge_filter(request)
    sort = tables.sort_key(request.GET.get("sort"))
    rows = tables.for_rows(tables.ordered(filterset.qs, sort))
    totals = summary.totals_for(filterset, filterset.qs)
    count = totals.count() if totals is not None else None  # None: count the rows, capped
    per_page = tables.page_size(request.GET.get("page_size"))
    number = tables.page_number(request.GET.get("page"))
    rows, start = tables.windowed(rows, sort, totals, number, per_page)
    page = tables.paginate(rows, number, per_page=per_page, count=count, start=start)
    context = {
        "page_sizes": tables.PAGE_SIZES,
        "sort_options": tables.SORT_OPTIONS,
        "hidden_params": [(k, v) for k, values in request.GET.lists() if k not in ("sort", "page", "page_size")
                          for v in values],
        "filter": filterset,
        "currency": charts.code(filterset.display_currency),
        "amount_field": charts.amount_field(filterset.display_currency),
        "page": page,
        "sort": sort,
        "columns": tables.COLUMNS,
        "query": _query_without(request),
        "query_no_page": _query_without(request, "page"),
        "query_no_sort": _query_without(request, "page", "sort"),
        "synthetic": filterset.synthetic_count(),
    }
    if not page.rows and page.number == 1:
        context["culprit"] = filterset.culprit()
    return render(request, "pledges/pledge_list.html", context, status=_status(filterset))


def _status(filterset):
    """400 when a filter value is invalid: the page names it and does not apply it."""
    return 400 if filterset.is_bound and not filterset.is_valid() else 200


@require_safe
def pledge_export(request):
    filterset = pledge_filter(request)
    if _status(filterset) == 400:
        # Never a CSV of every row when a filter could not be read: say which one.
        return HttpResponseBadRequest(
            "Not exported: invalid filters.\n" + filterset.error_text() + "\n",
            content_type="text/plain; charset=utf-8",
        )
    sort = tables.sort_key(request.GET.get("sort"))
    site = request.build_absolute_uri("/").rstrip("/")
    rows = exports.expected_rows(filterset)
    # long, or other exports streaming already: a worker writes the file, this thread is free
    slot = export_slots.take() if rows <= settings.EXPORT_ASYNC_ROWS else None
    if slot is None:
        job, _ = exports.start(request.GET.urlencode(), site, rows)
        return redirect(job)
    return export.response(tables.ordered(filterset.qs, sort), site=site, slot=slot)


@require_safe
def export_detail(request, pk):
    job = get_object_or_404(ExportJob, pk=pk)
    return render(request, "pledges/export_detail.html", {"job": job, "list_query": job.query})


@require_safe
def export_download(request, pk):
    job = get_object_or_404(ExportJob, pk=pk, status=ExportJob.DONE)
    path = exports.file_of(job)
    if not path.exists():
        raise Http404("This export's file has been removed; export the view again.")
    return FileResponse(open(path, "rb"), as_attachment=True, filename="pledges.csv", content_type="text/csv; charset=utf-8")


@require_safe
def pledge_detail(request, pk):
    evidence = Evidence.objects.select_related("article").order_by("article__published", "id")
    pledge = get_object_or_404(
        Pledge.objects.select_related("donor", "recipient", "coalition", "meeting", "fulfils").prefetch_related(
            Prefetch("items", queryset=PledgeItem.objects.order_by("id")),
            Prefetch("evidence", queryset=evidence),
        ),
        pk=pk,
    )
    # "last changed on ... by staff / by the parser": the newest record of the edit history
    last_change = pledge.history.only("history_date", "history_user_id").first()
    fulfilled_by = list(pledge.fulfilled_by.exclude(review_status=voc.REVIEW_REJECTED).order_by("announced", "pk")
                        .only("pk", "announced")) if pledge.kind == voc.KIND_PLEDGE else []
    context = {"pledge": pledge, "last_change": last_change, "fulfilled_by": fulfilled_by}
    return render(request, "pledges/pledge_detail.html", context)


def _recent(queryset):
    return list(
        tables.for_rows(tables.ordered(queryset.exclude(review_status=voc.REVIEW_REJECTED), tables.DEFAULT_SORT))[
            :RECENT
        ]
    )


def _pledges_made_under(pledges):
    """The latest pledges of a coalition or meeting, and how many it has (rejected left out)."""
    return {
        "pledges": _recent(pledges),
        "pledge_count": pledges.exclude(review_status=voc.REVIEW_REJECTED).count(),
    }


@require_safe
def country_list(request):
    """Every donor with pledges (rejected ones left out), by name, with its counts: one query."""
    live = ~Q(pledges__review_status=voc.REVIEW_REJECTED)
    donors = (
        Country.objects.annotate(
            pledge_count=Count("pledges", filter=live),
            delivery_count=Count("pledges", filter=live & Q(pledges__kind=voc.KIND_DELIVERY)),
            latest=Max("pledges__announced", filter=live),
        )
        .filter(pledge_count__gt=0)
        .only("code", "name", "kind", "is_eu", "is_nato")
        .order_by("name")
    )
    return render(request, "pledges/country_list.html", {"donors": donors})


@require_safe
def country_detail(request, code):
    country = get_object_or_404(Country, code=code.upper())
    pledges = Pledge.objects.filter(donor=country).exclude(review_status=voc.REVIEW_REJECTED)
    currency = pledge_filter(request).display_currency
    totals = summary.totals_for_donor(country.code, pledges) or pledges
    context = {
        "country": country,
        "currency": charts.code(currency),
        "headline": charts.headline(totals, currency, articles=False),
        "charts": charts.build(totals, currency, charts.COUNTRY_CHARTS, view=f"donor-{country.code.lower()}"),
        "pledges": _recent(pledges),
        "coalitions_led": list(country.coalitions_led.all()),
        "coalitions_joined": list(country.coalitions_joined.all()),
        "meetings": list(country.meetings.order_by("-date")[:RECENT]),
        "meeting_count": country.meetings.count(),
    }
    return render(request, "pledges/country_detail.html", context)


def _live_pledge_counts(field, ids):
    """{id: pledges not rejected} for these coalitions or meetings, in one query."""
    rows = (
        Pledge.objects.filter(**{f"{field}__in": ids})
        .exclude(review_status=voc.REVIEW_REJECTED)
        .order_by()
        .values(field)
        .annotate(n=Count("id"))
    )
    return {row[field]: row["n"] for row in rows}


@require_safe
def coalition_list(request):
    coalitions = list(
        Coalition.objects.prefetch_related(
            Prefetch("leaders", queryset=Country.objects.only("code", "name")),
            Prefetch("members", queryset=Country.objects.only("code")),
        ).order_by("name")
    )
    counts = _live_pledge_counts("coalition", [c.pk for c in coalitions])
    for coalition in coalitions:
        coalition.pledge_count = counts.get(coalition.pk, 0)
    return render(request, "pledges/coalition_list.html", {"coalitions": coalitions})


@require_safe
def meeting_list(request):
    meetings = Meeting.objects.prefetch_related(
        Prefetch("participants", queryset=Country.objects.only("code", "name"))
    ).order_by(F("date").desc(nulls_last=True), "format", "pk")
    fmt = request.GET.get("format", "")
    if fmt in dict(voc.MEETING_FORMATS):
        meetings = meetings.filter(format=fmt)
    page = tables.paginate(meetings, tables.page_number(request.GET.get("page")))
    counts = _live_pledge_counts("meeting", [m.pk for m in page.rows])
    for meeting in page.rows:
        meeting.pledge_count = counts.get(meeting.pk, 0)
    context = {"page": page, "format": fmt, "formats": voc.MEETING_FORMATS}
    return render(request, "pledges/meeting_list.html", context)


@require_safe
def coalition_detail(request, slug):
    coalition = get_object_or_404(
        Coalition.objects.prefetch_related(
            Prefetch("leaders", queryset=Country.objects.only("code", "name", "alpha2")),
            Prefetch("members", queryset=Country.objects.only("code", "name", "alpha2")),
        ),
        slug=slug,
    )
    context = {"coalition": coalition, **_pledges_made_under(Pledge.objects.filter(coalition=coalition))}
    return render(request, "pledges/coalition_detail.html", context)


@require_safe
def meeting_detail(request, pk):
    meeting = get_object_or_404(
        Meeting.objects.prefetch_related(
            Prefetch("participants", queryset=Country.objects.only("code", "name", "alpha2"))
        ),
        pk=pk,
    )
    context = {"meeting": meeting, **_pledges_made_under(Pledge.objects.filter(meeting=meeting))}
    return render(request, "pledges/meeting_detail.html", context)



@require_safe
def system_list(request):
    """Per weapon system, per donor: quantities pledged and delivered under the list's filters."""
    filterset = pledge_filter(request)
    sort = systems.sort_key(request.GET.get("sort"))
    context = {
        "filter": filterset,
        "rows": systems.system_rows(filterset.qs, sort, filterset),
        "sort": sort,
        "query": _query_without(request),
        "query_no_sort": _query_without(request, "sort"),
        "synthetic": filterset.synthetic_count(),
    }
    return render(request, "pledges/system_list.html", context, status=_status(filterset))


SYSTEM_RECORDS = 100  # records listed on a system's page (all of them are in the filtered list)


@require_safe
def system_detail(request, slug):
    system = get_object_or_404(WeaponSystem, slug=slug)
    filterset = pledge_filter(request)
    pledges = filterset.qs
    items = list(systems.records(pledges, system)[: SYSTEM_RECORDS + 1])  # one more: are there more?
    donors = systems.donor_counts(pledges, system)
    context = {
        "system": system,
        "filter": filterset,
        "donors": donors,
        "money": systems.add_money(pledges, system, donors),
        "units": {"pledged": sum(d.pledged for d in donors), "delivered": sum(d.delivered for d in donors)},
        "items": items[:SYSTEM_RECORDS],
        "more": len(items) > SYSTEM_RECORDS,
        "item_limit": SYSTEM_RECORDS,
        "chart": systems.over_time(pledges, system),
        "query": _query_without(request, "system"),
    }
    return render(request, "pledges/system_detail.html", context, status=_status(filterset))
