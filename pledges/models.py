import uuid
from datetime import timedelta

from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from simple_history.models import HistoricalRecords

from . import vocabulary as voc


class Country(models.Model):
    """A donor or recipient: an ISO 3166 state, or an organisation (EU, NATO)."""

    STATE = "state"
    ORGANISATION = "organisation"
    KIND_CHOICES = [(STATE, "State"), (ORGANISATION, "Organisation")]

    # ISO alpha-3 for states, "EU" / "NATO" for organisations.
    code = models.CharField(max_length=4, primary_key=True)
    alpha2 = models.CharField(max_length=2, blank=True, db_index=True)
    name = models.CharField(max_length=100, db_index=True)
    kind = models.CharField(max_length=12, choices=KIND_CHOICES, default=STATE)
    aliases = models.JSONField(default=list, blank=True, help_text="Demonyms and other names")
    is_eu = models.BooleanField("EU member", default=False)
    is_nato = models.BooleanField("NATO member", default=False)

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "countries"

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("country-detail", args=[self.code])

    @property
    def flag(self):
        """Regional-indicator emoji for states; empty for organisations."""
        if len(self.alpha2) != 2:
            return ""
        return "".join(chr(0x1F1E6 + ord(c) - ord("A")) for c in self.alpha2.upper())


class Coalition(models.Model):
    name = models.CharField(max_length=120, unique=True)
    slug = models.SlugField(max_length=120, unique=True)
    area = models.CharField(max_length=20, choices=voc.CATEGORY_CHOICES, default="general")
    leaders = models.ManyToManyField(Country, related_name="coalitions_led", blank=True)
    members = models.ManyToManyField(Country, related_name="coalitions_joined", blank=True)
    # When the reference data's leaders were stated (pledges/data/coalition_leaders.tsv).
    leaders_stated = models.DateField(null=True, blank=True, help_text="Date of the statement naming the leaders")
    # Set when staff change the coalition: a parse then adds no leader or member to it.
    staff_edited = models.BooleanField(default=False, db_default=False, editable=False)

    # Who changed what and when (staff in the admin, or a parse): django-simple-history.
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = slugify(self.name)[:120]
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("coalition-detail", args=[self.slug])


class Meeting(models.Model):
    format = models.CharField(max_length=24, choices=voc.MEETING_FORMATS, db_index=True)
    number = models.PositiveIntegerField(null=True, blank=True)
    date = models.DateField(null=True, blank=True, db_index=True)
    location = models.CharField(max_length=100, blank=True)
    virtual = models.BooleanField(default=False)
    participants = models.ManyToManyField(Country, related_name="meetings", blank=True)
    is_synthetic = models.BooleanField(default=False, editable=False)
    # Set when staff change the meeting: a parse then never alters, re-creates or deletes it.
    staff_edited = models.BooleanField(default=False, db_default=False, editable=False)

    # Who changed what and when (staff in the admin, or a parse): django-simple-history.
    history = HistoricalRecords()

    class Meta:
        ordering = ["-date", "format"]
        constraints = [
            models.UniqueConstraint(
                fields=["format", "number"],
                condition=Q(number__isnull=False),
                name="meeting_unique_format_number",
            ),
        ]

    def __str__(self):
        label = self.get_format_display()
        label = label[:1].upper() + label[1:]  # "bilateral" is the vocabulary's value, not a title
        if self.number:
            label = f"{label} #{self.number}"
        if self.date:
            label = f"{label} ({self.date:%Y-%m-%d})"
        return label

    def get_absolute_url(self):
        return reverse("meeting-detail", args=[self.pk])


