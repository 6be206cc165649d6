"""parse() copes with any input without hiding errors: fuzzed with hypothesis, odd Unicode,
binary-looking text and bytes, 20 MB; every result stays within its vocabularies.

parse() has no catch-all: an exception here is a bug in a rule, which is what these find."""

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ingest.parser import PARSER_VERSION, parse
from ingest.parser.lexicon import COUNTRY_ALIASES, NON_DONORS
from ingest.parser.vocabulary import CATEGORY_VALUES, COALITIONS, KIND_VALUES, MEETING_FORMATS

MEETING_NAMES = {name for _, name in MEETING_FORMATS}

DONORS = {a.code for a in COUNTRY_ALIASES.values()} - NON_DONORS
AID_WORDS = [
    "Germany", "will", "provide", "Ukraine", "with", "€500 million", "$1.4bn", "NOK 1 billion", "Patriot",
    "IRIS-T", "10", "Leopard 2A4", "tanks", "to date", "handed over", "Russia", "the", ".", ",", "\n",
    "coalition", "IT coalition", "led by", "Estonia", "17th meeting of the Ukraine Defense Contact Group",
    "on November 22", "yesterday's", "visit", "kroner", "£", "one hundred million", "British", "Berlin",
]


def check_valid(result):
    for p in result.pledges:
        assert p.donor in DONORS, p.donor
        assert p.kind in KIND_VALUES
        assert p.category in CATEGORY_VALUES
        assert (p.amount is None) == (p.currency is None)
        assert p.coalition is None or p.coalition in COALITIONS
        for item in p.items:
            assert item.category in CATEGORY_VALUES
            assert item.quantity is None or item.quantity > 0
    for m in result.meetings:
        assert m.name in MEETING_NAMES
    for c in result.coalitions:
        assert c.name in COALITIONS and c.area in CATEGORY_VALUES
    result.to_dict()


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text())
def test_parse_never_raises_on_any_text(text):
    check_valid(parse(text))


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(AID_WORDS), max_size=60).map(" ".join))
def test_parse_aid_like_word_salad_is_valid(text):
    check_valid(parse(text, "2024-01-10"))


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(AID_WORDS + [
    "includes:", "\n- ", "jointly", "each", "so far", "worth", "Denmark", "and", "€1 billion", "in total",
    "Lithuania's", ", which", "together with", "including", "of which", "The package", "It", "also",
    "The government", "taking", "frame of", "through NATO", "Tokyo", "(about $164 million)", "C$40 million",
    "Read also:", "delivered:", "- 1 IRIS-T SLM", "the first package", "own stocks", "on the sidelines of the meeting",
]), max_size=80).map(" ".join))
def test_rules_do_not_fail_internally(text):
    check_valid(parse(text, "2024-01-10"))


# Letters and marks from scripts news text mixes in (Cyrillic, accents, CJK), quotes and dashes,
# zero-width and right-to-left controls, combining marks, and characters whose lower case is longer.
ODD_UNICODE = st.text(alphabet=st.sampled_from(
    list("Україна ЗСУ €£$¥₴ “”‘’«»„—–-…\u200b\u200e\u202e\u00a0\u202f\ufeff\u0301İẞﬁ") + ["\U0001f1fa"]), max_size=30)


@settings(max_examples=300, deadline=None)
@given(st.lists(ODD_UNICODE | st.sampled_from(AID_WORDS), max_size=40).map(" ".join))
def test_odd_unicode_mixed_into_aid_text(text):
    check_valid(parse(text, "2024-01-10"))


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=4000))
def test_any_bytes(data):
    check_valid(parse(data))


def test_empty_and_blank_input_give_empty_result():
    for text in ("", "   \n\t ", None):
        result = parse(text)
        assert result.pledges == [] and result.meetings == [] and result.coalitions == []


def test_binary_looking_input_gives_empty_result():
    junk = "".join(chr(i % 32) for i in range(5000))
    assert parse(junk).to_dict()["pledges"] == []
    assert parse(b"\x00\x01\x02\xff" * 1000).pledges == []


def test_twenty_megabytes_of_text_finish():
    paragraph = (
        "Germany will provide Ukraine with 10 Leopard 2A4 tanks and €500 million in military aid. "
        "Ukraine needs more air defence, the minister said. "
    )
    text = paragraph * (20_000_000 // len(paragraph))
    result = parse(text, "2024-05-01")
    assert result.pledges, "a huge article still yields its pledges"


def test_one_huge_line_without_punctuation_finishes():
    result = parse("Patriot " * 2_000_000)
    assert result.pledges == []


def test_the_version_names_the_release_and_the_rules(tmp_path):
    import re
    import shutil
    from pathlib import Path

    from ingest.parser import RULES_RELEASE, rules_digest

    assert re.fullmatch(rf"{re.escape(RULES_RELEASE)}\+[0-9a-f]{{10}}", PARSER_VERSION)
    # a changed rule or data file changes the digest; a compiled cache does not
    copy = tmp_path / "parser"
    shutil.copytree(Path(rules_digest.__code__.co_filename).parent, copy,
                    ignore=shutil.ignore_patterns("__pycache__"))
    before = rules_digest(copy)
    (copy / "__pycache__").mkdir()
    (copy / "__pycache__" / "x.pyc").write_bytes(b"compiled")
    assert rules_digest(copy) == before
    with open(copy / "data" / "systems.tsv", "a") as data:
        data.write("Example launcher\tartillery\n")
    assert rules_digest(copy) != before


def test_many_quotes_on_one_huge_line_finish():
    # every quotation is looked up by bisection and read within bounded windows: linear
    result = parse('"We will send tanks to Kyiv," the Dutch minister said. ' * 40_000, "2024-05-01")
    assert result.pledges


def test_unclosed_and_stray_quote_marks_finish():
    text = ('“We will send ' + "x" * 5000 + " ") * 200 + '"' * 10_000
    check_valid(parse(text, "2024-05-01"))


def test_a_huge_bulleted_list_finishes_and_keeps_a_readable_evidence():
    text = "Germany will provide a new package worth EUR 100 million. The package includes:\n" + "- 2 IRIS-T systems\n" * 30_000
    [pledge] = parse(text, "2024-05-01").pledges
    assert pledge.items and len(pledge.evidence) < 5000
