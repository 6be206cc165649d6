from django.core.management.base import BaseCommand

from pledges import reference
from pledges.models import Coalition, Country


class Command(BaseCommand):
    help = "Load or refresh countries (ISO 3166 + EU + NATO, with aliases) and capability coalitions."

    def handle(self, *args, **options):
        created, updated = reference.load(Country, Coalition)
        total = Country.objects.count()
        self.stdout.write(
            self.style.SUCCESS(f"Reference data: {created} created, {updated} updated, {total} countries.")
        )
