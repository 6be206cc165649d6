import pycountry
from django import forms
from django.contrib import admin, messages
from django.db.models import Count
from django.utils.html import format_html
from simple_history.admin import SimpleHistoryAdmin

from . import vocabulary as voc
from . import catalogue
from .models import Coalition, Country, Evidence, Meeting, Pledge, PledgeItem, WeaponSystem, pin_pledges

TOMBSTONE_NOTE = (
    "Pledges are not deleted: they are marked rejected, so that a re-parse of their articles "
    "cannot bring them back. To undo, set the review status back to Automatic or Verified."
)


class PinsPledgeMixin:
    """Any staff change to a pledge's items or evidence, saved or deleted on its own page or in
    bulk, pins that pledge: the writer never changes a pinned pledge again."""

    def save_model(self, request, obj, form, change):
        if hasattr(obj, "staff_edited"):
            obj.staff_edited = True  # evidence staff edited is kept as they left it
        super().save_model(request, obj, form, change)
        pin_pledges([obj.pledge_id])

    def delete_model(self, request, obj):
        pledge_id = obj.pledge_id
        super().delete_model(request, obj)
        pin_pledges([pledge_id])

    def delete_queryset(self, request, queryset):
        pledge_ids = list(queryset.values_list("pledge_id", flat=True))
        super().delete_queryset(request, queryset)
        pin_pledges(pledge_ids)


@admin.register(Country)
class CountryAdmin(admin.ModelAdmin):
    list_display = ("code", "name", "alpha2", "kind", "is_eu", "is_nato")
    list_filter = ("kind", "is_eu", "is_nato")
    search_fields = ("code", "name", "alpha2", "aliases")
    ordering = ("name",)


@admin.register(Coalition)
class CoalitionAdmin(SimpleHistoryAdmin):
    list_display = ("name", "area", "leader_codes", "member_count", "staff_edited")
    list_filter = ("area", "staff_edited")
    readonly_fields = ("staff_edited",)
    search_fields = ("name",)
    prepopulated_fields = {"slug": ("name",)}
    autocomplete_fields = ("leaders", "members")

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .prefetch_related("leaders")
            .annotate(member_total=Count("members", distinct=True))
        )

    def save_model(self, request, obj, form, change):
        obj.staff_edited = True  # a parse adds no leader or member to a coalition staff edited
        super().save_model(request, obj, form, change)

    @admin.display(description="Leaders")
    def leader_codes(self, obj):
        return ", ".join(c.code for c in obj.leaders.all())

    @admin.display(description="Members", ordering="member_total")
    def member_count(self, obj):
        return obj.member_total


@admin.register(Meeting)
class MeetingAdmin(SimpleHistoryAdmin):
    list_display = ("__str__", "format", "number", "date", "location", "virtual", "staff_edited")
    list_filter = ("format", "virtual", "staff_edited")
    search_fields = ("location", "number")
    date_hierarchy = "date"
    autocomplete_fields = ("participants",)
    readonly_fields = ("staff_edited",)

    def save_model(self, request, obj, form, change):
        # A staff edit pins the meeting: a parse keeps it, its id and its fields as staff left them.
        obj.staff_edited = True
        super().save_model(request, obj, form, change)


class PledgeItemInline(admin.TabularInline):
    model = PledgeItem
    extra = 0
    autocomplete_fields = ("weapon_system",)


class EvidenceInline(admin.TabularInline):
    model = Evidence
    extra = 0
    fields = ("article", "sentence", "start", "end")
    raw_id_fields = ("article",)


ISO_4217 = frozenset(currency.alpha_3 for currency in pycountry.currencies)


class PledgeForm(forms.ModelForm):
    class Meta:
        model = Pledge
        fields = "__all__"

    def clean(self):
        cleaned = super().clean()
        fulfils = cleaned.get("fulfils")
        if fulfils is not None:
            if cleaned.get("kind") != voc.KIND_DELIVERY:
                self.add_error("fulfils", "Only a delivery fulfils a pledge.")
            elif fulfils.donor_id != getattr(cleaned.get("donor"), "pk", None):
                self.add_error("fulfils", "A delivery fulfils a pledge of its own donor.")
            elif fulfils.announced and cleaned.get("announced") and fulfils.announced > cleaned["announced"]:
                self.add_error("fulfils", "The pledge was announced after this delivery.")
        return cleaned

    def clean_currency(self):
        # ISO 4217 codes only, upper case: "eur" is EUR; "XYZ" is refused with a clear error
        currency = (self.cleaned_data.get("currency") or "").strip().upper()
        if currency and currency not in ISO_4217:
            raise forms.ValidationError(f"“{currency}” is not an ISO 4217 currency code (such as EUR, USD, NOK).")
        return currency


