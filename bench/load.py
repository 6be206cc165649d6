"""Load benchmark: concurrent analysts against gunicorn as the README runs it in production.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/aidtracker_bench \\
        .venv/bin/python bench/load.py [--clients 20] [--seconds 120] [--workers 3] [--threads 4]

Starts gunicorn (gunicorn.conf.py: threaded workers; DEBUG off, static files collected) and one Celery worker on
loopback only, then runs `--clients` clients for `--seconds`, each picking requests from
the mix below: the list under three filters and on one of 40 pages, the dashboard unfiltered
and for one of 12 donors (views that vary, so the page cache misses as well as hits), a
filtered CSV and a full CSV
(which, above EXPORT_ASYNC_ROWS rows, answers with an export job's page: its writing goes to
the Celery worker, and the client then polls the job page as a browser would). Prints p50
and p95 per kind of request, the error rate and the peak RSS of the gunicorn processes.
Seed the database first (bench/run.py --pledges N). A benchmark, not a test: it asserts nothing.
"""

from __future__ import annotations

import argparse
import os
import random
import re
import signal
import socket
import statistics
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PYTHON = str(ROOT / ".venv" / "bin" / "python")
MIX = [  # (name, url, weight)
    ("list: 2 donors + category", "/pledges/?donor=DEU&donor=FRA&category=air_defense", 3),
    ("list: kind + year", "/pledges/?kind=delivery&announced_after=2024-01-01&announced_before=2024-12-31", 3),
    ("list: no filter", "/pledges/", 3),
    ("dashboard", "/", 3),
    # Views that vary, so that the page cache misses too: a page of the list, a donor's dashboard.
    ("list: one of 40 pages", "/pledges/?page={page}", 2),
    ("dashboard: one of 12 donors", "/?donor={donor}", 2),
    ("csv: 2 donors + category", "/pledges/export.csv?donor=DEU&donor=FRA&category=air_defense", 1),
    ("csv: everything", "/pledges/export.csv?review_status=any", 1),
]
DONORS = ["USA", "DEU", "GBR", "FRA", "POL", "CAN", "NLD", "DNK", "SWE", "NOR", "ITA", "JPN"]
JOB_PAGE = re.compile(r"/exports/[0-9a-f-]{36}/")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def rss_kb(pids) -> int:
    total = 0
    for pid in pids:
        try:
            for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1])
        except OSError:
            pass
    return total


def children(pid) -> list[int]:
    try:
        out = subprocess.run(["ps", "-o", "pid=", "--ppid", str(pid)], capture_output=True, text=True).stdout
    except OSError:
        return []
    return [int(p) for p in out.split()]


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def fetch(opener, url) -> tuple[int, str, str]:
    """(status, the start of the body or a redirect's Location, X-Page-Cache: hit, miss or "")."""
    try:
        with opener.open(url, timeout=120) as response:
            body = response.read()
            return response.status, body[:4096].decode("utf-8", "replace"), response.headers.get("X-Page-Cache", "")
    except urllib.error.HTTPError as error:  # 302 to a job page arrives here (no redirects followed)
        return error.code, error.headers.get("Location", ""), ""


def client(base, deadline, results, errors, hits, lock, seed, began):
    rng = random.Random(seed)
    opener = urllib.request.build_opener(NoRedirect)
    names, weights = [m[:2] for m in MIX], [m[2] for m in MIX]
    while time.monotonic() < deadline:
        name, path = rng.choices(names, weights)[0]
        path = path.format(page=rng.randint(1, 40), donor=rng.choice(DONORS))
        started = time.perf_counter()
        try:
            status, text, cached = fetch(opener, base + path)
        except OSError:
            status, text, cached = 0, "", ""
        elapsed = (time.perf_counter() - started) * 1000
        with lock:
            results.setdefault(name, []).append((started - began, elapsed))
            hits[name] = hits.get(name, 0) + (cached == "hit")
            if status not in (200, 302):
                errors.append((name, status))
        job = JOB_PAGE.search(text) if status == 302 else None
        while job and time.monotonic() < deadline:  # the browser waits on the job's page
            time.sleep(2)
            status, page, _ = fetch(opener, base + job.group(0))
            if status != 200 or 'data-status="done"' in page or 'data-status="failed"' in page:
                break


