from decimal import Decimal

import pytest
from django.db import IntegrityError, transaction

from ingest.models import Article, text_sha256
from pledges.models import Country, Meeting, Pledge


@pytest.fixture
def germany(db):
    return Country.objects.get(code="DEU")


def test_amount_without_currency_is_refused(germany):
    with pytest.raises(IntegrityError), transaction.atomic():
        Pledge.objects.create(donor=germany, amount=Decimal("1000"), currency="")


def test_currency_without_amount_is_refused(germany):
    with pytest.raises(IntegrityError), transaction.atomic():
        Pledge.objects.create(donor=germany, amount=None, currency="EUR")


def test_negative_amount_is_refused(germany):
    with pytest.raises(IntegrityError), transaction.atomic():
        Pledge.objects.create(donor=germany, amount=Decimal("-5"), currency="EUR")


def test_items_only_pledge_and_money_pledge_are_accepted(germany):
    Pledge.objects.create(donor=germany)
    pledge = Pledge.objects.create(donor=germany, amount=Decimal("1300000000"), currency="EUR")
    assert pledge.recipient_id == "UKR"
    assert Pledge.objects.count() == 2


def test_duplicate_article_text_is_refused(db):
    Article.objects.create(text="Germany pledged  EUR 1 billion.\n")
    # Same text once whitespace is normalised: same digest, refused.
    with pytest.raises(IntegrityError), transaction.atomic():
        Article.objects.create(text="Germany pledged EUR 1 billion.")


def test_duplicate_article_url_is_refused_but_missing_urls_are_not(db):
    Article.objects.create(text="one", url="https://example.org/a")
    Article.objects.create(text="two", url="")
    Article.objects.create(text="three", url="")
    with pytest.raises(IntegrityError), transaction.atomic():
        Article.objects.create(text="four", url="https://example.org/a")


def test_text_digest_ignores_whitespace_and_unicode_form():
    assert text_sha256("Café  aid\n") == text_sha256("Cafe\u0301 aid")
    assert text_sha256("a") != text_sha256("b")


def test_meeting_number_is_unique_per_format(db):
    Meeting.objects.create(format="udcg", number=17)
    Meeting.objects.create(format="udcg", number=None)
    Meeting.objects.create(format="udcg", number=None)
    with pytest.raises(IntegrityError), transaction.atomic():
        Meeting.objects.create(format="udcg", number=17)


def test_staff_decisions_lock_a_pledge(germany):
    pledge = Pledge.objects.create(donor=germany)
    assert not pledge.locked
    pledge.review_status = "verified"
    assert pledge.locked
    pledge.review_status = "auto"
    pledge.staff_edited = True
    assert pledge.locked


def test_review_label_says_when_staff_edited_an_automatic_record(germany):
    pledge = Pledge(donor=germany)
    assert pledge.review_label == "Automatic"
    pledge.staff_edited = True
    assert pledge.review_label == "Automatic, edited by staff"
    pledge.review_status = "verified"
    assert pledge.review_label == "Verified"
