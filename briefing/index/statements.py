"""Provides the statements of paragraphs: which sentences can state a fact, and where they are.

The index records them for corroboration, which groups them (briefing.corroboration). On a
build this runs where paragraphs are analysed for the index (briefing.index.analysis, in
worker processes on a large build), so each paragraph is cleaned and split once, beside its
tokenising. Spans index `clean_passage(paragraph.text)`, the text answers are cut from, and are
cut by the splitter answers use (briefing.corpus.sentences), so an answer is found among them
by its paragraph and start offset. Each process numbers the
distinct (language, sentence) pairs it meets; a paragraph's statements leave as (start, end,
number) triples, and each batch lists the sentences numbered since the last one, so the
builder learns every sentence text once per process (briefing.corroboration.table).
"""

from __future__ import annotations

from array import array

from briefing.corpus.sanitize import clean_passage
from briefing.corpus.sentences import split_sentences

SentenceKey = tuple[str | None, str]  # (paragraph language, sentence as cut from the passage)

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


class StatementNumbering:
    """One process's numbering of distinct sentences, and the statements it found.

    `ids` and `spans` grow with every paragraph: its sentences' numbers, and their (start,
    end) in the cleaned passage (clean_passage), as the fact tables store them.
    """

    def __init__(self) -> None:
        self._numbers: dict[SentenceKey, int] = {}
        self._keys: list[SentenceKey] = []
        self._reported = 0

    def add(self, text: str, language: str | None, ids: array, spans: array) -> int:
        """Append the statements of one paragraph to `ids` and `spans`; how many it has."""
        passage = clean_passage(text)
        numbers = self._numbers
        count = 0
        for start, end in sentence_spans(passage):
            sentence = passage[start:end]
            if not is_passage_statement(sentence):
                continue
            key = (language, sentence)
            number = numbers.get(key)
            if number is None:
                number = numbers[key] = len(self._keys)
                self._keys.append(key)
            ids.append(number)
            spans.append(start)
            spans.append(end)
            count += 1
        return count

    def key(self, number: int) -> SentenceKey:
        """The sentence numbered `number`."""
        return self._keys[number]

    def new_sentences(self) -> list[SentenceKey]:
        """The sentences numbered since the last call, in number order."""
        found = self._keys[self._reported :]
        self._reported = len(self._keys)
        return found
