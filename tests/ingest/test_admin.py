"""Article admin: paste or upload (deduplicated), re-parse actions, staff only."""

from io import StringIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse

from ingest import intake
from ingest.models import FAILED, PARSED, Article, Feed


pytestmark = pytest.mark.django_db

ADD = reverse("admin:ingest_article_add")
LIST = reverse("admin:ingest_article_changelist")


def add(client, **data):
    return client.post(ADD, {"text": "", "url": "", "title": "", "outlet": "", "published": "", **data}, follow=True)


def test_staff_paste_an_article_which_is_stored_and_parsed(staff_client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = add(staff_client, text="date 2024-01-10\nGermany hands over IRIS-T missiles to Ukraine.")
    assert response.status_code == 200
    article = Article.objects.get()
    assert article.published.isoformat() == "2024-01-10" and article.status == PARSED
    assert article.text == "Germany hands over IRIS-T missiles to Ukraine."
    assert "was added successfully" in response.content.decode()


def test_upload_a_file(staff_client, django_capture_on_commit_callbacks):
    upload = SimpleUploadedFile("news.html", b"<html><body><p>Denmark pledges 19 F-16 jets.</p></body></html>")
    with django_capture_on_commit_callbacks(execute=True):
        add(staff_client, upload=upload)
    assert "19 F-16" in Article.objects.get().text


def test_an_uploaded_text_file_gives_its_heading_as_the_title_like_the_ingest_command(
    staff_client, django_capture_on_commit_callbacks, tmp_path
):
    data = (
        b"date 2024-03-04\nNorway boosts its air defence support for Ukraine\n\n"
        b"Norway will donate NOK 500 million worth of NASAMS missiles to Ukraine.\n"
    )
    with django_capture_on_commit_callbacks(execute=True):
        add(staff_client, upload=SimpleUploadedFile("norway.txt", data))
    uploaded = Article.objects.get()
    assert uploaded.title == "Norway boosts its air defence support for Ukraine"
    assert uploaded.status == PARSED
    uploaded.delete()
    (tmp_path / "norway.txt").write_bytes(data)
    call_command("ingest", str(tmp_path / "norway.txt"), stdout=StringIO(), stderr=StringIO())
    assert Article.objects.get().title == uploaded.title
    # A title typed in the form wins over the file's heading.
    Article.objects.all().delete()
    with django_capture_on_commit_callbacks(execute=True):
        add(staff_client, upload=SimpleUploadedFile("norway.txt", data), title="Typed by staff")
    assert Article.objects.get().title == "Typed by staff"


def test_a_duplicate_points_to_the_existing_article(staff_client):
    existing, _ = intake.store("Sweden pledges CV90 vehicles to Ukraine.")
    response = add(staff_client, text="  Sweden pledges   CV90 vehicles to Ukraine.  ")
    page = response.content.decode()
    assert "already stored as" in page
    assert reverse("admin:ingest_article_change", args=[existing.pk]) in page
    assert Article.objects.count() == 1


@pytest.mark.parametrize(
    "data, message",
    [
        ({}, "Paste the article text or upload a file."),
        ({"upload": lambda: SimpleUploadedFile("x.bin", bytes(range(256)) * 50)},
         "No readable text (empty, binary or unreadable input); not stored."),
        ({"upload": lambda: SimpleUploadedFile("big.txt", b"a" * (20 * 1024 * 1024))},
         "big.txt: 20.0 MB is over the 10.0 MB limit; not stored."),
        ({"text": "x", "upload": lambda: SimpleUploadedFile("a.txt", b"text")}, "not both"),
    ],
    ids=["nothing", "binary", "20MB", "both"],
)
def test_bad_input_is_refused_with_a_message(staff_client, data, message):
    data = {k: v() if callable(v) else v for k, v in data.items()}
    response = add(staff_client, **data)
    page = response.content.decode()
    assert message in page
    assert page.lower().count("not stored") <= 1
    assert not Article.objects.exists()


def test_reparse_actions(staff_client):
    ok, _ = intake.store("Norway sends NASAMS launchers.")
    failed, _ = intake.store("Latvia sends drones.")
    Article.objects.filter(pk=failed.pk).update(status=FAILED, error="old")
    response = staff_client.post(
        LIST, {"action": "reparse_failed", "_selected_action": [ok.pk, failed.pk]}, follow=True
    )
    assert "Queued 1 article(s) for parsing: 1 failed." in response.content.decode()
    assert Article.objects.get(pk=failed.pk).status == PARSED
    assert Article.objects.get(pk=ok.pk).status == "pending"
    staff_client.post(LIST, {"action": "reparse", "_selected_action": [ok.pk]})
    assert Article.objects.get(pk=ok.pk).status == PARSED


def test_pages_render_and_need_staff(staff_client, analyst_user):
    from django.test import Client

    analyst_client = Client()
    analyst_client.force_login(analyst_user)
    article, _ = intake.store("Canada sends <script>alert(1)</script> armoured vehicles.")
    Feed.objects.create(url="https://example.org/feed.xml")
    for url in [LIST, ADD, reverse("admin:ingest_article_change", args=[article.pk]),
                LIST + "?status__exact=pending", LIST + "?q=canada",
                reverse("admin:ingest_feed_changelist"), reverse("admin:ingest_feed_add")]:
        assert staff_client.get(url).status_code == 200, url
        assert analyst_client.get(url).status_code == 302, url
    change = staff_client.get(reverse("admin:ingest_article_change", args=[article.pk])).content.decode()
    assert "<script>alert(1)</script>" not in change


def test_view_only_staff_cannot_run_the_write_actions(client, db):
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Permission

    from ingest.models import Article, Feed

    viewer = get_user_model().objects.create_user("viewer", password="viewer-pass-1", is_staff=True)
    viewer.user_permissions.set(Permission.objects.filter(codename__in=["view_article", "view_feed"]))
    client.force_login(viewer)
    article = Article.objects.create(text="Norway will donate NOK 1 billion to Ukraine.", status="failed")
    for url, action, pk in [
        ("/admin/ingest/article/", "reparse", article.pk),
        ("/admin/ingest/article/", "reparse_failed", article.pk),
        ("/admin/ingest/feed/", "poll_now", Feed.objects.create(url="https://example.org/f.xml").pk),
    ]:
        page = client.get(url)
        assert action not in page.content.decode(), action
        client.post(url, {"action": action, "_selected_action": [pk]})
    article.refresh_from_db()
    assert article.status == "failed" and article.parser_version == ""


def test_a_large_paste_is_stored_and_one_over_the_limit_gets_the_forms_message(staff_client, settings, django_capture_on_commit_callbacks):
    paragraph = "Germany will provide Ukraine with more IRIS-T air defence systems, Berlin said on Monday. "
    big = paragraph * (3_500_000 // len(paragraph))  # 3.5 MB
    with django_capture_on_commit_callbacks(execute=True):
        response = add(staff_client, text=big)
    assert response.status_code == 200 and Article.objects.count() == 1

    settings.INGEST_MAX_BYTES = 1024 * 1024
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 2 * settings.INGEST_MAX_BYTES
    response = add(staff_client, text="Norway sends NASAMS. " * 70_000)  # 1.5 MB
    assert response.status_code == 200
    assert "limit; not stored" in response.content.decode() and Article.objects.count() == 1
