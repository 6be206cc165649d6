"""`manage.py ingest PATH|DIR|URL... [--wait]`: store articles and queue their parsing.

Output: refusals and warnings, one line each, and a progress line (stored,
then parsed) on stderr; a summary on stdout. Without a broker the articles
are parsed here, and the parsed progress and summary say how that went.

Exit status: 0 when every input was stored (new or already known), even if
the broker was unreachable (the articles then wait as pending, and the
command says to run `reparse --pending`); 1 when some input was refused
(empty, binary, too large, unreachable URL), each named with its reason.
"""

import time
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db.models import Count

from ingest.intake import Refused, store_file, store_url
from ingest.models import FAILED, PARSED, PENDING, Article
from ingest.tasks import enqueue, quiet_task_logs

# In a directory, the files that can hold an article (not gold.json & co).
ARTICLE_SUFFIXES = {".txt", ".text", ".md", ".html", ".htm", ".xhtml"}
PROGRESS_EVERY_SECONDS = 2.0


class Progress:
    """One line, rewritten in place on a terminal, printed now and then otherwise."""

    def __init__(self, stream, total, label, failures="failed"):
        self.stream, self.total, self.label, self.failures = stream, total, label, failures
        self.started = time.monotonic()
        self.last = self.started
        self.tty = getattr(stream, "isatty", lambda: False)()

    def line(self, done, failed):
        elapsed = max(time.monotonic() - self.started, 1e-9)
        return (
            f"{self.label} {done}/{self.total} articles, "
            f"{done / elapsed:.1f}/s, {failed} {self.failures}, {elapsed:.1f} s"
        )

    def update(self, done, failed, final=False):
        now = time.monotonic()
        if not final and now - self.last < PROGRESS_EVERY_SECONDS:
            return
        self.last = now
        if self.tty and not final:
            self.stream.write("\r" + self.line(done, failed), ending="")
            self.stream.flush()
        elif not final:
            self.stream.write(self.line(done, failed))
        else:
            self.stream.write(("\r" if self.tty else "") + self.line(done, failed))


def expand(inputs):
    """(sources, skipped): paths, directories' article files (sorted) and URLs in
    order, and the files in those directories that are not articles."""
    sources, skipped = [], []
    for value in inputs:
        if value.startswith(("http://", "https://")):
            sources.append(value)
            continue
        path = Path(value)
        if path.is_dir():
            for child in sorted(path.rglob("*")):
                if not child.is_file():
                    continue
                if child.suffix.lower() in ARTICLE_SUFFIXES and not child.name.startswith("."):
                    sources.append(str(child))
                else:
                    skipped.append(child)
        else:
            sources.append(value)
    return sources, skipped


def skipped_message(skipped, shown=5):
    """One line naming the files a directory held that are not articles."""
    suffixes = " ".join(sorted(ARTICLE_SUFFIXES))
    names = ", ".join(str(path) for path in skipped[:shown])
    more = f" and {len(skipped) - shown} more" if len(skipped) > shown else ""
    return f"Skipped {len(skipped)} file(s) that are not articles ({suffixes}): {names}{more}"


class Command(BaseCommand):
    help = (
        "Store articles from files, directories or URLs and queue their parsing. "
        "Exit status 0 when every input is stored (queued, or left pending with a message "
        "when the broker is unreachable), 1 when some input is refused."
    )

    def add_arguments(self, parser):
        parser.add_argument("inputs", nargs="+", metavar="PATH|DIR|URL")
        parser.add_argument("--wait", action="store_true", help="wait until every article is parsed or failed")
        parser.add_argument("--timeout", type=float, default=600, help="seconds --wait waits (default 600)")

    def handle(self, *args, inputs, wait, timeout, **options):
        sources, skipped = expand(inputs)
        if skipped:
            self.stderr.write(skipped_message(skipped))
        if not sources:
            raise CommandError("no article files found in the given paths")
        to_parse, refused, known = [], [], 0
        progress = Progress(self.stderr, len(sources), "stored", failures="refused")
        for done, source in enumerate(sources, 1):
            try:
                if source.startswith(("http://", "https://")):
                    article, created = store_url(source)
                else:
                    article, created = store_file(source)
            except (Refused, OSError) as exc:
                reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
                refused.append((source, reason))
                self.stderr.write(f"{source}: refused: {reason}")
            else:
                if created or article.status == PENDING:
                    to_parse.append(article.pk)
                if not created:
                    known += 1
                    self.stdout.write(f"{source}: already stored as article {article.pk} ({article.status})")
            progress.update(done, len(refused), final=done == len(sources) and len(sources) > 50)
        self.stdout.write(
            f"Stored {len(sources) - len(refused) - known} new article(s), "
            f"{known} already known, {len(refused)} refused."
        )

        with quiet_task_logs():
            queued, broker_error = self._enqueue(to_parse)
        if broker_error:
            self.stderr.write(self.style.WARNING(
                f"Broker unreachable ({broker_error}). {len(to_parse) - queued} article(s) are stored "
                f"as pending; run `python manage.py reparse --pending` once the broker is back."
            ))
        elif to_parse and not settings.CELERY_TASK_ALWAYS_EAGER:
            self.stdout.write(f"Queued {queued} article(s) for parsing.")

        # Eager tasks (the embedded default) have already run: say how they went.
        if (wait or settings.CELERY_TASK_ALWAYS_EAGER) and to_parse and not broker_error:
            self._wait(to_parse, timeout, progress=not settings.CELERY_TASK_ALWAYS_EAGER)
        if refused:
            raise CommandError(f"{len(refused)} of {len(sources)} input(s) refused (see above)")

    def _enqueue(self, ids):
        """enqueue(ids), with a parsed progress line when they are parsed here (no broker)."""
        if not settings.CELERY_TASK_ALWAYS_EAGER:
            return enqueue(ids)
        progress = Progress(self.stderr, len(ids), "parsed")
        outcomes = []

        def parsed(article_id, status):
            outcomes.append(status)
            done = len(outcomes)
            progress.update(done, outcomes.count(FAILED), final=done == len(ids) and len(ids) > 50)

        return enqueue(ids, on_each=parsed)

    def _wait(self, ids, timeout, progress=True):
        deadline = time.monotonic() + timeout
        progress = Progress(self.stderr, len(ids), "parsed") if progress else None
        while True:
            counts = self._status_counts(ids)
            done = len(ids) - counts.get(PENDING, 0)
            if done == len(ids):
                if progress:
                    progress.update(done, counts.get(FAILED, 0), final=len(ids) > 50)
                break
            if time.monotonic() > deadline:
                self.stderr.write(self.style.WARNING(
                    f"Gave up waiting after {timeout:.0f} s: {len(ids) - done} article(s) still pending."
                ))
                break
            if progress:
                progress.update(done, counts.get(FAILED, 0))
            time.sleep(0.2)
        failed = Article.objects.filter(pk__in=ids, status=FAILED).values_list("pk", "error")
        for pk, error in failed:
            self.stderr.write(f"article {pk}: failed: {error}")
        counts = self._status_counts(ids)
        self.stdout.write(
            f"Parsed {counts.get(PARSED, 0)}, failed {counts.get(FAILED, 0)}, "
            f"pending {counts.get(PENDING, 0)}."
        )

    @staticmethod
    def _status_counts(ids):
        rows = Article.objects.filter(pk__in=ids).values("status").annotate(n=Count("pk")).order_by()
        return {row["status"]: row["n"] for row in rows}
