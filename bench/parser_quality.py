"""Parser quality on every labelled set, with the shared scorer (prints figures).

    .venv/bin/python bench/parser_quality.py

The real-news corpus (../shared/corpus, 32 articles from 30 outlets) first: it
is the measure. Then the seeds, our own articles, the two sets labelled by
others that the parser was tuned on (tuned_a, tuned_b), and bench/parser_eval.
Per set: pledge precision, recall and F1, meetings and coalitions F1, and on
matched pledges the share with the right category, currency and kind, and the
item recall. The floors the tests hold are in tests/parser/test_quality_gates.py.
"""

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.parser.scoring import CORPUS, OWN_ARTICLES, SEEDS, TUNED_A, TUNED_B, load_gold, predict, score  # noqa: E402

SETS = [
    ("corpus (real news)", CORPUS / "gold.json", CORPUS / "articles"),
    ("seeds", SEEDS / "gold.json", SEEDS),
    ("own articles", OWN_ARTICLES / "gold.json", OWN_ARTICLES),
    ("tuned a (others' labels)", TUNED_A / "gold.json", TUNED_A),
    ("tuned b (others' labels)", TUNED_B / "gold.json", TUNED_B),
    ("bench/parser_eval", ROOT / "bench/parser_eval/gold.json", ROOT / "bench/parser_eval"),
]
COLUMNS = ("pledge P", "R", "F1", "meet F1", "coal F1", "category", "currency", "kind", "items")


def main():
    print(f"{'set':26} " + " ".join(f"{c:>8}" for c in COLUMNS))
    for name, gold, articles in SETS:
        if not gold.exists():
            print(f"{name:26} (missing: {gold})")
            continue
        f = score(load_gold(gold), predict(articles))
        p = f["pledges"]
        values = (p["precision"], p["recall"], p["f1"], f["meetings"]["f1"], f["coalitions"]["f1"],
                  f["category"], f["currency"], f["kind"], f["items"])
        print(f"{name:26} " + " ".join(f"{v:8.3f}" for v in values))


if __name__ == "__main__":
    main()
