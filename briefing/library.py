"""Provides the facade both front ends call: open a corpus, ask a question, search, read sources.

The one-shot command and the TUI use this class and nothing below it, so they answer the same
question the same way.
"""

from __future__ import annotations

import dataclasses
import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from briefing.corpus.sanitize import clean_label, clean_passage, strip_controls, visible
from briefing.errors import CorpusError
from briefing.index.opening import open_index
from briefing.index.report import BuildReport, FactsCollector, Notify, Progress
from briefing.index.store import IndexReader, read_transaction
from briefing.models import Answer, AskResult, Paragraph

if TYPE_CHECKING:
    from briefing.index.fact_tables import FactStore
    from briefing.index.freshness import FolderStatus
    from briefing.index.metadata import Catalog
    from briefing.models import DocumentInfo
    from briefing.query.question import Query
    from briefing.query.restriction import Restriction
    from briefing.query.syntax import ParsedQuery
    from briefing.reports import Briefing, CorpusStats, SearchHit, SearchResult

MAX_QUESTION_LENGTH = 4000
ONLY_FILTERS = "the question has only filters: add words to search"
SORTS = ("relevance", "date")

T = TypeVar("T")

__all__ = ["CorpusError", "Engine", "MAX_QUESTION_LENGTH", "question_error"]

# Errors a damaged or tampered cache file shows up as (besides sqlite3.DatabaseError): a blob
# of the wrong length, an id out of range, a NULL where a number belongs, bad JSON.
_DAMAGE = (sqlite3.DatabaseError, ValueError, IndexError, KeyError, TypeError)
# Strings: briefing.reports (search results) is imported only when a search runs.
Labelled = TypeVar("Labelled", "Answer", "SearchHit")


def _clean_labels(item: Labelled) -> Labelled:
    """An answer or hit whose title, section and file metadata are one clean line each.

    The passage is cleaned where it is cut; these labels come from the file as written, and
    a heading can carry escape sequences as well as any sentence.
    """
    document = item.document
    if document is not None:
        cleaned = (
            clean_label(document.title),
            clean_label(document.date),
            clean_label(document.language),
        )
        if cleaned != (document.title, document.date, document.language):
            title, date, language = cleaned
            document = dataclasses.replace(document, title=title, date=date, language=language)
    labels = (clean_label(item.title), clean_label(item.section), document)
    if labels == (item.title, item.section, item.document):
        return item
    return dataclasses.replace(item, title=labels[0], section=labels[1], document=labels[2])


def _clean_all(items: tuple[Labelled, ...] | list[Labelled]) -> tuple[Labelled, ...]:
    return tuple(_clean_labels(item) for item in items)


def question_error(question: str) -> str | None:
    """Why a question cannot be searched at all, or None if it can."""
    if not question.strip():
        return "the question is empty"
    if len(question) > MAX_QUESTION_LENGTH:
        return (
            f"the question is {len(question):,} characters long; "
            f"the limit is {MAX_QUESTION_LENGTH:,}"
        )
    if not any(c.isalnum() for c in question):
        return "the question has no words to search"
    return None


