"""Summary tables for the dashboard, kept exact by PostgreSQL triggers.

At a million pledges every dashboard chart scanned the whole table. These
tables hold the same sums per (donor, category, kind, review status), once
more per month, and per article the number of pledges it reports; statement
triggers with transition tables keep them exact through every write (admin
edits, the ingest writer, COPY, raw SQL deletes, TRUNCATE). pledges/summary.py
reads them. PostgreSQL only: on SQLite the dashboard queries the pledges.
"""

from django.db import migrations

GROUP = "donor_id, category, kind, review_status"
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

TABLES = f"""
CREATE TABLE pledges_summary (
    donor_id varchar(4) NOT NULL,
    category varchar(20) NOT NULL,
    kind varchar(12) NOT NULL,
    review_status varchar(10) NOT NULL,
    n bigint NOT NULL, n_amount bigint NOT NULL, n_eur bigint NOT NULL, n_usd bigint NOT NULL,
    sum_eur numeric NOT NULL, sum_usd numeric NOT NULL,
    PRIMARY KEY ({GROUP})
);
CREATE TABLE pledges_summary_month (
    donor_id varchar(4) NOT NULL,
    category varchar(20) NOT NULL,
    kind varchar(12) NOT NULL,
    review_status varchar(10) NOT NULL,
    month date NOT NULL,
    n bigint NOT NULL, n_amount bigint NOT NULL, n_eur bigint NOT NULL, n_usd bigint NOT NULL,
    sum_eur numeric NOT NULL, sum_usd numeric NOT NULL,
    PRIMARY KEY ({GROUP}, month)
);
CREATE TABLE pledges_article_live (
    article_id bigint PRIMARY KEY,
    live bigint NOT NULL,   -- pledges not rejected with evidence in this article
    total bigint NOT NULL   -- all pledges with evidence in it
);
"""


def pledge_function(name, delta):
    """A trigger function that applies `delta` (pledge rows with a sign) to the summaries."""
    rows = (f"(SELECT {GROUP}, date_trunc('month', announced)::date AS month, sign, amount, "
            f"amount_eur, amount_usd FROM ({delta}) AS x)")
    same = " AND ".join(f"s.{c} = d.{c}" for c in GROUP.split(", "))
    return f"""
CREATE FUNCTION {name}() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO pledges_summary AS s
        SELECT {GROUP}, {COUNTS} FROM {rows} AS d
        GROUP BY {GROUP} {CHANGED} ORDER BY {GROUP}
    ON CONFLICT ({GROUP}) DO UPDATE SET {ADD};
    DELETE FROM pledges_summary s USING (SELECT DISTINCT {GROUP} FROM {rows} AS r) d
        WHERE s.n = 0 AND {same};

    INSERT INTO pledges_summary_month AS s
        SELECT {GROUP}, month, {COUNTS} FROM {rows} AS d WHERE month IS NOT NULL
        GROUP BY {GROUP}, month {CHANGED} ORDER BY {GROUP}, month
    ON CONFLICT ({GROUP}, month) DO UPDATE SET {ADD};
    DELETE FROM pledges_summary_month s
        USING (SELECT DISTINCT {GROUP}, month FROM {rows} AS r WHERE month IS NOT NULL) d
        WHERE s.n = 0 AND {same} AND s.month = d.month;
    RETURN NULL;
END $$;
"""


# Article counts: (article, live change, total change) rows, summed per article.
ARTICLE_APPLY = """
    INSERT INTO pledges_article_live AS s
        SELECT article_id, sum(live)::bigint, sum(total)::bigint FROM ({delta}) AS d
        GROUP BY article_id HAVING sum(live) <> 0 OR sum(total) <> 0 ORDER BY article_id
    ON CONFLICT (article_id) DO UPDATE SET live = s.live + EXCLUDED.live, total = s.total + EXCLUDED.total;
    DELETE FROM pledges_article_live s USING (SELECT DISTINCT article_id FROM ({delta}) AS d) d
        WHERE s.total = 0 AND s.article_id = d.article_id;
"""
LIVE = "(p.review_status <> 'rejected')::int"


