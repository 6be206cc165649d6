"""The shared scorer (../shared/tools/score_extraction.py), used as a library.

Its matching functions are the evaluation's own; this module only adds up the
figures the tests assert on.
"""

import importlib.util
import json
from pathlib import Path

from ingest.management.commands.parse_articles import article_dict
from ingest.parser import parse, read_document

REPO = Path(__file__).resolve().parents[2]
SHARED = REPO.parent / "shared"
SEEDS = SHARED / "seeds"
CORPUS = SHARED / "corpus"
OWN_ARTICLES = Path(__file__).parent / "articles"
# Labelled by someone else, then tuned on: no longer a measure of unseen text.
TUNED_A = Path(__file__).parent / "tuned_a"
TUNED_B = Path(__file__).parent / "tuned_b"


def load_scorer():
    path = SHARED / "tools" / "score_extraction.py"
    spec = importlib.util.spec_from_file_location("score_extraction", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def predict(folder: Path) -> dict:
    out = {}
    for path in sorted(folder.glob("*.txt")):
        doc = read_document(path.read_bytes(), path.name)
        result = parse(doc.text, doc.published)
        out[path.name] = article_dict(result)
    return out


def score(gold: dict, predicted: dict) -> dict:
    sc = load_scorer()
    totals = {k: [0, 0, 0] for k in ("pledges", "meetings", "coalitions")}
    matched = []
    unmatched_meetings = []
    for name, g in gold.items():
        if name.startswith("_"):
            continue
        p = predicted.get(name) or {}
        for key, same in (("pledges", sc.pledges_match), ("meetings", sc.meetings_match),
                          ("coalitions", sc.coalitions_match)):
            gl, pl = g.get(key) or [], p.get(key) or []
            pairs = sc.match(gl, pl, same)
            totals[key][0] += len(pairs)
            totals[key][1] += len(gl)
            totals[key][2] += len(pl)
            if key == "pledges":
                matched += pairs
            if key == "meetings":
                hit = {id(x) for x, _ in pairs}
                unmatched_meetings += [(name, m) for m in gl if id(m) not in hit]
    n = len(matched) or 1
    figures = {key: dict(zip(("precision", "recall", "f1"), sc.prf(*t))) for key, t in totals.items()}
    figures["category"] = sum(g.get("category") == p.get("category") for g, p in matched) / n
    figures["currency"] = sum(g.get("currency") == p.get("currency") for g, p in matched) / n
    figures["kind"] = sum(g.get("kind") == p.get("kind") for g, p in matched) / n
    hit = wanted = 0
    for g, p in matched:
        names, got = sc.item_names(g), sc.item_names(p)
        wanted += len(names)
        hit += sum(1 for x in names if any(x in y or y in x for y in got if y))
    figures["items"] = hit / (wanted or 1)
    figures["unmatched_meetings"] = unmatched_meetings
    return figures


def load_gold(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))
