"""The writer on hand-built ParseResults: merging, staff win, re-parse, atomicity."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.db import IntegrityError

from ingest.writer import WriteError, coalition_name, write
from pledges import money
from pledges import vocabulary as voc
from pledges.models import Coalition, Evidence, Meeting, Pledge, PledgeItem

from .factories import Coalition as ParsedCoalition
from .factories import Meeting as ParsedMeeting
from .factories import article, pledge, result

pytestmark = pytest.mark.django_db

D = date(2024, 3, 1)


def snapshot():
    """Everything the writer produces, comparable across runs."""
    return sorted(
        (
            p.donor_id, p.kind, p.announced, p.amount, p.currency, p.category,
            tuple(sorted((i.system, i.quantity) for i in p.items.all())),
            p.evidence.count(),
        )
        for p in Pledge.objects.all()
    )


def test_writes_pledge_with_items_evidence_money_meeting_and_coalition():
    a = article(published=D)
    r = result(
        pledge(
            "DEU", 1_400_000_000, "USD", category="air_defense",
            items=[("IRIS-T", 2), ("Patriot system", 1)], meeting=0,
            coalition="air defense capability coalition", start=0, end=10,
        ),
        meetings=[ParsedMeeting("Ukraine Defense Contact Group", number=17, date=D, participants=["DEU", "UKR"])],
        coalitions=[ParsedCoalition("Air Defense Capability Coalition", leaders=["DEU", "FRA"], members=["LTU"])],
    )
    summary = write(a, r)

    assert summary.pledges_created == 1
    p = Pledge.objects.get()
    assert (p.donor_id, p.recipient_id, p.kind, p.announced) == ("DEU", "UKR", "pledge", D)
    assert (p.amount, p.currency, p.rate_missing) == (Decimal("1400000000.00"), "USD", False)
    assert p.amount_usd == Decimal("1400000000.00")
    assert Decimal("1.25e9") < p.amount_eur < Decimal("1.35e9")
    assert sorted((i.system, i.quantity) for i in p.items.all()) == [("IRIS-T", 2), ("Patriot system", 1)]
    assert p.evidence.get().article == a
    assert p.meeting.format == "udcg" and p.meeting.number == 17
    assert set(p.meeting.participants.values_list("code", flat=True)) == {"DEU", "UKR"}
    assert p.coalition.name == "Air Defence Capability Coalition"
    assert set(p.coalition.leaders.values_list("code", flat=True)) >= {"DEU", "FRA"}
    assert set(p.coalition.members.values_list("code", flat=True)) >= {"DEU", "FRA", "LTU"}
    assert list(a.meetings.all()) == [p.meeting]


def test_same_pledge_from_two_articles_is_one_pledge_with_two_evidence():
    first, second = article(published=D), article(published=D + timedelta(days=10))
    write(first, result(pledge("NLD", 2_000_000_000, "EUR", evidence="first")))
    write(second, result(pledge("NLD", 2_010_000_000, "EUR", evidence="second")))

    p = Pledge.objects.get()
    assert {e.article_id for e in p.evidence.all()} == {first.pk, second.pk}
    # The earliest report is the announcement: its date and amount stand.
    assert (p.announced, p.amount) == (D, Decimal("2000000000.00"))


@pytest.mark.parametrize(
    "second_amount, days_later",
    [(2_030_000_000, 1), (2_000_000_000, 15)],
    ids=["amount-off-by-1.5%", "15-days-later"],
)
def test_pledges_outside_tolerance_stay_apart(second_amount, days_later):
    write(article(published=D), result(pledge("NLD", 2_000_000_000, "EUR")))
    write(article(published=D + timedelta(days=days_later)), result(pledge("NLD", second_amount, "EUR")))
    assert Pledge.objects.count() == 2


def test_amounts_in_different_currencies_merge_through_euros():
    write(article(published=D), result(pledge("GBR", 100_000_000, "EUR")))
    gbp_per_eur, _ = money.ecb_rate("GBP", D)
    write(article(published=D), result(pledge("GBR", float(round(100_000_000 * gbp_per_eur)), "GBP")))
    p = Pledge.objects.get()
    assert p.evidence.count() == 2


def test_items_only_pledges_merge_on_a_shared_item_and_union_their_items():
    write(article(published=D), result(pledge("DEU", items=[("Patriot", 1), ("Skynex", None)])))
    write(article(published=D + timedelta(days=3)), result(pledge("DEU", items=[("patriot", None), ("IRIS-T", 3)])))
    write(article(published=D), result(pledge("DEU", items=[("Leopard 1", 10)])))

    assert Pledge.objects.count() == 2
    merged = Pledge.objects.get(items__system="Skynex")
    assert sorted((i.system, i.quantity) for i in merged.items.all()) == [
        ("IRIS-T", 3), ("Patriot", 1), ("Skynex", None)
    ]
    assert merged.evidence.count() == 2


def test_cumulative_totals_never_merge_with_pledges():
    write(article(published=D), result(pledge("LTU", 641_000_000, "EUR", kind="pledge")))
    write(article(published=D), result(pledge("LTU", 641_000_000, "EUR", kind="cumulative")))
    assert sorted(Pledge.objects.values_list("kind", flat=True)) == ["cumulative", "pledge"]


def test_two_pledges_of_one_article_are_never_merged_together():
    a = article(published=D)
    write(a, result(pledge("DEU", 100_000_000, "EUR"), pledge("DEU", 100_000_000, "EUR")))
    assert Pledge.objects.count() == 2


def test_order_of_articles_does_not_change_the_pledges():
    reports = [
        (D, result(pledge("NLD", 2_000_000_000, "EUR"), pledge("DEU", items=[("Patriot", 1)]))),
        (D + timedelta(days=5), result(pledge("NLD", 1_995_000_000, "EUR"), pledge("DEU", items=[("Patriot", 2)]))),
        (D + timedelta(days=9), result(pledge("NLD", 2_004_000_000, "EUR", category="air_defense"))),
    ]
    articles = [(article(published=day), r) for day, r in reports]
    for a, r in articles:
        write(a, r)
    forward = snapshot()
    Pledge.objects.all().delete()
    for a, r in reversed(articles):
        write(a, r)
    assert snapshot() == forward
    assert len(forward) == 2


def test_writing_the_same_result_twice_changes_nothing():
    a = article(published=D)
    r = result(
        pledge("EST", 500_000, "USD", category="it_cyber"),
        meetings=[ParsedMeeting("multilateral", virtual=True, participants=["UKR", "DEU", "FRA"])],
        coalitions=[ParsedCoalition("IT coalition", leaders=["EST"], members=["LUX"])],
    )
    write(a, r)
    before = (snapshot(), Meeting.objects.count(), Coalition.objects.count(), Evidence.objects.count())
    write(a, r)
    assert (snapshot(), Meeting.objects.count(), Coalition.objects.count(), Evidence.objects.count()) == before


def test_reparse_replaces_only_the_records_of_that_article_alone():
    a, b = article(published=D), article(published=D)
    write(a, result(pledge("NLD", 2_000_000_000, "EUR"), pledge("FRA", items=[("Caesar", 6)]),
                    meetings=[ParsedMeeting("bilateral", date=D, participants=["FRA", "UKR"])]))
    write(b, result(pledge("NLD", 2_000_000_000, "EUR")))
    shared = Pledge.objects.get(donor="NLD")

    # A newer parser no longer sees the French pledge nor the meeting.
    write(a, result(pledge("NLD", 2_000_000_000, "EUR"), pledge("POL", 10_000_000, "PLN")))

    assert not Pledge.objects.filter(donor="FRA").exists()
    assert not PledgeItem.objects.filter(system="Caesar").exists()
    assert not Meeting.objects.exists()
    assert Pledge.objects.get(donor="NLD").pk == shared.pk
    assert {e.article_id for e in shared.evidence.all()} == {a.pk, b.pk}
    assert Pledge.objects.filter(donor="POL").count() == 1

    # A parse of `a` that finds nothing leaves b's report of the shared pledge.
    write(a, result())
    assert list(Pledge.objects.values_list("donor", flat=True)) == ["NLD"]
    assert list(shared.evidence.values_list("article", flat=True)) == [b.pk]


def ids_by_donor():
    return dict(Pledge.objects.values_list("donor", "pk"))


def test_reparse_of_an_unchanged_article_keeps_every_pledge_id():
    a = article(published=D)
    r = result(
        pledge("DEU", 1_400_000_000, "USD", category="air_defense", items=[("IRIS-T", 2)], meeting=0,
               coalition="IT coalition", evidence="Germany pledged $1.4bn.", start=0, end=22, confidence=0.9),
        pledge("FRA", items=[("Caesar", 6)], evidence="France sends six Caesar."),
        pledge("NLD", 2_000_000_000, "EUR", evidence="The Netherlands gives EUR 2bn."),
        meetings=[ParsedMeeting("Ukraine Defense Contact Group", number=17, date=D, participants=["DEU", "UKR"])],
    )
    write(a, r)
    ids, before = ids_by_donor(), snapshot()
    items = sorted(PledgeItem.objects.values_list("pk", flat=True))
    # An article's own meeting is still recreated on a re-parse, so only the
    # pledges without one are untouched.
    updated = sorted(Pledge.objects.filter(meeting=None).values_list("pk", "updated"))

    summary = write(a, r)

    assert (summary.pledges_created, summary.pledges_kept) == (0, 3)
    assert ids_by_donor() == ids and snapshot() == before
    # Nothing changed, so nothing was rewritten.
    assert sorted(PledgeItem.objects.values_list("pk", flat=True)) == items
    assert sorted(Pledge.objects.filter(meeting=None).values_list("pk", "updated")) == updated
    deu = Pledge.objects.get(donor="DEU")
    assert (deu.meeting.number, deu.coalition.name, deu.confidence) == (17, "IT Coalition", 0.9)


def test_reparse_that_reads_another_amount_keeps_the_id_and_updates_the_pledge():
    a = article(published=D)
    sentence = "Poland will provide a EUR 50 million package of artillery ammunition."
    write(a, result(pledge("POL", 50_000_000, "EUR", items=[("155mm shells", None)], evidence=sentence)))
    old = Pledge.objects.get()

    # Tomorrow's parser reads 60 million, a quantity, a category, another date
    # and the offsets of the same sentence.
    write(a, result(pledge(
        "POL", 60_000_000, "EUR", category="artillery", items=[("155mm shells", 10_000), ("Krab", 2)],
        evidence=sentence, start=5, end=5 + len(sentence), announced=D - timedelta(days=2), confidence=0.7,
    )))

    p = Pledge.objects.get()
    assert p.pk == old.pk
    assert (p.amount, p.category, p.announced, p.confidence) == (Decimal("60000000.00"), "artillery", D - timedelta(days=2), 0.7)
    assert p.amount_eur == Decimal("60000000.00") and p.amount_usd > old.amount_usd
    assert sorted(p.items.values_list("system", "quantity")) == [("155mm shells", 10_000), ("Krab", 2)]
    assert list(p.evidence.values_list("article", "sentence", "start", "end")) == [
        (a.pk, sentence, 5, 5 + len(sentence))
    ]
    assert p.updated > old.updated
    # Amount within 1% read from a reworded sentence: the same pledge rule keeps the id too.
    write(a, result(pledge("POL", 60_300_000, "EUR", category="artillery", evidence="Poland: EUR 60.3m.")))
    assert list(Pledge.objects.values_list("pk", "amount")) == [(old.pk, Decimal("60300000.00"))]
    assert list(PledgeItem.objects.all()) == []


def test_reparse_deletes_the_pledges_no_longer_read_and_creates_the_new_ones():
    a = article(published=D)
    write(a, result(
        pledge("NLD", 2_000_000_000, "EUR", evidence="The Netherlands gives EUR 2bn."),
        pledge("FRA", items=[("Caesar", 6)], evidence="France sends six Caesar."),
        meetings=[ParsedMeeting("bilateral", date=D, participants=["FRA", "UKR"])],
    ))
    ids = ids_by_donor()

    summary = write(a, result(
        pledge("NLD", 2_000_000_000, "EUR", evidence="The Netherlands gives EUR 2bn."),
        pledge("POL", 10_000_000, "PLN", evidence="Poland adds PLN 10m."),
    ))

    assert (summary.pledges_created, summary.pledges_kept) == (1, 1)
    assert not Pledge.objects.filter(pk=ids["FRA"]).exists()
    assert not PledgeItem.objects.filter(system="Caesar").exists() and not Meeting.objects.exists()
    assert Pledge.objects.get(donor="NLD").pk == ids["NLD"]
    assert Pledge.objects.get(donor="POL").pk not in ids.values()
    assert Evidence.objects.count() == 2


def test_reparse_merges_into_another_articles_pledge_rather_than_keeping_its_own():
    """Kept ids never change which records there are: the result is that of a first parse."""
    a, b = article(published=D), article(published=D)
    write(a, result(pledge("NLD", 1_000_000_000, "EUR", evidence="The Netherlands gives EUR 1bn.")))
    write(b, result(pledge("NLD", 2_000_000_000, "EUR", evidence="Dutch aid: EUR 2bn.")))
    other = Pledge.objects.get(amount=2_000_000_000)

    # A better parser reads EUR 2bn in a's sentence: that is b's pledge.
    write(a, result(pledge("NLD", 2_000_000_000, "EUR", evidence="The Netherlands gives EUR 2bn.")))

    assert list(Pledge.objects.values_list("pk", flat=True)) == [other.pk]
    assert {e.article_id for e in other.evidence.all()} == {a.pk, b.pk}


def test_two_pledges_of_one_sentence_keep_their_own_ids():
    a = article(published=D)
    sentence = "Germany gives EUR 1bn now and EUR 3bn next year."
    reading = [
        pledge("DEU", 1_000_000_000, "EUR", evidence=sentence),
        pledge("DEU", 3_000_000_000, "EUR", evidence=sentence),
    ]
    write(a, result(*reading))
    ids = dict(Pledge.objects.values_list("amount", "pk"))
    write(a, result(*reversed(reading)))
    assert dict(Pledge.objects.values_list("amount", "pk")) == ids


@pytest.mark.parametrize("lock", ["verified", "rejected", "staff_edited"])
def test_staff_decisions_win_over_any_later_parse(lock):
    a = article(published=D)
    write(a, result(pledge("DEU", 1_400_000_000, "USD", items=[("IRIS-T", 2)])))
    p = Pledge.objects.get()
    if lock == "staff_edited":
        Pledge.objects.filter(pk=p.pk).update(staff_edited=True, category="artillery", notes="checked")
    else:
        Pledge.objects.filter(pk=p.pk).update(review_status=lock)
    p.refresh_from_db()
    before = (p.amount, p.currency, p.category, p.announced, p.review_status, p.staff_edited, p.notes, p.updated)
    items_before = list(p.items.values_list("system", "quantity"))

    # Re-parse with a different reading, then with nothing at all, then via another article.
    write(a, result(pledge("DEU", 1_400_000_000, "USD", category="air_defense", items=[("Patriot", 1)])))
    write(a, result())
    write(article(published=D), result(pledge("DEU", 1_400_000_000, "USD", items=[("Gepard", 5)])))

    p.refresh_from_db()
    assert (p.amount, p.currency, p.category, p.announced, p.review_status, p.staff_edited, p.notes, p.updated) == before
    assert list(p.items.values_list("system", "quantity")) == items_before
    assert p.evidence.filter(article=a).exists()
    # The same pledge read again is recognised: no automatic duplicate beside it.
    assert Pledge.objects.count() == 1
    assert p.evidence.count() == 2


def test_a_pledge_read_from_another_sentence_beside_a_verified_one_is_a_new_automatic_pledge():
    a = article(published=D)
    write(a, result(pledge("DEU", 1_400_000_000, "USD", evidence="Germany pledged $1.4bn.")))
    Pledge.objects.update(review_status="verified")
    write(a, result(
        pledge("DEU", 1_400_000_000, "USD", evidence="Germany pledged $1.4bn."),
        pledge("DEU", 2_000_000_000, "USD", evidence="Germany will add $2bn next year."),
        pledge("FRA", 5, "EUR"),
    ))
    assert sorted(Pledge.objects.values_list("donor", "amount", "review_status")) == [
        ("DEU", Decimal("1400000000.00"), "verified"),
        ("DEU", Decimal("2000000000.00"), "auto"),
        ("FRA", Decimal("5.00"), "auto"),
    ]


def test_staff_corrected_amount_is_matched_by_its_sentence_and_keeps_the_staff_values():
    a = article(published=D)
    sentence = "Poland will provide a EUR 50 million package of artillery ammunition."
    write(a, result(pledge("POL", 50_000_000, "EUR", items=[("155mm shells", None)], evidence=sentence)))
    Pledge.objects.update(amount=60_000_000, review_status="verified", staff_edited=True)
    PledgeItem.objects.all().delete()  # staff removed an item the parser invented
    # Same sentence, offsets now known: the parser of tomorrow reads it again.
    summary = write(a, result(pledge("POL", 50_000_000, "EUR", items=[("155mm shells", None)],
                                     evidence=sentence, start=0, end=len(sentence))))
    assert (summary.pledges_created, summary.pledges_merged) == (0, 1)
    p = Pledge.objects.get()
    assert (p.amount, p.review_status) == (Decimal("60000000.00"), "verified")
    assert not p.items.exists()
    assert list(p.evidence.values_list("sentence", "start", "end")) == [(sentence, 0, len(sentence))]
    # Offsets alone also recognise it (a parser that cuts the sentence differently).
    write(a, result(pledge("POL", 40_000_000, "EUR", evidence="Poland will provide ...", start=0, end=len(sentence))))
    assert list(Pledge.objects.values_list("amount", flat=True)) == [Decimal("60000000.00")]


def test_two_donors_in_one_sentence_each_keep_their_locked_pledge():
    a = article(published=D)
    sentence = "Luxembourg will contribute EUR 15 million, while Estonia is providing EUR 1 million."
    reading = [
        pledge("LUX", 15_000_000, "EUR", evidence=sentence, start=0, end=len(sentence)),
        pledge("EST", 1_000_000, "EUR", evidence=sentence, start=0, end=len(sentence)),
    ]
    write(a, result(*reading))
    Pledge.objects.filter(donor="LUX").update(review_status="rejected")
    Pledge.objects.filter(donor="EST").update(amount=2_000_000, staff_edited=True)
    locked = sorted(Pledge.objects.values_list("pk", "donor", "amount", "review_status"))
    write(a, result(*reversed(reading)))
    assert sorted(Pledge.objects.values_list("pk", "donor", "amount", "review_status")) == locked
    assert Evidence.objects.count() == 2


def test_staff_corrected_donor_or_kind_is_still_recognised_by_its_sentence():
    a = article(published=D)
    sentence = "Luxembourg will contribute EUR 15 million, while Estonia is providing EUR 1 million."
    reading = [
        pledge("LUX", 15_000_000, "EUR", evidence=sentence),
        pledge("EST", 1_000_000, "EUR", evidence=sentence),
    ]
    write(a, result(*reading))
    # Staff say the parser got the second record's donor and kind wrong.
    Pledge.objects.filter(donor="EST").update(donor="LVA", kind="delivery", staff_edited=True)
    Pledge.objects.filter(donor="LUX").update(review_status="verified")
    locked = sorted(Pledge.objects.values_list("pk", "donor", "kind", "amount"))
    summary = write(a, result(*reading))
    assert (summary.pledges_created, summary.pledges_merged) == (0, 2)
    assert sorted(Pledge.objects.values_list("pk", "donor", "kind", "amount")) == locked


def test_a_locked_pledge_of_one_sentence_is_not_taken_by_another_of_the_same_amount():
    a = article(published=D)
    write(a, result(pledge("POL", 50_000_000, "EUR", evidence="Poland gives EUR 50 million.")))
    Pledge.objects.update(amount=60_000_000, staff_edited=True)
    # The article also reports EUR 60 million in another sentence: that is another pledge.
    write(a, result(
        pledge("POL", 60_000_000, "EUR", evidence="Poland adds EUR 60 million for drones."),
        pledge("POL", 50_000_000, "EUR", evidence="Poland gives EUR 50 million."),
    ))
    rows = sorted(Pledge.objects.values_list("amount", "staff_edited", "evidence__sentence"))
    assert rows == [
        (Decimal("60000000.00"), False, "Poland adds EUR 60 million for drones."),
        (Decimal("60000000.00"), True, "Poland gives EUR 50 million."),
    ]


def test_meetings_merge_on_format_and_number_or_format_and_date():
    udcg = "Ukraine Defense Contact Group"
    write(article(published=D), result(meetings=[ParsedMeeting(udcg, date=D, participants=["FRA"])]))
    write(article(published=D), result(meetings=[ParsedMeeting(udcg, number=17, date=D, participants=["DEU"])]))
    write(article(published=D), result(meetings=[ParsedMeeting(udcg, number=17, location="Ramstein")]))
    write(article(published=D), result(meetings=[ParsedMeeting(udcg, number=18, date=D + timedelta(days=30))]))
    assert Meeting.objects.count() == 2
    udcg = Meeting.objects.get(number=17)
    assert (udcg.number, udcg.date, udcg.location) == (17, D, "Ramstein")
    assert set(udcg.participants.values_list("code", flat=True)) == {"DEU", "FRA"}
    assert udcg.articles.count() == 3


def test_two_bilateral_meetings_on_one_day_stay_two():
    write(article(published=D), result(meetings=[
        ParsedMeeting("bilateral", date=D, participants=["UKR", "FRA"]),
        ParsedMeeting("bilateral", date=D, participants=["UKR", "NLD"]),
    ]))
    write(article(published=D), result(meetings=[ParsedMeeting("bilateral", date=D, participants=["NLD", "UKR"])]))
    assert Meeting.objects.count() == 2


def test_coalitions_merge_on_normalised_name_and_gain_members():
    assert coalition_name("  the air defense capability   coalition") == "Air Defence Capability Coalition"
    write(article(), result(coalitions=[ParsedCoalition("IT Coalition", leaders=["EST"], members=["EST"])]))
    write(article(), result(coalitions=[ParsedCoalition("it coalition", members=["LUX"])]))
    it = Coalition.objects.get(name="IT Coalition")
    assert Coalition.objects.filter(name__iexact="it coalition").count() == 1
    assert set(it.members.values_list("code", flat=True)) >= {"EST", "LUX"}
    assert set(it.leaders.values_list("code", flat=True)) >= {"EST"}
    assert it.area == voc.COALITIONS["IT Coalition"]


def test_unknown_donor_code_writes_nothing():
    a = article()
    r = result(pledge("DEU", 1, "EUR"), pledge("XXX", 5, "EUR"),
               meetings=[ParsedMeeting("bilateral", date=D, participants=["DEU", "UKR"])])
    with pytest.raises(WriteError, match="unknown country code.*XXX"):
        write(a, r)
    assert not Pledge.objects.exists() and not Meeting.objects.exists()


def test_constraint_violation_mid_write_leaves_no_partial_rows():
    a = article()
    # The first pledge, its items, the meeting and the coalition are written
    # before the second pledge (an amount without currency) hits the check.
    r = result(
        pledge("DEU", 1_000_000, "EUR", items=[("Patriot", 1)]),
        pledge("FRA", 5_000_000, None),
        meetings=[ParsedMeeting("bilateral", date=D, participants=["DEU", "UKR"])],
        coalitions=[ParsedCoalition("Brand New Coalition", members=["DEU"])],
    )
    with pytest.raises(IntegrityError, match="pledge_amount_needs_currency"):
        write(a, r)
    assert not Pledge.objects.exists()
    assert not PledgeItem.objects.exists()
    assert not Meeting.objects.exists()
    assert not Coalition.objects.filter(name="Brand New Coalition").exists()


@pytest.mark.parametrize(
    "bad, message",
    [
        ({"kind": "promise"}, "unknown kind"),
        ({"category": "lasers"}, "unknown category"),
        ({"amount": float("nan"), "currency": "EUR"}, "not a number"),
    ],
)
def test_values_off_the_vocabulary_are_refused(bad, message):
    with pytest.raises(WriteError, match=message):
        write(article(), result(pledge("DEU", **{"amount": 1, "currency": "EUR", **bad})))
    assert not Pledge.objects.exists()


def test_unknown_rate_is_flagged_not_guessed():
    write(article(published=D), result(pledge("POL", 1_000_000, "UAH")))
    write(article(published=None), result(pledge("DEU", 1_000_000, "USD")))
    for p in Pledge.objects.all():
        assert p.rate_missing and p.amount_eur is None and p.amount_usd is None


def test_parsed_pledges_never_merge_into_synthetic_ones():
    Pledge.objects.create(donor_id="NLD", amount=2_000_000_000, currency="EUR", announced=D, is_synthetic=True)
    write(article(published=D), result(pledge("NLD", 2_000_000_000, "EUR")))
    assert Pledge.objects.filter(is_synthetic=False).get().evidence.count() == 1


def test_overlong_names_are_cut_to_their_columns():
    write(article(published=D), result(
        pledge("DEU", items=[("Patriot " + "x" * 300, 1)], coalition="Coalition " + "y" * 200),
        meetings=[ParsedMeeting("bilateral", date=D, location="Z" * 150, participants=["DEU"])],
    ))
    p = Pledge.objects.get()
    assert len(p.coalition.name) == 120 and len(p.items.get().system) == 200
    assert len(Meeting.objects.get().location) == 100
