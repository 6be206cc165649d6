"""Quality on the second held-out set (tests/parser/heldout2): articles that arrived after
the parser was written, scored untouched at pledge F1 0.800 and kept as a regression set."""

from pathlib import Path

import pytest

from .scoring import SHARED, load_gold, predict, score

HELDOUT2 = Path(__file__).parent / "heldout2"

pytestmark = pytest.mark.skipif(
    not (SHARED / "tools" / "score_extraction.py").exists(), reason="../shared/tools not present"
)


@pytest.fixture(scope="module")
def figures():
    return score(load_gold(HELDOUT2 / "gold.json"), predict(HELDOUT2))


def test_every_article_has_gold():
    files = {p.name for p in HELDOUT2.glob("*.txt")}
    assert files == {k for k in load_gold(HELDOUT2 / "gold.json") if not k.startswith("_")}


def test_heldout2_pledge_f1(figures):
    assert figures["pledges"]["f1"] >= 0.90, figures["pledges"]


def test_heldout2_currency_and_category(figures):
    assert figures["currency"] >= 0.95
    assert figures["category"] >= 0.80
