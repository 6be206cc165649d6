"""The edit history: every change to a pledge, its items and evidence, meetings and
coalitions, by a parse (with the parser version) or by staff (with the user), is kept;
staff see it in the admin and can revert a change; analysts see who changed a pledge last."""

from decimal import Decimal

import pytest

from ingest import intake
from ingest.parser import PARSER_VERSION
from ingest.tasks import parse_and_write
from pledges.models import Meeting, Pledge, PledgeItem

from ..admin_forms import post_change

pytestmark = pytest.mark.django_db

TEXT = (
    "date 2024-05-06\n"
    "Germany will provide Ukraine with four IRIS-T SLM air defence systems worth EUR 500 million, "
    "Defence Minister Boris Pistorius announced during a visit to Kyiv on Monday."
)


@pytest.fixture
def pledge():
    parse_and_write(intake.store(TEXT)[0].pk)
    return Pledge.objects.get()


def test_a_parse_is_recorded_with_the_parser_version(pledge):
    [record] = pledge.history.all()
    assert record.history_type == "+" and record.history_user is None
    assert record.history_change_reason == f"parse (parser {PARSER_VERSION})"
    assert PledgeItem.history.filter(history_change_reason__contains="parse").exists()
    assert Meeting.history.filter(history_change_reason__contains="parse").exists()


def test_a_staff_edit_is_recorded_with_who_which_fields_and_old_and_new_values(pledge, staff_client, staff_user):
    post_change(staff_client, f"/admin/pledges/pledge/{pledge.pk}/change/", {"amount": "450000000.00"})
    newest, parse = pledge.history.all()[:2]
    assert newest.history_user == staff_user
    changes = {c.field: (c.old, c.new) for c in newest.diff_against(parse).changes}
    assert changes["amount"] == (Decimal("500000000.00"), Decimal("450000000.00"))


def test_item_and_meeting_edits_and_bulk_actions_are_recorded(pledge, staff_client, staff_user):
    item = PledgeItem.objects.get()
    post_change(staff_client, f"/admin/pledges/pledgeitem/{item.pk}/change/", {"quantity": "3"})
    assert item.history.first().history_user == staff_user
    meeting = Meeting.objects.get()
    post_change(staff_client, f"/admin/pledges/meeting/{meeting.pk}/change/", {"location": "Lviv"})
    assert meeting.history.first().history_user == staff_user
    staff_client.post("/admin/pledges/pledge/", {"action": "mark_verified", "_selected_action": [pledge.pk]})
    record = pledge.history.first()
    assert (record.review_status, record.history_user, record.history_change_reason) == (
        "verified", staff_user, "marked verified in the admin")


def test_staff_see_the_history_in_the_admin_and_can_revert_a_change(pledge, staff_client):
    post_change(staff_client, f"/admin/pledges/pledge/{pledge.pk}/change/", {"amount": "450000000.00"})
    page = staff_client.get(f"/admin/pledges/pledge/{pledge.pk}/history/")
    assert page.status_code == 200 and "parse (parser" in page.content.decode()
    parse_record = pledge.history.earliest()
    url = f"/admin/pledges/pledge/{pledge.pk}/history/{parse_record.history_id}/"
    assert staff_client.get(url).status_code == 200
    post_change(staff_client, url, {})
    pledge.refresh_from_db()
    assert pledge.amount == Decimal("500000000.00")


def test_the_pledge_page_says_who_changed_it_last(pledge, client, staff_client):
    assert "by the parser" in client.get(pledge.get_absolute_url()).content.decode()
    post_change(staff_client, f"/admin/pledges/pledge/{pledge.pk}/change/", {"amount": "450000000.00"})
    assert "by staff" in client.get(pledge.get_absolute_url()).content.decode()


def test_the_admin_takes_iso_currency_codes_only_and_upper_cases_them(pledge, staff_client):
    post_change(staff_client, f"/admin/pledges/pledge/{pledge.pk}/change/", {"currency": "eur"})
    pledge.refresh_from_db()
    assert pledge.currency == "EUR"
    page = staff_client.get(f"/admin/pledges/pledge/{pledge.pk}/change/")
    form = page.context["adminform"].form
    data = {name: (form.initial.get(name).pk if hasattr(form.initial.get(name), "pk") else form.initial.get(name))
            for name in form.fields if form.initial.get(name) is not None}
    data.update({"currency": "XYZ", **{f"{fs.formset.prefix}-{k}": "0" for fs in page.context["inline_admin_formsets"]
                                       for k in ("TOTAL_FORMS", "INITIAL_FORMS")}})
    response = staff_client.post(f"/admin/pledges/pledge/{pledge.pk}/change/", data)
    assert response.status_code == 200 and "not an ISO 4217 currency code" in response.content.decode()


def test_staff_notes_stay_internal(pledge, staff_client):
    from django.test import Client

    Pledge.objects.filter(pk=pledge.pk).update(notes="Call the ministry before publishing.")
    assert "Call the ministry" not in Client().get(pledge.get_absolute_url()).content.decode()
    assert "Call the ministry" in staff_client.get(pledge.get_absolute_url()).content.decode()
