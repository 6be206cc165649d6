"""Linking stage: announced dates, meetings and coalitions."""

from datetime import date

from ingest.parser import parse
from ingest.parser.dates import announced_date, find_date


def test_dates_resolved_against_publication():
    published = date(2024, 5, 8)  # a Wednesday
    assert find_date("on Monday", published) == date(2024, 5, 6)
    assert find_date("on 12 May 2023", published) == date(2023, 5, 12)
    assert find_date("December 3", published) == date(2023, 12, 3)  # not months ahead
    assert announced_date("during yesterday's visit", published) == date(2024, 5, 7)


def test_a_pledge_made_at_the_contact_group_meeting_is_linked_to_it():
    text = ("Defence ministers met at the 22nd meeting of the Ukraine Defense Contact Group in Brussels on Tuesday. "
            "There Norway pledged NOK 2 billion for air defence.")
    result = parse(text, "2024-05-08")
    [meeting] = result.meetings
    assert (meeting.name, meeting.number, meeting.date, meeting.location) == (
        "Ukraine Defense Contact Group", 22, date(2024, 5, 7), "Brussels")
    assert [p.meeting for p in result.pledges] == [0]


def test_a_meeting_only_announced_is_not_one():
    assert parse("Ministers are to meet at the Ukraine Defense Contact Group next week.", "2024-05-08").meetings == []


def test_a_coalition_with_its_leaders_and_the_pledge_paid_into_it():
    text = ("Latvia and the United Kingdom lead the drone coalition. "
            "Sweden will contribute SEK 100 million to the drone coalition.")
    result = parse(text, "2024-05-08")
    [coalition] = result.coalitions
    assert coalition.name == "Drone Coalition" and coalition.leaders == ["LVA", "GBR"]
    assert "SWE" in coalition.members
    assert [(p.donor, p.coalition) for p in result.pledges] == [("SWE", "Drone Coalition")]


def coalitions(text):
    return [(c.name, c.leaders, c.members) for c in parse(text, "2024-05-08").coalitions]


def test_a_coalition_named_by_what_its_members_do_with_leaders_listed_under_the_leadership_of():
    text = ("Portugal is among nine coalition member countries supporting the F-16 effort under the "
            "leadership of Norway, Sweden, and the United States.")
    [(name, leaders, members)] = coalitions(text)
    assert name == "Air Force Capability Coalition" and leaders == ["NOR", "SWE", "USA"]
    assert "PRT" in members


def test_two_coalitions_named_in_one_plural_phrase():
    names = sorted(n for n, _, members in coalitions("Austria joined the IT and demining coalitions last year.")
                   if members == ["AUT"])
    assert names == ["Demining Coalition", "IT Coalition"]


def test_integrated_air_and_missile_defence_and_leaders_thanked_for_their_leadership():
    text = ("The Coalition for Integrated Air and Missile Defense started its work on Monday. "
            "Twelve countries have joined. The minister thanked Spain and Italy for their leadership.")
    [(name, leaders, _)] = coalitions(text)
    assert name == "Air Defence Capability Coalition" and leaders == ["ESP", "ITA"]


def meetings(text, published="2024-05-08"):
    return [(m.name, m.number, str(m.date) if m.date else None, m.location) for m in parse(text, published).meetings]


def test_the_contact_group_on_defence_of_ukraine_with_its_ordinal():
    got = meetings("The ninth meeting of the Contact Group on Defence of Ukraine ended on Wednesday. "
                   "Sweden announced a package worth SEK 3 billion there.")
    assert got[0][:2] == ("Ukraine Defense Contact Group", 9)


def test_a_nato_meeting_attended_by_a_president_is_the_summit():
    got = meetings("President Nauseda attends the NATO meeting in Vilnius on Tuesday. Lithuania pledged ten drones.")
    assert got[0][0] == "NATO summit" and got[0][3] == "Vilnius"


def test_a_summit_the_aid_was_only_announced_ahead_of_is_no_meeting():
    assert meetings("Chile decided on the package ahead of this week's NATO summit in Madrid.") == []


def test_a_format_mentioned_as_the_frame_of_a_coalition_is_no_meeting():
    text = "At the end of 2023, Malta joined the demining coalition set up within the Ukraine Defense Contact Group."
    assert not any(name == "Ukraine Defense Contact Group" for name, *_ in meetings(text))


def test_the_meeting_sentence_that_goes_on_about_a_dated_one_takes_its_date():
    text = ("On June 3, the Estonian minister urged allies to send more shells. "
            "He made the remarks in Brussels during a meeting of the Ukraine Defense Contact Group.")
    assert meetings(text, "2024-06-05")[0][2] == "2024-06-03"


def test_a_source_line_that_places_the_statement_at_a_visit_is_read():
    text = ("Germany will deliver two more IRIS-T systems.\n\n"
            "Source: Chancellor Olaf Scholz at a press conference during his visit to Kyiv on 2 December")
    assert ("bilateral", None, "2024-12-02", "Kyiv") in meetings(text, "2024-12-02")


def test_an_earlier_visit_told_in_passing_is_no_meeting():
    text = "When the Japanese prime minister visited Kyiv in March, he announced $30 million for Ukraine."
    assert not any(name == "bilateral" for name, *_ in meetings(text, "2023-07-12"))