@admin.register(Pledge)
class PledgeAdmin(SimpleHistoryAdmin):
    form = PledgeForm
    list_display = (
        "id", "announced", "donor", "kind", "category", "amount_display",
        "amount_eur", "review_status", "staff_edited", "rate_missing",
    )
    list_filter = ("review_status", "kind", "category", "staff_edited", "rate_missing", "is_synthetic", "donor__is_eu", "donor__is_nato")
    search_fields = ("donor__name", "donor__code", "notes", "items__system", "evidence__sentence")
    date_hierarchy = "announced"
    list_select_related = ("donor",)
    autocomplete_fields = ("donor", "recipient", "coalition", "meeting", "fulfils")
    readonly_fields = ("amount_eur", "amount_usd", "rate_missing", "staff_edited", "is_synthetic", "created", "updated")
    inlines = (PledgeItemInline, EvidenceInline)
    actions = ("mark_verified", "mark_rejected")
    show_full_result_count = False  # an exact count of a million rows on every page is slow
    fieldsets = (
        (None, {"fields": ("donor", "recipient", "kind", "announced", "category", "coalition", "meeting", "fulfils")}),
        ("Money", {"fields": ("amount", "currency", "amount_eur", "amount_usd", "rate_missing")}),
        ("Review", {"fields": ("review_status", "confidence", "notes", "staff_edited", "is_synthetic", "created", "updated")}),
    )

    @admin.display(description="Amount", ordering="amount")
    def amount_display(self, obj):
        if obj.amount is None:
            return "—"
        return format_html("{} {}", f"{obj.amount:,.0f}", obj.currency)

    def save_model(self, request, obj, form, change):
        # Any edit by staff pins the record: later parses must not overwrite it.
        obj.staff_edited = True
        if form.has_changed() and {"amount", "currency", "announced"} & set(form.changed_data):
            from .money import convert_pledge_amounts

            convert_pledge_amounts(obj)
        super().save_model(request, obj, form, change)

    def save_formset(self, request, form, formset, change):
        super().save_formset(request, form, formset, change)
        if formset.model is Evidence:
            edited = [f.instance.pk for f in formset.forms if f.has_changed() and f.instance.pk]
            Evidence.objects.filter(pk__in=edited).update(staff_edited=True)
        if formset.has_changed():
            pin_pledges([form.instance.pk])

    def get_actions(self, request):
        # "Delete selected" would say "deleted": rejecting is what deleting a pledge does here.
        actions = super().get_actions(request)
        actions.pop("delete_selected", None)
        return actions

    def delete_model(self, request, obj):
        self.delete_queryset(request, Pledge.objects.filter(pk=obj.pk))

    def response_delete(self, request, obj_display, obj_id):
        from django.http import HttpResponseRedirect
        from django.urls import reverse

        return HttpResponseRedirect(reverse("admin:pledges_pledge_change", args=[obj_id]))

    def delete_queryset(self, request, queryset):
        # A tombstone, not a deletion: the record stays, rejected, so no re-parse re-creates it.
        updated = self._update_with_history(request, queryset, "deleted in the admin: rejected",
                                            review_status=voc.REVIEW_REJECTED, staff_edited=True)
        self.message_user(request, f"{updated} pledge(s) marked rejected. {TOMBSTONE_NOTE}", messages.WARNING)

    def _update_with_history(self, request, queryset, reason, **values):
        """queryset.update(), with a history record per pledge (update() sends no signals)."""
        ids = list(queryset.values_list("pk", flat=True))
        updated = Pledge.objects.filter(pk__in=ids).update(**values)
        Pledge.history.bulk_history_create(
            list(Pledge.objects.filter(pk__in=ids)), update=True, default_user=request.user,
            default_change_reason=reason)
        return updated

    def _set_review(self, request, queryset, status):
        updated = self._update_with_history(request, queryset, f"marked {status} in the admin",
                                            review_status=status, staff_edited=True)
        self.message_user(request, f"{updated} pledge(s) marked {status}.", messages.SUCCESS)

    @admin.action(description="Mark selected pledges verified", permissions=["change"])
    def mark_verified(self, request, queryset):
        self._set_review(request, queryset, voc.REVIEW_VERIFIED)

    @admin.action(description="Mark selected pledges rejected", permissions=["change"])
    def mark_rejected(self, request, queryset):
        self._set_review(request, queryset, voc.REVIEW_REJECTED)


@admin.register(PledgeItem)
class PledgeItemAdmin(PinsPledgeMixin, SimpleHistoryAdmin):
    list_display = ("system", "weapon_system", "quantity", "category", "pledge")
    list_filter = ("category", ("weapon_system", admin.EmptyFieldListFilter))
    search_fields = ("system", "weapon_system__name")
    autocomplete_fields = ("pledge", "weapon_system")
    list_select_related = ("pledge", "pledge__donor", "weapon_system")


@admin.register(WeaponSystem)
class WeaponSystemAdmin(admin.ModelAdmin):
    list_display = ("name", "family", "category", "item_count", "staff_edited")
    list_filter = ("category", "staff_edited")
    search_fields = ("name", "family", "aliases")
    readonly_fields = ("staff_edited",)
    prepopulated_fields = {"slug": ("name",)}

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(item_count=Count("items"))

    @admin.display(description="Items", ordering="item_count")
    def item_count(self, obj):
        return obj.item_count

    def save_model(self, request, obj, form, change):
        # A staff edit pins the system: loading the catalogue again leaves it as staff left it.
        obj.staff_edited = True
        super().save_model(request, obj, form, change)
        if "aliases" in form.changed_data or not change:
            catalogue.link_items(PledgeItem, WeaponSystem, naming=obj)  # the items its names name


@admin.register(Evidence)
class EvidenceAdmin(PinsPledgeMixin, SimpleHistoryAdmin):
    list_display = ("short_sentence", "pledge", "article")
    search_fields = ("sentence", "article__title", "article__url")
    autocomplete_fields = ("pledge",)
    raw_id_fields = ("article",)
    list_select_related = ("pledge", "pledge__donor", "article")

    @admin.display(description="Sentence")
    def short_sentence(self, obj):
        return obj.sentence[:120]