class Pledge(models.Model):
    donor = models.ForeignKey(Country, on_delete=models.PROTECT, related_name="pledges")
    recipient = models.ForeignKey(
        Country, on_delete=models.PROTECT, related_name="pledges_received", default="UKR"
    )
    kind = models.CharField(max_length=12, choices=voc.KINDS, default=voc.KIND_PLEDGE)
    announced = models.DateField(null=True, blank=True)
    # The amount as reported, in its original currency (ISO 4217).
    amount = models.DecimalField(max_digits=20, decimal_places=2, null=True, blank=True)
    currency = models.CharField(max_length=3, blank=True)
    # Converted at the ECB reference rate of the announced date.
    amount_eur = models.DecimalField(max_digits=20, decimal_places=2, null=True, blank=True)
    amount_usd = models.DecimalField(max_digits=20, decimal_places=2, null=True, blank=True)
    rate_missing = models.BooleanField(
        default=False, help_text="No exchange rate was known for the currency and date"
    )
    category = models.CharField(max_length=20, choices=voc.CATEGORY_CHOICES, default="general")
    coalition = models.ForeignKey(
        Coalition, on_delete=models.SET_NULL, null=True, blank=True, related_name="pledges"
    )
    meeting = models.ForeignKey(
        Meeting, on_delete=models.SET_NULL, null=True, blank=True, related_name="pledges"
    )
    review_status = models.CharField(
        max_length=10, choices=voc.REVIEW_STATUSES, default=voc.REVIEW_AUTO
    )
    # A delivery: the pledge it fulfils (same donor, a system of that pledge, announced after it),
    # linked by link_deliveries() or set and cleared by staff.
    fulfils = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="fulfilled_by",
        limit_choices_to={"kind": voc.KIND_PLEDGE}, help_text="For a delivery: the pledge it fulfils",
    )
    # Set when staff change the record in the admin: parsers never touch it again.
    staff_edited = models.BooleanField(default=False)
    confidence = models.FloatField(null=True, blank=True)
    notes = models.TextField(blank=True)
    is_synthetic = models.BooleanField(default=False, editable=False)
    created = models.DateTimeField(auto_now_add=True)
    updated = models.DateTimeField(auto_now=True)

    # Who changed what and when (staff in the admin, or a parse): django-simple-history.
    history = HistoricalRecords()

    class Meta:
        ordering = ["-announced", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(amount__isnull=True) & Q(currency=""))
                | (Q(amount__isnull=False) & ~Q(currency="")),
                name="pledge_amount_needs_currency",
                violation_error_message="An amount needs a currency, and a currency an amount.",
            ),
            models.CheckConstraint(
                condition=Q(amount__isnull=True) | Q(amount__gte=0),
                name="pledge_amount_not_negative",
            ),
        ]
        indexes = [
            models.Index(fields=["announced", "id"], name="pledge_announced_idx"),
            models.Index(fields=["donor", "announced"], name="pledge_donor_announced_idx"),
            models.Index(fields=["category", "announced"], name="pledge_category_announced_idx"),
            models.Index(fields=["kind", "announced"], name="pledge_kind_announced_idx"),
            models.Index(fields=["review_status"], name="pledge_review_idx"),
            models.Index(fields=["amount_eur"], name="pledge_amount_eur_idx"),
            # The synthetic-data notice asks "any synthetic rows here?" on every page.
            models.Index(fields=["id"], condition=Q(is_synthetic=True), name="pledge_synthetic_idx"),
            # ... and the donor list with synthetic data left out asks "any real pledge of X?"
            models.Index(fields=["donor"], condition=Q(is_synthetic=False), name="pledge_real_donor_idx"),
        ]

    def __str__(self):
        money = f"{self.amount:,.0f} {self.currency}" if self.amount is not None else "items"
        return f"{self.donor_id} {self.kind} {money} ({self.announced or 'undated'})"

    def get_absolute_url(self):
        return reverse("pledge-detail", args=[self.pk])

    @property
    def review_label(self):
        """What analysts see: the review status, and whether staff edited the record."""
        label = self.get_review_status_display()
        if self.staff_edited and self.review_status == voc.REVIEW_AUTO:
            return f"{label}, edited by staff"
        return label

    @property
    def locked(self):
        """Staff decisions win: a parser must never change or delete this pledge."""
        return self.staff_edited or self.review_status != voc.REVIEW_AUTO


class WeaponSystem(models.Model):
    """A named system of the catalogue (pledges/catalogue.py): what an item's words refer to."""

    name = models.CharField(max_length=120, unique=True)
    slug = models.SlugField(max_length=120, unique=True)
    family = models.CharField(max_length=120, blank=True, db_index=True, help_text='Such as "Leopard 2" or "IRIS-T"')
    category = models.CharField(max_length=20, choices=voc.CATEGORY_CHOICES, default="general")
    aliases = models.JSONField(default=list, blank=True, help_text="Other names and spellings articles use")
    # Set when staff change the system: loading the catalogue again leaves it as they left it.
    staff_edited = models.BooleanField(default=False, db_default=False, editable=False)

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("system-detail", args=[self.slug])


class PledgeItem(models.Model):
    pledge = models.ForeignKey(Pledge, on_delete=models.CASCADE, related_name="items")
    system = models.CharField(max_length=200)
    # Which catalogue system the words name, when the parser or staff can tell.
    weapon_system = models.ForeignKey(
        WeaponSystem, on_delete=models.SET_NULL, null=True, blank=True, related_name="items"
    )
    category = models.CharField(max_length=20, choices=voc.CATEGORY_CHOICES, default="general")
    quantity = models.PositiveBigIntegerField(null=True, blank=True)

    # Who changed what and when (staff in the admin, or a parse): django-simple-history.
    history = HistoricalRecords()

    class Meta:
        ordering = ["id"]
        indexes = [models.Index(fields=["system"], name="pledgeitem_system_idx")]

    def __str__(self):
        return f"{self.quantity} x {self.system}" if self.quantity else self.system


