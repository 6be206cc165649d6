"""pledges_data_change: one row per transaction that wrote what the analyst pages show.

The page cache (pledges.page_cache) keys a rendered page by what its database snapshot holds:
the sum of `weight` over the rows that snapshot sees. Every committed write adds a row, and a
later snapshot sees everything an earlier one saw, so two snapshots with the same sum hold the
same data and a cached page is exact. Statement-level triggers write the row (ORM saves, the
ingest writer, bulk updates, COPY, raw SQL and TRUNCATE alike), one per transaction, keyed by
its xid (no lock shared between writers), its weight counting the transaction's statements (so
a transaction that reads after it writes sees its own sum move too). Compaction folds rows into one of the same total
weight in a single transaction, so no snapshot ever sees the sum go down. PostgreSQL only: on
SQLite (the embedded default) pages are not cached.
"""

from django.db import migrations

# The tables whose rows some analyst page shows. Not: the edit history, export jobs and feeds.
# tests/pledges/test_page_cache.py fails when a new table of these apps is missing here.
TABLES = [
    "pledges_country", "pledges_coalition", "pledges_coalition_leaders", "pledges_coalition_members",
    "pledges_meeting", "pledges_meeting_participants", "pledges_pledge", "pledges_pledgeitem",
    "pledges_evidence", "pledges_weaponsystem", "ingest_article", "ingest_article_meetings",
]

CREATE = """
CREATE TABLE pledges_data_change (
    xid bigint PRIMARY KEY,
    weight bigint NOT NULL DEFAULT 1
);
CREATE FUNCTION pledges_data_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO pledges_data_change AS c (xid) VALUES (txid_current())
        ON CONFLICT (xid) DO UPDATE SET weight = c.weight + 1;
    RETURN NULL;
END $$;
"""

TRIGGER = """
CREATE TRIGGER pledges_data_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON {table}
    FOR EACH STATEMENT EXECUTE FUNCTION pledges_data_changed();
"""

DROP = """
DROP FUNCTION IF EXISTS pledges_data_changed() CASCADE;
DROP TABLE IF EXISTS pledges_data_change;
"""


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    with schema_editor.connection.cursor() as cursor:
        cursor.execute(CREATE)
        for table in TABLES:
            cursor.execute(TRIGGER.format(table=table))


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        with schema_editor.connection.cursor() as cursor:
            cursor.execute(DROP)


class Migration(migrations.Migration):
    dependencies = [("pledges", "0021_summary_donor_month"), ("ingest", "0003_feed_waiting")]

    operations = [migrations.RunPython(create, drop)]
