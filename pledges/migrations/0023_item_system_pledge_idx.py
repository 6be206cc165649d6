"""An index of items by weapon system that holds their pledge id (PostgreSQL's INCLUDE).

The system filter reads the pledge ids of a system's items (filters.filter_system). Through the
plain weapon_system index each item was a read of the wide items table from anywhere in it:
at a million pledges the busiest system's 27,000 items were ~10,000 pages. This index holds
the ids itself. On SQLite (the embedded default) there is no INCLUDE and the tables are
small: nothing is created.
"""

from django.db import migrations

INDEX = "pledgeitem_system_pledge_idx"


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {INDEX} ON pledges_pledgeitem (weapon_system_id) INCLUDE (pledge_id)")


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


class Migration(migrations.Migration):
    dependencies = [("pledges", "0022_data_changes")]

    operations = [migrations.RunPython(create, drop)]
