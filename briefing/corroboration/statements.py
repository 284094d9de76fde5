"""Provides the statements of paragraphs: which sentences can state a fact, and where they are.

This is the per-paragraph half of corroboration. On a build it runs where paragraphs are
analysed for the index (briefing.index.analysis, in worker processes on a large build), so
each paragraph is cleaned and split once, beside its tokenising. Each process numbers the
distinct (language, sentence) pairs it meets; a paragraph's statements leave as (start, end,
number) triples, and each batch lists the sentences numbered since the last one, so the
builder learns every sentence text once per process (briefing.corroboration.table).
"""

from __future__ import annotations

from array import array

from briefing.corroboration.sentences import is_passage_statement, sentence_spans
from briefing.sanitize import clean_passage

SentenceKey = tuple[str | None, str]  # (paragraph language, sentence as cut from the passage)


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

    def new_sentences(self) -> list[SentenceKey]:
        """The sentences numbered since the last call, in number order."""
        found = self._keys[self._reported :]
        self._reported = len(self._keys)
        return found
