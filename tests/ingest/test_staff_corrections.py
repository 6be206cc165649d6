"""Staff corrections survive every re-parse, wherever in the admin they were made.

Each correction is made through the admin page a staff member would use, then the
articles are parsed again with `reparse --all --inline` (tests/ingest/test_worker.py
does the same through a real worker): the correction is kept.
"""

from io import StringIO

import pytest
from django.core.management import call_command

from ingest import intake
from ingest.tasks import parse_and_write
from pledges import vocabulary as voc
from pledges.models import Evidence, Meeting, Pledge, PledgeItem

from ..admin_forms import post_change

pytestmark = pytest.mark.django_db

TEXT = (
    "date 2024-05-06\n"
    "Germany will provide Ukraine with four IRIS-T SLM air defence systems worth EUR 500 million, "
    "Defence Minister Boris Pistorius announced during a visit to Kyiv on Monday."
)


def parsed_article():
    article = intake.store(TEXT)[0]
    assert parse_and_write(article.pk) == "parsed"
    return article


def reparse_all():
    out = StringIO()
    call_command("reparse", "--all", "--inline", stdout=out)
    assert "0 failed" in out.getvalue()


def test_an_item_renamed_on_its_own_page_is_kept(staff_client):
    parsed_article()
    item = PledgeItem.objects.get()
    post_change(staff_client, f"/admin/pledges/pledgeitem/{item.pk}/change/", {"system": "IRIS-T SLM launchers"})
    assert Pledge.objects.get(pk=item.pledge_id).staff_edited
    reparse_all()
    assert list(PledgeItem.objects.values_list("system", flat=True)) == ["IRIS-T SLM launchers"]


def test_an_evidence_sentence_edited_on_its_own_page_is_kept(staff_client):
    parsed_article()
    evidence = Evidence.objects.get()
    post_change(staff_client, f"/admin/pledges/evidence/{evidence.pk}/change/",
                {"sentence": "Germany will provide four IRIS-T SLM systems (corrected by staff)."})
    reparse_all()
    assert Evidence.objects.get().sentence == "Germany will provide four IRIS-T SLM systems (corrected by staff)."


def test_an_evidence_sentence_deleted_on_its_own_page_stays_deleted(staff_client):
    parsed_article()
    evidence = Evidence.objects.get()
    staff_client.post(f"/admin/pledges/evidence/{evidence.pk}/delete/", {"post": "yes"})
    assert not Evidence.objects.exists() and Pledge.objects.get().staff_edited
    reparse_all()
    assert not Evidence.objects.exists() and Pledge.objects.count() == 1


def test_a_deleted_pledge_stays_deleted_and_can_be_restored(staff_client):
    parsed_article()
    pledge = Pledge.objects.get()
    response = staff_client.post(f"/admin/pledges/pledge/{pledge.pk}/delete/", {"post": "yes"}, follow=True)
    assert "marked rejected" in response.content.decode()
    reparse_all()
    assert list(Pledge.objects.values_list("pk", "review_status")) == [(pledge.pk, voc.REVIEW_REJECTED)]
    # undo: staff set the review status back
    post_change(staff_client, f"/admin/pledges/pledge/{pledge.pk}/change/", {"review_status": voc.REVIEW_VERIFIED})
    reparse_all()
    assert list(Pledge.objects.values_list("pk", "review_status")) == [(pledge.pk, voc.REVIEW_VERIFIED)]


def test_a_meetings_location_edited_by_staff_is_kept_with_its_id(staff_client):
    parsed_article()
    meeting = Meeting.objects.get()
    post_change(staff_client, f"/admin/pledges/meeting/{meeting.pk}/change/", {"location": "Lviv"})
    reparse_all()
    assert list(Meeting.objects.values_list("pk", "location")) == [(meeting.pk, "Lviv")]
    assert Pledge.objects.get().meeting_id == meeting.pk


def test_a_coalitions_members_edited_by_staff_are_kept(staff_client):
    from pledges.models import Coalition

    article = intake.store("date 2024-05-08\nLatvia and the United Kingdom lead the drone coalition. "
                           "Sweden will contribute SEK 100 million to the drone coalition.")[0]
    parse_and_write(article.pk)
    coalition = Coalition.objects.get(name="Drone Coalition")
    assert "SWE" in set(coalition.members.values_list("code", flat=True))
    post_change(staff_client, f"/admin/pledges/coalition/{coalition.pk}/change/", {"members": ["LVA", "GBR"]})
    reparse_all()
    assert sorted(coalition.members.values_list("code", flat=True)) == ["GBR", "LVA"]


