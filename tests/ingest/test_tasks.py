"""parse_article in-process (eager): status, errors, atomic failure."""

from datetime import date

import pytest

import ingest.parser
import ingest.parser.linking
from ingest import intake
from ingest.models import FAILED, PARSED, PENDING, Article
from ingest.parser import PARSER_VERSION
from ingest.tasks import parse_and_write, parse_article
from pledges.models import Coalition, Meeting, Pledge, PledgeItem

from .factories import Coalition as ParsedCoalition
from .factories import Meeting as ParsedMeeting
from .factories import pledge, result

pytestmark = pytest.mark.django_db


def stored(text="date 2024-01-10\nGermany hands over three IRIS-T systems to Ukraine."):
    return intake.store(text)[0]


def test_parse_article_marks_the_article_parsed_with_the_parser_version():
    article = stored()
    assert parse_article.delay(article.pk).get() == PARSED  # eager without a broker
    article.refresh_from_db()
    assert (article.status, article.error, article.parser_version) == (PARSED, "", PARSER_VERSION)
    assert article.parsed_at is not None


def test_parse_article_is_idempotent(monkeypatch):
    monkeypatch.setattr(ingest.parser, "parse", lambda text, published=None: result(
        pledge("DEU", items=[("IRIS-T", 3)]), published=published,
        meetings=[ParsedMeeting("bilateral", date=published, participants=["DEU", "UKR"])],
    ))
    article = stored()
    for _ in range(3):
        parse_and_write(article.pk)
    assert Pledge.objects.count() == 1 and PledgeItem.objects.count() == 1
    assert Meeting.objects.count() == 1
    assert Pledge.objects.get().evidence.get().article == article


def test_a_missing_article_is_not_an_error():
    assert parse_and_write(987654321) is None


def test_parser_exception_marks_the_article_failed(monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("regex blew up")

    # a real parse that raises in its linking stage (parse() hides nothing)
    monkeypatch.setattr(ingest.parser.linking, "extract_meetings", broken)
    article = stored()
    assert parse_and_write(article.pk) == FAILED
    article.refresh_from_db()
    assert article.status == FAILED
    assert article.error == "parser error: RuntimeError: regex blew up"
    assert article.parser_version == PARSER_VERSION


@pytest.mark.parametrize(
    "bad, error",
    [
        (pledge("XXX", 5, "EUR"), "write error: WriteError: unknown country code(s): XXX"),
        (pledge("FRA", 5_000_000, None), "pledge_amount_needs_currency"),
    ],
    ids=["unknown-donor", "amount-without-currency"],
)
def test_crash_mid_write_leaves_no_rows_and_the_error_on_the_article(monkeypatch, bad, error):
    good = pledge("DEU", 1_000_000, "EUR", items=[("Patriot", 1)], coalition="Fresh Test Coalition")
    monkeypatch.setattr(ingest.parser, "parse", lambda text, published=None: result(
        good, bad, published=date(2024, 1, 10),
        meetings=[ParsedMeeting("bilateral", date=date(2024, 1, 10), participants=["DEU", "UKR"])],
        coalitions=[ParsedCoalition("Fresh Test Coalition", members=["DEU"])],
    ))
    article = stored()
    assert parse_and_write(article.pk) == FAILED
    article.refresh_from_db()
    assert article.status == FAILED and error in article.error
    assert not Pledge.objects.exists() and not PledgeItem.objects.exists()
    assert not Meeting.objects.exists() and not article.meetings.exists()
    assert not Coalition.objects.filter(name="Fresh Test Coalition").exists()


def test_a_failed_article_succeeds_on_reparse_once_the_parser_is_fixed(monkeypatch):
    article = stored()
    monkeypatch.setattr(ingest.parser, "parse", lambda text, published=None: result(pledge("XXX", 1, "EUR")))
    parse_and_write(article.pk)
    monkeypatch.setattr(ingest.parser, "parse", lambda text, published=None: result(pledge("DEU", 1, "EUR")))
    assert parse_and_write(article.pk) == PARSED
    article.refresh_from_db()
    assert article.error == "" and Pledge.objects.count() == 1


def test_enqueue_pending_runs_every_pending_article():
    from ingest.tasks import enqueue_pending

    articles = [stored(f"Article {n}: Estonia sends mortar rounds.") for n in range(3)]
    assert enqueue_pending() == 3
    assert not Article.objects.filter(pk__in=[a.pk for a in articles], status=PENDING).exists()
