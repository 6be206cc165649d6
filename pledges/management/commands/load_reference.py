from django.core.management.base import BaseCommand

from pledges import catalogue, reference
from pledges.models import Coalition, Country, PledgeItem, WeaponSystem


class Command(BaseCommand):
    help = (
        "Load or refresh countries (ISO 3166 + EU + NATO, with aliases), capability coalitions and "
        "the weapon-system catalogue; link items to the systems they name."
    )

    def handle(self, *args, **options):
        created, updated = reference.load(Country, Coalition)
        updated += reference.load_leaders(Coalition)
        systems_created, systems_updated = catalogue.load(WeaponSystem)
        linked = catalogue.link_items(PledgeItem, WeaponSystem)
        countries, coalitions, systems = Country.objects.count(), Coalition.objects.count(), WeaponSystem.objects.count()
        changes = created + updated + systems_created + systems_updated + linked
        state = "loaded" if changes else "already up to date (nothing to change)"
        self.stdout.write(self.style.SUCCESS(
            f"Reference data {state}: {countries} countries, {coalitions} coalitions, {systems} weapon systems."
        ))
        if changes:
            self.stdout.write(
                f"  {created} countries or coalitions added, {updated} updated; "
                f"{systems_created} systems added, {systems_updated} updated; {linked} items linked to a system."
            )
