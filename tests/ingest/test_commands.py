"""The `ingest` and `reparse` commands, in-process (tasks run eagerly without a broker)."""

import logging

import pytest
from django.core.management import CommandError, call_command

from ingest.models import FAILED, PARSED, PENDING, Article
from pledges.models import Pledge

pytestmark = pytest.mark.django_db


def run(*args):
    from io import StringIO

    out, err = StringIO(), StringIO()
    call_command(*args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def pledge_totals():
    return sorted((p.donor_id, p.kind, p.amount, p.currency) for p in Pledge.objects.all())


def test_ingest_a_directory_of_seeds_twice_gives_the_same_pledges(seeds):
    (seeds / "gold.json").write_text("{}")  # not an article: skipped in a directory
    out, _ = run("ingest", str(seeds), "--wait")
    assert "Stored 5 new article(s), 0 already known, 0 refused." in out
    assert "Parsed 5, failed 0, pending 0." in out
    assert Article.objects.filter(status=PARSED).count() == 5
    first = pledge_totals()

    out, _ = run("ingest", *sorted(map(str, seeds.glob("*.txt")), reverse=True), "--wait")
    assert "Stored 0 new article(s), 5 already known" in out
    assert pledge_totals() == first
    assert Article.objects.count() == 5


def test_without_a_broker_the_outcome_is_reported_without_wait(tmp_path):
    (tmp_path / "a.txt").write_text("Latvia sends 40 drones to Ukraine.")
    out, _ = run("ingest", str(tmp_path / "a.txt"))
    assert "Parsed 1, failed 0, pending 0." in out


def test_bad_inputs_are_refused_by_name_and_the_good_ones_stored(tmp_path):
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "binary.txt").write_bytes(bytes(range(256)) * 100)
    (tmp_path / "latin1.txt").write_bytes("Sweden pledges SEK 100 million – räddning.".encode("cp1252"))
    (tmp_path / "page.html").write_text("<html><body><p>Canada sends 8 Leopard 2 tanks.</p></body></html>")
    with open(tmp_path / "huge.txt", "wb") as handle:
        handle.truncate(20 * 1024 * 1024)

    with pytest.raises(CommandError, match="3 of 5 input"):
        out, err = run("ingest", str(tmp_path))
    assert Article.objects.count() == 2
    assert set(Article.objects.values_list("status", flat=True)) <= {PARSED, FAILED}
    assert not Article.objects.filter(status=FAILED).exists()


def test_refusal_messages_name_the_file_and_the_reason(tmp_path, capsys):
    (tmp_path / "empty.txt").write_bytes(b"")
    with open(tmp_path / "huge.txt", "wb") as handle:
        handle.truncate(20 * 1024 * 1024)
    from io import StringIO

    err = StringIO()
    with pytest.raises(CommandError):
        call_command("ingest", str(tmp_path / "empty.txt"), str(tmp_path / "huge.txt"),
                     str(tmp_path / "missing.txt"), stdout=StringIO(), stderr=err)
    lines = err.getvalue()
    assert "empty.txt: refused: no readable text" in lines
    assert "huge.txt: refused: 20.0 MB is over the 10.0 MB limit; not stored" in lines
    assert "missing.txt: refused: No such file or directory" in lines


def test_long_runs_print_a_progress_line_with_count_rate_and_failures(tmp_path):
    for n in range(60):
        (tmp_path / f"a{n:02}.txt").write_text(f"Article {n}: Latvia sends {n + 1} drones to Ukraine.")
    _, err = run("ingest", str(tmp_path), "--wait")
    assert "stored 60/60 articles" in err and "/s, 0 failed" in err
    assert "parsed 60/60 articles" in err


def test_reparse_selects_pending_failed_all_or_ids(tmp_path):
    from ingest import intake

    a = intake.store("Finland sends artillery rounds worth EUR 20 million.")[0]
    b = intake.store("Norway hands over two NASAMS launchers.")[0]
    Article.objects.filter(pk=b.pk).update(status=FAILED, error="old failure")
    with pytest.raises(CommandError, match="say which articles"):
        run("reparse")

    from datetime import timedelta

    from django.utils import timezone

    Article.objects.filter(pk=a.pk).update(created=timezone.now() - timedelta(minutes=42))
    out, _ = run("reparse", "--pending")
    assert f"article {a.pk}: pending for 42" in out  # how long it waited (e.g. reserved by a killed worker)
    assert "Re-parsed 1 article(s): 1 parsed, 0 failed." in out  # eager: parsed here
    assert Article.objects.get(pk=a.pk).status == PARSED
    assert Article.objects.get(pk=b.pk).status == FAILED

    run("reparse", "--failed", "--inline")
    assert Article.objects.get(pk=b.pk).status == PARSED

    # Unknown ids fail the command, after the known ones are re-parsed.
    Article.objects.filter(pk=a.pk).update(status=PENDING)
    with pytest.raises(CommandError, match="no article with id 999999"):
        run("reparse", str(a.pk), "999999")
    assert Article.objects.get(pk=a.pk).status == PARSED
    with pytest.raises(CommandError, match="no article with id 9999, 99999"):
        run("reparse", "99999", "9999")
    out, _ = run("reparse", "--all")
    assert "Re-parsed 2 article(s): 2 parsed, 0 failed." in out
    assert not Article.objects.filter(status=PENDING).exists()


