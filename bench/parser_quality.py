"""Parser quality on every labelled set, with the shared scorer (prints figures).

    .venv/bin/python bench/parser_quality.py

Sets: the seeds (../shared/seeds), our own test articles, the two held-out-style
sets (tuned on since), and the untuned measurement set in bench/parser_eval.
"""

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.parser.scoring import SEEDS, load_gold, predict, score  # noqa: E402

SETS = [
    ("seeds", SEEDS),
    ("own test articles", ROOT / "tests/parser/articles"),
    ("held-out style 1 (tuned on)", ROOT / "tests/parser/heldout"),
    ("held-out style 2 (tuned on)", ROOT / "tests/parser/heldout2"),
    ("untuned measurement set", ROOT / "bench/parser_eval"),
]


def main():
    print(f"{'set':32} {'pledge P':>9} {'R':>6} {'F1':>6} {'category':>9} {'currency':>9} {'meetings F1':>12}")
    for name, folder in SETS:
        if not (folder / "gold.json").exists():
            print(f"{name:32} (missing: {folder})")
            continue
        figures = score(load_gold(folder / "gold.json"), predict(folder))
        p = figures["pledges"]
        print(
            f"{name:32} {p['precision']:9.3f} {p['recall']:6.3f} {p['f1']:6.3f} "
            f"{figures['category']:9.3f} {figures['currency']:9.3f} {figures['meetings']['f1']:12.3f}"
        )


if __name__ == "__main__":
    main()
