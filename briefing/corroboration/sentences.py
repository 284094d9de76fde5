"""Provides the sentences of indexed paragraphs that can state a fact, as spans of passages.

Spans index `clean_passage(paragraph.text)`, the text answers are cut from, and are cut by the
splitter answers use (briefing.text.sentences), so an answer is found among them by its
paragraph and start offset.
"""

from __future__ import annotations

from briefing.text.sentences import split_sentences

MIN_WORDS = 4  # shorter sentences ("Our reporter has more.") state no fact worth grouping
MAX_CHARACTERS = 1_000  # a longer "sentence" is a list or a table, not one statement


def sentence_spans(passage: str) -> list[tuple[int, int]]:
    """Sentence spans (start, end) of a cleaned passage, white space trimmed."""
    return split_sentences(passage)


def is_statement(text: str) -> bool:
    """Whether a sentence is long enough, and short enough, to state one fact."""
    return len(text) <= MAX_CHARACTERS and len(text.split()) >= MIN_WORDS


def is_passage_statement(sentence: str) -> bool:
    """is_statement() of a span of sentence_spans() of a cleaned passage (clean_passage),
    whose only white space is single spaces between words: counting them is enough."""
    return len(sentence) <= MAX_CHARACTERS and sentence.count(" ") >= MIN_WORDS - 1
