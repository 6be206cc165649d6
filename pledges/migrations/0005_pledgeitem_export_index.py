"""Items of one pledge in id order, read from the index alone.

The CSV export joins each pledge's items in a correlated subquery; with the
plain pledge_id index every one of a million subqueries read the heap and
sorted its rows. PostgreSQL only, plain SQL (the model state is unchanged).
"""

from django.db import migrations

INDEX = "pledgeitem_pledge_order_idx"


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {INDEX} ON pledges_pledgeitem (pledge_id, id) "
            "INCLUDE (system, quantity)"
        )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


class Migration(migrations.Migration):
    dependencies = [("pledges", "0004_pledge_summary")]

    operations = [migrations.RunPython(create, drop)]
