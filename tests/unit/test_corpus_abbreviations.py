"""One abbreviation list serves both splitters: a paragraph's passages and its sentences
are cut at the same full stops."""

from __future__ import annotations

import pytest

from briefing.corpus.abbreviations import ABBREVIATIONS, BEFORE_NUMBER
from briefing.corpus.paragraphs import PASSAGE_LIMIT, split_paragraphs
from briefing.corpus.sentences import split_sentences

# Abbreviations only one of the two splitters knew before they shared a list.
ONCE_DISAGREED = [
    "They climbed Mt. Everest in May.",            # only the paragraph cutter knew "mt"
    "The budget went to Pres. Lincoln himself.",   # "pres"
    "It was written by Mgr. Dupont at the time.",  # only the sentence splitter knew "mgr"
    "La ville fut fondée vers 50 av. J.-C. par les Romains.",  # "av"
    "The figures are in Vol. 2 of the report.",    # "vol": before a number only
]


@pytest.mark.parametrize("sentence", ONCE_DISAGREED)
def test_the_sentence_splitter_keeps_the_sentence_whole(sentence: str) -> None:
    text = f"{sentence} Another sentence follows it."
    assert split_sentences(text) == [(0, len(sentence)), (len(sentence) + 1, len(text))]


@pytest.mark.parametrize("sentence", ONCE_DISAGREED)
def test_a_long_paragraph_is_never_cut_after_the_abbreviation(sentence: str) -> None:
    """Passages are cut at the last sentence end before the limit: never inside `sentence`."""
    filler = "Words fill the paragraph up to the passage limit here. "
    head = filler * ((PASSAGE_LIMIT - len(sentence)) // len(filler))
    tail = filler * 10
    text = head + sentence + " " + tail
    paragraphs, _ = split_paragraphs("long.txt", text.strip() + "\n")
    assert len(paragraphs) > 1
    cuts = {p.end for p in paragraphs}
    inside = range(len(head), len(head) + len(sentence) - 1)
    assert not cuts & set(inside)


def test_a_line_ending_in_an_abbreviation_runs_on() -> None:
    """The paragraph cutter's line-end test reads the same list: a line ending in "Gen." is
    a hard-wrapped sentence that goes on, one ending in "Gen" and a full stop would not."""
    first = "The order to move the whole armoured division to the northern border came from Gen."
    text = f"{first}\nSmith and his staff on Monday.\n"
    paragraphs, _ = split_paragraphs("wrapped.txt", text)
    assert [p.text for p in paragraphs] == [text.strip()]


def test_numbered_abbreviations_end_a_sentence_when_no_number_follows() -> None:
    text = "She said no. Then she left the room."
    assert split_sentences(text) == [(0, 12), (13, len(text))]
    assert not ABBREVIATIONS & BEFORE_NUMBER