def test_reparse_outdated_reads_again_what_older_parser_rules_read():
    from ingest import intake
    from ingest.parser import PARSER_VERSION

    older = intake.store("Finland sends artillery rounds worth EUR 20 million.")[0]
    current = intake.store("Norway hands over two NASAMS launchers.")[0]
    never = intake.store("Sweden will send 10 Archer howitzers.")[0]
    run("reparse", "--pending", "--inline")
    assert set(Article.objects.values_list("parser_version", flat=True)) == {PARSER_VERSION}
    Article.objects.filter(pk=older.pk).update(parser_version="1.0")
    Article.objects.filter(pk=never.pk).update(status=PENDING, parser_version="")
    pledges_before = pledge_totals()

    out, _ = run("reparse", "--outdated", "--inline")
    assert "Re-parsed 1 article(s): 1 parsed, 0 failed." in out  # not the current one, not the pending one
    assert Article.objects.get(pk=older.pk).parser_version == PARSER_VERSION
    assert Article.objects.get(pk=never.pk).status == PENDING
    assert pledge_totals() == pledges_before  # read again, not doubled
    out, _ = run("reparse", "--outdated")
    assert "Nothing to re-parse." in out
    # synthetic load-test articles (parser version "synthetic") are never read by the parser
    from pledges import synthetic

    synthetic.seed(20, seed=1, batch_size=20)
    out, _ = run("reparse", "--outdated")
    assert "Nothing to re-parse." in out


def test_reparse_of_an_unknown_id_exits_non_zero_with_a_clear_message():
    # manage.py turns a CommandError into its message on stderr and exit status 1.
    with pytest.raises(CommandError) as error:
        run("reparse", "9999")
    assert str(error.value) == "no article with id 9999"


def test_ingest_prints_one_progress_line_per_stage_and_a_summary_not_a_line_per_article(tmp_path, caplog):
    for n in range(3):
        (tmp_path / f"a{n}.txt").write_text(f"Latvia sends {n + 1}0 drones to Ukraine.")
    caplog.set_level(logging.INFO)
    out, err = run("ingest", str(tmp_path))
    assert out.splitlines() == [
        "Stored 3 new article(s), 0 already known, 0 refused.",
        "Parsed 3, failed 0, pending 0.",
    ]
    assert err == ""
    # No per-article log lines, no Celery task lines, no broker warning.
    assert [(r.name, r.getMessage()) for r in caplog.records if r.levelno >= logging.INFO] == []


def test_a_failed_parse_is_named_in_the_output_and_counted(tmp_path, monkeypatch):
    from ingest import parser

    def broken(text, **kwargs):
        raise RuntimeError("parser bug")

    monkeypatch.setattr(parser, "parse", broken)
    for n in range(60):
        (tmp_path / f"a{n:02}.txt").write_text(f"Article {n}: Latvia sends {n + 1} drones to Ukraine.")
    out, err = run("ingest", str(tmp_path))
    assert "Parsed 0, failed 60, pending 0." in out
    assert "parsed 60/60 articles" in err and "60 failed" in err
    assert "failed: parser error: RuntimeError: parser bug" in err


def test_a_directory_names_the_files_it_skipped(tmp_path):
    (tmp_path / "a.txt").write_text("Latvia sends 40 drones to Ukraine.")
    (tmp_path / "random.bin").write_bytes(b"\x00\x01")
    (tmp_path / "gold.json").write_text("{}")
    out, err = run("ingest", str(tmp_path))
    assert "Stored 1 new article(s)" in out
    assert "Skipped 2 file(s) that are not articles" in err
    assert "gold.json" in err and "random.bin" in err
    only_skipped = tmp_path / "other"
    only_skipped.mkdir()
    (only_skipped / "x.pdf").write_bytes(b"%PDF")
    with pytest.raises(CommandError, match="no article files"):
        run("ingest", str(only_skipped))
