"""Provides the results an answer never needs: search hits, corpus statistics, the briefing.

Kept apart from briefing.models so that a one-shot `ask` does not create their classes
(a frozen dataclass costs about 0.7 ms to define).
"""

from __future__ import annotations

from dataclasses import dataclass

from briefing.models import (
    Conflict,
    Correction,
    DocumentInfo,
    Paragraph,
    QueryFilters,
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
    # The folder's files whose names start like a shown source's (see AskResult.namesakes).
    namesakes: tuple[str, ...] = ()
    # With a topic, how many passages it matched (they may state no fact that reads alone);
    # None for the whole folder.
    passages: int | None = None


@dataclass(frozen=True, slots=True)
class IndexStatus:
    """The differences between a folder and its index, as relative paths, sorted."""

    indexed: bool  # False: there is no usable index yet (every file is new)
    files: int  # readable-looking files in the folder now
    new: tuple[str, ...] = ()
    changed: tuple[str, ...] = ()
    removed: tuple[str, ...] = ()

    @property
    def up_to_date(self) -> bool:
        return self.indexed and not (self.new or self.changed or self.removed)


@dataclass(frozen=True, slots=True)
class DocumentView:
    """One source file as a reader shows it: its paragraphs cleaned, a question's words found."""

    source: str
    paragraphs: tuple[Paragraph, ...]  # every paragraph, in order; labels one clean line each
    texts: tuple[str, ...]  # each paragraph as printed (controls stripped, spaces collapsed)
    matches: tuple[tuple[Span, ...], ...]  # per paragraph, the question's words in its text
