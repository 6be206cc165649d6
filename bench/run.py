#!/usr/bin/env python
"""Page benchmark: every analyst page against the raw SQL it needs, in one run.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/aidtracker_bench \
        .venv/bin/python bench/run.py [--pledges 1000000] [--repeat 20]

For each page: p50 and p95 over repeated requests through Django's full request
stack (django.test.Client: middleware, URL resolving, view, template), the p50
of the same SQL replayed directly with psycopg (captured from one request with
CaptureQueriesContext), and their ratio. Then the CSV export of every row, in a
child process: rows per second and that process's peak RSS.

--pledges N seeds synthetic pledges first when the database holds fewer.
Prints a table and exits 0; targets missed are marked, not fatal.
"""

import argparse
import json
import os
import re
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "aidtracker.settings")
# The benchmark renders pages with production settings (DEBUG off).
os.environ.setdefault("SECRET_KEY", "benchmark-only-not-a-secret")
# Production static storage needs collected files with a manifest.
os.environ.setdefault("STATIC_ROOT", "/tmp/aidtracker-bench-static")
# Every page is timed computed, never from the page cache (bench/load.py measures the cache).
os.environ["PAGE_CACHE_SECONDS"] = "0"

LIST_FILTERS = {
    "list: 2 donors + category": "donor=DEU&donor=FRA&category=air_defense",
    "list: kind + year": "kind=delivery&announced_after=2024-01-01&announced_before=2024-12-31",
    "list: EU group + category + kind": "donor_group=eu&category=artillery&kind=pledge",
}
# Targets of issue 6 at one million pledges: (max p50 ms, max page/raw ratio).
DASHBOARD_TARGET = (500, 2.0)
LIST_TARGET = (100, None)
# Issue 14 item 3: every analyst page under any single filter, at one million pledges.
ONE_FILTER_TARGET = (300, None)
EXPORT_ROWS_PER_S = 100_000
EXPORT_RSS_MB = 150


def setup():
    import django
    from django.core.management import call_command

    django.setup()
    if not os.environ.get("AIDTRACKER_BENCH_CHILD"):
        # Fresh each run: a static file added since the last run must be in the manifest.
        call_command("collectstatic", interactive=False, verbosity=0)


def percentile(values, q):
    values = sorted(values)
    index = min(len(values) - 1, max(0, round(q / 100 * (len(values) - 1))))
    return values[index]


def client():
    from django.test import Client

    return Client(SERVER_NAME="localhost")


def fetch(c, url):
    """Request `url` and read the whole body, as a browser would."""
    response = c.get(url)
    if response.status_code != 200:
        raise SystemExit(f"{url} answered {response.status_code}")
    if response.streaming:
        return b"".join(response.streaming_content)
    return response.content


def capture(c, url):
    """The SQL one request of `url` runs, as executed (parameters inlined).

    The CSV export's COPY goes around Django's query log, so it is recorded
    where the export hands it to the database.
    """
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from pledges import export_copy

    copies = []
    blocks = export_copy.blocks

    def recording_blocks(sql, header):
        copies.append(sql)
        return blocks(sql, header)

    export_copy.blocks = recording_blocks
    try:
        with CaptureQueriesContext(connection) as ctx:
            fetch(c, url)
    finally:
        export_copy.blocks = blocks
    return [q["sql"] for q in ctx.captured_queries] + copies


def raw_connection():
    import psycopg
    from django.db import connection

    params = connection.get_connection_params()
    params.pop("cursor_factory", None)
    params.pop("context", None)
    conn = psycopg.connect(**params)
    conn.autocommit = True
    return conn


# Django's iterator() runs its SELECT through a named server-side cursor.
DECLARE = re.compile(r"^DECLARE\s+\S+\s+(NO\s+)?SCROLL\s+CURSOR\s+WITH(OUT)?\s+HOLD\s+FOR\s+", re.I)


def replay(conn, queries):
    """Run the captured queries as they are and fetch every row; seconds taken."""
    started = time.perf_counter()
    with conn.cursor() as cur:
        for sql in queries:
            if sql.startswith("COPY"):
                with cur.copy(sql) as copy:
                    for _ in copy:
                        pass
                continue
            cur.execute(DECLARE.sub("", sql).encode())
            if cur.description is not None:
                cur.fetchall()
    return time.perf_counter() - started


