"""Text stage: sentences with offsets, the title, and quotations with their speakers."""

from ingest.parser.quotes import find_quotes
from ingest.parser.text import find_title, split_sentences


def quotes(text):
    return [(text[q.start:q.end], q.speaker) for q in find_quotes(text, split_sentences(text))]


def test_sentences_keep_offsets_and_skip_abbreviations():
    text = "Gen. Smith met Mr. Jones in the U.S. on Monday. Then he left."
    sentences = split_sentences(text)
    assert [s.text for s in sentences] == ["Gen. Smith met Mr. Jones in the U.S. on Monday.", "Then he left."]
    assert all(text[s.start:s.end] == s.text for s in sentences)


def test_title_is_the_first_heading_like_line():
    text = "News\nGermany sends more Patriot systems to Ukraine\nBERLIN - The government said ..."
    title, end = find_title(text)
    assert title == "Germany sends more Patriot systems to Ukraine" and text[:end].endswith(title)


def test_a_quote_over_two_sentences_with_the_speaker_after_it():
    text = '"We will send 20 tanks. They arrive in May," Jonson told reporters on Friday.'
    assert quotes(text) == [("We will send 20 tanks. They arrive in May,", "Jonson")]


def test_the_speaker_named_by_title_after_said():
    text = "“Our next package is ready,” said Slovak Defence Minister Robert Kalinak."
    assert quotes(text) == [("Our next package is ready,", "Slovak Defence Minister Robert Kalinak")]


def test_the_speaker_before_the_quote():
    text = 'The Danish minister said: "We are sending eight more F-16s."'
    assert quotes(text) == [("We are sending eight more F-16s.", "The Danish minister")]


def test_a_quote_without_speaker_takes_the_speaker_of_the_next_one():
    text = '"We will send two Patriot batteries." Officials smiled. "They come this year," the minister said.'
    assert [speaker for _, speaker in quotes(text)] == ["the minister", "the minister"]


def test_a_quote_reopened_in_the_next_paragraph_continues():
    text = '“We will deliver the tanks in spring.\n“And the ammunition with them,” Pistorius said.'
    [(words, speaker)] = quotes(text)
    assert words.startswith("We will deliver") and words.endswith("with them,") and speaker == "Pistorius"


def test_apostrophes_and_inch_marks_are_not_quotes():
    assert quotes("The army's 12\" guns and Ukraine's needs.") == []
