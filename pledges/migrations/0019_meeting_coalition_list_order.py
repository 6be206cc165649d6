"""A meeting's or a coalition's pledges in the list's default order, read off an index.

With only the whole table's order index (0003), the planner walks it from the newest
pledge until it has a page of one meeting's rows; a meeting's pledges share its date, so
that walk crosses most of the table (0.6 s at a million pledges). These indexes lead
with the meeting or coalition and then follow the list's order (newest first, undated
last). PostgreSQL only, as 0003: plain SQL leaves the model's state alone.
"""

from django.db import migrations

INDEXES = {"pledge_meeting_list_order_idx": "meeting_id", "pledge_coalition_list_order_idx": "coalition_id"}


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for name, column in INDEXES.items():
            schema_editor.execute(
                f"CREATE INDEX IF NOT EXISTS {name} ON pledges_pledge "
                f"({column}, announced DESC NULLS LAST, id DESC NULLS LAST)"
            )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for name in INDEXES:
            schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [("pledges", "0018_export_jobs")]

    operations = [migrations.RunPython(create, drop)]
