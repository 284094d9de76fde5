"""Provides read_passage(): a passage's sentences and the words of each, read once.

A question scores every sentence of its candidate paragraphs but shows only a few passages:
scoring needs each sentence's terms and folded words in order, not where they stand. So a
sentence is read with one regex pass and a dict lookup per scanner chunk (no offsets), and
offsets are worked out only for the highlights, and only in the sentences that hold a
searched term. The words and places equal those of the whole passage's tokens, each with its
stem (tests/unit/test_text_passage.py).
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass
from functools import lru_cache
from operator import itemgetter

from briefing.corpus.sentences import split_sentences
from briefing.text.analyzer import Word, analyzer_for
from briefing.text.tokenize import chunk_places, scan_chunks

__all__ = ["PassageWords", "read_passage"]

_TERM = itemgetter(0)  # a Word's index term


@dataclass(frozen=True, slots=True)
class PassageWords:
    """A passage's sentence spans and, per sentence, its words.

    In `words`, each Word's start and end are relative to its own scanner chunk, not to the
    passage: use spans() for places in the text.
    """

    text: str
    language: str | None
    sentences: tuple[tuple[int, int], ...]
    chunks: tuple[tuple[str, ...], ...]  # per sentence, its scanner chunks (word_chunks)
    words: tuple[tuple[Word, ...], ...]
    terms: tuple[frozenset[str], ...]  # per sentence, the terms of its words
    term_order: tuple[tuple[str, ...], ...]  # per sentence, its words' terms in order

    def surfaces(self, start: int, end: int) -> list[str]:
        """The folded words of the sentences that start within [start, end), in order."""
        starts = [s for s, _ in self.sentences]
        first, last = bisect_left(starts, start), bisect_left(starts, end)
        return [surface for words in self.words[first:last] for _, surface, _, _ in words]

    def spans(self, wanted: frozenset[str]) -> list[tuple[int, int]]:
        """Where the words whose term is in `wanted` stand in the text, in order."""
        if not wanted:
            return []
        analyzer = analyzer_for(self.language)
        found: list[tuple[int, int]] = []
        sentences = zip(self.sentences, self.chunks, self.terms, strict=True)
        for (start, end), chunks, terms in sentences:
            if wanted.isdisjoint(terms):
                continue
            places = chunk_places(self.text[start:end], chunks)
            for raw, (base, lead) in zip(chunks, places, strict=True):
                for term, _, a, b in analyzer.chunk_words(raw):
                    if term in wanted:
                        found.append((start + (lead if a == 0 else base + a), start + base + b))
        return found


# A session's questions meet the same paragraphs again (a story asked about twice, a
# follow-up): this many passages stay read, about 12 kB each (3 MB when full), the last
# twenty or so questions' (a question reads about seven). Not more: a benchmark that asks
# its questions again would gain, a reader much less, at 24 MB for 2,048.
PASSAGES_KEPT = 256


@lru_cache(maxsize=PASSAGES_KEPT)
def read_passage(text: str, language: str | None) -> PassageWords:
    """The sentences of a passage and their words; cached, as the best paragraphs recur
    across a session's questions."""
    analyzer = analyzer_for(language)
    sentences = tuple(split_sentences(text))
    scan = scan_chunks(text)
    chunks = tuple(tuple(scan(s, e)) for s, e in sentences)
    words = tuple(tuple(analyzer.unplaced_words(c)) for c in chunks)
    term_order = tuple([tuple(map(_TERM, sentence)) for sentence in words])
    terms = tuple(map(frozenset, term_order))
    return PassageWords(text, language, sentences, chunks, words, terms, term_order)
