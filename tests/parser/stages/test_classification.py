"""Classification stage: kind, category, and what voids a claim."""

from ingest.parser import parse
from ingest.parser.claims import build_claims, clause_bounds, sentence_money
from ingest.parser.classification import aid_for_others, category, cumulative_cue, is_negative, kind, void_claims
from ingest.parser.result import Item
from ingest.parser.systems import find_items
from ingest.parser.text import split_sentences


def test_kinds():
    assert kind("Norway has handed over two NASAMS.", 20, False) == "delivery"
    assert kind("Norway will hand over two NASAMS.", 20, False) == "pledge"
    assert kind("Norway has provided EUR 3 billion so far.", 20, True) == "cumulative"
    # the nearest cue before the claim decides
    assert kind("He arrived in Kyiv and said Berlin will send two IRIS-T.", 40, False) == "pledge"


def test_a_superlative_is_no_running_total():
    assert cumulative_cue("the largest package so far") is None
    assert cumulative_cue("aid to date") is not None


def test_category_from_systems_then_from_cue_words():
    assert category([Item("Patriot", 1, "air_defense")], "") == "air_defense"
    assert category([Item("Patriot", 1, "air_defense"), Item("Leopard 2", 8, "armor")], "") == "general"
    assert category([], "EUR 100 million for demining equipment") == "demining"
    assert category([], "EUR 100 million in military aid") == "general"


def claims_after_voiding(text):
    [sentence] = split_sentences(text)
    claims = build_claims(text, sentence, sentence_money(sentence), find_items(text, sentence), False)
    return [c.item.system for c in void_claims(claims, sentence, clause_bounds(sentence)) if c.item]


def test_a_refusal_voids_its_clause_only():
    text = "Germany refused to send Taurus missiles, but will deliver two IRIS-T systems."
    assert is_negative(text)
    assert claims_after_voiding(text) == ["IRIS-T systems"]


def test_a_need_voids_what_follows_it():
    assert claims_after_voiding("Ukraine still needs more Patriot systems.") == []


def test_aid_for_another_country_or_own_defence_is_no_pledge_to_ukraine():
    assert aid_for_others("", "Poland will buy 96 Apache helicopters for its own army.", (), "")
    text = "France will send EUR 10 million to Moldova."
    from ingest.parser.donors import find_mentions
    assert aid_for_others(text, text, find_mentions(text, 0, len(text)), "")


def test_conditions_and_hypotheticals_make_no_pledge():
    assert parse("Spain could send Leopard tanks if the cabinet agrees.", "2024-05-01").pledges == []
    assert parse("Italy is considering sending a SAMP/T battery.", "2024-05-01").pledges == []


def test_a_lone_amount_takes_its_purpose_from_the_sentence_after():
    said = "Oslo, 3 March. Norway will transfer NOK 2 billion to Ukraine next month, Prime Minister Jonas Gahr Store said."
    military = said + "\n\nThe money will be spent on weapons for the Ukrainian army, he added."
    [pledge] = parse(military, "2024-03-03").pledges
    assert (pledge.donor, pledge.amount, pledge.currency) == ("NOR", 2e9, "NOK")
    # without a stated purpose the amount may be any aid; a civil purpose keeps it out
    assert parse(said, "2024-03-03").pledges == []
    civil = said + "\n\nThe money will be spent on weapons and on rebuilding schools and hospitals, he added."
    assert parse(civil, "2024-03-03").pledges == []
    # the next sentence must take the money up, not merely mention arms
    unrelated = said + "\n\nThe talks will be about weapons for the Ukrainian army, he added."
    assert parse(unrelated, "2024-03-03").pledges == []


def test_a_part_from_a_named_payer_is_that_payers_pledge_not_the_joint_whole():
    text = ("Stockholm, 3 March. Sweden announced a new military aid package for Ukraine on Monday. "
            "The package, worth EUR 600 million, includes EUR 400 million from Sweden, with further "
            "funding provided by Denmark.")
    amounts = [(p.donor, p.amount) for p in parse(text, "2024-03-03").pledges if p.amount]
    assert amounts == [("SWE", 4e8)]
    # a part named without its payer is only an example: the whole stays the donor's
    text = text.replace("from Sweden, with further funding provided by Denmark", "for air defence")
    amounts = [(p.donor, p.amount) for p in parse(text, "2024-03-03").pledges if p.amount]
    assert amounts == [("SWE", 6e8)]


def test_attacks_to_defend_against_are_the_threat_not_materiel():
    text = "Denmark will add DKK 500 million to help Ukraine defend itself against Russian missile and drone attacks."
    [sentence] = split_sentences(text)
    assert [item.system for _, _, item in find_items(text, sentence)] == []
    assert category([], text) == "air_defense"
    # drones given are still drones
    assert category([], "Denmark will add DKK 500 million for drones for the Ukrainian army.") == "drones"
    assert category([], "DKK 500 million to shield cities from drone strikes and to buy drones") == "drones"


