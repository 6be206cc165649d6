"""`manage.py reparse [--pending] [--failed] [--outdated] [--all] [ids...]`: parse stored articles again.

Queues the selected articles for the worker (or parses them here with
`--inline`, no broker needed). Re-parsing replaces only the automatic records
that came from each article alone; staff-reviewed pledges stay as they are.
Exits 1 when an id names no article (after re-parsing the ones that exist).
"""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db.models import Q
from django.utils import timezone
from django.utils.timesince import timesince

from ingest.models import FAILED, PARSED, PENDING, Article
from ingest.tasks import enqueue, parse_and_write, parser_version, quiet_task_logs


class Command(BaseCommand):
    help = "Parse stored articles again: pending ones, failed ones, all, or by id."

    def add_arguments(self, parser):
        parser.add_argument("ids", nargs="*", type=int, metavar="ID")
        parser.add_argument("--pending", action="store_true", help="articles never parsed")
        parser.add_argument("--failed", action="store_true", help="articles whose last parse failed")
        parser.add_argument("--outdated", action="store_true",
                            help="articles parsed by other parser rules than this release's (after an upgrade)")
        parser.add_argument("--all", action="store_true", help="every article")
        parser.add_argument("--inline", action="store_true", help="parse in this process instead of queueing")

    def handle(self, *args, ids, pending, failed, outdated, all, inline, **options):
        if not (ids or pending or failed or outdated or all):
            raise CommandError("say which articles: --pending, --failed, --outdated, --all or article ids")
        articles = Article.objects.all()
        if not all:
            statuses = [s for s, wanted in ((PENDING, pending), (FAILED, failed)) if wanted]
            wanted = Q(status__in=statuses) | Q(pk__in=ids)
            if outdated:
                # (synthetic load-test articles record "synthetic": they are never read by the parser)
                wanted |= Q(status=PARSED, is_synthetic=False) & ~Q(parser_version=parser_version())
            articles = articles.filter(wanted)
        selected = list(articles.order_by("pk").values_list("pk", flat=True))
        missing = sorted(set(ids) - set(selected))
        if pending:
            self._report_waits()
        if selected:
            self._reparse(selected, inline)
        elif not missing:
            self.stdout.write("Nothing to re-parse.")
        if missing:
            raise CommandError(f"no article with id {', '.join(map(str, missing))}")

    def _report_waits(self, shown=20):
        """How long the pending articles have waited (a killed worker's reserved ones included)."""
        now = timezone.now()
        waiting = list(Article.objects.filter(status=PENDING).order_by("created").values_list("pk", "created")[:shown + 1])
        for pk, created in waiting[:shown]:
            self.stdout.write(f"article {pk}: pending for {timesince(created, now)}")
        if len(waiting) > shown:
            total = Article.objects.filter(status=PENDING).count()
            self.stdout.write(f"... and {total - shown} more pending (the {shown} longest waiting are listed)")

    def _reparse(self, selected, inline):
        if inline or settings.CELERY_TASK_ALWAYS_EAGER:
            # Parsed here: by hand (--inline) or by the eager tasks (no broker).
            if inline:
                outcomes = [parse_and_write(pk) for pk in selected]
            else:
                outcomes = []
                with quiet_task_logs():
                    enqueue(selected, on_each=lambda pk, status: outcomes.append(status))
            self.stdout.write(
                f"Re-parsed {len(selected)} article(s): {outcomes.count(PARSED)} parsed, "
                f"{outcomes.count(FAILED)} failed."
            )
            return
        queued, broker_error = enqueue(selected)
        if broker_error:
            raise CommandError(
                f"Broker unreachable ({broker_error}): queued {queued} of {len(selected)}; "
                "the rest stay as they are. Try again later or use --inline."
            )
        self.stdout.write(f"Queued {queued} article(s) for parsing.")
