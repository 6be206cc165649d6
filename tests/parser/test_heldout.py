"""Quality on articles the parser's author did not write (tests/parser/heldout):
the stand-in for the real held-out evaluation, whose target is pledge F1 >= 0.90."""

from pathlib import Path

import pytest

from .scoring import SHARED, load_gold, predict, score

HELDOUT = Path(__file__).parent / "heldout"

pytestmark = pytest.mark.skipif(
    not (SHARED / "tools" / "score_extraction.py").exists(), reason="../shared/tools not present"
)


@pytest.fixture(scope="module")
def figures():
    return score(load_gold(HELDOUT / "gold.json"), predict(HELDOUT))


def test_heldout_pledge_f1(figures):
    assert figures["pledges"]["f1"] >= 0.80, figures["pledges"]


def test_heldout_currency_and_category(figures):
    assert figures["currency"] >= 0.95
    assert figures["category"] >= 0.80
