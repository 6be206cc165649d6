"""An index of article ids that holds their web address (PostgreSQL's INCLUDE).

Every exported pledge row lists its sources' addresses (pledges/export_copy.SOURCES_SQL):
one article per evidence, looked up by id. The article rows are wide (their text), so each
lookup read a page of the table from anywhere in it; from this index it reads the address
in the index itself. At a million pledges a filtered export of 21,000 rows took ~0.9 s
and takes ~0.45 s with it. On SQLite (the embedded default) there is no INCLUDE, and the
tables are small: nothing is created.
"""

from django.db import migrations

INDEX = "ingest_article_id_url_idx"


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"CREATE INDEX IF NOT EXISTS {INDEX} ON ingest_article (id) INCLUDE (url)")


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


class Migration(migrations.Migration):
    dependencies = [("ingest", "0003_feed_waiting")]

    operations = [migrations.RunPython(create, drop)]