class Engine:
    """An opened corpus: its index, its folder, and the questions one can ask of it."""

    def __init__(self, root: Path, reader: IndexReader, report: BuildReport) -> None:
        self.root = root
        self.reader = reader
        self.report = report
        self._notify: Notify | None = None
        self._catalog: Catalog | None = None
        self._facts: FactStore | None = None

    @classmethod
    def open(
        cls,
        corpus: Path | None = None,
        *,
        rebuild: bool = False,
        notify: Notify | None = None,
        progress: Progress | None = None,
    ) -> Engine:
        """Open (building or refreshing the cache as needed) the corpus at `corpus`.

        `None` means the usual choice: `BRIEFING_CORPUS`, else the bundled corpus.
        Raises CorpusError when there is nothing to index.
        """
        from briefing.paths import resolve_corpus

        root = corpus if corpus is not None else resolve_corpus(None)
        _check_root(root)
        reader, report = _open_or_rebuild(root, rebuild, notify, progress)
        engine = cls(root, reader, report)
        engine._notify = notify
        if report.reindexed:
            engine.catalog.record_recent()  # the metadata just read, while it is at hand
        return engine

    def close(self) -> None:
        self._drop_catalog()
        self.reader.close()

    @property
    def catalog(self) -> Catalog:
        """Each indexed file's format, title, date and language (opened on first use)."""
        from briefing.index.metadata import Catalog

        if self._catalog is None:
            self._catalog = Catalog(self.root, self.reader, persist=self.report.saved)
        return self._catalog

    def _drop_catalog(self) -> None:
        if self._catalog is not None:
            self._catalog.close()
            self._catalog = None

    def document_info(self, source: str) -> DocumentInfo | None:
        """The metadata of one indexed file (None if the index does not hold it)."""
        return self._guarded(lambda: self.catalog.info(source))

    def changed(self) -> bool:
        """Whether the folder changed since the index was read: a stat walk, no file read."""
        from briefing.index.freshness import has_changed

        return self._guarded(lambda: has_changed(self.root, self.reader))

    def folder_status(self) -> FolderStatus:
        """New, changed and removed files since the index was built (changed ones hashed)."""
        from briefing.index.freshness import folder_status

        return self._guarded(lambda: folder_status(self.root, self.reader))

    def refresh(self, *, progress: Progress | None = None) -> BuildReport:
        """Bring the index up to date with the folder; only changed files are read again."""
        reader, report = _open_or_rebuild(self.root, False, self._notify, progress)
        self._drop_catalog()
        if reader is not self.reader:
            self.reader.close()
        self.reader, self.report = reader, report
        if report.reindexed:
            self.catalog.record_recent()
        return report

    @property
    def name(self) -> str:
        return self.root.resolve().name or str(self.root)

    @property
    def stats(self) -> CorpusStats:
        from briefing.reports import CorpusStats

        return self._guarded(
            lambda: CorpusStats(
                name=self.name,
                root=str(self.root.resolve()),
                documents=self.reader.file_count,
                paragraphs=self.reader.size,
                languages=dict(self.reader.languages),
                skipped=tuple(self.reader.skipped()),
                notices=tuple(
                    f"{visible(f.path)}: {f.notice}" for f in self.reader.files() if f.notice
                ),
            )
        )

    def _guarded(self, action: Callable[[], T]) -> T:
        """Run a read, in one read transaction (SQLite otherwise locks and checks the file
        again at every statement); if the cache turns out to be damaged, rebuild it once and
        retry. A second failure on the fresh index is a bug, not damage: it is raised.
        """
        try:
            with read_transaction(self.reader.connection):
                return action()
        except _DAMAGE as error:
            if self._notify:
                self._notify(f"notice: the index cache is damaged ({_describe(error)}); "
                             "rebuilding it")
            self._drop_catalog()
            self.reader.close()
            self.reader, self.report = open_index(
                self.root, rebuild=True, notify=self._notify, facts=_collect_facts
            )
            with read_transaction(self.reader.connection):
                return action()

    def _analyse(self, parsed: ParsedQuery) -> tuple[Query, Restriction]:
        """The question's words analysed, and what its syntax allows (a paragraph mask)."""
        from briefing.query.question import analyse_query
        from briefing.query.restriction import Restriction, restrict

        query = analyse_query(self.reader, parsed.text)
        if not parsed.has_syntax:
            return query, Restriction()
        restriction = restrict(self.reader, self.catalog, parsed.filters)
        if restriction.undated_left_out:
            count = restriction.undated_left_out
            noun = "document" if count == 1 else "documents"
            restriction.notes.append(f"after:/before: left out {count} {noun} with no known date")
        return dataclasses.replace(query, mask=restriction.mask), restriction

    def ask(
        self, question: str, k: int = 3, *, syntax: bool = True, sort: str = "relevance"
    ) -> AskResult:
        """Answer a question with up to `k` extractive answers, or abstain.

        `syntax` reads phrases, exclusions and filters in the question (briefing.query.syntax);
        `sort="date"` lists the answers newest first.
        """
        from briefing.corroboration.attach import conflicts_of, corroborate
        from briefing.query.answers import find_answers
        from briefing.query.restriction import finish
        from briefing.query.syntax import parse_query

        # Control characters are never part of a question: it is read, searched and echoed
        # without them, so nothing derived from it (notes, filters) can carry them either.
        question = shown = strip_controls(question)
        error = question_error(question)
        if error:
            return AskResult(question=shown, answered=False, error=error)
        parsed = parse_query(question, syntax=syntax)
        if not any(c.isalnum() for c in parsed.text):
            return AskResult(question=shown, answered=False, error=ONLY_FILTERS,
                             filters=parsed.filters, notes=parsed.notes)

        def run() -> AskResult:
            query, restriction = self._analyse(parsed)
            # Twice the answers asked for: those that state one fact are merged (corroboration).
            answered, answers, weak = find_answers(self.reader, query, max(1, k) * 2)
            answers, groups = corroborate(self.facts, answers, max(1, k))
            weak, _ = corroborate(self.facts, weak)
            return AskResult(
                question=shown,
                answered=answered,
                searched_terms=query.searched_terms,
                corrections=query.corrections,
                answers=_clean_all(finish(answers, self.catalog, query, parsed, restriction, sort)),
                weak=_clean_all(finish(weak, self.catalog, query, parsed, restriction, sort)),
                documents=self.reader.file_count,
                filters=parsed.filters,
                notes=(*parsed.notes, *restriction.notes),
                undated_left_out=restriction.undated_left_out,
                conflicts=conflicts_of(self.facts, groups),
            )

        return self._guarded(run)

    @property
    def facts(self) -> FactStore:
        """The corroboration tables of the index (computed now if the index lacks them)."""
        from briefing.corroboration.tables import open_facts

        if self._facts is None or self._facts.connection is not self.reader.connection:
            self._facts = open_facts(self.reader.connection)
        return self._facts

    def brief(self, n: int = 8) -> Briefing:
        """The one-screen briefing: the `n` most central facts with their sources, the key
        actors, and where sources disagree. `Fact.text` can be asked as a question."""
        from briefing.corroboration.digest import brief

        return self._guarded(lambda: brief(self.facts, max(0, n), self.reader.file_count))

    def search(
        self, text: str, n: int = 10, *, syntax: bool = True, sort: str = "relevance"
    ) -> SearchResult:
        """The `n` best passages for a query, best first (`sort="date"`: newest first)."""
        from briefing.query.question import highlight_spans
        from briefing.query.ranking import rank_paragraphs
        from briefing.query.restriction import finish
        from briefing.query.syntax import parse_query
        from briefing.reports import SearchHit, SearchResult

        text = shown = strip_controls(text)  # as in ask(): controls are never searched
        error = question_error(text)
        if error:
            return SearchResult(query=shown, error=error)
        parsed = parse_query(text, syntax=syntax)
        if not any(c.isalnum() for c in parsed.text):
            return SearchResult(query=shown, error=ONLY_FILTERS, filters=parsed.filters,
                                notes=parsed.notes)

        def run() -> SearchResult:
            query, restriction = self._analyse(parsed)
            ranked = rank_paragraphs(self.reader, query, max(1, n))  # the same ranking as `ask`
            paragraphs = self.reader.paragraphs_by_doc([doc_id for doc_id, _ in ranked])
            hits = []
            for doc_id, score in ranked:
                paragraph = paragraphs[doc_id]
                passage = clean_passage(paragraph.text)
                hits.append(
                    SearchHit(
                        source=paragraph.source,
                        paragraph=paragraph.number,
                        line=paragraph.line,
                        title=paragraph.title,
                        section=paragraph.section,
                        score=round(score, 6),
                        passage=passage,
                        highlights=tuple(highlight_spans(passage, paragraph.language, query)),
                        language=paragraph.language,
                        page=paragraph.page,
                        passage_offset=paragraph.start,
                    )
                )
            return SearchResult(
                query=shown,
                searched_terms=query.searched_terms,
                corrections=query.corrections,
                results=_clean_all(finish(hits, self.catalog, query, parsed, restriction, sort)),
                filters=parsed.filters,
                notes=(*parsed.notes, *restriction.notes),
                undated_left_out=restriction.undated_left_out,
            )

        return self._guarded(run)

    def document_paragraphs(self, source: str) -> list[Paragraph]:
        """Every paragraph the engine made of one file, in order (all kinds).

        `text` is the file's text as written (offsets refer to it; clean it to show it);
        `title` and `section` are already one clean line each.
        """
        paragraphs = self._guarded(lambda: self.reader.document_paragraphs(source))
        return [
            p
            if (p.title, p.section) == (clean_label(p.title), clean_label(p.section))
            else dataclasses.replace(
                p, title=clean_label(p.title), section=clean_label(p.section)
            )
            for p in paragraphs
        ]

    def document_text(self, source: str) -> str:
        """The decoded text of one indexed file, as its paragraph offsets refer to it."""
        from briefing.corpus.formats import file_text

        root = self.root.resolve()
        path = root if root.is_file() else (root / source).resolve()
        if root.is_dir() and root not in path.parents:
            raise CorpusError(f"not a file of this corpus: {source}")
        return file_text(path)

    def complete(self, prefix: str) -> str | None:
        """The commonest vocabulary word starting with `prefix` (for word completion)."""
        from briefing.text.normalize import fold

        folded = fold(prefix)
        if len(folded) < 2:
            return None
        words = self._guarded(lambda: self.reader.words_with_prefix(folded, 1))
        return words[0] if words else None

    @property
    def build_report(self) -> BuildReport:
        return self.report


