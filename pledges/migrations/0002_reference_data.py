from django.db import migrations


def load_reference(apps, schema_editor):
    from pledges import reference

    reference.load(apps.get_model("pledges", "Country"), apps.get_model("pledges", "Coalition"))


class Migration(migrations.Migration):
    dependencies = [("pledges", "0001_initial")]

    operations = [migrations.RunPython(load_reference, migrations.RunPython.noop)]
