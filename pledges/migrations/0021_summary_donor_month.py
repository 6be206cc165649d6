"""pledges_summary_donor_month: the month summary without its category, kept by triggers.

The month summary (0004) holds a row per donor, category, kind, review status and month:
~120,000 at a million pledges, and the dashboard's monthly and donor-by-month charts,
and every chart of a date range, group all of them (30-90 ms a query). Without the
category the same figures come from about a tenth of the rows. The triggers are those of
0004 for this one table (statement-level, transition tables: admin edits, the ingest
writer, COPY, bulk updates and deletes alike), so the roll-up stays exact; summary.Totals
reads it whenever a query needs no category. PostgreSQL only, as 0004.
"""

from django.db import migrations

# The count and sum expressions are 0004's, copied on purpose: a migration freezes the SQL
# it ran, and a later edit of 0004 must not change what this one does.
KEYS = "donor_id, kind, review_status, month"
COUNTS = """
    sum(sign)::bigint AS n,
    sum(sign * (amount IS NOT NULL)::int)::bigint AS n_amount,
    sum(sign * (amount_eur IS NOT NULL)::int)::bigint AS n_eur,
    sum(sign * (amount_usd IS NOT NULL)::int)::bigint AS n_usd,
    coalesce(sum(sign * amount_eur), 0) AS sum_eur,
    coalesce(sum(sign * amount_usd), 0) AS sum_usd"""
CHANGED = """
    HAVING sum(sign) <> 0 OR sum(sign * (amount IS NOT NULL)::int) <> 0
        OR sum(sign * (amount_eur IS NOT NULL)::int) <> 0
        OR sum(sign * (amount_usd IS NOT NULL)::int) <> 0
        OR coalesce(sum(sign * amount_eur), 0) <> 0 OR coalesce(sum(sign * amount_usd), 0) <> 0"""
ADD = """
    n = s.n + EXCLUDED.n, n_amount = s.n_amount + EXCLUDED.n_amount,
    n_eur = s.n_eur + EXCLUDED.n_eur, n_usd = s.n_usd + EXCLUDED.n_usd,
    sum_eur = s.sum_eur + EXCLUDED.sum_eur, sum_usd = s.sum_usd + EXCLUDED.sum_usd"""

TABLE = f"""
CREATE TABLE pledges_summary_donor_month (
    donor_id varchar(4) NOT NULL,
    kind varchar(12) NOT NULL,
    review_status varchar(10) NOT NULL,
    month date NOT NULL,
    n bigint NOT NULL, n_amount bigint NOT NULL, n_eur bigint NOT NULL, n_usd bigint NOT NULL,
    sum_eur numeric NOT NULL, sum_usd numeric NOT NULL,
    PRIMARY KEY ({KEYS})
);
"""
ROW = "donor_id, kind, review_status, announced, amount, amount_eur, amount_usd"


def function(name, delta):
    rows = (f"(SELECT donor_id, kind, review_status, date_trunc('month', announced)::date AS month, sign, "
            f"amount, amount_eur, amount_usd FROM ({delta}) AS x WHERE announced IS NOT NULL)")
    same = " AND ".join(f"s.{c} = d.{c}" for c in KEYS.split(", "))
    return f"""
CREATE FUNCTION {name}() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO pledges_summary_donor_month AS s
        SELECT {KEYS}, {COUNTS} FROM {rows} AS d
        GROUP BY {KEYS} {CHANGED} ORDER BY {KEYS}
    ON CONFLICT ({KEYS}) DO UPDATE SET {ADD};
    DELETE FROM pledges_summary_donor_month s USING (SELECT DISTINCT {KEYS} FROM {rows} AS r) d
        WHERE s.n = 0 AND {same};
    RETURN NULL;
END $$;
"""


FUNCTIONS = [
    function("pledges_summary_donor_month_insert", f"SELECT {ROW}, 1 AS sign FROM new_rows"),
    function("pledges_summary_donor_month_delete", f"SELECT {ROW}, -1 AS sign FROM old_rows"),
    function("pledges_summary_donor_month_update",
             f"SELECT {ROW}, 1 AS sign FROM new_rows UNION ALL SELECT {ROW}, -1 FROM old_rows"),
]

TRIGGERS = """
CREATE TRIGGER pledges_summary_donor_month_insert AFTER INSERT ON pledges_pledge
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION pledges_summary_donor_month_insert();
CREATE TRIGGER pledges_summary_donor_month_delete AFTER DELETE ON pledges_pledge
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION pledges_summary_donor_month_delete();
CREATE TRIGGER pledges_summary_donor_month_update AFTER UPDATE ON pledges_pledge
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION pledges_summary_donor_month_update();
CREATE FUNCTION pledges_summary_donor_month_truncate() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    TRUNCATE pledges_summary_donor_month;
    RETURN NULL;
END $$;
CREATE TRIGGER pledges_summary_donor_month_truncate AFTER TRUNCATE ON pledges_pledge
    FOR EACH STATEMENT EXECUTE FUNCTION pledges_summary_donor_month_truncate();
"""

BACKFILL = f"""
INSERT INTO pledges_summary_donor_month
    SELECT {KEYS}, sum(n)::bigint, sum(n_amount)::bigint, sum(n_eur)::bigint, sum(n_usd)::bigint,
           sum(sum_eur), sum(sum_usd)
    FROM pledges_summary_month GROUP BY {KEYS};
"""

DROP = """
DROP TRIGGER IF EXISTS pledges_summary_donor_month_truncate ON pledges_pledge;
DROP TRIGGER IF EXISTS pledges_summary_donor_month_update ON pledges_pledge;
DROP TRIGGER IF EXISTS pledges_summary_donor_month_delete ON pledges_pledge;
DROP TRIGGER IF EXISTS pledges_summary_donor_month_insert ON pledges_pledge;
DROP FUNCTION IF EXISTS pledges_summary_donor_month_truncate(), pledges_summary_donor_month_insert(),
    pledges_summary_donor_month_delete(), pledges_summary_donor_month_update();
DROP TABLE IF EXISTS pledges_summary_donor_month;
"""


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    with schema_editor.connection.cursor() as cursor:
        cursor.execute(TABLE)
        for sql in FUNCTIONS:
            cursor.execute(sql)
        cursor.execute(TRIGGERS)
        cursor.execute(BACKFILL)


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        with schema_editor.connection.cursor() as cursor:
            cursor.execute(DROP)


class Migration(migrations.Migration):
    dependencies = [("pledges", "0020_export_job_progressed")]

    operations = [migrations.RunPython(create, drop)]
