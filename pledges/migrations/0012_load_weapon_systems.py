from django.db import migrations


def load_catalogue(apps, schema_editor):
    from pledges import catalogue

    WeaponSystem = apps.get_model("pledges", "WeaponSystem")
    catalogue.load(WeaponSystem)
    catalogue.link_items(apps.get_model("pledges", "PledgeItem"), WeaponSystem)


class Migration(migrations.Migration):
    dependencies = [("pledges", "0011_weapon_system_catalogue")]

    operations = [migrations.RunPython(load_catalogue, migrations.RunPython.noop)]
