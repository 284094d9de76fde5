"""Provides the plain data shared by every stage: paragraphs, skipped files, answers, results.

All are frozen dataclasses: the stages pass them along and never mutate them.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from typing import NamedTuple

Span = tuple[int, int]


class ParagraphKind(str, Enum):
    """What a paragraph is: BODY paragraphs, and the HEADING that is an article's title
    (paragraph 1), are indexed and can be answers; only BODY paragraphs state facts."""

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
    format: str = "text"  # "text" | "markdown" | "html" | "pdf"
    title: str | None = None  # from the file's metadata (HTML head, front matter, PDF info)
    date: str | None = None  # publication date from the metadata, ISO "YYYY-MM-DD"
    language: str | None = None  # as the file declares it (HTML lang, front matter, PDF /Lang)


@dataclass(frozen=True, slots=True)
class DocumentInfo:
    """What is known about a whole file: keys that do not apply are None."""

    format: str  # "text" | "markdown" | "html" | "pdf"
    title: str | None = None
    date: str | None = None  # ISO "YYYY-MM-DD"
    language: str | None = None  # declared, else the commonest language of its paragraphs


@dataclass(frozen=True, slots=True)
class QueryFilters:
    """The search syntax recognised in a question (briefing.query.syntax)."""

    phrases: tuple[str, ...] = ()
    excluded: tuple[str, ...] = ()
    languages: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()
    titles: tuple[str, ...] = ()
    after: str | None = None  # ISO day, exclusive
    before: str | None = None  # ISO day, exclusive


@dataclass(frozen=True, slots=True)
class Correction:
    """A query word that was not in the vocabulary, and what was searched instead: its
    spelling corrected, or (`translated`) its words in the folder's other language."""

    original: str
    replacements: tuple[str, ...]
    translated: bool = False

    @property
    def text(self) -> str:
        """"minstry → ministry", "poursuit → sue / lawsuit (translated)"."""
        arrow = f"{self.original} → {' / '.join(self.replacements)}"
        return f"{arrow} (translated)" if self.translated else arrow


@dataclass(frozen=True, slots=True)
class SourceRef:
    """One sentence of the corpus that reports a fact (briefing.corroboration)."""

    source: str
    paragraph: int
    text: str
    language: str | None = None
    line: int = 0
    start: int = 0  # the sentence's span in its cleaned passage
    end: int = 0


@dataclass(frozen=True, slots=True)
class ConflictVersion:
    """One side of a disagreement: the differing words, and the files that say them."""

    text: str  # e.g. "Australia and Taiwan", as one of its sources writes it
    sources: tuple[str, ...]  # the first files that say it (all of them, up to a dozen)
    languages: tuple[str | None, ...] = ()  # the language of each source, in order
    source_count: int = 0  # every file that says it; 0 means len(sources)
    sentence: str = ""  # the whole sentence it is taken from, as the reader shows it
    span: tuple[int, int] = (0, 0)  # where `text` is in `sentence`

    @property
    def count(self) -> int:
        return max(self.source_count, len(self.sources))


@dataclass(frozen=True, slots=True)
class Conflict:
    """Sources that report one event but differ on a name, a number or a date."""

    versions: tuple[ConflictVersion, ...]


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
    document: DocumentInfo | None = None
    # Every sentence that states this answer's fact, its own first (briefing.corroboration).
    sources: tuple[SourceRef, ...] = ()
    source_count: int = 0  # distinct files among them
    # The candidate that answers: a span of `passage` inside [start, end) holding a value of
    # the type the question expects (briefing.query.candidates); None for a question that
    # expects no typed value (`reason`, `other`) and for weak passages.
    span: Span | None = None


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
    filters: QueryFilters = QueryFilters()
    notes: tuple[str, ...] = ()  # about the search syntax: what was searched as plain text
    undated_left_out: int = 0  # documents without a date that after:/before: left out
    conflicts: tuple[Conflict, ...] = ()  # disagreements touching the answers
    # The type of answer the question expects: "number", "money", "percent", "date",
    # "duration", "score", "person", "place", "organisation", "title", "reason" or "other".
    expected: str = "other"
    # The folder's files whose names start like a shown source's, so that the front ends
    # name each source uniquely in the folder (briefing.output.names); not in the JSON.
    namesakes: tuple[str, ...] = ()


# What opening an index reports: named tuples, as every one-shot question opens an index and a
# frozen dataclass costs four times as much to define (about 0.9 ms against 0.2).


class CorpusStats(NamedTuple):
    """What an index holds, for `briefing index` and the reader's header."""

    name: str
    root: str
    documents: int
    paragraphs: int
    languages: dict[str, int]  # paragraphs per language code
    skipped: tuple[SkippedFile, ...] = ()  # every file left out, and why
    notices: tuple[str, ...] = ()  # "path: not UTF-8: decoded as cp1252", ...


class IndexReport(NamedTuple):
    """What opening (building or refreshing) an index did, and what the index holds."""

    corpus: CorpusStats
    reindexed: int = 0  # files read and analysed by this open (0: nothing changed)
    removed: int = 0  # files gone from the folder since the last index
    rebuilt: bool = False  # a new index file was written
    saved: bool = True  # False: the cache could not be written; the index lives in memory
    seconds: float = 0.0
    skipped: tuple[SkippedFile, ...] = ()  # files this open could not index, and why
    notices: tuple[str, ...] = ()  # what this open noticed ("not UTF-8: decoded as cp1252")
    formats: dict[str, int] | None = None  # indexed files per format
    decoded: tuple[tuple[str, str], ...] = ()  # (path, encoding) of files that are not UTF-8
