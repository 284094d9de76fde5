"""Provides the sentences of indexed paragraphs that can state a fact, as spans of passages.

Spans index `clean_passage(paragraph.text)`, the text answers are cut from, so an answer is
found among them by its paragraph and start offset. pysbd costs 1-5 ms a paragraph (46 s for
10,000 news paragraphs, three times the whole index build): past FAST_SPLIT_PARAGRAPHS
paragraphs the linear punctuation splitter of briefing.text.sentences is used instead. Its
spans may then differ from an answer's, so lookups go by containment; on the bundled corpus
both splitters give the same groups and briefing.
"""

from __future__ import annotations

from briefing.text.sentences import _regex_starts, split_sentences

FAST_SPLIT_PARAGRAPHS = 200
MIN_WORDS = 4  # shorter sentences ("Our reporter has more.") state no fact worth grouping
MAX_CHARACTERS = 1_000  # a longer "sentence" is a list or a table, not one statement


def sentence_spans(passage: str, language: str | None, fast: bool) -> list[tuple[int, int]]:
    """Sentence spans (start, end) of a cleaned passage, white space trimmed."""
    if not fast:
        return split_sentences(passage, language)
    if not passage:  # all control sequences, say: nothing to split
        return []
    starts = _regex_starts(passage)
    spans: list[tuple[int, int]] = []
    for start, end in zip(starts, [*starts[1:], len(passage)], strict=True):
        piece = passage[start:end]
        body = piece.strip()  # str.strip drops what str.isspace calls space, as trimming does
        if body:
            start += len(piece) - len(piece.lstrip())
            spans.append((start, start + len(body)))
    return spans


def is_statement(text: str) -> bool:
    """Whether a sentence is long enough, and short enough, to state one fact."""
    return len(text) <= MAX_CHARACTERS and len(text.split()) >= MIN_WORDS


def is_passage_statement(sentence: str) -> bool:
    """is_statement() of a span of sentence_spans() of a cleaned passage (clean_passage),
    whose only white space is single spaces between words: counting them is enough."""
    return len(sentence) <= MAX_CHARACTERS and sentence.count(" ") >= MIN_WORDS - 1
