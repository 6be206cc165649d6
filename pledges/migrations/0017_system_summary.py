"""Summary tables for the systems pages, kept exact by PostgreSQL triggers (as 0004).

Per (weapon system, donor, category, kind, review status), and again per month, the items
linked to a system: how many, and their quantities. Item writes (linking included) and
pledge changes that move its items to another key (donor, category, kind, review status,
date) adjust them; statement triggers with transition tables, so COPY and raw SQL count too.
pledges/systems.py reads them. PostgreSQL only: on SQLite the page queries the items.
"""

from django.db import migrations

KEY = "weapon_system_id, donor_id, category, kind, review_status"
TABLES = f"""
CREATE TABLE pledges_system_summary (
    weapon_system_id bigint NOT NULL, donor_id varchar(4) NOT NULL, category varchar(20) NOT NULL,
    kind varchar(12) NOT NULL, review_status varchar(10) NOT NULL,
    n bigint NOT NULL, quantity numeric NOT NULL,
    PRIMARY KEY ({KEY})
);
CREATE TABLE pledges_system_summary_month (
    weapon_system_id bigint NOT NULL, donor_id varchar(4) NOT NULL, category varchar(20) NOT NULL,
    kind varchar(12) NOT NULL, review_status varchar(10) NOT NULL, month date NOT NULL,
    n bigint NOT NULL, quantity numeric NOT NULL,
    PRIMARY KEY ({KEY}, month)
);
"""


def _apply(delta):
    """SQL adding the signed item rows of `delta` (KEY, month, quantity, sign) to both tables."""
    same = " AND ".join(f"s.{c} = d.{c}" for c in KEY.split(", "))
    return f"""
    INSERT INTO pledges_system_summary AS s
        SELECT {KEY}, sum(sign)::bigint, coalesce(sum(sign * quantity), 0) FROM ({delta}) d
        GROUP BY {KEY} HAVING sum(sign) <> 0 OR coalesce(sum(sign * quantity), 0) <> 0 ORDER BY {KEY}
    ON CONFLICT ({KEY}) DO UPDATE SET n = s.n + EXCLUDED.n, quantity = s.quantity + EXCLUDED.quantity;
    DELETE FROM pledges_system_summary s USING (SELECT DISTINCT {KEY} FROM ({delta}) r) d
        WHERE s.n = 0 AND {same};
    INSERT INTO pledges_system_summary_month AS s
        SELECT {KEY}, month, sum(sign)::bigint, coalesce(sum(sign * quantity), 0) FROM ({delta}) d
        WHERE month IS NOT NULL
        GROUP BY {KEY}, month HAVING sum(sign) <> 0 OR coalesce(sum(sign * quantity), 0) <> 0
        ORDER BY {KEY}, month
    ON CONFLICT ({KEY}, month) DO UPDATE SET n = s.n + EXCLUDED.n, quantity = s.quantity + EXCLUDED.quantity;
    DELETE FROM pledges_system_summary_month s
        USING (SELECT DISTINCT {KEY}, month FROM ({delta}) r WHERE month IS NOT NULL) d
        WHERE s.n = 0 AND {same} AND s.month = d.month;"""


def _items(table, sign):
    # An item counts while its pledge exists (LATERAL: an index lookup per item).
    return (f"SELECT i.weapon_system_id, p.donor_id, p.category, p.kind, p.review_status, "
            f"date_trunc('month', p.announced)::date AS month, i.quantity, {sign} AS sign FROM {table} i "
            "CROSS JOIN LATERAL (SELECT donor_id, category, kind, review_status, announced FROM pledges_pledge p "
            "WHERE p.id = i.pledge_id) AS p WHERE i.weapon_system_id IS NOT NULL")


def _pledge_items(table, sign):
    # A pledge changed: its linked items move from the old key to the new one.
    return (f"SELECT i.weapon_system_id, p.donor_id, p.category, p.kind, p.review_status, "
            f"date_trunc('month', p.announced)::date AS month, i.quantity, {sign} AS sign FROM {table} p "
            "JOIN pledges_pledgeitem i ON i.pledge_id = p.id WHERE i.weapon_system_id IS NOT NULL")


def _function(name, delta):
    return f"""
CREATE FUNCTION {name}() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
{_apply(delta)}
    RETURN NULL;
END $$;
"""


MOVED = ("(n.donor_id, n.category, n.kind, n.review_status, n.announced) IS DISTINCT FROM "
         "(o.donor_id, o.category, o.kind, o.review_status, o.announced)")
FUNCTIONS = [
    _function("pledges_system_summary_item_insert", _items("new_rows", 1)),
    _function("pledges_system_summary_item_delete", _items("old_rows", -1)),
    _function("pledges_system_summary_item_update",
              f"{_items('new_rows', 1)} UNION ALL {_items('old_rows', -1)}"),
    _function("pledges_system_summary_pledge_update",
              f"{_pledge_items(f'(SELECT n.* FROM new_rows n JOIN old_rows o ON o.id = n.id WHERE {MOVED})', 1)}"
              f" UNION ALL "
              f"{_pledge_items(f'(SELECT o.* FROM new_rows n JOIN old_rows o ON o.id = n.id WHERE {MOVED})', -1)}"),
]
TRIGGERS = """
CREATE TRIGGER pledges_system_summary_item_insert AFTER INSERT ON pledges_pledgeitem
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION pledges_system_summary_item_insert();
CREATE TRIGGER pledges_system_summary_item_delete AFTER DELETE ON pledges_pledgeitem
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION pledges_system_summary_item_delete();
CREATE TRIGGER pledges_system_summary_item_update AFTER UPDATE ON pledges_pledgeitem
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION pledges_system_summary_item_update();
CREATE TRIGGER pledges_system_summary_pledge_update AFTER UPDATE ON pledges_pledge
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION pledges_system_summary_pledge_update();
CREATE FUNCTION pledges_system_summary_truncate() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    TRUNCATE pledges_system_summary, pledges_system_summary_month;
    RETURN NULL;
END $$;
CREATE TRIGGER pledges_system_summary_truncate AFTER TRUNCATE ON pledges_pledgeitem
    FOR EACH STATEMENT EXECUTE FUNCTION pledges_system_summary_truncate();
"""
BACKFILL = _apply(_items("pledges_pledgeitem", 1))
DROP = """
DROP TRIGGER IF EXISTS pledges_system_summary_truncate ON pledges_pledgeitem;
DROP TRIGGER IF EXISTS pledges_system_summary_pledge_update ON pledges_pledge;
DROP TRIGGER IF EXISTS pledges_system_summary_item_update ON pledges_pledgeitem;
DROP TRIGGER IF EXISTS pledges_system_summary_item_delete ON pledges_pledgeitem;
DROP TRIGGER IF EXISTS pledges_system_summary_item_insert ON pledges_pledgeitem;
DROP FUNCTION IF EXISTS pledges_system_summary_truncate(), pledges_system_summary_item_insert(),
    pledges_system_summary_item_delete(), pledges_system_summary_item_update(),
    pledges_system_summary_pledge_update();
DROP TABLE IF EXISTS pledges_system_summary, pledges_system_summary_month;
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
    dependencies = [("pledges", "0016_load_coalition_leaders")]

    operations = [migrations.RunPython(create, drop)]
