"""Consolidation stage: contents go to their package, allocations from an envelope stay apart,
and a pledge told several times is one record."""

from ingest.parser import parse
from ingest.parser.consolidation import merge_duplicates
from ingest.parser.result import Item, Pledge


def pledges(text):
    return [(p.donor, p.kind, p.amount, sorted(i.system for i in p.items)) for p in parse(text, "2024-05-01").pledges]


def test_a_bulleted_list_belongs_to_the_package_before_it():
    text = ("The Netherlands will send a new EUR 150 million package. The package includes:\n"
            "- 10 PzH 2000 howitzers\n- two Patriot launchers\n")
    [(donor, _, amount, items)] = pledges(text)
    assert (donor, amount) == ("NLD", 1.5e8) and len(items) == 2


def test_a_model_told_again_with_its_count_in_a_quote_is_one_item():
    text = ("Rome, 1 May. Italy will send 12 M109 self-propelled howitzers and EUR 40 million in ammunition. "
            "\"The package includes 12 M109s and shells for them,\" the Italian defence minister said.")
    [(donor, _, amount, items)] = pledges(text)
    assert donor == "ITA" and sum(1 for name in items if name.startswith("M109")) == 1


def test_an_amount_for_these_systems_is_the_amount_of_the_systems_just_pledged():
    text = ("Oslo, 1 May. Norway will give Ukraine four more NASAMS launchers. "
            "\"We are setting aside NOK 3 billion to pay for these launchers and their missiles,\" the Norwegian "
            "defence minister said. The ministry added that the package also includes 50 missiles.")
    [(donor, kind, amount, items)] = pledges(text)
    assert (donor, kind, amount) == ("NOR", "pledge", 3e9)
    [found] = parse(text, "2024-05-01").pledges
    assert ("missiles", 50) in [(i.system, i.quantity) for i in found.items]


def test_a_describing_sentence_adds_its_systems_to_the_pledge_just_read():
    text = "Canada will provide C$500 million in military aid. It includes eight armoured vehicles."
    [(donor, _, amount, items)] = pledges(text)
    assert (donor, amount) == ("CAN", 5e8) and items


def test_an_allocation_from_an_envelope_is_its_own_pledge():
    text = ("Germany set aside EUR 7 billion for Ukraine's defence this year. "
            "The first package under the new framework, worth EUR 80 million, includes mine-clearing vehicles.")
    assert [amount for _, _, amount, _ in pledges(text)] == [7e9, 8e7]


def test_the_same_pledge_told_twice_is_one_record():
    first = Pledge("DNK", "pledge", 1e9, "DKK", "general", evidence="Denmark pledges DKK 1 billion.")
    again = Pledge("DNK", "pledge", 1e9, "DKK", "general", items=[Item("F-16", 6, "aircraft")],
                   evidence="The DKK 1 billion package includes six F-16s.")
    [(kept, index)] = merge_duplicates([(first, 0), (again, 3)])
    assert kept is first and index == 0 and [i.system for i in kept.items] == ["F-16"]


def test_different_counts_of_the_same_system_are_two_events():
    a = Pledge("NOR", "delivery", None, None, "air_defense", items=[Item("NASAMS", 2, "air_defense")])
    b = Pledge("NOR", "delivery", None, None, "air_defense", items=[Item("NASAMS", 4, "air_defense")])
    assert len(merge_duplicates([(a, 0), (b, 1)])) == 2


def test_a_part_with_its_own_sum_does_not_give_the_whole_its_purpose():
    whole = "Berlin, 3 March. Germany will give Ukraine a new military aid package worth EUR 900 million. "
    [pledge] = parse(whole + "It will include EUR 200 million for repairs carried out with Ukrainian industry.",
                     "2024-03-03").pledges
    assert (pledge.amount, pledge.category) == (9e8, "general")
    # the systems a describing sentence lists still say what the whole is
    [pledge] = parse(whole + "It will include drones made together with Ukrainian industry.", "2024-03-03").pledges
    assert pledge.category == "drones" and [i.system for i in pledge.items] == ["drones"]


def test_an_aid_package_with_a_civil_part_stated_later_is_not_labelled_but_its_military_part_is():
    text = ("Lisbon, 3 March. Portugal announced a new aid package for Ukraine worth EUR 30 million on Monday. "
            "Lisbon will send EUR 10 million to a fund that buys drones for the Ukrainian army. "
            "Another EUR 15 million will be spent on humanitarian aid for families hit by the war.")
    assert [(donor, amount) for donor, _, amount, _ in pledges(text)] == [("PRT", 1e7)]
    # a civil sum said to be separate is another whole
    separate = text.replace("Another EUR 15 million will", "Separately, EUR 15 million will")
    assert [(donor, amount) for donor, _, amount, _ in pledges(separate)] == [("PRT", 3e7), ("PRT", 1e7)]
    # a package called military keeps its total
    military = text.replace("a new aid package", "a new military aid package")
    assert [(donor, amount) for donor, _, amount, _ in pledges(military)] == [("PRT", 3e7), ("PRT", 1e7)]


def test_a_pledge_drawn_from_an_earlier_package_gives_both_pledges():
    text = ("Ottawa, 20 September 2023. Canada will donate 50 armoured vehicles to Ukraine, the defence minister "
            "said. The contribution is part of the C$500 million package announced by the prime minister in June.")
    found = parse(text, "2023-09-20").pledges
    assert [(p.donor, p.amount, [i.system for i in p.items]) for p in found] == [
        ("CAN", None, ["armoured vehicles"]), ("CAN", 5e8, [])]
    assert found[1].announced.month == 6
    # a describing sentence that only values the pledge just read still gives it its amount
    text = text.replace("The contribution is part of the C$500 million package announced by the prime minister "
                        "in June.", "The package is worth C$50 million.")
    assert [(p.donor, p.amount) for p in parse(text, "2023-09-20").pledges] == [("CAN", 5e7)]


def test_a_new_package_sent_after_a_delivery_is_its_own_pledge_not_the_deliverys_contents():
    text = ("Warsaw, 11 April. Poland has delivered 14 Leopard 2A4 tanks to Ukraine, the ministry said. "
            "The Polish defence minister said Warsaw would also send a new aid package worth PLN 1.2 billion, "
            "which will include ammunition and spare parts.")
    assert pledges(text) == [("POL", "delivery", None, ["Leopard 2A4 tanks"]),
                             ("POL", "pledge", 1.2e9, ["ammunition", "spare parts"])]
