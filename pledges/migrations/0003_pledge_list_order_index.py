"""The list's default order (newest first, undated last) read straight off an index.

ORDER BY announced DESC NULLS LAST, id DESC NULLS LAST matches no index the
model declares (a backward scan of (announced, id) gives NULLS FIRST), so at a
million rows every list page sorted the whole table. PostgreSQL only: the
embedded SQLite default is small enough to sort. Plain SQL keeps the model's
state untouched, so makemigrations stays clean.
"""

from django.db import migrations

INDEX = "pledge_announced_desc_idx"


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {INDEX} ON pledges_pledge "
            "(announced DESC NULLS LAST, id DESC NULLS LAST)"
        )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


class Migration(migrations.Migration):
    dependencies = [("pledges", "0002_reference_data")]

    operations = [migrations.RunPython(create, drop)]
