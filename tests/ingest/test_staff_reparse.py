"""Staff win over re-parsing, end to end: the real parser, the admin, the `reparse` command.

The two flows of the QA report: staff reject a pledge, or edit its amount and
verify it, in the admin; the article is then parsed again, by the admin action
or the command. The staff's record stays the only record of that pledge.
"""

from decimal import Decimal
from io import StringIO
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.db.models import Sum
from django.urls import reverse

from ingest import intake
from ingest.models import Article
from ingest.tasks import parse_and_write
from pledges import vocabulary as voc
from pledges.models import Pledge


pytestmark = pytest.mark.django_db

UK_ARTICLE = Path(settings.BASE_DIR) / "sample_data" / "articles" / "02-uk-annual-package.txt"
POLAND = (
    "date 2024-02-01\n"
    "Poland will provide Ukraine with a EUR 50 million package of 155mm artillery ammunition."
)


def reparse_by_admin(client, article):
    response = client.post(
        reverse("admin:ingest_article_changelist"),
        {"action": "reparse", "_selected_action": [article.pk]},
        follow=True,
    )
    assert "Queued 1 article(s) for parsing" in response.content.decode()


def reparse_by_command(client, article):
    call_command("reparse", str(article.pk), stdout=StringIO(), stderr=StringIO())


def reparse_inline(client, article):
    call_command("reparse", str(article.pk), "--inline", stdout=StringIO(), stderr=StringIO())


def reparse_all(client, article):
    call_command("reparse", "--all", stdout=StringIO(), stderr=StringIO())


REPARSES = [reparse_by_admin, reparse_by_command, reparse_inline, reparse_all]


def stored(data):
    article, created = intake.store(data)
    assert created
    assert parse_and_write(article.pk) == "parsed"
    return Article.objects.get(pk=article.pk)


def counted_total_eur():
    """What the analyst pages add up: every pledge staff did not reject."""
    counted = Pledge.objects.filter(kind=voc.KIND_PLEDGE).exclude(review_status=voc.REVIEW_REJECTED)
    return counted.aggregate(total=Sum("amount_eur"))["total"] or Decimal(0)


def change_form_data(response, **changes):
    """The admin change form as the browser would post it, with `changes` typed in."""
    data = {}

    def fill(form):
        for name, field in form.fields.items():
            value = form[name].value()
            if isinstance(value, bool):
                if value:
                    data[form.add_prefix(name)] = "on"
                continue
            if isinstance(value, (list, tuple)):
                data[form.add_prefix(name)] = [str(v) for v in value]
                continue
            data[form.add_prefix(name)] = "" if value is None else str(value)

    fill(response.context["adminform"].form)
    for inline in response.context["inline_admin_formsets"]:
        formset = inline.formset
        fill(formset.management_form)
        for form in formset.forms:
            fill(form)
    data.update(changes)
    return data


@pytest.mark.parametrize("reparse", REPARSES, ids=lambda f: f.__name__)
def test_a_rejected_pledge_stays_rejected_and_uncounted_after_a_reparse(staff_client, reparse):
    article = stored(UK_ARTICLE.read_bytes())
    uk = Pledge.objects.get(donor="GBR", amount=Decimal("2500000000"))
    counted_before = counted_total_eur()
    staff_client.post(
        reverse("admin:pledges_pledge_changelist"),
        {"action": "mark_rejected", "_selected_action": [uk.pk]},
    )
    uk.refresh_from_db()
    assert uk.review_status == voc.REVIEW_REJECTED
    rejected_total = counted_total_eur()
    assert rejected_total == counted_before - uk.amount_eur
    pledges_before = sorted(Pledge.objects.values_list("pk", "donor", "amount", "review_status"))

    reparse(staff_client, article)

    assert sorted(Pledge.objects.values_list("pk", "donor", "amount", "review_status")) == pledges_before
    assert not Pledge.objects.filter(donor="GBR", review_status=voc.REVIEW_AUTO).exists()
    assert counted_total_eur() == rejected_total
    assert Article.objects.get(pk=article.pk).status == "parsed"
    assert uk.evidence.filter(article=article).count() == 1


@pytest.mark.parametrize("reparse", REPARSES, ids=lambda f: f.__name__)
def test_an_edited_and_verified_amount_stays_the_only_pledge_after_a_reparse(staff_client, reparse):
    article = stored(POLAND)
    poland = Pledge.objects.get(donor="POL")
    assert poland.amount == Decimal("50000000")
    url = reverse("admin:pledges_pledge_change", args=[poland.pk])
    form = staff_client.get(url)
    response = staff_client.post(
        url, change_form_data(form, amount="60000000", review_status=voc.REVIEW_VERIFIED), follow=True
    )
    assert response.status_code == 200
    poland.refresh_from_db()
    assert (poland.amount, poland.review_status, poland.staff_edited) == (
        Decimal("60000000.00"), voc.REVIEW_VERIFIED, True,
    )
    edited = (poland.amount, poland.amount_eur, poland.review_status, poland.announced, poland.category)

    reparse(staff_client, article)

    from_article = Pledge.objects.filter(donor="POL", evidence__article=article)
    assert list(from_article.values_list("pk", flat=True)) == [poland.pk]
    assert Pledge.objects.filter(donor="POL").count() == 1
    poland.refresh_from_db()
    assert (poland.amount, poland.amount_eur, poland.review_status, poland.announced, poland.category) == edited
    assert counted_total_eur() == poland.amount_eur
    assert "155mm" in poland.evidence.get(article=article).sentence


def test_a_reparse_after_a_parser_change_refreshes_the_locked_pledges_evidence():
    article = stored(POLAND)
    poland = Pledge.objects.get(donor="POL")
    Pledge.objects.filter(pk=poland.pk).update(review_status=voc.REVIEW_VERIFIED, amount=Decimal("60000000"))
    before = poland.evidence.get()
    assert before.start is not None
    # An older parser cut the sentence differently at the same offsets.
    poland.evidence.update(sentence="an older parser's sentence")

    assert parse_and_write(article.pk) == "parsed"

    assert list(Pledge.objects.values_list("pk", flat=True)) == [poland.pk]
    evidence = poland.evidence.get()
    assert (evidence.sentence, evidence.start, evidence.end) == (before.sentence, before.start, before.end)
    poland.refresh_from_db()
    assert (poland.amount, poland.review_status) == (Decimal("60000000.00"), voc.REVIEW_VERIFIED)


@pytest.mark.parametrize("reparse", REPARSES, ids=lambda f: f.__name__)
def test_a_reparse_keeps_the_ids_of_the_automatic_pledges_it_reads_again(client, staff_client, reparse):
    """The QA finding: `reparse --all` turned /pledges/3/ into a 404."""
    article = stored(UK_ARTICLE.read_bytes())
    stored(POLAND)
    records = sorted(Pledge.objects.values_list("pk", "donor", "kind", "amount", "amount_eur", "review_status"))
    assert len(records) >= 2 and all(r[-1] == voc.REVIEW_AUTO for r in records)
    total = counted_total_eur()

    reparse(staff_client, article)

    assert sorted(Pledge.objects.values_list("pk", "donor", "kind", "amount", "amount_eur", "review_status")) == records
    assert counted_total_eur() == total
    for pk, *_ in records:
        assert client.get(reverse("pledge-detail", args=[pk])).status_code == 200
