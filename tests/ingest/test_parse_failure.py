"""A real parse that raises (a stage patched to raise) fails the article and deletes nothing.

The parser has no catch-all, so a bug in a rule reaches ingest.tasks: the article is
marked failed with the error, the records of its last good parse stay exactly as they
were, the admin lists it with its error, and `reparse --failed` retries it.
"""

from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse

import ingest.parser.pledges as pledge_stage
import ingest.writer
from ingest import intake
from ingest.models import FAILED, PARSED
from ingest.tasks import parse_and_write
from pledges.models import Meeting, Pledge

pytestmark = pytest.mark.django_db

TEXT = (
    "date 2024-05-06\n"
    "Germany will provide Ukraine with four IRIS-T SLM air defence systems worth EUR 500 million, "
    "Defence Minister Boris Pistorius announced during a visit to Kyiv on Monday."
)


def records(article):
    """Everything the article's parse wrote, by value (with primary keys: same rows, not copies)."""
    pledges = Pledge.objects.filter(evidence__article=article).order_by("pk")
    return (
        [(p.pk, p.donor_id, p.kind, p.amount, p.currency, p.category, p.announced, p.meeting_id,
          sorted((i.system, i.quantity) for i in p.items.all()))
         for p in pledges],
        sorted(Meeting.objects.filter(articles=article).values_list("pk", "format", "date")),
    )


def explode(*args, **kwargs):
    raise RuntimeError("a rule blew up")


def test_a_stage_that_raises_fails_the_article_and_keeps_its_last_records(monkeypatch, staff_client):
    article = intake.store(TEXT)[0]
    assert parse_and_write(article.pk) == PARSED
    before = records(article)
    assert before[0], "the first parse reads the pledge"

    monkeypatch.setattr(pledge_stage, "_record", explode)
    assert parse_and_write(article.pk) == FAILED
    article.refresh_from_db()
    assert article.status == FAILED
    assert article.error == "parser error: RuntimeError: a rule blew up"
    assert records(article) == before

    listing = staff_client.get(reverse("admin:ingest_article_changelist") + "?status__exact=failed")
    assert listing.status_code == 200
    assert "a rule blew up" in listing.content.decode()

    monkeypatch.undo()
    out = StringIO()
    call_command("reparse", "--failed", stdout=out)
    assert "1 parsed, 0 failed" in out.getvalue()
    article.refresh_from_db()
    assert (article.status, article.error) == (PARSED, "")
    # the same reading again (the meeting row is written anew by a re-parse)
    again = records(article)[0]
    assert [p[:7] + p[8:] for p in again] == [p[:7] + p[8:] for p in before[0]]
    assert all(p[7] is not None for p in again)


def test_a_write_that_raises_midway_rolls_back_and_keeps_the_last_records(monkeypatch):
    article = intake.store(TEXT)[0]
    assert parse_and_write(article.pk) == PARSED
    before = records(article)

    # The writer has already removed the article's old records when pledges are written.
    monkeypatch.setattr(ingest.writer, "_write_pledges", explode)
    assert parse_and_write(article.pk) == FAILED
    article.refresh_from_db()
    assert article.status == FAILED and article.error == "write error: RuntimeError: a rule blew up"
    assert records(article) == before
