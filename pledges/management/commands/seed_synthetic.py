"""Load synthetic pledges for load tests, or remove them all.

    manage.py seed_synthetic --pledges 1000000 [--seed 7]
    manage.py seed_synthetic --delete
"""

import time

from django.core.management.base import BaseCommand, CommandError

from pledges import synthetic


class Command(BaseCommand):
    help = "Add N synthetic pledges (COPY on PostgreSQL) or --delete every synthetic row."

    def add_arguments(self, parser):
        parser.add_argument("--pledges", type=int, default=0, help="how many pledges to add")
        parser.add_argument("--seed", type=int, default=0, help="same seed, same data")
        parser.add_argument("--delete", action="store_true", help="remove all synthetic rows first")
        parser.add_argument("--batch-size", type=int, default=50_000)

    def handle(self, *args, pledges, seed, delete, batch_size, **options):
        if pledges < 0 or batch_size < 1:
            raise CommandError("--pledges must be >= 0 and --batch-size >= 1")
        if not pledges and not delete:
            raise CommandError("give --pledges N, --delete, or both")
        if delete:
            started = time.monotonic()
            counts = synthetic.delete()
            self.stdout.write(
                "deleted " + ", ".join(f"{v:,} {k}" for k, v in counts.items())
                + f" in {time.monotonic() - started:.1f}s"
            )
        if pledges:
            started = time.monotonic()

            def progress(counts):
                elapsed = time.monotonic() - started
                self.stdout.write(
                    f"{counts['pledges']:>10,}/{pledges:,} pledges  {counts['items']:,} items  "
                    f"{counts['evidence']:,} evidence  {counts['articles']:,} articles  "
                    f"{elapsed:6.1f}s  {counts['pledges'] / max(elapsed, 1e-9):,.0f} pledges/s"
                )
                self.stdout.flush()

            counts = synthetic.seed(pledges, seed, batch_size=batch_size, progress=progress)
            self.stdout.write(self.style.SUCCESS(
                "added " + ", ".join(f"{v:,} {k}" for k, v in counts.items())
                + f" in {time.monotonic() - started:.1f}s (seed {seed})"
            ))
