"""Regressions from the QA report (/work/notes/qa.md) on extraction, in our own words:
superlatives are not running totals, counted materiel without a known system name,
coalition leaders in apposition and pledges to the coalition's fund, munitions for a
named launcher, F-16s used for training, pledges made at a bilateral visit."""

import pytest

from ingest.parser import parse


def _one(text, published=None):
    pledges = parse(text, published).pledges
    assert len(pledges) == 1, pledges
    return pledges[0]


@pytest.mark.parametrize("sentence", [
    "Norway unveiled a NOK 9 billion military package for Ukraine, the largest since the start of the war.",
    "Denmark approved DKK 5 billion in weapons for Ukraine, its biggest since February 2022.",
    "Sweden presented SEK 7 billion of military aid to Ukraine, the first such package since the invasion.",
])
def test_superlative_since_is_a_new_pledge(sentence):
    pledge = _one(sentence)
    assert pledge.kind == "pledge"


def test_running_total_since_stays_cumulative():
    pledge = _one("Since the start of the full-scale invasion, Norway has given NOK 30 billion in military aid to Ukraine.")
    assert pledge.kind == "cumulative"


def test_superlative_package_keeps_its_contents():
    text = ("Finland announced a EUR 190 million military package for Ukraine, the biggest since the start of the war. "
            "The package includes air defence missiles and 155mm shells.")
    pledge = _one(text)
    assert (pledge.kind, pledge.amount) == ("pledge", 190e6)
    assert {i.system for i in pledge.items} == {"air defence missiles", "155mm shells"}


@pytest.mark.parametrize("sentence, system, quantity", [
    ("Canada will send 80,000 air-to-ground rockets to Ukraine.", "air-to-ground rockets", 80000),
    ("Belgium will ship 3,000 XR9 rockets to Ukraine.", "XR9 rockets", 3000),
    ("Portugal will donate 40 M-ATV vehicles to Ukraine.", "M-ATV vehicles", 40),
])
def test_counted_materiel_without_a_known_name(sentence, system, quantity):
    pledge = _one(sentence)
    assert [(i.system, i.quantity) for i in pledge.items] == [(system, quantity)]


def test_uncounted_generic_materiel_is_still_too_vague():
    assert parse("Canada will send rockets to Ukraine.").pledges == []


def test_munitions_for_a_launcher_are_not_the_launcher():
    pledge = _one("The United States announced a $150 million package with rockets for HIMARS and Javelin missiles.")
    names = [i.system for i in pledge.items]
    assert names == ["rockets for HIMARS", "Javelin missiles"]
    assert pledge.items[0].category == "artillery"


def test_ammunition_for_a_launcher_alone_is_artillery():
    pledge = _one("Spain will provide ammunition for HIMARS worth EUR 20 million to Ukraine.")
    assert pledge.category == "artillery"


def test_coalition_leaders_in_apposition_and_the_second_donor():
    text = ("date 2024-03-01\n\nLatvia and Britain, the leaders of the Drone Coalition, met in Riga on Friday.\n\n"
            "Britain will contribute GBP 20 million to the coalition's fund, while Latvia is providing EUR 2 million.")
    result = parse(text.split("\n", 1)[1], "2024-03-01")
    [coalition] = result.coalitions
    assert coalition.name == "Drone Coalition"
    assert set(coalition.leaders) == {"LVA", "GBR"}
    got = {(p.donor, p.coalition, p.category) for p in result.pledges}
    assert got == {("GBR", "Drone Coalition", "drones"), ("LVA", "Drone Coalition", "drones")}


def test_pledge_to_its_fund_after_the_coalition_is_named():
    text = ("Lithuania and Iceland lead the Demining Coalition, which met in Vilnius. "
            "Lithuania will put EUR 4 million into its fund this year.")
    [pledge] = parse(text).pledges
    assert (pledge.donor, pledge.coalition, pledge.category) == ("LTU", "Demining Coalition", "demining")


def test_fighter_jets_for_training_use_are_aircraft():
    pledge = _one("Norway has handed over six F-16s to Ukraine for training and combat use.")
    assert pledge.category == "aircraft"


def test_training_pledge_with_materiel_stays_mixed():
    pledge = _one("Germany will train a Ukrainian brigade and equip it with 20 Marder vehicles.")
    assert pledge.category == "general"


def test_pledge_made_during_a_bilateral_visit_is_linked_to_it():
    text = ("The Danish defence minister arrived in Kyiv on Thursday and met his Ukrainian counterpart.\n\n"
            "Denmark will provide Ukraine with a new DKK 1.2 billion military package, he told reporters.")
    result = parse(text, "2024-04-11")
    [meeting] = result.meetings
    assert meeting.name == "bilateral"
    [pledge] = result.pledges
    assert result.meetings[pledge.meeting] is meeting


def test_pledge_on_another_day_is_not_linked_to_the_visit():
    text = ("The Danish defence minister arrived in Kyiv on Thursday and met his Ukrainian counterpart.\n\n"
            "On March 2, Denmark pledged a DKK 1.2 billion military package to Ukraine.")
    result = parse(text, "2024-04-11")
    assert [m.name for m in result.meetings] == ["bilateral"]
    assert result.pledges[0].meeting is None


def test_visit_to_another_donor_where_aid_is_announced_is_a_bilateral():
    text = ("Norway today announces NOK 2 billion in military aid for Ukraine during a visit to Berlin, "
            "where the prime minister will meet German Chancellor Olaf Scholz.")
    result = parse(text, "2024-06-03")
    assert [(m.name, sorted(m.participants), m.location) for m in result.meetings] == [
        ("bilateral", ["DEU", "NOR"], "Berlin")]


def test_factory_visit_is_no_meeting():
    text = "Denmark will send 20 more howitzers to Ukraine, the minister said during a visit to an arms factory."
    assert parse(text, "2024-06-03").meetings == []
