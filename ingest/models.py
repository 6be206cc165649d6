import hashlib
import re
import unicodedata

from django.db import models
from django.urls import reverse

PENDING = "pending"
PARSED = "parsed"
FAILED = "failed"
STATUS_CHOICES = [(PENDING, "Pending"), (PARSED, "Parsed"), (FAILED, "Failed")]

_WS = re.compile(r"\s+")


def normalise_text(text):
    """The form two copies of one article share: NFC, whitespace collapsed."""
    return _WS.sub(" ", unicodedata.normalize("NFC", text or "")).strip()


def text_sha256(text):
    return hashlib.sha256(normalise_text(text).encode("utf-8")).hexdigest()


class Article(models.Model):
    url = models.URLField(max_length=1000, null=True, blank=True, unique=True)
    title = models.CharField(max_length=500, blank=True)
    outlet = models.CharField(max_length=200, blank=True)
    published = models.DateField(null=True, blank=True, db_index=True)
    text = models.TextField()
    sha256 = models.CharField(max_length=64, unique=True, editable=False)
    status = models.CharField(max_length=10, choices=STATUS_CHOICES, default=PENDING, db_index=True)
    error = models.TextField(blank=True)
    parser_version = models.CharField(max_length=40, blank=True)
    is_synthetic = models.BooleanField(default=False, editable=False)
    created = models.DateTimeField(auto_now_add=True)
    updated = models.DateTimeField(auto_now=True)
    parsed_at = models.DateTimeField(null=True, blank=True)
    # The meetings this article reported: lets a re-parse drop the meetings
    # that came from this article alone (pledges keep theirs in Evidence).
    meetings = models.ManyToManyField(
        "pledges.Meeting", related_name="articles", blank=True, editable=False
    )

    class Meta:
        ordering = ["-published", "-id"]

    def __str__(self):
        return self.title or self.url or f"Article {self.pk}"

    def save(self, *args, **kwargs):
        if not self.url:
            self.url = None  # several articles may lack a URL; uniqueness applies when present
        self.sha256 = text_sha256(self.text)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("article-detail", args=[self.pk])


class Feed(models.Model):
    """An RSS or Atom feed polled by the beat task."""

    url = models.URLField(max_length=1000, unique=True)
    title = models.CharField(max_length=200, blank=True)
    active = models.BooleanField(default=True)
    etag = models.CharField(max_length=200, blank=True, editable=False)
    last_modified = models.CharField(max_length=100, blank=True, editable=False)
    last_polled = models.DateTimeField(null=True, blank=True)
    last_error = models.TextField(blank=True)
    # Entries the last poll saw but left for the next polls (at most MAX_ENTRIES_PER_POLL a poll).
    waiting = models.PositiveIntegerField(default=0, db_default=0, editable=False)
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["title", "url"]

    def __str__(self):
        return self.title or self.url