def test_a_meeting_read_again_keeps_its_id_without_staff_edits():
    article = parsed_article()
    meeting = Meeting.objects.get()
    assert parse_and_write(article.pk) == "parsed"
    assert list(Meeting.objects.values_list("pk", flat=True)) == [meeting.pk]


def test_bulk_deleting_items_pins_their_pledges(staff_client):
    parsed_article()
    item = PledgeItem.objects.get()
    staff_client.post("/admin/pledges/pledgeitem/", {"action": "delete_selected", "_selected_action": [item.pk], "post": "yes"})
    assert not PledgeItem.objects.exists()
    reparse_all()
    assert not PledgeItem.objects.exists()


# --- property: any sequence of staff corrections and re-parses ---------------------------------

from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from ingest.models import Article  # noqa: E402
from pledges.admin import EvidenceAdmin, MeetingAdmin, PledgeAdmin, PledgeItemAdmin  # noqa: E402

ARTICLES = [
    TEXT,
    "date 2024-05-07\nSpain will send six Leopard 2A4 tanks and EUR 20 million in military aid to Ukraine.",
    "date 2024-05-08\nNorway will donate two NASAMS systems to Ukraine, the Norwegian minister said in Kyiv on Wednesday.",
]
STEPS = st.lists(st.tuples(st.sampled_from(["item", "evidence", "delete", "meeting", "reparse"]),
                           st.integers(0, 50)), min_size=1, max_size=8)


class _Request:
    """What the admin's save/delete hooks read from a request in these steps."""

    def __init__(self, user):
        self.user = user
        self._messages = type("M", (), {"add": lambda *a, **k: None})()


def _nth(model, n):
    """The n-th row of `model` (by pk, wrapping round)."""
    return model.objects.order_by("pk")[n % model.objects.count()]


def _staff_step(step, n, request, expected):
    from django.contrib.admin.sites import site

    if step == "item" and PledgeItem.objects.exists():
        item = _nth(PledgeItem, n)
        item.system = f"{item.system} (staff {n})"
        PledgeItemAdmin(PledgeItem, site).save_model(request, item, None, True)
        expected[("item", item.pk)] = item.system
    elif step == "evidence" and Evidence.objects.exists():
        row = _nth(Evidence, n)
        row.sentence = f"staff sentence {n}"
        EvidenceAdmin(Evidence, site).save_model(request, row, None, True)
        expected[("evidence", row.pk)] = row.sentence
    elif step == "delete" and Pledge.objects.exists():
        pledge = _nth(Pledge, n)
        PledgeAdmin(Pledge, site).delete_queryset(request, Pledge.objects.filter(pk=pledge.pk))
        expected[("deleted", pledge.pk)] = voc.REVIEW_REJECTED
    elif step == "meeting" and Meeting.objects.exists():
        meeting = _nth(Meeting, n)
        meeting.location = f"Town {n}"
        MeetingAdmin(Meeting, site).save_model(request, meeting, None, True)
        expected[("meeting", meeting.pk)] = meeting.location
    elif step == "reparse":
        for article in Article.objects.order_by("pk"):
            parse_and_write(article.pk)


def _check(expected):
    for (kind, pk), value in expected.items():
        if kind == "item":
            assert PledgeItem.objects.get(pk=pk).system == value
        elif kind == "evidence":
            assert Evidence.objects.get(pk=pk).sentence == value
        elif kind == "deleted":
            assert Pledge.objects.get(pk=pk).review_status == value
        elif kind == "meeting":
            assert Meeting.objects.get(pk=pk).location == value
    rejected = [pk for (kind, pk) in expected if kind == "deleted"]
    # no deleted pledge comes back as a new automatic record of the same donor and kind
    for pledge in Pledge.objects.filter(pk__in=rejected):
        assert not Pledge.objects.filter(donor=pledge.donor_id, kind=pledge.kind,
                                         review_status=voc.REVIEW_AUTO).exclude(pk=pledge.pk).exists()


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(STEPS)
def test_no_staff_touched_value_changes_and_no_deleted_pledge_returns(staff_user, steps):
    Article.objects.all().delete()
    Pledge.objects.all().delete()
    Meeting.objects.all().delete()
    for text in ARTICLES:
        parse_and_write(intake.store(text)[0].pk)
    request, expected = _Request(staff_user), {}
    for step, n in steps + [("reparse", 0)]:
        _staff_step(step, n, request, expected)
        _check(expected)
