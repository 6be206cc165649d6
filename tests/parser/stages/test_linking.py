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