def test_negotiations_under_way_are_no_meeting():
    text = "Madrid, 2 June. Spain is in advanced talks with Kyiv about supplying more Leopard tanks."
    assert not any(name == "bilateral" for name, *_ in meetings(text, "2024-06-02"))
    text = "Madrid, 2 June. Spain's defence minister held talks with Umerov in Kyiv on Monday."
    assert any(name == "bilateral" for name, *_ in meetings(text, "2024-06-02"))


def test_a_past_delivery_told_at_a_meeting_is_not_linked_to_it():
    text = ("Ministers met at the 20th meeting of the Ukraine Defense Contact Group in Brussels on Tuesday. "
            "There, Sweden pledged SEK 2 billion for air defence. "
            "Earlier this year Denmark delivered 19 F-16 fighter jets to Ukraine.")
    by_donor = {p.donor: p.meeting for p in parse(text, "2024-05-08").pledges}
    assert by_donor == {"SWE": 0, "DNK": None}


def test_the_funds_going_to_a_coalition_a_quotation_after_the_pledge():
    text = ("Tallinn, 4 April. Estonia will give EUR 12 million to buy counter-drone equipment for Ukraine. "
            "\"We know what drones are doing to Ukrainian towns,\" the minister said. "
            "The money will be paid through the drone coalition, which Estonia joined in February.")
    [pledge] = parse(text, "2025-04-04").pledges
    assert (pledge.donor, pledge.coalition) == ("EST", "Drone Coalition")
    # a newer pledge in between is the one the funds could be: the first keeps no coalition
    text = ("Tallinn, 4 April. Estonia will give EUR 12 million to buy counter-drone equipment for Ukraine. "
            "Latvia will give EUR 5 million and Lithuania EUR 3 million for artillery shells. "
            "The money will be paid through the drone coalition.")
    assert {p.donor: p.coalition for p in parse(text, "2025-04-04").pledges}["EST"] is None


def test_a_second_donor_giving_to_the_same_effort_gives_to_the_coalition():
    text = ("Rome, 9 October. Italy said it would put EUR 30 million into the demining coalition, and "
            "Greece promised EUR 10 million to the same effort.")
    by_donor = {p.donor: (p.coalition, p.category) for p in parse(text, "2025-10-09").pledges}
    assert by_donor == {"ITA": ("Demining Coalition", "demining"), "GRC": ("Demining Coalition", "demining")}


def test_a_country_adjective_after_the_leaders_list_is_not_a_leader():
    text = ("Stockholm, 3 May. Sweden has joined the armoured vehicles coalition led by Poland and Germany, "
            "the Swedish government said.")
    [coalition] = parse(text, "2024-05-03").coalitions
    assert coalition.leaders == ["POL", "DEU"] and "SWE" in coalition.members
    # adjectives listed together still lead together
    text = "Stockholm, 3 May. The German, French and Polish-led coalition for armoured vehicles met on Friday."
    [coalition] = parse(text, "2024-05-03").coalitions
    assert sorted(coalition.leaders) == ["DEU", "FRA", "POL"]


def test_a_month_a_pledge_was_announced_in_is_its_first_day():
    from datetime import date

    from ingest.parser.dates import announced_date

    published = date(2023, 9, 20)
    assert announced_date("the package announced by the prime minister in June", published) == date(2023, 6, 1)
    assert announced_date("pledged in November", published) == date(2022, 11, 1)  # the last November
    assert announced_date("the aid promised in March 2022", published) == date(2022, 3, 1)
    # a month that is not when something was announced is no date for it
    assert announced_date("the tanks will arrive in June", published) is None


def test_a_meeting_at_nato_headquarters_is_in_brussels():
    text = ("Brussels, 12 February 2025. Allies pledged new aid at the 26th meeting of the Ukraine Defense Contact "
            "Group at NATO headquarters on Wednesday. Britain announced GBP 150 million for drones.")
    [meeting] = parse(text, "2025-02-12").meetings
    assert (meeting.number, meeting.location) == (26, "Brussels")


def test_each_pledge_goes_to_the_occasion_its_own_sentence_tells():
    text = ("Kyiv, 6 September 2024.\n\nGerman Defence Minister Boris Pistorius arrived in Kyiv on Friday for talks "
            "with his Ukrainian counterpart Rustem Umerov and announced 12 more PzH 2000 howitzers.\n\n"
            "Earlier in the day, allies met virtually in the Ramstein format, the 24th such meeting, where Canada "
            "pledged 80,000 rockets.\n\nZelensky also spoke by phone with Dutch Prime Minister Dick Schoof, who "
            "confirmed EUR 400 million for drones.")
    result = parse(text, "2024-09-06")
    meeting_of = {p.donor: p.meeting for p in result.pledges}
    names = [(m.name, m.number) for m in result.meetings]
    assert names[meeting_of["DEU"]] == ("bilateral", None)
    assert names[meeting_of["CAN"]] == ("Ukraine Defense Contact Group", 24)
    assert meeting_of["NLD"] is None  # a phone call is no meeting
    assert [p.amount for p in result.pledges if p.donor == "NLD"] == [4e8]


def test_the_countries_that_launch_a_coalition_lead_it_and_a_list_after_with_joins_it():
    text = ("Vilnius, 12 July 2023. Denmark and the Netherlands launched a coalition to train Ukrainian pilots "
            "on F-16 jets, with Belgium, Canada and Poland joining.")
    [coalition] = parse(text, "2023-07-12").coalitions
    assert coalition.leaders == ["DNK", "NLD"]
    assert coalition.members == ["DNK", "NLD", "BEL", "CAN", "POL"]