def p95(times: list[float]) -> float:
    """The 95th percentile of sorted `times` (nan for none)."""
    return times[min(len(times) - 1, int(0.95 * len(times)))] if times else float("nan")


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--clients", type=int, default=20)
    ap.add_argument("--seconds", type=float, default=120)
    ap.add_argument("--workers", type=int, default=3)
    ap.add_argument("--threads", type=int, default=4, help="threads per worker (gunicorn.conf.py's default)")
    ap.add_argument("--settle", type=float, default=20,
                    help="also give p95 over the requests started after this many seconds (caches warm)")
    ap.add_argument("--no-page-cache", action="store_true", help="compute every page (PAGE_CACHE_SECONDS=0)")
    args = ap.parse_args()
    database = os.environ.get("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/aidtracker_bench")
    port, queue = free_port(), f"bench-load-{os.getpid()}"
    env = {**os.environ, "DATABASE_URL": database, "DEBUG": "0", "AIDTRACKER_ENV_FILE": "",
           "SECRET_KEY": "bench-only-secret-key", "ALLOWED_HOSTS": "127.0.0.1,localhost",
           "STATIC_ROOT": "/tmp/aidtracker-bench-static", "EXPORT_DIR": "/tmp/aidtracker-bench-exports",
           "CELERY_BROKER_URL": os.environ.get("BENCH_BROKER_URL", "redis://127.0.0.1:6379/13"),
           "CELERY_TASK_DEFAULT_QUEUE": queue, "CELERY_BROKER_KEYPREFIX": f"{queue}:", "AXES_ENABLED": "0",
           # the page cache in Redis as docker-compose runs it, under a key prefix of this run alone
           "CACHE_URL": os.environ.get("BENCH_CACHE_URL", "redis://127.0.0.1:6379/12"), "CACHE_KEY_PREFIX": queue,
           "PAGE_CACHE_SECONDS": "0" if args.no_page_cache else os.environ.get("PAGE_CACHE_SECONDS", "600")}
    for step in (["migrate", "--noinput", "-v0"], ["collectstatic", "--noinput", "-v0"]):
        subprocess.run([PYTHON, "manage.py", *step], cwd=ROOT, env=env, check=True)
    web = subprocess.Popen([PYTHON, "-m", "gunicorn", "aidtracker.wsgi", "--bind", f"127.0.0.1:{port}",
                            "--workers", str(args.workers), "--threads", str(args.threads),
                            "--timeout", "300"], cwd=ROOT, env=env,
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    worker = subprocess.Popen([PYTHON, "-m", "celery", "-A", "aidtracker", "worker", "-Q", queue, "--concurrency", "1",
                               "--loglevel", "WARNING"], cwd=ROOT, env=env, stdout=subprocess.DEVNULL,
                              stderr=subprocess.DEVNULL, start_new_session=True)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(200):
            try:
                urllib.request.urlopen(base + "/healthz", timeout=2)
                break
            except OSError:
                time.sleep(0.2)
        results, errors, hits, lock, peak = {}, [], {}, threading.Lock(), 0
        deadline, began = time.monotonic() + args.seconds, time.perf_counter()
        threads = [threading.Thread(target=client, args=(base, deadline, results, errors, hits, lock, n, began),
                                    daemon=True)
                   for n in range(args.clients)]
        for thread in threads:
            thread.start()
        while any(t.is_alive() for t in threads):
            peak = max(peak, rss_kb([web.pid, *children(web.pid)]))
            time.sleep(0.5)
        print(f"{args.clients} clients for {args.seconds:.0f} s against gunicorn ({args.workers} workers x "
              f"{args.threads} threads), "
              f"{database.rsplit('/', 1)[-1]}\n")
        print("page cache " + ("off" if args.no_page_cache else "on (Redis)"))
        late = f"p95 after {args.settle:.0f} s"
        print(f"{'request':30} {'n':>6} {'p50 ms':>9} {'p95 ms':>9} {late:>16} {'cached':>7}")
        total = 0
        for name, *_ in MIX:
            timed = results.get(name, [])
            times = sorted(ms for _, ms in timed)
            total += len(times)
            if times:
                settled = sorted(ms for at, ms in timed if at >= args.settle)
                print(f"{name:30} {len(times):6d} {statistics.median(times):9.1f} {p95(times):9.1f}"
                      f" {p95(settled):16.1f} {100 * hits.get(name, 0) / len(times):6.0f}%")
        pages = [(at, ms) for name, timed in results.items() if not name.startswith("csv") for at, ms in timed]
        windows = range(0, int(args.seconds), 20)
        print("\nlists and dashboards, p95 ms by 20 s window: " + ", ".join(
            f"{w}-{w + 20} s: {p95(sorted(ms for at, ms in pages if w <= at < w + 20)):.0f}" for w in windows))
        print(f"\nerrors: {len(errors)} of {total} ({100 * len(errors) / max(total, 1):.2f} %)"
              + (f", e.g. {errors[:3]}" if errors else ""))
        print(f"gunicorn peak RSS: {peak / 1024:.0f} MB")
    finally:
        for process in (web, worker):
            try:
                os.killpg(process.pid, signal.SIGTERM)
                process.wait(timeout=20)
            except (ProcessLookupError, subprocess.TimeoutExpired):
                pass
    return 0


if __name__ == "__main__":
    sys.exit(main())
