"""Parser throughput: articles per second on one core, for 2-3 KB news articles.

    .venv/bin/python bench/parser.py [--seconds 5]

Uses the seed articles (../shared/seeds), the project's own test articles and
the real-news corpus (../shared/corpus), each padded with its own paragraphs
to 2-3 KB when shorter. Prints articles/s
and MB/s. A benchmark, not a test: it asserts nothing.
"""

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from ingest.parser import parse, read_document  # noqa: E402


FOLDERS = [ROOT.parent / "shared" / "seeds", ROOT / "tests" / "parser" / "articles",
           ROOT.parent / "shared" / "corpus" / "articles"]


def corpus(folders=FOLDERS) -> list[tuple[str, object]]:
    docs = []
    for folder in folders:
        for path in sorted(folder.glob("*.txt")):
            doc = read_document(path.read_bytes(), path.name)
            text = doc.text
            while len(text.encode()) < 2000:
                text = text + "\n\n" + doc.text
            docs.append((text, doc.published))
    return docs


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--seconds", type=float, default=5.0)
    args = ap.parse_args()
    for label, folders in (("seeds", FOLDERS[:1]), ("own test articles", FOLDERS[1:2]),
                           ("real-news corpus", FOLDERS[2:]), ("all", FOLDERS)):
        print(f"-- {label}")
        run(corpus(folders), args.seconds)


def run(docs, seconds: float) -> None:
    for text, published in docs:  # warm up: regex compilation, imports
        parse(text, published)
    count = size = 0
    cpu_started = time.process_time()
    started = time.perf_counter()
    while time.perf_counter() - started < seconds:
        for text, published in docs:
            parse(text, published)
            count += 1
            size += len(text.encode())
    elapsed = time.perf_counter() - started
    cpu = time.process_time() - cpu_started
    print(f"{len(docs)} articles, mean {size / count / 1000:.1f} KB, {count} parses")
    print(f"{count / elapsed:.0f} articles/s wall clock, {size / elapsed / 1e6:.2f} MB/s on one core")
    # CPU time is what the parser costs; wall clock also counts waiting for a busy core.
    print(f"{count / cpu:.0f} articles/s of CPU time")


if __name__ == "__main__":
    main()
