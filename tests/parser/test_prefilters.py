"""The literal prefilters of the cue patterns (ingest/parser/fastre.py) only skip scans
that could not match: every pattern gives the same result with and without them."""

import re

import pytest

from ingest.parser import cues
from ingest.parser.fastre import FastPattern, LowerPattern, required_literals
from ingest.parser.text import split_sentences

from .scoring import OWN_ARTICLES, SEEDS


def _sentences():
    out = []
    for folder in (OWN_ARTICLES, SEEDS):
        for path in sorted(folder.glob("*.txt")):
            out += [s.text for s in split_sentences(path.read_text(encoding="utf-8"))]
    return out


def _patterns():
    """Every prefiltered cue pattern, also those inside the lists of (name, pattern) pairs."""
    for name, value in vars(cues).items():
        if isinstance(value, (LowerPattern, FastPattern)):
            yield name, value
        elif isinstance(value, (list, tuple)):
            for entry in value:
                if isinstance(entry, tuple) and isinstance(entry[-1], (LowerPattern, FastPattern)):
                    yield f"{name}[{entry[0]}]", entry[-1]


@pytest.mark.parametrize("pattern, literals", [
    (r"\b(?:to\s+date|so\s+far)\b", ("date", "far")),
    (r"a(?:bc|de)f", ("bc", "de")),
    (r"\bmay\b|\bif\b", ("if", "may")),
    (r"x+|yy", None),  # "x" alone is too short to be worth a test
    (r"[a-z]+", None),
    (r"ab(?i:cd)", ("ab",)),
])
def test_required_literals(pattern, literals):
    assert required_literals(pattern) == literals


def test_prefilters_never_change_a_result():
    sentences = _sentences()
    assert len(sentences) > 200
    checked = 0
    for name, pattern in _patterns():
        if not pattern.hints:
            continue
        for text in sentences:
            subject = text.lower() if isinstance(pattern, LowerPattern) else text
            want = pattern.rx.search(subject)
            got = pattern.search(text)
            assert (want and want.span()) == (got and got.span()), (name, text)
            assert [m.span() for m in pattern.rx.finditer(subject)] == [m.span() for m in pattern.finditer(text)], name
        checked += 1
    assert checked >= 40


def test_case_sensitive_prefilter_keeps_case():
    pattern = FastPattern(r"\bMay\b")
    assert pattern.search("in May 2024") and not pattern.search("it may come")
    assert re.search(r"\bMay\b", "in May") is not None
