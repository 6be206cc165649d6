"""Quality on the five real seed articles, scored by the shared scorer."""

import pytest

from .scoring import SEEDS, load_gold, predict, score



@pytest.fixture(scope="module")
def figures():
    return score(load_gold(SEEDS / "gold.json"), predict(SEEDS))


def test_seed_pledge_f1(figures):
    assert figures["pledges"]["f1"] >= 0.95, figures["pledges"]


def test_seed_category_and_currency_accuracy(figures):
    assert figures["category"] >= 0.95
    assert figures["currency"] >= 0.95


def test_seed_every_coalition_found(figures):
    assert figures["coalitions"]["recall"] == 1.0


def test_seed_every_matchable_meeting_found(figures):
    # A gold meeting with neither number nor date cannot match anything under the
    # scorer's rule (name + number, or name + date); every other one must be found.
    missed = [(name, m) for name, m in figures["unmatched_meetings"]
              if m.get("number") is not None or m.get("date") is not None]
    assert missed == []


def test_seed_published_dates_and_titles():
    gold = load_gold(SEEDS / "gold.json")
    predicted = predict(SEEDS)
    for name, g in gold.items():
        if name.startswith("_"):
            continue
        assert predicted[name]["published"] == g["published"], name
        assert predicted[name]["title"] == g["title"], name
