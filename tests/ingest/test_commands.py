"""The `ingest` and `reparse` commands, in-process (tasks run eagerly without a broker)."""

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

    out, _ = run("reparse", "--pending")
    assert "Queued 1 article(s)" in out
    assert Article.objects.get(pk=a.pk).status == PARSED
    assert Article.objects.get(pk=b.pk).status == FAILED

    run("reparse", "--failed", "--inline")
    assert Article.objects.get(pk=b.pk).status == PARSED

    out, err = run("reparse", str(a.pk), "999999")
    assert "Queued 1 article(s)" in out and "no article with id 999999" in err
    out, _ = run("reparse", "--all")
    assert "Queued 2 article(s)" in out
    assert not Article.objects.filter(status=PENDING).exists()