def _collect_facts(parallel: bool) -> FactsCollector:
    """The corroboration tables' collector for a build (the index's hook; see FactsHook)."""
    from briefing.corroboration.during_build import facts_for  # numpy: only to build

    return facts_for(parallel)


def _describe(error: BaseException) -> str:
    text = str(error)
    return text if isinstance(error, sqlite3.DatabaseError) else f"{type(error).__name__}: {text}"


def _check_root(root: Path) -> None:
    """A corpus path the cache cannot record (bytes that are not UTF-8) is bad input."""
    try:
        str(root.expanduser().absolute()).encode("utf-8")
    except UnicodeEncodeError:
        raise CorpusError(
            f"the corpus path is not valid UTF-8, please rename it: {visible(str(root))}"
        ) from None


def _open_or_rebuild(
    root: Path, rebuild: bool, notify: Notify | None, progress: Progress | None
) -> tuple[IndexReader, BuildReport]:
    """open_index, but a cache file that breaks while it is read is rebuilt, never trusted.

    A file that is not a database is caught by the store; one that is a database with the
    wrong tables, values or blobs fails later, while being compared or copied.
    """
    from briefing.index.schema import index_path

    cached = not rebuild and index_path(root).exists()
    try:
        return open_index(
            root, rebuild=rebuild, notify=notify, progress=progress, facts=_collect_facts
        )
    except (CorpusError, OSError):
        raise
    except _DAMAGE as error:
        if not cached:
            raise
        if notify is not None:
            notify(
                f"notice: the index cache is damaged ({_describe(error)}); rebuilding it"
            )
        return open_index(
            root, rebuild=True, notify=notify, progress=progress, facts=_collect_facts
        )
