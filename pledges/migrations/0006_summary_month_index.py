"""Date ranges read only their months of the monthly summary (PostgreSQL only)."""

from django.db import migrations

INDEX = "pledges_summary_month_month_idx"


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"CREATE INDEX IF NOT EXISTS {INDEX} ON pledges_summary_month (month)")


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


class Migration(migrations.Migration):
    dependencies = [("pledges", "0005_pledgeitem_export_index")]

    operations = [migrations.RunPython(create, drop)]