def test_the_amount_a_bringing_clause_ends_on_is_a_running_total():
    text = ("Berlin, 14 June. Germany will supply Ukraine with another IRIS-T SLM system, the chancellor said, "
            "bringing the total German military aid this year to EUR 7 billion.")
    found = sorted((p.kind, p.amount, [i.system for i in p.items]) for p in parse(text, "2024-06-14").pledges)
    assert found == [("cumulative", 7e9, []), ("pledge", None, ["IRIS-T SLM system"])]


def test_pressure_on_another_country_and_refilling_own_stocks_are_no_pledges():
    for text in (
        "Berlin, 14 June. The visit came after weeks of pressure from Kyiv on Berlin to supply Taurus cruise missiles.",
        "Berlin, 14 June. Kyiv has pressed Germany for months to send Taurus cruise missiles.",
        "Amsterdam, 14 June. The Netherlands will replenish its own stocks of Leopard 2 tanks next year.",
    ):
        assert parse(text, "2024-06-14").pledges == [], text
    # the same words of a donor's own decision are one
    [pledge] = parse("Berlin, 14 June. Germany will supply Taurus cruise missiles to Ukraine.", "2024-06-14").pledges
    assert pledge.donor == "DEU"


def test_money_said_not_to_go_to_weapons_is_no_military_pledge():
    for text in ("Tokyo, 5 March. Japan will provide USD 4.5 billion to Ukraine, but none of it will be spent on weapons.",
                 "Tokyo, 5 March. Japan will provide USD 4.5 billion to Ukraine; the money will not be used for weapons."):
        assert parse(text, "2025-03-05").pledges == [], text
    [pledge] = parse("Tokyo, 5 March. Japan will provide USD 4.5 billion to Ukraine for weapons.", "2025-03-05").pledges
    assert (pledge.donor, pledge.amount) == ("JPN", 4.5e9)


def test_a_share_from_the_donors_own_instrument_leaves_the_whole_the_donors():
    text = ("Brussels, 12 February. The EU has so far provided EUR 50 billion in military support, "
            "including EUR 11 billion from the European Peace Facility.")
    assert [(p.donor, p.kind, p.amount) for p in parse(text, "2025-02-12").pledges] == [("EU", "cumulative", 5e10)]


def test_a_count_of_packages_since_a_date_is_no_running_total():
    text = ("Washington, 2 October. The Pentagon announced a new $250 million package for Ukraine, the 57th "
            "drawdown since August 2021, which includes AIM-9M missiles and 155mm artillery rounds.")
    [pledge] = parse(text, "2023-10-02").pledges
    assert (pledge.donor, pledge.kind, pledge.amount) == ("USA", "pledge", 2.5e8)


def test_a_media_report_citing_sources_and_a_swap_refilling_another_country_are_no_pledges():
    report = ("Athens, 2 October. Greece will hand over BMP-1 infantry fighting vehicles to Ukraine, "
              "a newspaper reported, citing sources.")
    swap = "Berlin, 2 October. Under the ring exchange, Germany will supply Greece with 40 Marder infantry fighting vehicles."
    for text in (report, swap):
        assert parse(text, "2023-10-02").pledges == [], text
    direct = "Berlin, 2 October. Germany will supply Ukraine with 40 Marder infantry fighting vehicles."
    assert [(p.donor, p.items[0].quantity) for p in parse(direct, "2023-10-02").pledges] == [("DEU", 40)]


def test_an_amount_a_donor_is_hitting_or_reaching_is_a_running_total():
    for verb in ("is hitting", "is reaching", "hits"):
        text = f"London, 3 May. The UK {verb} GBP 3 billion of military support this year, the minister said."
        assert [(p.kind, p.amount) for p in parse(text, "2024-05-03").pledges] == [("cumulative", 3e9)], verb


def test_the_value_of_a_countrys_aid_as_a_whole_is_a_running_total():
    for sentence in ("Prague estimates the value of its military aid at roughly 1.1 billion euros.",
                     "Czechia's military aid to Ukraine is valued at 1.1 billion euros."):
        [pledge] = parse("Prague, 2 May. " + sentence, "2024-05-02").pledges
        assert (pledge.donor, pledge.kind, pledge.amount) == ("CZE", "cumulative", 1.1e9), sentence
    # one package's value is that package
    [pledge] = parse("Prague, 2 May. Czechia's new military aid package is valued at 40 million euros.",
                     "2024-05-02").pledges
    assert pledge.kind == "pledge"
