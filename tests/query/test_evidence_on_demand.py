"""The answer path's evidence made on demand: the sentences that hold something of the
question get exactly the evidence they got when every sentence was weighed, and the weak
passages of an abstention still see every sentence."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from briefing import Library
from briefing.query.answers import CANDIDATE_PARAGRAPHS, HEADLINE_ROOM, gather_evidence
from briefing.query.evidence import FEATURES
from briefing.query.question import analyse
from briefing.query.ranking import rank_paragraphs
from tests.conftest import open_library

QUESTIONS = (
    "Which ministry blocked DeepSeek?",  # a name
    "How many companies restricted DeepSeek?",  # a number: candidates are looked for
    "When did the ministry block access?",  # a date
    "Why was DeepSeek blocked?",  # no typed candidate
    "Which ministry blocked Telegram?",  # withheld (a name the folder lacks): weak passages
    "Quel ministère a bloqué DeepSeek ?",  # French
)
FITS_IN_PARAGRAPH = FEATURES.index("fits_in_paragraph")


@pytest.fixture(scope="module")
def bundled() -> Iterator[Library]:
    library = open_library()
    yield library
    library.close()


@pytest.mark.parametrize("text", QUESTIONS)
def test_the_answering_sentences_keep_their_evidence(bundled: Library, text: str) -> None:
    reader = bundled._reader  # noqa: SLF001
    assert reader is not None
    question = analyse(reader, text)
    ranked = rank_paragraphs(reader, question, CANDIDATE_PARAGRAPHS + HEADLINE_ROOM)
    if not ranked:
        pytest.skip("nothing ranked")
    _, evidence, per_paragraph = gather_evidence(reader, question, ranked)
    every = [list(paragraph) for paragraph in per_paragraph]  # made now, all sentences
    assert every, text
    # The answering sentences: those of every paragraph that hold something, in order,
    # with the same features, bit for bit.
    assert evidence == [e for paragraph in every for e in paragraph if e.coverage > 0]
    for paragraph in every:
        # Whether the paragraph holds a fitting candidate counts every sentence of it, also
        # those whose candidates were only looked for to tell.
        held = float(any(e.candidates for e in paragraph))
        assert {e.features[FITS_IN_PARAGRAPH] for e in paragraph} == {held}


def test_an_abstention_shows_weak_passages_from_every_sentence(bundled: Library) -> None:
    result = bundled.ask("Which ministry blocked Telegram?")
    assert not result.answered and not result.answers
    assert result.weak  # the closest passages, read from every sentence of the candidates
