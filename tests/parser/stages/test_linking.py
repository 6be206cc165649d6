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
