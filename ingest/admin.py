from django import forms
from django.contrib import admin, messages
from django.db import models, transaction
from django.db.models import Count
from django.urls import reverse
from django.utils.html import format_html

from pledges.models import Evidence

from . import intake
from .models import FAILED, Article, Feed
from .tasks import enqueue

# A pasted address without a scheme is read as https (Django 6's default).
URL_FIELDS_ASSUME_HTTPS = {models.URLField: {"assume_scheme": "https"}}


class ArticleAddForm(forms.ModelForm):
    """Paste the text or upload a file; the same intake as the `ingest` command."""

    text = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 16, "cols": 100}), required=False,
        help_text="Paste the article. An optional first line `date YYYY-MM-DD` gives its date.",
    )
    url = forms.URLField(
        required=False, max_length=1000, assume_scheme="https",
        help_text="Where the article was published, if known.",
    )
    upload = forms.FileField(
        required=False, label="or upload a file", help_text="Plain text or an HTML page."
    )

    class Meta:
        model = Article
        fields = ("url", "title", "outlet", "published")

    def clean(self):
        cleaned = super().clean()
        upload, text = cleaned.get("upload"), cleaned.get("text")
        if upload and text:
            raise forms.ValidationError("Paste the text or upload a file, not both.")
        if not upload and not (text or "").strip():
            raise forms.ValidationError("Paste the article text or upload a file.")
        if upload and upload.size > intake.max_bytes():
            raise forms.ValidationError(
                f"{upload.name}: {upload.size / 1024 / 1024:.1f} MB is over the "
                f"{intake.max_bytes() / 1024 / 1024:.1f} MB limit; not stored."
            )
        try:
            article = intake.prepare(
                upload.read() if upload else text,
                filename=upload.name if upload else None,
                url=cleaned.get("url"),
                title=cleaned.get("title"),
                outlet=cleaned.get("outlet"),
                published=cleaned.get("published"),
            )
        except intake.Refused as exc:
            # The reason already says "not stored".
            reason = str(exc)
            raise forms.ValidationError(f"{reason[:1].upper()}{reason[1:]}.") from exc
        existing = intake.find_existing(article.text, article.url)
        if existing is not None:
            link = reverse("admin:ingest_article_change", args=[existing.pk])
            raise forms.ValidationError(format_html(
                'This article is already stored as <a href="{}">article {}</a> ({}); nothing was added.',
                link, existing.pk, existing,
            ))
        # The document's own text and what it says of itself (a `date` line,
        # an HTML title) are what gets stored.
        for field in ("text", "url", "title", "outlet", "published"):
            cleaned[field] = getattr(article, field)
        return cleaned


class EvidenceInline(admin.TabularInline):
    model = Evidence
    extra = 0
    fields = ("pledge", "sentence")
    readonly_fields = ("pledge", "sentence")
    can_delete = False
    show_change_link = True

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Article)
class ArticleAdmin(admin.ModelAdmin):
    list_display = ("id", "title_or_url", "outlet", "published", "status", "pledge_count", "last_error",
                    "parser_version", "created")
    list_display_links = ("id", "title_or_url")
    list_filter = ("status", "outlet", "published", "parser_version")
    search_fields = ("title", "url", "outlet", "error")
    date_hierarchy = "published"
    readonly_fields = ("sha256", "status", "error", "parser_version", "parsed_at", "text", "created", "updated")
    fields = ("url", "title", "outlet", "published", "status", "error", "parser_version", "parsed_at", "sha256", "text", "created", "updated")
    inlines = (EvidenceInline,)
    formfield_overrides = URL_FIELDS_ASSUME_HTTPS
    actions = ("reparse", "reparse_failed")
    show_full_result_count = False

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(pledge_total=Count("evidence", distinct=True))

    def get_form(self, request, obj=None, **kwargs):
        if obj is None:
            kwargs["form"] = ArticleAddForm
        return super().get_form(request, obj, **kwargs)

    def get_fields(self, request, obj=None):
        if obj is None:
            return ("text", "upload", "url", "title", "outlet", "published")
        return self.fields

    def get_readonly_fields(self, request, obj=None):
        return () if obj is None else self.readonly_fields

    def get_inlines(self, request, obj):
        return self.inlines if obj is not None else ()

    @admin.display(description="Article", ordering="title")
    def title_or_url(self, obj):
        return (obj.title or obj.url or obj.text[:80])[:100]

    @admin.display(description="Error")
    def last_error(self, obj):
        # The start of the error of a failed parse; the article page shows all of it.
        return (obj.error[:120] + "…") if len(obj.error) > 120 else obj.error

    @admin.display(description="Pledges", ordering="pledge_total")
    def pledge_count(self, obj):
        return obj.pledge_total

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if not change:
            transaction.on_commit(lambda: self._queue(request, [obj.pk], "the new article"))

    def _queue(self, request, ids, what):
        queued, broker_error = enqueue(ids)
        if broker_error:
            self.message_user(
                request,
                f"Stored, but the broker is unreachable ({broker_error}): {what} will be parsed "
                "by `manage.py reparse --pending` once it is back.",
                messages.WARNING,
            )
        else:
            self.message_user(request, f"Queued {queued} article(s) for parsing: {what}.", messages.SUCCESS)

    @admin.action(description="Re-parse selected articles", permissions=["change"])
    def reparse(self, request, queryset):
        ids = list(queryset.values_list("pk", flat=True))
        self._queue(request, ids, f"{len(ids)} selected")

    @admin.action(description="Re-parse the failed ones among the selected articles", permissions=["change"])
    def reparse_failed(self, request, queryset):
        ids = list(queryset.filter(status=FAILED).values_list("pk", flat=True))
        if not ids:
            self.message_user(request, "None of the selected articles failed.", messages.INFO)
            return
        self._queue(request, ids, f"{len(ids)} failed")


@admin.register(Feed)
class FeedAdmin(admin.ModelAdmin):
    list_display = ("url", "title", "active", "last_polled", "waiting", "has_error")
    list_filter = ("active",)
    search_fields = ("url", "title")
    readonly_fields = ("etag", "last_modified", "last_polled", "waiting", "last_error", "created")
    actions = ("poll_now",)
    formfield_overrides = URL_FIELDS_ASSUME_HTTPS

    @admin.display(description="Error", boolean=True)
    def has_error(self, obj):
        return bool(obj.last_error)

    @admin.action(description="Poll the selected feeds now", permissions=["change"])
    def poll_now(self, request, queryset):
        from .tasks import poll_feed

        count = 0
        try:
            for feed in queryset.filter(active=True):
                poll_feed.delay(feed.pk)
                count += 1
        except Exception as exc:  # broker unreachable
            self.message_user(request, f"Broker unreachable ({exc}); polled {count}.", messages.WARNING)
            return
        self.message_user(request, f"Polling {count} feed(s).", messages.SUCCESS)
