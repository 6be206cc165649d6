"""seed_synthetic: small loads on the real PostgreSQL, both loaders (COPY and bulk_create)."""

import datetime as dt
from collections import Counter

import pytest
from django.core.management import CommandError, call_command

from ingest.models import Article, text_sha256
from pledges import money, synthetic
from pledges import vocabulary as voc
from pledges.models import Country, Evidence, Meeting, Pledge, PledgeItem

pytestmark = pytest.mark.django_db


def snapshot():
    """Everything the seeder wrote, without ids (they depend on the sequences)."""
    pledges = Pledge.objects.filter(is_synthetic=True).order_by("id")
    first = pledges.first().pk
    return {
        "pledges": [
            (p.pk - first, p.donor_id, p.kind, p.announced, p.amount, p.currency, p.amount_eur,
             p.amount_usd, p.category, p.coalition_id, p.meeting.date if p.meeting else None,
             p.review_status, p.confidence)
            for p in pledges.select_related("meeting")
        ],
        "items": list(
            PledgeItem.objects.filter(pledge__is_synthetic=True)
            .order_by("pledge_id", "id").values_list("system", "category", "quantity")
        ),
        "evidence": list(
            Evidence.objects.filter(pledge__is_synthetic=True)
            .order_by("pledge_id", "article_id").values_list("sentence", "start", "end", "article__url")
        ),
        "articles": list(
            Article.objects.filter(is_synthetic=True).order_by("id").values_list("url", "title", "published", "text")
        ),
        "meetings": list(
            Meeting.objects.filter(is_synthetic=True).order_by("date", "format", "location")
            .values_list("format", "date", "location")
        ),
    }


def test_command_seeds_linked_rows_that_respect_the_model():
    call_command("seed_synthetic", "--pledges", "400", "--seed", "3", "--batch-size", "150")

    pledges = list(Pledge.objects.filter(is_synthetic=True))
    assert len(pledges) == 400
    assert Pledge.objects.filter(is_synthetic=False).count() == 0
    assert PledgeItem.objects.filter(pledge__is_synthetic=True).count() > 0
    assert Meeting.objects.filter(is_synthetic=True).exists()
    assert Meeting.participants.through.objects.filter(meeting__is_synthetic=True).exists()
    for pledge in pledges[:50]:
        pledge.full_clean()
    for p in pledges:
        assert voc.KIND_VALUES.count(p.kind) == 1
        assert p.category in voc.CATEGORY_VALUES
        assert synthetic.FIRST_DAY <= p.announced <= synthetic.LAST_DAY
        assert (p.amount is None) == (p.currency == "")
        assert p.amount_eur is None or p.amount is not None
        if p.amount is not None:
            # Converted as the ingest pipeline converts: ECB rate of the announced date.
            converted = money.to_eur_usd(p.amount, p.currency, p.announced)
            assert (p.amount_eur, p.amount_usd, p.rate_missing) == (
                converted.eur, converted.usd, converted.rate_missing)
        if p.currency == "EUR" and not p.rate_missing:
            assert p.amount_eur == p.amount
        assert p.items.exists() or p.amount is not None  # an item-only pledge has items
        assert p.evidence.exists()

    for article in Article.objects.filter(is_synthetic=True):
        assert article.sha256 == text_sha256(article.text)
    for ev in Evidence.objects.filter(pledge__is_synthetic=True).select_related("article", "pledge"):
        assert ev.article.text[ev.start:ev.end] == ev.sentence
        assert ev.article.is_synthetic
    donors = Counter(p.donor_id for p in pledges)
    assert donors.most_common(1)[0][0] == "USA"  # the biggest donor in the tracker


def test_same_seed_same_rows_different_seed_other_rows():
    synthetic.seed(250, seed=11, batch_size=100)
    first = snapshot()
    synthetic.delete()
    synthetic.seed(250, seed=11, batch_size=100)
    assert snapshot() == first
    synthetic.delete()
    synthetic.seed(250, seed=12, batch_size=100)
    assert snapshot()["pledges"] != first["pledges"]


def test_bulk_create_loader_writes_what_copy_writes():
    synthetic.seed(200, seed=5, batch_size=80, use_copy=True)
    copied = snapshot()
    synthetic.delete()
    synthetic.seed(200, seed=5, batch_size=80, use_copy=False)
    assert snapshot() == copied


def test_seeding_twice_adds_new_articles():
    synthetic.seed(100, seed=1)
    synthetic.seed(100, seed=1)
    assert Pledge.objects.filter(is_synthetic=True).count() == 200
    urls = list(Article.objects.filter(is_synthetic=True).values_list("url", flat=True))
    assert len(urls) == len(set(urls))


def test_delete_removes_only_synthetic_rows():
    article = Article.objects.create(title="Real", text="Germany pledged EUR 5 million.")
    meeting = Meeting.objects.create(format="udcg", number=31, date=dt.date(2025, 9, 9))
    real = Pledge.objects.create(donor_id="DEU", amount=5_000_000, currency="EUR", meeting=meeting)
    PledgeItem.objects.create(pledge=real, system="IRIS-T SLM", category="air_defense", quantity=1)
    Evidence.objects.create(pledge=real, article=article, sentence="Germany pledged EUR 5 million.")
    synthetic.seed(300, seed=2)
    # A real pledge announced at a synthetic meeting keeps existing; it loses the link.
    synthetic_meeting = Meeting.objects.filter(is_synthetic=True).first()
    other = Pledge.objects.create(donor_id="FRA", meeting=synthetic_meeting)

    call_command("seed_synthetic", "--delete")

    assert not Pledge.objects.filter(is_synthetic=True).exists()
    assert not Article.objects.filter(is_synthetic=True).exists()
    assert not Meeting.objects.filter(is_synthetic=True).exists()
    assert not PledgeItem.objects.filter(pledge__is_synthetic=True).exists()
    assert set(Pledge.objects.values_list("pk", flat=True)) == {real.pk, other.pk}
    assert real.items.count() == 1 and real.evidence.count() == 1
    assert Meeting.objects.get().pk == meeting.pk
    other.refresh_from_db()
    assert other.meeting is None
    assert Country.objects.filter(code="DEU").exists()


def test_command_needs_something_to_do():
    with pytest.raises(CommandError):
        call_command("seed_synthetic")
