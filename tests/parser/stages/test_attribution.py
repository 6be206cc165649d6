"""Attribution stage: which donor each claim belongs to."""

from ingest.parser import parse
from ingest.parser.attribution import COLLECTIVE, attribute, claims_by_donor, collectives_in
from ingest.parser.claims import build_claims, sentence_money
from ingest.parser.context import ArticleContext
from ingest.parser.systems import find_items


def owners(text):
    ctx = ArticleContext(text)
    [sentence] = ctx.sentences
    claims = build_claims(text, sentence, sentence_money(sentence), find_items(text, sentence), False)
    mentions = ctx.sentence_mentions(0)
    for claim in claims:
        attribute(claim, mentions, collectives_in(sentence), text)
    return [(text[c.start:c.end], c.owner, c.group) for c in claims]


def test_a_possessive_right_before_the_amount_wins():
    assert owners("After talks with France, Germany's EUR 500 million package was approved.")[0][1] == "DEU"


def test_the_source_after_the_claim():
    assert owners("The transfer of F-16 fighter jets from Denmark began.")[0][1] == "DNK"


def test_a_collective_absorbs_what_follows_it():
    assert owners("Germany said partners will provide EUR 2 billion.")[0][1] == COLLECTIVE


def test_partners_named_by_a_country_adjective_are_that_country_not_a_collective():
    text = "Kyiv, 3 May. Umerov thanked our Slovak partners for the four Zuzana howitzers that arrived on Friday."
    assert [(p.donor, p.kind) for p in parse(text, "2024-05-03").pledges] == [("SVK", "delivery")]
    # partners not named stay a collective: no donor
    text = "Kyiv, 3 May. Umerov thanked our partners for the four Zuzana howitzers that arrived on Friday."
    assert parse(text, "2024-05-03").pledges == []


def test_a_list_of_donors_each_giving():
    [(_, owner, group)] = owners("Denmark, Norway and Sweden will each provide EUR 10 million.")
    assert owner == "SWE" and group == ["DNK", "NOR", "SWE"]
    claims = [type("C", (), {"group": group, "owner": owner, "money": True})()]
    assert sorted(claims_by_donor(claims, "will each provide")) == ["DNK", "NOR", "SWE"]
    assert claims_by_donor(claims, "will provide") == {}  # a joint sum is no one donor's


def test_the_package_sentence_after_a_donor_sentence_is_that_donors():
    result = parse("Sweden announced its new military aid package on Monday. "
                   "The package is worth SEK 7.1 billion and includes Archer howitzers.", "2024-05-08")
    assert [(p.donor, p.amount) for p in result.pledges] == [("SWE", 7.1e9)]


def test_we_in_a_quote_belongs_to_the_speaking_ministers_country():
    text = ("Lithuanian Defence Minister Laurynas Kasciunas visited Kyiv on Tuesday. "
            '"We will send 20 M113 armoured personnel carriers," Kasciunas said.')
    assert [p.donor for p in parse(text, "2024-05-08").pledges] == ["LTU"]


def test_we_in_a_two_sentence_quote_belongs_to_the_speaker_named_after_it_by_title():
    text = ('"We have decided to send two more Patriot batteries. They will arrive before winter," '
            "the Dutch defence minister told reporters on Friday.")
    assert [(p.donor, p.kind) for p in parse(text, "2024-05-08").pledges] == [("NLD", "pledge")]


def test_we_of_a_speaker_described_with_a_demonym_and_name_before_the_quote():
    text = 'Slovak Defence Minister Robert Kalinak said: "We will hand over our last MiG-29 jets next month."'
    assert [p.donor for p in parse(text, "2024-05-08").pledges] == ["SVK"]


def test_we_of_a_ukrainian_speaker_is_the_recipient_not_a_donor():
    text = '"We will receive 20 more tanks this spring," Ukrainian Defence Minister Rustem Umerov said.'
    assert parse(text, "2024-05-08").pledges == []


def test_a_quote_said_by_he_belongs_to_the_official_named_last_before_it():
    text = ("Chancellor Olaf Scholz spoke in Kyiv on Monday. "
            '"In January, two more IRIS-T systems will arrive," he added.')
    assert [(p.donor, p.kind) for p in parse(text, "2024-12-02").pledges] == [("DEU", "pledge")]


def test_a_label_quote_without_speaker_takes_the_next_quotes_he():
    text = ("Details: Scholz said Germany has done much for Ukraine.\n\n"
            'Quote: "We have already provided 5 IRIS-T systems and 3 Patriot systems."\n\n'
            '"More will come soon," he added.')
    assert [(p.donor, p.kind) for p in parse(text, "2024-12-02").pledges] == [("DEU", "delivery")]


def test_a_quote_goes_to_the_speaker_named_by_title_and_full_name_after_it():
    quote = ('"We will send another 15 Leopard 1 tanks to Ukraine this summer," Danish Defence Minister '
             'Troels Lund Poulsen told reporters on Friday.')
    # other countries named later in the article, more often than the speaker's, change nothing
    later = "\n\nThe French-made howitzers promised by Paris last month will arrive in June, he added."
    for text in (quote, quote + later):
        donors = [(p.donor, [i.system for i in p.items]) for p in parse(text, "2024-05-03").pledges]
        assert donors[0] == ("DNK", ["Leopard 1 tanks"]), text


def test_a_second_quote_in_the_paragraph_keeps_the_speaker_of_the_first():
    text = ('Warsaw, 11 April 2024. Polish Defence Minister Wladyslaw Kosiniak-Kamysz spoke in parliament.\n\n'
            '"Our support for Ukraine will not weaken," he said. "We have already given more than PLN 15 billion."')
    assert [(p.donor, p.kind, p.amount) for p in parse(text, "2024-04-11").pledges] == [("POL", "cumulative", 1.5e10)]
    # a quote in a new paragraph may be someone else's: no speaker is assumed
    other = text.replace('he said. "We', 'he said.\n\n"We')
    assert parse(other, "2024-04-11").pledges == []
