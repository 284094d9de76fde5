"""The sentence scorer's shortcuts give what the plain reading gives, on real and hostile text."""

from __future__ import annotations

import random

import pytest

from briefing.query.answers import QuestionCues, _has_number, _phrases, _read_sentences
from briefing.query.cues import is_number
from briefing.query.question import Question
from briefing.query.syntax import parse_query
from briefing.text.analyzer import analyzer_for
from briefing.text.passage import read_passage
from briefing.text.tokenize import iter_tokens
from tests.unit.test_text_passage import _passages

QUESTIONS = [
    "How many people live in the United States of America?",
    "Quand la ville de Paris a-t-elle été fondée ?",
    "What is the state of the art in 2024, est-ce que c'est vrai?",
    "Who won the World Cup final in 1998 and when?",
    "Combien de millions d'euros le ministère a-t-il dépensé en mars ?",
]


def _query(question: str, language: str | None) -> Question:
    return Question(question, None, parse_query(question), tuple(iter_tokens(question)), language)


@pytest.mark.parametrize("language", ["en", "fr", None])
def test_a_sentence_without_a_phrase_term_repeats_no_pair(language: str | None) -> None:
    rng = random.Random(3)
    passages = _passages()[::3]  # a third of them: some hundreds of sentences is enough
    questions = list(QUESTIONS)
    for _ in range(30):  # questions made of a passage's own words, so that pairs do repeat
        words = rng.choice(passages).split()
        at = rng.randrange(max(1, len(words) - 6))
        questions.append(" ".join(words[at : at + 6]) + " ?")
    repeated = 0
    for question in questions:
        cues = QuestionCues.of(_query(question, language))
        for text in passages:
            terms = cues.phrase_terms(language)
            for words, held in zip(
                read_passage(text, language).words, read_passage(text, language).terms, strict=True
            ):
                pairs = _phrases(words, cues)
                repeated += pairs > 0
                if terms.isdisjoint(held):
                    assert pairs == 0, (question, text)
    assert repeated > 20  # the shortcut was put to the test


@pytest.mark.parametrize("language", ["en", "fr", "de", None])
def test_has_number_is_is_number_over_the_words_not_asked(language: str | None) -> None:
    asked = frozenset({"1998", "mars", "twelve"})
    seen = {True: 0, False: 0}
    for text in [*_passages(), "Twelve of the 3,400 cafe\u0301s; mars deux douze zwei ٣ ½ Ⅻ."]:
        for words in read_passage(text, language).words:
            expected = any(
                is_number(surface, language) and surface not in asked for _, surface, _, _ in words
            )
            assert _has_number(words, language, asked) == expected, text
            seen[expected] += 1
    assert seen[True] > 10 and seen[False] > 10


def test_matched_holds_each_question_word_first_position() -> None:
    analyzer = analyzer_for("en")
    text = (
        "Seoul blocked DeepSeek. The ministry said Seoul would review the block, and DeepSeek "
        "blocks were lifted; blocking continued in Seoul."
    )
    words_of = {analyzer.stem("seoul"): [0], analyzer.stem("blocked"): [1, 2], "deepseek": [2]}
    sentences = _read_sentences(text, "en", words_of)
    first, second = sentences
    assert first.matched == {0: 0, 1: 1, 2: 1}  # 'blocked' (1) comes before 'deepseek' (2)
    # "The(0) ministry said Seoul(3) would review the block(7), and DeepSeek(9) blocks(10)
    # were lifted; blocking(13) continued in Seoul(16)": each word's first place.
    assert second.matched == {0: 3, 1: 7, 2: 7}
