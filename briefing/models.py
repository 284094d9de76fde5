"""Provides the plain data shared by every stage: paragraphs, skipped files, answers, results.

All are frozen dataclasses: the stages pass them along and never mutate them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum

Span = tuple[int, int]


class ParagraphKind(str, Enum):
    """What a paragraph is: only BODY paragraphs are indexed and can be answers."""

    BODY = "body"
    HEADING = "heading"
    BOILERPLATE = "boilerplate"


@dataclass(frozen=True, slots=True)
class Paragraph:
    """One passage of a source file, with where it came from.

    A paragraph longer than the passage limit is cut into several passages that share
    `number`; each keeps its own `start`/`end`.
    """

    source: str  # path relative to the corpus root, with "/" separators
    number: int  # 1-based, counted over every paragraph made of the file
    line: int  # 1-based line of the first character
    start: int  # character offsets into the decoded file text
    end: int
    text: str  # the file text [start:end], exactly
    kind: ParagraphKind = ParagraphKind.BODY
    section: str | None = None  # the heading above it, if any
    title: str | None = None  # the headline of the article it belongs to, if any
    language: str | None = None  # ISO 639-1 code, set by analysis
    page: int | None = None  # 1-based page for paged formats (PDF)


@dataclass(frozen=True, slots=True)
class SkippedFile:
    """A file that was not indexed, or was indexed with a caveat, and why."""

    path: str
    reason: str


@dataclass(frozen=True, slots=True)
class SourceDocument:
    """A file read from the corpus and cut into paragraphs."""

    source: str
    text: str
    paragraphs: tuple[Paragraph, ...]
    encoding: str = "utf-8"
    titles: tuple[str, ...] = ()
    notice: str | None = None  # e.g. "decoded as cp1252": reported, never silent


@dataclass(frozen=True, slots=True)
class Correction:
    """A query word that was not in the vocabulary, and what was searched instead."""

    original: str
    replacements: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Answer:
    """One extractive answer (or one weak passage) with its citation.

    `passage` is the cleaned text as printed; `start`/`end` and `highlights` are code-point
    offsets into it, so `passage[start:end] == text`.
    """

    text: str
    score: float
    confidence: str | None  # "high" | "medium" | "low" | None for weak passages
    source: str
    paragraph: int
    line: int
    title: str | None
    section: str | None
    passage: str
    start: int
    end: int
    highlights: tuple[Span, ...]
    language: str | None = None
    page: int | None = None
    passage_offset: int = 0  # where the passage starts in the source file text


@dataclass(frozen=True, slots=True)
class AskResult:
    """Everything `ask` knows about one question."""

    question: str
    answered: bool
    error: str | None = None
    searched_terms: tuple[str, ...] = ()
    corrections: tuple[Correction, ...] = ()
    answers: tuple[Answer, ...] = ()
    weak: tuple[Answer, ...] = ()
    documents: int = 0  # how many documents were searched, for "No answer in N documents"


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


@dataclass(frozen=True, slots=True)
class SearchResult:
    """Everything `search` knows about one query."""

    query: str
    error: str | None = None
    searched_terms: tuple[str, ...] = ()
    corrections: tuple[Correction, ...] = ()
    results: tuple[SearchHit, ...] = ()


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
