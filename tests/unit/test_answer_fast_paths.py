"""The sentence scorer's shortcuts give what the plain reading gives, on real and hostile text."""

from __future__ import annotations

import random

import pytest

from briefing.query.evidence import QuestionCues, read_sentences, repeated_pairs
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
                pairs = repeated_pairs(words, cues)
                repeated += pairs > 0
                if terms.isdisjoint(held):
                    assert pairs == 0, (question, text)
    assert repeated > 20  # the shortcut was put to the test


def test_matched_holds_each_question_word_first_position() -> None:
    analyzer = analyzer_for("en")
    text = (
        "Seoul blocked DeepSeek. The ministry said Seoul would review the block, and DeepSeek "
        "blocks were lifted; blocking continued in Seoul."
    )
    words_of = {analyzer.stem("seoul"): [0], analyzer.stem("blocked"): [1, 2], "deepseek": [2]}
    sentences = read_sentences(text, "en", words_of)
    first, second = sentences
    assert first.matched == {0: 0, 1: 1, 2: 1}  # 'blocked' (1) comes before 'deepseek' (2)
    # "The(0) ministry said Seoul(3) would review the block(7), and DeepSeek(9) blocks(10)
    # were lifted; blocking(13) continued in Seoul(16)": each word's first place.
    assert second.matched == {0: 3, 1: 7, 2: 7}
