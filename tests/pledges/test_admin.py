"""The admin: staff only, and every registered model's pages render."""

from decimal import Decimal

import pytest
from django.contrib import admin
from django.urls import reverse

from ingest.models import Article, Feed
from pledges.models import Coalition, Country, Evidence, Meeting, Pledge, PledgeItem


@pytest.fixture
def one_of_each(db):
    article = Article.objects.create(
        text="Germany will send <script>alert(1)</script> 4 IRIS-T systems.", title="<b>t</b>",
        url="https://example.org/a", status="parsed",
    )
    meeting = Meeting.objects.create(format="udcg", number=17, location="Ramstein")
    meeting.participants.set(["DEU", "UKR"])
    coalition = Coalition.objects.get(name="IT Coalition")
    coalition.leaders.set(["EST"])
    pledge = Pledge.objects.create(
        donor_id="DEU", amount=Decimal("1300000000"), currency="EUR", category="air_defense",
        meeting=meeting, coalition=coalition,
    )
    PledgeItem.objects.create(pledge=pledge, system="IRIS-T", quantity=4, category="air_defense")
    Evidence.objects.create(pledge=pledge, article=article, sentence="Germany will send 4 IRIS-T systems.")
    Feed.objects.create(url="https://example.org/feed.xml", title="Example feed")
    return {"pledge": pledge, "article": article}


def _admin_urls(one_of_each):
    for model, model_admin in admin.site._registry.items():
        opts = model._meta
        if opts.app_label not in ("pledges", "ingest"):
            continue
        yield reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist")
        if model_admin.has_add_permission(_FakeRequest()):
            yield reverse(f"admin:{opts.app_label}_{opts.model_name}_add")
        obj = model.objects.first()
        assert obj is not None, f"fixture has no {opts.model_name}"
        yield reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[obj.pk])


class _FakeRequest:
    class user:  # noqa: N801 - a minimal superuser stand-in for has_add_permission
        is_active = is_staff = is_superuser = True

        @staticmethod
        def has_perm(perm, obj=None):
            return True


def test_anonymous_and_analyst_are_sent_to_login(client, analyst_user):
    url = reverse("admin:pledges_pledge_changelist")
    assert client.get(url).status_code == 302
    client.force_login(analyst_user)
    response = client.get(url)
    assert response.status_code == 302 and "/admin/login/" in response["Location"]


def test_every_admin_page_renders_for_staff(staff_client, one_of_each):
    urls = list(_admin_urls(one_of_each))
    assert len(urls) >= 12
    for url in urls:
        response = staff_client.get(url)
        assert response.status_code == 200, url
        assert b"<script>alert(1)</script>" not in response.content, url


def test_admin_search_and_filters_work(staff_client, one_of_each):
    url = reverse("admin:pledges_pledge_changelist")
    assert staff_client.get(url, {"q": "IRIS"}).status_code == 200
    response = staff_client.get(url, {"kind__exact": "pledge", "category__exact": "air_defense"})
    assert response.status_code == 200
    assert one_of_each["pledge"] in response.context["cl"].result_list


def test_autocomplete_for_donor(staff_client, one_of_each):
    response = staff_client.get(
        reverse("admin:autocomplete"),
        {"term": "Germ", "app_label": "pledges", "model_name": "pledge", "field_name": "donor"},
    )
    assert response.status_code == 200
    assert "DEU" in {r["id"] for r in response.json()["results"]}


@pytest.mark.parametrize("action,status", [("mark_verified", "verified"), ("mark_rejected", "rejected")])
def test_review_actions(staff_client, one_of_each, action, status):
    pledge = one_of_each["pledge"]
    response = staff_client.post(
        reverse("admin:pledges_pledge_changelist"),
        {"action": action, "_selected_action": [pledge.pk]},
    )
    assert response.status_code == 302
    pledge.refresh_from_db()
    assert pledge.review_status == status
    assert pledge.locked


def test_editing_a_pledge_in_the_admin_pins_it(staff_client, one_of_each):
    pledge = one_of_each["pledge"]
    url = reverse("admin:pledges_pledge_change", args=[pledge.pk])
    form = staff_client.get(url).context["adminform"].form
    data = {k: v for k, v in form.initial.items() if v is not None}
    data.update({
        "donor": "DEU", "recipient": "UKR", "kind": "pledge", "category": "air_defense",
        "announced": "2023-11-21", "amount": "1400000000", "currency": "EUR",
        "review_status": "auto", "coalition": pledge.coalition_id, "meeting": pledge.meeting_id,
        "items-TOTAL_FORMS": "0", "items-INITIAL_FORMS": "0",
        "evidence-TOTAL_FORMS": "0", "evidence-INITIAL_FORMS": "0",
    })
    data.pop("notes", None)
    data.pop("confidence", None)
    response = staff_client.post(url, data)
    assert response.status_code == 302, response.content[:2000]
    pledge.refresh_from_db()
    assert pledge.amount == Decimal("1400000000")
    assert pledge.staff_edited
    assert pledge.amount_eur == Decimal("1400000000")
