"""Provides the results an answer never needs: search hits, corpus statistics, the briefing.

Kept apart from briefing.models so that a one-shot `ask` does not create their classes
(a frozen dataclass costs about 0.7 ms to define).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from briefing.models import (
    Conflict,
    Correction,
    DocumentInfo,
    QueryFilters,
    SkippedFile,
    SourceRef,
    Span,
)


@dataclass(frozen=True, slots=True)
class SearchHit:
    """One ranked passage for `search`."""

    source: str
    paragraph: int
    line: int
    title: str | None
    section: str | None
    score: float
    passage: str
    highlights: tuple[Span, ...]
    language: str | None = None
    page: int | None = None
    passage_offset: int = 0
    document: DocumentInfo | None = None


@dataclass(frozen=True, slots=True)
class SearchResult:
    """Everything `search` knows about one query."""

    query: str
    error: str | None = None
    searched_terms: tuple[str, ...] = ()
    corrections: tuple[Correction, ...] = ()
    results: tuple[SearchHit, ...] = ()
    filters: QueryFilters = QueryFilters()
    notes: tuple[str, ...] = ()
    undated_left_out: int = 0


@dataclass(frozen=True, slots=True)
class CorpusStats:
    """What an index holds, for `briefing index` and the TUI header."""

    name: str
    root: str
    documents: int
    paragraphs: int
    languages: dict[str, int] = field(default_factory=dict)
    skipped: tuple[SkippedFile, ...] = ()
    notices: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Fact:
    """One fact of the briefing: the sentence that says it best, and every source of it."""

    text: str
    source: str
    paragraph: int
    line: int
    language: str | None
    score: float
    source_count: int
    sources: tuple[SourceRef, ...]
    conflict: Conflict | None = None  # when sources disagree on a detail of it


@dataclass(frozen=True, slots=True)
class Actor:
    """An organisation, person or country the corpus names, and the files that name it."""

    name: str
    source_count: int
    sources: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Briefing:
    """The one-screen briefing of a corpus: central facts, key actors, conflicts."""

    facts: tuple[Fact, ...]
    actors: tuple[Actor, ...]
    conflicts: tuple[Conflict, ...]
    documents: int  # files in the corpus
