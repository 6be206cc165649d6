"""Read-only JSON API: the list's pledges, the weapon systems and the countries.

The pledge endpoint takes exactly the list's GET parameters: the same PledgeFilter (through
django-filter's DRF backend), the same `sort` keys and `page` numbers, and counts the same
way (the summary tables when they can answer, else a count capped at tables.COUNT_CAP, said
by `count_capped`). An invalid filter is a 400 naming the field. No write endpoint exists.
"""

from django.db.models import Count, Prefetch, Q
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_field
from rest_framework import serializers, viewsets
from rest_framework.filters import BaseFilterBackend
from rest_framework.pagination import BasePagination
from rest_framework.response import Response
from rest_framework.utils.urls import remove_query_param, replace_query_param

from ingest.models import Article

from . import summary, systems, tables
from . import vocabulary as voc
from .export import meeting_label, source_url
from .filters import PledgeFilter
from .models import Country, Evidence, Pledge, PledgeItem, WeaponSystem

MAX_PAGE_SIZE = 500


class WeaponSystemRefSerializer(serializers.ModelSerializer):
    class Meta:
        model = WeaponSystem
        fields = ["slug", "name", "family", "category"]


class ItemSerializer(serializers.ModelSerializer):
    weapon_system = WeaponSystemRefSerializer(allow_null=True)

    class Meta:
        model = PledgeItem
        fields = ["system", "quantity", "category", "weapon_system"]


class PledgeSerializer(serializers.ModelSerializer):
    donor = serializers.CharField(source="donor_id")
    donor_name = serializers.CharField(source="donor.name")
    recipient = serializers.CharField(source="recipient_id")
    coalition = serializers.SerializerMethodField()
    meeting = serializers.SerializerMethodField()
    items = ItemSerializer(many=True)
    source_urls = serializers.SerializerMethodField()
    page_url = serializers.SerializerMethodField()

    class Meta:
        model = Pledge
        fields = [
            "id", "page_url", "announced", "donor", "donor_name", "recipient", "kind", "category",
            "amount", "currency", "amount_eur", "amount_usd", "rate_missing", "items", "coalition",
            "meeting", "fulfils", "review_status", "is_synthetic", "source_urls",
        ]

    def _site(self):
        request = self.context.get("request")
        return request.build_absolute_uri("/").rstrip("/") if request else ""

    def get_page_url(self, pledge) -> str:
        return self._site() + pledge.get_absolute_url()

    @extend_schema_field({"type": "object", "nullable": True,
                          "properties": {"slug": {"type": "string"}, "name": {"type": "string"}}})
    def get_coalition(self, pledge):
        c = pledge.coalition
        return None if c is None else {"slug": c.slug, "name": c.name}

    @extend_schema_field({"type": "object", "nullable": True,
                          "properties": {"id": {"type": "integer"}, "label": {"type": "string"}}})
    def get_meeting(self, pledge):
        m = pledge.meeting
        if m is None:
            return None
        return {"id": m.pk, "label": meeting_label(
            {"meeting__format": m.format, "meeting__number": m.number, "meeting__date": m.date})}

    def get_source_urls(self, pledge) -> list[str]:
        site = self._site()
        return [source_url(e.article_id, e.article.url, site) for e in pledge.evidence.all()]


class FilterBackend(DjangoFilterBackend):
    """django-filter's backend, keeping the filterset on the view (the page count reads it)."""

    def get_filterset(self, request, queryset, view):
        filterset = super().get_filterset(request, queryset, view)
        view.filterset = filterset
        return filterset


class ListSort(BaseFilterBackend):
    """The list's `sort` keys (tables.SORTS; "-" for descending), nothing else."""

    def filter_queryset(self, request, queryset, view):
        return tables.ordered(queryset, request.query_params.get("sort"))

    def get_schema_operation_parameters(self, view):
        keys = sorted(tables.SORTS)
        return [{
            "name": "sort", "required": False, "in": "query",
            "description": f"Order, as on the list: one of {', '.join(keys)}; a leading '-' sorts descending. "
                           f"Default {tables.DEFAULT_SORT}.",
            "schema": {"type": "string", "enum": keys + [f"-{k}" for k in keys]},
        }]


class ListPagination(BasePagination):
    """The list's pages (`page`, 50 rows unless `page_size`, at most 500) and its count."""

    def paginate_queryset(self, queryset, request, view=None):
        self.request = request
        per_page = _page_size(request.query_params.get("page_size"))
        filterset = getattr(view, "filterset", None)
        count = summary.pledge_count(filterset, queryset) if filterset is not None else None
        self.page = tables.paginate(queryset, tables.page_number(request.query_params.get("page")),
                                    per_page=per_page, count=count)
        return self.page.rows

    def get_paginated_response(self, data):
        url = self.request.build_absolute_uri()
        page = self.page
        previous = None
        if page.has_previous:
            previous = remove_query_param(url, "page") if page.number == 2 else replace_query_param(url, "page", page.number - 1)
        return Response({
            "count": page.count,
            "count_capped": page.count_capped,
            "next": replace_query_param(url, "page", page.number + 1) if page.has_next else None,
            "previous": previous,
            "results": data,
        })

    def get_paginated_response_schema(self, schema):
        return {
            "type": "object",
            "required": ["count", "results"],
            "properties": {
                "count": {"type": "integer", "description": "Rows in all pages (at most the cap, see count_capped)"},
                "count_capped": {"type": "boolean", "description": "True when there are more rows than count"},
                "next": {"type": "string", "nullable": True, "format": "uri"},
                "previous": {"type": "string", "nullable": True, "format": "uri"},
                "results": schema,
            },
        }

    def get_schema_operation_parameters(self, view):
        return [
            {"name": "page", "required": False, "in": "query", "description": "Page number, from 1",
             "schema": {"type": "integer", "minimum": 1}},
            {"name": "page_size", "required": False, "in": "query",
             "description": f"Rows per page, default {tables.PER_PAGE}, at most {MAX_PAGE_SIZE}",
             "schema": {"type": "integer", "minimum": 1, "maximum": MAX_PAGE_SIZE}},
        ]


