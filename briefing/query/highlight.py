"""Provides the highlights of a passage: the spans of the question's words and phrases in it.

A word is highlighted where the passage holds one of its searched terms (briefing.text.passage
finds them sentence by sentence). A phrase that restricted the search is highlighted as one
span, first word to last; its words are then highlighted elsewhere only when typed outside
it too.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from functools import lru_cache
from typing import TYPE_CHECKING

from briefing.models import Span
from briefing.text.analyzer import analyzer_for
from briefing.text.passage import read_passage

if TYPE_CHECKING:
    from briefing.query.restriction import AnalysedPhrase


def merge_spans(spans: Iterable[Span]) -> tuple[Span, ...]:
    """Spans sorted, those that overlap or touch merged ("etats-unis" and its parts: one)."""
    merged: list[Span] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return tuple(merged)


@lru_cache(maxsize=64)
def term_spans(text: str, language: str | None, wanted: frozenset[str]) -> tuple[Span, ...]:
    """Spans of `text` whose analysed term is in `wanted`, merged.

    Found in the sentences that hold a searched term; cached, as a question's answers often
    share a passage.
    """
    if not wanted:
        return ()
    return merge_spans(read_passage(text, language).spans(wanted))


def phrase_spans(text: str, language: str | None, phrases: Sequence[AnalysedPhrase]) -> list[Span]:
    """Spans of `text` where a phrase occurs (first word to last word, stopwords between)."""
    if not phrases:
        return []
    analyzer = analyzer_for(language)
    tokens = [t for t in analyzer.analyze(text, keep_stopwords=True)
              if not analyzer.is_stopword(t.surface)]
    terms = [t.term for t in tokens]
    spans: list[Span] = []
    for phrase in phrases:
        wanted = list(phrase.terms_for(analyzer))
        if not wanted:
            continue
        width = len(wanted)
        for i in range(len(terms) - width + 1):
            if terms[i : i + width] == wanted:
                spans.append((tokens[i].start, tokens[i + width - 1].end))
    return spans


def highlights(
    text: str, language: str | None, loose: frozenset[str], phrases: Sequence[AnalysedPhrase]
) -> tuple[Span, ...]:
    """The highlights of a passage: `loose` are the terms highlighted on their own, `phrases`
    those highlighted as one span."""
    if not phrases:
        return term_spans(text, language, loose)
    return merge_spans([*term_spans(text, language, loose), *phrase_spans(text, language, phrases)])