class Evidence(models.Model):
    """The sentence(s) a pledge was read from, in one article."""

    pledge = models.ForeignKey(Pledge, on_delete=models.CASCADE, related_name="evidence")
    article = models.ForeignKey(
        "ingest.Article", on_delete=models.CASCADE, related_name="evidence"
    )
    sentence = models.TextField()
    start = models.PositiveIntegerField(null=True, blank=True)
    end = models.PositiveIntegerField(null=True, blank=True)
    # Set when staff edit the sentence: a re-parse of the article keeps it as staff left it.
    # (db_default: bulk loaders that write rows in SQL need not name it.)
    staff_edited = models.BooleanField(default=False, db_default=False, editable=False)

    # Who changed what and when (staff in the admin, or a parse): django-simple-history.
    history = HistoricalRecords()

    class Meta:
        verbose_name_plural = "evidence"
        constraints = [
            models.UniqueConstraint(fields=["pledge", "article"], name="evidence_one_per_article"),
        ]

    def __str__(self):
        return self.sentence[:80]


class ExportJob(models.Model):
    """A large CSV export written by a Celery worker to a file, so that no page worker is held
    for its length; its page shows the progress and then offers the file (pledges/exports.py)."""

    QUEUED, RUNNING, DONE, FAILED = "queued", "running", "done", "failed"
    STATUSES = [(QUEUED, "Queued"), (RUNNING, "Writing"), (DONE, "Ready"), (FAILED, "Failed")]

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    query = models.TextField(blank=True, help_text="The list's GET parameters, as in its URL")
    site = models.CharField(max_length=200, blank=True, help_text="This site's address, for source URLs")
    status = models.CharField(max_length=8, choices=STATUSES, default=QUEUED)
    rows_expected = models.PositiveBigIntegerField(null=True, blank=True)
    rows_written = models.PositiveBigIntegerField(default=0)
    size = models.PositiveBigIntegerField(default=0)
    error = models.TextField(blank=True)
    created = models.DateTimeField(auto_now_add=True)
    progressed = models.DateTimeField(null=True, blank=True, help_text="When the worker last reported progress")
    finished = models.DateTimeField(null=True, blank=True)

    # A writing job reports every few MB (seconds apart): this long without news, its worker
    # has likely stopped (the broker hands the job to another one within its visibility timeout).
    STALLED_AFTER = timedelta(minutes=10)

    class Meta:
        ordering = ["-created"]

    def __str__(self):
        return f"export {self.pk} ({self.status})"

    def get_absolute_url(self):
        return reverse("export-detail", args=[self.pk])

    @property
    def stalled(self):
        """Writing, but silent for longer than STALLED_AFTER."""
        return (self.status == self.RUNNING and self.progressed is not None
                and timezone.now() - self.progressed > self.STALLED_AFTER)

    @property
    def percent(self):
        if self.status == self.DONE:
            return 100
        if not self.rows_expected:
            return None
        return min(99, int(100 * self.rows_written / self.rows_expected))


def pin_pledges(pledge_ids):
    """Staff touched these pledges (their items, evidence, review): no parse may change them again."""
    ids = {pk for pk in pledge_ids if pk is not None}
    if ids:
        Pledge.objects.filter(pk__in=ids, staff_edited=False).update(staff_edited=True)


def link_deliveries(donor_codes):
    """Link each delivery of these donors that staff have not touched to the pledge it fulfils:
    the latest pledge of the same donor, announced on or before it, with an item of one of its
    weapon systems. A delivery naming no system, or with no such pledge, stays unlinked."""
    deliveries = (
        Pledge.objects.filter(donor__in=donor_codes, kind=voc.KIND_DELIVERY, staff_edited=False,
                              review_status=voc.REVIEW_AUTO, announced__isnull=False)
        .prefetch_related("items")
    )
    pledged = {}
    rows = (PledgeItem.objects.filter(pledge__donor__in=donor_codes, pledge__kind=voc.KIND_PLEDGE,
                                      weapon_system__isnull=False, pledge__announced__isnull=False)
            .exclude(pledge__review_status=voc.REVIEW_REJECTED)
            .values_list("pledge__donor", "weapon_system", "pledge__announced", "pledge_id"))
    for donor, system, announced, pledge_id in rows:
        pledged.setdefault((donor, system), []).append((announced, pledge_id))
    changed = []
    for delivery in deliveries:
        candidates = [
            (announced, pledge_id)
            for item in delivery.items.all() if item.weapon_system_id
            for announced, pledge_id in pledged.get((delivery.donor_id, item.weapon_system_id), ())
            if announced <= delivery.announced
        ]
        target = max(candidates)[1] if candidates else None
        if target != delivery.fulfils_id:
            delivery.fulfils_id = target
            changed.append(delivery)
    Pledge.objects.bulk_update(changed, ["fulfils"])
    Pledge.history.bulk_history_create(changed, default_change_reason="parse: delivery linked to the pledge it fulfils")
    return len(changed)
