"""One CSV guard for both export paths: the same hostile rows, written straight into the
database (no form in between), give the same bytes from PostgreSQL's COPY and from the
streamed Python writer, on PostgreSQL and on SQLite, with every formula neutralised."""

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings

from pledges import csv_guard, export, export_copy, tables

pytestmark = pytest.mark.django_db

ROOT = Path(settings.BASE_DIR)
HOSTILE = ["=HYPERLINK(\"http://x\")", "+1", "-2", "@SUM(A1)", "\tcmd", "\rcmd", "\ncmd",
           "\u00a0=1+1", "\u3000=1+1", " \u2003@x", "\ufeff=1", "plain"]

def hostile_rows():
    """Rows written straight to the tables (no form, no validation), as a loader or a bad
    migration could: every text column of the export holds a formula."""
    import datetime as dt

    from ingest.models import Article
    from pledges.models import Coalition, Country, Evidence, Pledge, PledgeItem

    Country.objects.create(code="=ZZ", name="@Name")
    coalition = Coalition.objects.create(name="-Coalition", slug="evil")
    article = Article.objects.create(id=990001, text="x", url="=cmd|' /C calc'!A0", title="t", outlet="o",
                                     published=dt.date(2024, 1, 1), status="parsed")
    for i, value in enumerate(HOSTILE):
        pledge = Pledge.objects.create(
            id=990100 + i, donor_id="=ZZ", kind=value[:12], announced=dt.date(2024, 2, 1) + dt.timedelta(days=i),
            amount=1, currency=value[:3], amount_eur=1, amount_usd=1, category=value[:20], coalition=coalition,
            review_status=value[:10])
        PledgeItem.objects.create(pledge=pledge, system=value, category=value[:20])
        Evidence.objects.create(pledge=pledge, article=article, sentence="s")


def streamed(queryset):
    return "".join(export.lines(queryset, site="https://aid.example")).encode("utf-8")


def copied(queryset):
    sql = export_copy.copy_sql(queryset, site="https://aid.example")
    assert sql is not None
    header = (export.BOM + ",".join(export.COLUMNS) + export.LINE_END).encode("utf-8")
    return b"".join(export_copy.blocks(sql, header))


def check_guarded(data: bytes):
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))[1:]
    assert len(rows) == len(HOSTILE)
    for row in rows:
        for cell in row:
            stripped = cell.lstrip(csv_guard.LEADING_BLANKS)
            assert not cell.startswith(csv_guard.FORMULA_STARTS) and not stripped.startswith(csv_guard.FORMULA_STARTS), row


def test_both_paths_give_the_same_guarded_bytes_on_postgresql():
    hostile_rows()
    from pledges.models import Pledge

    queryset = tables.ordered(Pledge.objects.filter(donor_id="=ZZ"), "announced")
    fast, slow = copied(queryset), streamed(queryset)
    check_guarded(slow)
    assert fast == slow


SQLITE_SCRIPT = """
import json, sys
from django.core.management import call_command
call_command("migrate", verbosity=0)
sys.path.insert(0, {root!r})
from tests.pledges.test_csv_guard import hostile_rows, streamed
from pledges import tables
from pledges.models import Pledge
hostile_rows()
data = streamed(tables.ordered(Pledge.objects.filter(donor_id="=ZZ"), "announced"))
print("CSV" + json.dumps(data.decode("utf-8")))
"""


def test_sqlite_streams_the_same_bytes(tmp_path):
    hostile_rows()
    from pledges.models import Pledge

    on_postgresql = copied(tables.ordered(Pledge.objects.filter(donor_id="=ZZ"), "announced"))
    env = {"PATH": "/usr/bin:/bin", "DEBUG": "1", "AIDTRACKER_ENV_FILE": "",
           "DATABASE_URL": f"sqlite:///{tmp_path / 'guard.sqlite3'}", "DJANGO_SETTINGS_MODULE": "aidtracker.settings"}
    done = subprocess.run([sys.executable, "manage.py", "shell", "--no-imports", "-c", SQLITE_SCRIPT.format(root=str(ROOT))],
                          cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-3000:]
    line = next(line for line in done.stdout.splitlines() if line.startswith("CSV"))
    on_sqlite = json.loads(line[3:]).encode("utf-8")
    check_guarded(on_sqlite)
    assert on_sqlite == on_postgresql
