"""Mentions stage: donors with their role, officials and whom they speak for, money, systems."""

import dataclasses

import pytest

from ingest.parser.donors import find_mentions
from ingest.parser.money import find_money
from ingest.parser.officials import official_countries, officials_in
from ingest.parser.systems import find_items
from ingest.parser.text import split_sentences


def roles(text):
    return [(m.code, m.kind, m.actor, m.possessive, m.leader) for m in find_mentions(text, 0, len(text))]


def test_a_donor_by_name_demonym_and_acting_capital():
    assert roles("Germany and the Dutch government said Oslo will send more.") == [
        ("DEU", "name", True, False, False), ("NLD", "demonym", True, False, False),
        ("NOR", "capital", True, False, False)]


def test_places_recipients_leaders_and_companies_do_not_pay():
    text = "At talks in Paris, the US-led coalition handed rifles to Moldova, said German arms maker Rheinmetall."
    assert [(code, actor, leader) for code, _, actor, _, leader in roles(text)] == [
        ("FRA", False, False), ("USA", False, True), ("MDA", False, False), ("DEU", False, False)]


def test_every_name_of_a_led_list_leads():
    text = "the German, French and US-led coalition"
    assert [(code, actor, leader) for code, _, actor, _, leader in roles(text)] == [
        ("DEU", False, True), ("FRA", False, True), ("USA", False, True)]


def test_mentions_are_immutable():
    mention = find_mentions("Poland sends tanks.", 0, 19)[0]
    with pytest.raises(dataclasses.FrozenInstanceError):
        mention.actor = False


def test_an_official_is_tied_to_the_country_named_before_the_title_anywhere_in_the_text():
    # The title pattern runs at each country mention, not only at the start of the text.
    text = "The talks were held in Kyiv. Slovak Defence Minister Robert Kalinak arrived on Monday."
    assert official_countries(text) == {"Kalinak": "SVK"}
    text = "In Vilnius, Estonia's Prime Minister Kaarel Tamm spoke."
    assert official_countries(text) == {"Tamm": "EST"}


def test_officials_in_a_sentence_in_order():
    officials = {"Kalinak": "SVK", "Tamm": "EST"}
    assert officials_in("Tamm met Kalinak; Kalinakova did not.", officials) == ["EST", "SVK"]


def test_money_forms():
    found = [(m.amount, m.currency) for m in find_money("€1.5bn, NOK 300 million and half a billion euros")]
    assert found == [(1.5e9, "EUR"), (3e8, "NOK"), (5e8, "EUR")]


def test_systems_with_their_counts_and_full_names():
    text = "Sweden will send 8,000 anti-tank mines and a Patriot system, but not the drone coalition."
    [sentence] = split_sentences(text)
    got = [(i.system, i.quantity, i.category) for _, _, i in find_items(text, sentence)]
    assert ("Patriot system", 1, "air_defense") in got
    assert any(name.endswith("mines") and qty == 8000 for name, qty, _ in got)
    assert not any("coalition" in name for name, _, _ in got)


def test_lower_case_words_between_a_count_and_a_generic_item_are_its_name():
    text = "Finland is sending 24 heavy armoured recovery support vehicles and 6 new tracked bridging vehicles."
    [sentence] = split_sentences(text)
    got = [(i.system, i.quantity, i.category) for _, _, i in find_items(text, sentence)]
    assert got[0] == ("heavy armoured recovery support vehicles", 24, "armor")
    assert got[1][:2] == ("tracked bridging vehicles", 6)  # "new" qualifies the count, not the name
    # without a count, or across "of"/"for", the words before are not part of the name
    text = "Finland wants to buy vehicles and sends 3 million euros for fuel trucks."
    [sentence] = split_sentences(text)
    names = [i.system for _, _, i in find_items(text, sentence)]
    assert all(not name.startswith(("buy", "euros", "for")) for name in names)


def test_a_variant_written_onto_a_system_name_stays_one_item():
    text = "Norway adds 16 AIM-9X missiles, 4 M109A7 howitzers, eight F-16s and cluster munitions."
    [sentence] = split_sentences(text)
    got = [(i.system, i.quantity, i.category) for _, _, i in find_items(text, sentence)]
    assert got[:2] == [("AIM-9X missiles", 16, "air_defense"), ("M109A7 howitzers", 4, "artillery")]
    assert ("F-16", 8, "aircraft") in got  # a plural "s" is no variant
    assert ("cluster munitions", None, "artillery") in got


def test_materiel_naming_an_initiative_is_not_an_item():
    text = "Latvia sent 2,000 155mm shells under the Czech ammunition initiative."
    [sentence] = split_sentences(text)
    assert [i.system for _, _, i in find_items(text, sentence)] == ["155mm shells"]


def test_the_first_of_a_count_is_not_that_count():
    text = "Belgium delivered the first of 30 F-16 jets and the rest of 12 boats, then 4 more boats."
    [sentence] = split_sentences(text)
    got = [(i.system, i.quantity) for _, _, i in find_items(text, sentence)]
    assert got == [("F-16 jets", None), ("boats", None), ("boats", 4)]