def measure(c, conn, url, repeat, show_queries=False):
    fetch(c, url)  # warm: connection, template and URL caches
    queries = capture(c, url)
    # Page and raw SQL alternate, so a load change on the machine hits both alike.
    page, raw = [], []
    for _ in range(repeat):
        started = time.perf_counter()
        fetch(c, url)
        page.append(time.perf_counter() - started)
        raw.append(replay(conn, queries))
    if show_queries:
        # In order, each timed, in a transaction rolled back: a statement may read what an
        # earlier one made (the dashboard's temporary scan table).
        statements = [sql for sql in queries if sql not in ("BEGIN", "COMMIT")]
        runs = []
        for _ in range(3):
            with conn.transaction(force_rollback=True):
                runs.append([replay(conn, [sql]) for sql in statements])
        for sql, took in zip(statements, map(statistics.median, zip(*runs))):
            print(f"    {took * 1000:8.1f} ms  {sql[:300]}")
    return {
        "queries": len(queries),
        "p50": statistics.median(page) * 1000,
        "p95": percentile(page, 95) * 1000,
        "raw_p50": statistics.median(raw) * 1000,
    }


def one_filter_queries():
    """A single filter of each kind the summary tables cannot answer whole, on the seeded data:
    the busiest coalition, meeting and system, the top tenth of amounts, a common word."""
    from django.db.models import Count

    from pledges.models import Coalition, Meeting, Pledge, WeaponSystem

    def busiest(model, related):
        return model.objects.annotate(n=Count(related)).order_by("-n").first()

    coalition = busiest(Coalition, "pledges")
    meeting = busiest(Meeting, "pledges")
    system = busiest(WeaponSystem, "items")
    amounts = Pledge.objects.filter(amount_eur__isnull=False).order_by("-amount_eur").values_list("amount_eur", flat=True)
    tenth = amounts[max(0, amounts.count() // 10)] if amounts.exists() else 0
    queries = {"date cutting a month": "announced_after=2024-01-15"}
    if coalition:
        queries["coalition"] = f"coalition={coalition.slug}"
    if meeting:
        queries["meeting"] = f"meeting={meeting.pk}"
    queries["amount"] = f"amount_eur_min={tenth}"
    queries["text"] = "q=Stryker"
    if system:
        queries["system"] = f"system={system.slug}"
    return queries


def sample_pledge_id():
    from pledges.models import Pledge

    # A pledge in the middle of the table, with evidence: a typical detail page.
    ids = Pledge.objects.filter(evidence__isnull=False).order_by("id").values_list("id", flat=True)
    total = Pledge.objects.count()
    return ids[total // 2 : total // 2 + 1].get() if total > 1 else ids.first()


def seed_up_to(target, seed):
    from pledges import synthetic
    from pledges.models import Pledge

    have = Pledge.objects.count()
    if have >= target:
        print(f"database holds {have:,} pledges (>= {target:,}): not seeding")
        return
    print(f"database holds {have:,} pledges: seeding {target - have:,} synthetic ones")
    started = time.monotonic()
    synthetic.seed(
        target - have,
        seed,
        progress=lambda c: print(
            f"  {c['pledges']:,} pledges  {time.monotonic() - started:.0f}s", flush=True
        ),
    )


def export_child(url):
    """Runs in a fresh process: export `url`, print rows, seconds and peak RSS."""
    setup()
    from django.conf import settings

    # The writing itself, streamed here; above EXPORT_ASYNC_ROWS a worker runs the same code.
    settings.EXPORT_ASYNC_ROWS = 10**12
    c = client()
    rss_before = _status_kb("VmRSS")
    started = time.perf_counter()
    response = c.get(url)
    rows = -1  # the header line is not a row
    size = 0
    for chunk in response.streaming_content:
        rows += chunk.count(b"\n")
        size += len(chunk)
    seconds = time.perf_counter() - started
    print(json.dumps({
        "rows": rows,
        "seconds": seconds,
        "bytes": size,
        "rss_before_mb": rss_before / 1024,
        "peak_rss_mb": _status_kb("VmHWM") / 1024,
    }))


def _status_kb(field):
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1])
    return 0


def run_export_child(url):
    out = subprocess.run(
        [sys.executable, __file__, "--export-child", url],
        check=True, capture_output=True, text=True,
        env={**os.environ, "AIDTRACKER_BENCH_CHILD": "1"},
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def verdict(ok):
    return "ok" if ok else "MISSED"


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pledges", type=int, default=0, help="seed up to N pledges first")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--repeat", type=int, default=20, help="requests per page")
    parser.add_argument("--queries", action="store_true", help="print each page's SQL and its time")
    parser.add_argument("--only", help="only the pages whose name contains this")
    parser.add_argument("--export-child", metavar="URL", help=argparse.SUPPRESS)
    parser.add_argument("--skip-full-export", action="store_true", help="skip the all-rows export")
    parser.add_argument("--export-runs", type=int, default=3, help="all-rows exports (median)")
    args = parser.parse_args()
    if args.export_child:
        export_child(args.export_child)
        return 0

    setup()
    from django.core.management import call_command
    from django.db import connection

    from pledges.models import Pledge

    call_command("migrate", "--noinput", verbosity=0)  # a new bench database starts empty

    if args.pledges:
        seed_up_to(args.pledges, args.seed)
    total = Pledge.objects.count()
    print(f"{connection.vendor} {connection.settings_dict['NAME']}: {total:,} pledges, "
          f"{args.repeat} requests per page\n")

    pages = [("dashboard", "/", DASHBOARD_TARGET)]
    pages += [(name, f"/pledges/?{query}", LIST_TARGET) for name, query in LIST_FILTERS.items()]
    # One filter each, the summary tables answering in part (a date cutting a month) or
    # not at all (the others): issue 14's budget; and a big donor's country page.
    one_filter = one_filter_queries()
    for label, query in one_filter.items():
        pages += [(f"dashboard: {label}", f"/?{query}", ONE_FILTER_TARGET)]
        pages += [(f"list: {label}", f"/pledges/?{query}", ONE_FILTER_TARGET)]
    pages += [("country: USA", "/countries/USA/", ONE_FILTER_TARGET)]
    # The dashboard fetches these after the page when a filter keeps many records (exact,
    # later): informational.
    for label in ("date cutting a month", "coalition"):
        pages += [(f"articles.json: {label}", f"/pledges/articles.json?{one_filter[label]}", (None, None))]
    pages += [("list: no filter", "/pledges/", (None, None))]
    pages += [("list: sorted by donor name", "/pledges/?sort=donor", LIST_TARGET)]
    pages += [("list: sorted by donor name, page 40", "/pledges/?sort=-donor&page=40", LIST_TARGET)]
    pages += [("pledge detail", f"/pledges/{sample_pledge_id()}/", (None, None))]
    # the list's budget is the goal for these two (issue 12), measured beside the other pages
    pages += [("systems: no filter", "/systems/", LIST_TARGET)]
    pages += [("systems: 2 donors + category", f"/systems/?{LIST_FILTERS['list: 2 donors + category']}", LIST_TARGET)]
    pages += [("api pledges: no filter", "/api/pledges/", LIST_TARGET)]
    pages += [("api pledges: 2 donors + category",
               f"/api/pledges/?{LIST_FILTERS['list: 2 donors + category']}", LIST_TARGET)]
    pages += [("export.csv: 2 donors + category",
               f"/pledges/export.csv?{LIST_FILTERS['list: 2 donors + category']}", (None, None))]

    c, conn = client(), raw_connection()
    header = f"{'page':36} {'queries':>7} {'p50 ms':>9} {'p95 ms':>9} {'raw SQL p50':>12} {'ratio':>6}  target"
    print(header)
    print("-" * len(header))
    for name, url, (max_ms, max_ratio) in pages:
        if args.only and args.only not in name:
            continue
        m = measure(c, conn, url, args.repeat, args.queries)
        ratio = m["p50"] / m["raw_p50"] if m["raw_p50"] else float("inf")
        target = []
        if max_ms is not None:
            target.append(f"p50<={max_ms}ms {verdict(m['p50'] <= max_ms)}")
        if max_ratio is not None:
            target.append(f"ratio<={max_ratio:g} {verdict(ratio <= max_ratio)}")
        print(f"{name:36} {m['queries']:>7} {m['p50']:>9.1f} {m['p95']:>9.1f} {m['raw_p50']:>12.1f} "
              f"{ratio:>6.2f}  {', '.join(target)}", flush=True)
    conn.close()

    if not args.skip_full_export:
        runs = [run_export_child("/pledges/export.csv?review_status=any") for _ in range(args.export_runs)]
        rates = sorted(e["rows"] / e["seconds"] for e in runs)
        rate = statistics.median(rates)
        e = runs[0]
        peak = max(r["peak_rss_mb"] for r in runs)
        print(
            f"\nCSV export of all rows ({e['rows']:,} rows, {e['bytes'] / 1e6:,.0f} MB), "
            f"{len(runs)} runs in fresh processes: "
            f"{', '.join(f'{r:,.0f}' for r in rates)} rows/s; median {rate:,.0f} rows/s "
            f"({verdict(rate >= EXPORT_ROWS_PER_S)} >= {EXPORT_ROWS_PER_S:,}); "
            f"peak RSS {peak:.0f} MB ({verdict(peak < EXPORT_RSS_MB)} < {EXPORT_RSS_MB}; "
            f"{e['rss_before_mb']:.0f} MB before the request)"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
