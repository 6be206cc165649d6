"""Claims stage: amounts and systems of a sentence, conversions dropped, shares marked, clauses."""

from ingest.parser.claims import build_claims, clause_bounds, clause_of, sentence_money
from ingest.parser.systems import find_items
from ingest.parser.text import split_sentences


def claims_of(text, share_of_previous=False):
    [sentence] = split_sentences(text)
    return build_claims(text, sentence, sentence_money(sentence), find_items(text, sentence), share_of_previous)


def test_a_conversion_in_brackets_is_not_a_claim_of_its_own():
    claims = claims_of("Norway will give NOK 1 billion (about $95 million) for air defence.")
    assert [(c.money.amount, c.money.currency) for c in claims] == [(1e9, "NOK")]


def test_a_share_after_a_whole_is_a_component():
    claims = claims_of("Canada pledged C$500 million, including C$100 million for drones.")
    assert [(c.money.amount, c.component) for c in claims if c.money] == [(5e8, False), (1e8, True)]


def test_the_first_amount_of_an_of_this_sum_sentence_is_dropped():
    claims = claims_of("Of this sum, EUR 1.35 billion goes to military needs.", share_of_previous=True)
    assert claims == []


def test_systems_become_claims_after_the_amounts():
    claims = claims_of("Sweden sends SEK 2 billion of aid with 10 Archer howitzers.")
    assert [bool(c.money) for c in claims] == [True, False]
    assert claims[1].item.quantity == 10


def test_a_sentence_without_a_currency_word_has_no_money():
    [sentence] = split_sentences("Spain sends 6 Leopard tanks in 2024.")
    assert sentence_money(sentence) == []


def test_clauses_split_at_while_and_semicolons():
    text = "Latvia gives EUR 1 million, while Estonia gives EUR 2 million; Lithuania waits."
    [sentence] = split_sentences(text)
    bounds = clause_bounds(sentence)
    assert [text[a:b] for a, b in bounds] == [
        "Latvia gives EUR 1 million", " Estonia gives EUR 2 million", " Lithuania waits."]
    assert clause_of(bounds, text.index("Estonia")) == bounds[1]


def test_air_defence_munitions_are_one_air_defence_item():
    from ingest.parser import parse

    text = "Washington, 18 January. The package includes air defense munitions and artillery rounds, the Pentagon said. "
    text = "Washington, 18 January. The United States will send Ukraine $250 million in new military aid. " + text[24:]
    [pledge] = parse(text, "2024-01-18").pledges
    assert [(i.system, i.category) for i in pledge.items][0] == ("air defense munitions", "air_defense")


def test_a_named_system_and_its_cruise_missiles_are_one_item():
    from ingest.parser import parse

    text = "Paris, 12 July. France said it would send SCALP cruise missiles to Ukraine."
    [pledge] = parse(text, "2023-07-12").pledges
    assert [i.system for i in pledge.items] == ["SCALP cruise missiles"]


def test_dozens_and_hundreds_count_only_when_a_number_says_how_many():
    from ingest.parser import parse

    def quantity(words):
        [pledge] = parse(f"Oslo, 3 May. Norway will send {words} M109 howitzers to Ukraine.", "2024-05-03").pledges
        return pledge.items[0].quantity

    assert [quantity(w) for w in ("a dozen", "two dozen", "three hundred", "2 hundred")] == [12, 24, 300, 200]
    assert [quantity(w) for w in ("several hundred", "a few dozen", "hundreds of")] == [None, None, None]