def article_function(name, delta):
    body = ARTICLE_APPLY.format(delta=delta)
    return f"""
CREATE FUNCTION {name}() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
{body}
    RETURN NULL;
END $$;
"""


def evidence_delta(table, sign):
    # An evidence row counts while its pledge exists; a pledge deleted or added in
    # the same transaction is counted by the pledge triggers instead. LATERAL keeps
    # the plan an index lookup per row whatever the planner guesses for the batch.
    return (f"SELECT e.article_id, {sign} * {LIVE} AS live, {sign} AS total FROM {table} e "
            "CROSS JOIN LATERAL (SELECT review_status FROM pledges_pledge p "
            "WHERE p.id = e.pledge_id) AS p")


def pledge_article_delta(table, sign):
    return (f"SELECT e.article_id, {sign} * {LIVE} AS live, {sign} AS total FROM {table} p "
            "CROSS JOIN LATERAL (SELECT article_id FROM pledges_evidence e "
            "WHERE e.pledge_id = p.id) AS e")


PLEDGE_ROW = f"{GROUP}, announced, amount, amount_eur, amount_usd"
FUNCTIONS = [
    pledge_function("pledges_summary_insert", f"SELECT {PLEDGE_ROW}, 1 AS sign FROM new_rows"),
    pledge_function("pledges_summary_delete", f"SELECT {PLEDGE_ROW}, -1 AS sign FROM old_rows"),
    pledge_function(
        "pledges_summary_update",
        f"SELECT {PLEDGE_ROW}, 1 AS sign FROM new_rows UNION ALL SELECT {PLEDGE_ROW}, -1 FROM old_rows",
    ),
    article_function("pledges_article_live_evidence_insert", evidence_delta("new_rows", 1)),
    article_function("pledges_article_live_evidence_delete", evidence_delta("old_rows", -1)),
    article_function(
        "pledges_article_live_evidence_update",
        f"{evidence_delta('new_rows', 1)} UNION ALL {evidence_delta('old_rows', -1)}",
    ),
    article_function("pledges_article_live_pledge_insert", pledge_article_delta("new_rows", 1)),
    article_function("pledges_article_live_pledge_delete", pledge_article_delta("old_rows", -1)),
    # Only a change of review status moves a pledge in or out of `live`.
    article_function(
        "pledges_article_live_pledge_update",
        "SELECT e.article_id, (n.review_status <> 'rejected')::int - (o.review_status <> 'rejected')::int"
        " AS live, 0 AS total FROM new_rows n JOIN old_rows o ON o.id = n.id"
        " CROSS JOIN LATERAL (SELECT article_id FROM pledges_evidence e WHERE e.pledge_id = n.id) AS e"
        " WHERE n.review_status <> o.review_status",
    ),
]

