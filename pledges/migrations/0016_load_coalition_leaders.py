from django.db import migrations


def load_leaders(apps, schema_editor):
    from pledges import reference

    reference.load_leaders(apps.get_model("pledges", "Coalition"))


class Migration(migrations.Migration):
    dependencies = [("pledges", "0015_coalition_leaders_stated")]

    operations = [migrations.RunPython(load_leaders, migrations.RunPython.noop)]
