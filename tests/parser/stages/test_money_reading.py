"""Mentions stage, money: amounts read in every way news writes them, checked against a reference
implementation written here (hypothesis generates the numbers and the ways of writing them)."""

from hypothesis import given, settings
from hypothesis import strategies as st

from ingest.parser.money import find_money

ONES = "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen " \
       "sixteen seventeen eighteen nineteen".split()
TENS = "_ _ twenty thirty forty fifty sixty seventy eighty ninety".split()


def spell(n: int, hyphen: bool = True, and_word: bool = True) -> str:
    """The reference: 1..999 in English words ("one hundred and fifty", "twenty-five")."""
    assert 0 < n < 1000
    parts = []
    if n >= 100:
        parts.append(f"{ONES[n // 100]} hundred")
        n %= 100
        if n:
            parts.append("and" if and_word else "")
    if n >= 20:
        tens, ones = divmod(n, 10)
        parts.append(TENS[tens] + (("-" if hyphen else " ") + ONES[ones] if ones else ""))
    elif n:
        parts.append(ONES[n])
    return " ".join(p for p in parts if p)


def group(n: int, separator: str) -> str:
    """The reference: digits in groups of three ("1,250,000", "1.250.000", "1 250 000")."""
    digits = str(n)
    head = len(digits) % 3 or 3
    return separator.join([digits[:head]] + [digits[i:i + 3] for i in range(head, len(digits), 3)])


def read(text):
    found = find_money(text)
    assert found, text
    return found[0].amount, found[0].currency


@settings(max_examples=300, deadline=None)
@given(st.integers(1, 999), st.sampled_from([("million", 1e6), ("billion", 1e9)]),
       st.booleans(), st.booleans(), st.sampled_from([("euros", "EUR"), ("US dollars", "USD"), ("pounds", "GBP")]))
def test_word_numbers(n, scale, hyphen, and_word, currency):
    word, factor = scale
    text = f"will give {spell(n, hyphen, and_word)} {word} {currency[0]} to Ukraine"
    assert read(text) == (n * factor, currency[1])


@settings(max_examples=200, deadline=None)
@given(st.integers(1, 99), st.sampled_from(["a half", "a quarter"]))
def test_and_a_half_or_quarter(n, fraction):
    text = f"{spell(n)} and {fraction} billion euros"
    assert read(text) == (round((n + (0.5 if fraction == "a half" else 0.25)) * 1e9, 2), "EUR")


@settings(max_examples=200, deadline=None)
@given(st.integers(1, 19), st.integers(1, 9))
def test_point_decimals_in_words(whole, tenth):
    assert read(f"{ONES[whole]} point {ONES[tenth]} billion euros") == (round((whole + tenth / 10) * 1e9, 2), "EUR")


@settings(max_examples=300, deadline=None)
@given(st.integers(1000, 999_999_999), st.sampled_from([",", ".", " "]), st.booleans())
def test_grouped_thousands(n, separator, prefix):
    written = group(n, separator)
    text = f"EUR {written} for drones" if prefix else f"{written} euros for drones"
    assert read(text) == (n, "EUR")


@settings(max_examples=300, deadline=None)
@given(st.integers(1, 999), st.integers(0, 9), st.sampled_from([(" billion", 1e9), ("bn", 1e9), (" million", 1e6), ("m", 1e6)]),
       st.sampled_from([".", ","]))
def test_decimals_with_a_scale(whole, tenth, scale, mark):
    text = f"€{whole}{mark}{tenth}{scale[0]} in aid"
    assert read(text) == (round((whole + tenth / 10) * scale[1], 2), "EUR")


def test_fractions_of_a_billion():
    assert read("three-quarters of a billion euros") == (7.5e8, "EUR")
    assert read("half a billion dollars") == (5e8, "USD")
    assert read("a quarter of a billion pounds") == (2.5e8, "GBP")


def test_conversions_and_bracketed_currencies():
    assert [(m.amount, m.currency) for m in find_money("a 200-million-euro ($217-million) fund")] == [
        (2e8, "EUR"), (2.17e8, "USD")]
    assert read("$245 million [Australian dollars] for tanks") == (2.45e8, "AUD")
    assert read("C$33 million (US$24.5 million)") == (3.3e7, "CAD")