TRIGGERS = """
CREATE TRIGGER pledges_summary_insert AFTER INSERT ON pledges_pledge
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION pledges_summary_insert();
CREATE TRIGGER pledges_summary_delete AFTER DELETE ON pledges_pledge
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION pledges_summary_delete();
CREATE TRIGGER pledges_summary_update AFTER UPDATE ON pledges_pledge
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION pledges_summary_update();
CREATE TRIGGER pledges_article_live_pledge_insert AFTER INSERT ON pledges_pledge
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION pledges_article_live_pledge_insert();
CREATE TRIGGER pledges_article_live_pledge_delete AFTER DELETE ON pledges_pledge
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION pledges_article_live_pledge_delete();
CREATE TRIGGER pledges_article_live_pledge_update AFTER UPDATE ON pledges_pledge
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION pledges_article_live_pledge_update();
CREATE TRIGGER pledges_article_live_evidence_insert AFTER INSERT ON pledges_evidence
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION pledges_article_live_evidence_insert();
CREATE TRIGGER pledges_article_live_evidence_delete AFTER DELETE ON pledges_evidence
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION pledges_article_live_evidence_delete();
CREATE TRIGGER pledges_article_live_evidence_update AFTER UPDATE ON pledges_evidence
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION pledges_article_live_evidence_update();

CREATE FUNCTION pledges_summary_truncate() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    TRUNCATE pledges_summary, pledges_summary_month, pledges_article_live;
    RETURN NULL;
END $$;
CREATE TRIGGER pledges_summary_truncate AFTER TRUNCATE ON pledges_pledge
    FOR EACH STATEMENT EXECUTE FUNCTION pledges_summary_truncate();
CREATE TRIGGER pledges_summary_truncate AFTER TRUNCATE ON pledges_evidence
    FOR EACH STATEMENT EXECUTE FUNCTION pledges_summary_truncate();
"""

BACKFILL = f"""
INSERT INTO pledges_summary
    SELECT {GROUP}, {COUNTS} FROM (SELECT *, 1 AS sign FROM pledges_pledge) d GROUP BY {GROUP};
INSERT INTO pledges_summary_month
    SELECT {GROUP}, date_trunc('month', announced)::date, {COUNTS}
    FROM (SELECT *, 1 AS sign FROM pledges_pledge) d WHERE announced IS NOT NULL
    GROUP BY {GROUP}, date_trunc('month', announced)::date;
INSERT INTO pledges_article_live
    SELECT e.article_id, sum({LIVE})::bigint, count(*)::bigint
    FROM pledges_evidence e JOIN pledges_pledge p ON p.id = e.pledge_id GROUP BY e.article_id;
"""

DROP = """
DROP TRIGGER IF EXISTS pledges_summary_truncate ON pledges_evidence;
DROP TRIGGER IF EXISTS pledges_summary_truncate ON pledges_pledge;
DROP TRIGGER IF EXISTS pledges_article_live_evidence_update ON pledges_evidence;
DROP TRIGGER IF EXISTS pledges_article_live_evidence_delete ON pledges_evidence;
DROP TRIGGER IF EXISTS pledges_article_live_evidence_insert ON pledges_evidence;
DROP TRIGGER IF EXISTS pledges_article_live_pledge_update ON pledges_pledge;
DROP TRIGGER IF EXISTS pledges_article_live_pledge_delete ON pledges_pledge;
DROP TRIGGER IF EXISTS pledges_article_live_pledge_insert ON pledges_pledge;
DROP TRIGGER IF EXISTS pledges_summary_update ON pledges_pledge;
DROP TRIGGER IF EXISTS pledges_summary_delete ON pledges_pledge;
DROP TRIGGER IF EXISTS pledges_summary_insert ON pledges_pledge;
DROP FUNCTION IF EXISTS pledges_summary_truncate(), pledges_summary_insert(), pledges_summary_delete(),
    pledges_summary_update(), pledges_article_live_evidence_insert(),
    pledges_article_live_evidence_delete(), pledges_article_live_evidence_update(),
    pledges_article_live_pledge_insert(), pledges_article_live_pledge_delete(),
    pledges_article_live_pledge_update();
DROP TABLE IF EXISTS pledges_summary, pledges_summary_month, pledges_article_live;
"""


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    with schema_editor.connection.cursor() as cursor:
        cursor.execute(TABLES)
        for function in FUNCTIONS:
            cursor.execute(function)
        cursor.execute(TRIGGERS)
        cursor.execute(BACKFILL)


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        with schema_editor.connection.cursor() as cursor:
            cursor.execute(DROP)


class Migration(migrations.Migration):
    dependencies = [
        ("pledges", "0003_pledge_list_order_index"),
        ("ingest", "0001_initial"),
    ]

    operations = [migrations.RunPython(create, drop)]