def _page_size(raw):
    try:
        return min(max(1, int(raw)), MAX_PAGE_SIZE)
    except (TypeError, ValueError):
        return tables.PER_PAGE


class PledgeViewSet(viewsets.ReadOnlyModelViewSet):
    """Pledges, deliveries and reported running totals, filtered, sorted and paged as the list."""

    serializer_class = PledgeSerializer
    filter_backends = [FilterBackend, ListSort]
    filterset_class = PledgeFilter
    pagination_class = ListPagination

    def get_queryset(self):
        sources = Evidence.objects.only("pledge_id", "article_id").prefetch_related(
            Prefetch("article", queryset=Article.objects.only("id", "url")))
        return Pledge.objects.select_related("donor", "coalition", "meeting").prefetch_related(
            Prefetch("items", queryset=PledgeItem.objects.select_related("weapon_system").order_by("id")),
            Prefetch("evidence", queryset=sources.order_by("id")),
        )


class SystemSerializer(serializers.Serializer):
    slug = serializers.CharField(source="system.slug")
    name = serializers.CharField(source="system.name")
    family = serializers.CharField(source="system.family")
    category = serializers.CharField(source="system.category")
    aliases = serializers.ListField(source="system.aliases", child=serializers.CharField())
    pledged = serializers.IntegerField(help_text="Units in pledges")
    delivered = serializers.IntegerField(help_text="Units in deliveries")
    share_delivered = serializers.FloatField(allow_null=True)
    records = serializers.IntegerField(help_text="Items naming the system in pledges and deliveries")
    donors = serializers.SerializerMethodField()

    @extend_schema_field({"type": "array", "items": {"type": "object", "properties": {
        "donor": {"type": "string"}, "pledged": {"type": "integer"}, "delivered": {"type": "integer"},
        "records": {"type": "integer"}}}})
    def get_donors(self, row):
        return [{"donor": d.donor.code, "pledged": d.pledged, "delivered": d.delivered, "records": d.records}
                for d in row.donors]


class SystemViewSet(viewsets.GenericViewSet):
    """The systems named in the pledges the list's filters keep, with units pledged and delivered
    per donor (as /systems/). `sort`: name, pledged, delivered, share or records ("-": descending)."""

    serializer_class = SystemSerializer
    filter_backends = [FilterBackend]
    filterset_class = PledgeFilter
    pagination_class = None

    def get_queryset(self):
        return Pledge.objects.all()

    @extend_schema(parameters=[OpenApiParameter("sort", OpenApiTypes.STR, enum=sorted(systems.SORTS))])
    def list(self, request):
        pledges = self.filter_queryset(self.get_queryset())
        rows = systems.system_rows(pledges, request.query_params.get("sort"), getattr(self, "filterset", None))
        data = self.get_serializer(rows, many=True).data
        return Response({"count": len(rows), "next": None, "previous": None, "results": data})


class CountrySerializer(serializers.ModelSerializer):
    pledge_count = serializers.IntegerField(help_text="Records not rejected")
    page_url = serializers.SerializerMethodField()

    class Meta:
        model = Country
        fields = ["code", "name", "alpha2", "kind", "is_eu", "is_nato", "pledge_count", "page_url"]

    def get_page_url(self, country) -> str:
        request = self.context.get("request")
        return request.build_absolute_uri(country.get_absolute_url()) if request else country.get_absolute_url()


class CountryViewSet(viewsets.ReadOnlyModelViewSet):
    """Every ISO 3166 country and the EU and NATO; `donors=1` keeps those with records."""

    serializer_class = CountrySerializer
    lookup_field = "code"
    pagination_class = ListPagination

    @extend_schema(parameters=[OpenApiParameter("donors", OpenApiTypes.BOOL, description="Only those with records")])
    def list(self, request, *args, **kwargs):
        return super().list(request, *args, **kwargs)

    def get_queryset(self):
        live = ~Q(pledges__review_status=voc.REVIEW_REJECTED)
        countries = Country.objects.annotate(pledge_count=Count("pledges", filter=live)).order_by("name", "code")
        if self.request.query_params.get("donors") in ("1", "true", "yes"):
            countries = countries.filter(pledge_count__gt=0)
        return countries

    def get_object(self):
        self.kwargs["code"] = self.kwargs["code"].upper()
        return super().get_object()
