"""Indexes for free-text search, the amount sort and the synthetic-data notice.

Django's `icontains` on PostgreSQL is `UPPER(col::text) LIKE UPPER('%x%')`;
only a trigram GIN index on that same expression serves it. pg_trgm is a
trusted extension (PostgreSQL 13+), so the database owner may create it. On
SQLite (the embedded default) these indexes are skipped: the tables are small.
"""

from django.db import migrations, models
from django.db.models import Q

# The list's amount sort puts pledges without an amount last in both
# directions, which no backward scan of one index gives.
AMOUNT_SORT_INDEXES = [
    ("pledge_amount_desc_idx", "amount_eur DESC NULLS LAST, id DESC NULLS LAST"),
    ("pledge_amount_asc_idx", "amount_eur ASC NULLS LAST, id ASC NULLS LAST"),
]
TRIGRAM_INDEXES = [
    ("evidence_sentence_trgm", "pledges_evidence", '"sentence"'),
    ("pledgeitem_system_trgm", "pledges_pledgeitem", '"system"::text'),
]


def create_postgresql_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name, columns in AMOUNT_SORT_INDEXES:
        schema_editor.execute(f"CREATE INDEX IF NOT EXISTS {name} ON pledges_pledge ({columns})")
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    for name, table, column in TRIGRAM_INDEXES:
        schema_editor.execute(
            f'CREATE INDEX IF NOT EXISTS {name} ON "{table}" USING gin (UPPER({column}) gin_trgm_ops)'
        )


def drop_postgresql_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name, *_ in AMOUNT_SORT_INDEXES + TRIGRAM_INDEXES:
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [("pledges", "0006_summary_month_index")]

    operations = [
        migrations.AddIndex(
            model_name="pledge",
            index=models.Index(
                fields=["id"], condition=Q(is_synthetic=True), name="pledge_synthetic_idx"
            ),
        ),
        migrations.RunPython(create_postgresql_indexes, drop_postgresql_indexes),
    ]
