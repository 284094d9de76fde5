"""Provides the facade both front ends call: open a corpus, ask a question, search, read sources.

The one-shot command and the TUI use this class and nothing below it, so they answer the same
question the same way.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from briefing.index.build import BuildReport, CorpusError, Notify, Progress, open_index
from briefing.index.store import IndexReader
from briefing.models import AskResult, CorpusStats, Paragraph, SearchHit, SearchResult
from briefing.sanitize import clean_passage, strip_controls

MAX_QUESTION_LENGTH = 4000

T = TypeVar("T")

__all__ = ["CorpusError", "Engine", "MAX_QUESTION_LENGTH", "question_error"]


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
        reader, report = open_index(root, rebuild=rebuild, notify=notify, progress=progress)
        engine = cls(root, reader, report)
        engine._notify = notify
        return engine

    def close(self) -> None:
        self.reader.close()

    @property
    def name(self) -> str:
        return self.root.resolve().name or str(self.root)

    @property
    def stats(self) -> CorpusStats:
        return CorpusStats(
            name=self.name,
            root=str(self.root.resolve()),
            documents=self.reader.file_count,
            paragraphs=self.reader.size,
            languages=dict(self.reader.languages),
            skipped=tuple(self.reader.skipped()),
            notices=tuple(f.notice for f in self.reader.files() if f.notice),
        )

    def _guarded(self, action: Callable[[], T]) -> T:
        """Run a read; if the cache turns out to be damaged, rebuild it once and retry."""
        try:
            return action()
        except sqlite3.DatabaseError as error:
            if self._notify:
                self._notify(f"notice: the index cache is damaged ({error}); rebuilding it")
            self.reader.close()
            self.reader, self.report = open_index(self.root, rebuild=True, notify=self._notify)
            return action()

    def ask(self, question: str, k: int = 3) -> AskResult:
        """Answer a question with up to `k` extractive answers, or abstain."""
        from briefing.answer import find_answers
        from briefing.search import analyse_query

        shown = strip_controls(question)
        error = question_error(question)
        if error:
            return AskResult(question=shown, answered=False, error=error)

        def run() -> AskResult:
            query = analyse_query(self.reader, question)
            answered, answers, weak = find_answers(self.reader, query, max(1, k))
            return AskResult(
                question=shown,
                answered=answered,
                searched_terms=query.searched_terms,
                corrections=query.corrections,
                answers=tuple(answers),
                weak=tuple(weak),
                documents=self.reader.file_count,
            )

        return self._guarded(run)

    def search(self, text: str, n: int = 10) -> SearchResult:
        """The `n` best passages for a query, best first."""
        from briefing.search import analyse_query, bm25_scores, highlight_spans, top_documents

        shown = strip_controls(text)
        error = question_error(text)
        if error:
            return SearchResult(query=shown, error=error)

        def run() -> SearchResult:
            query = analyse_query(self.reader, text)
            ranked = top_documents(bm25_scores(self.reader, query), max(1, n))
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
                results=tuple(hits),
            )

        return self._guarded(run)

    def document_paragraphs(self, source: str) -> list[Paragraph]:
        """Every paragraph the engine made of one file, in order (all kinds)."""
        return self._guarded(lambda: self.reader.document_paragraphs(source))

    def document_text(self, source: str) -> str:
        """The decoded text of one indexed file, as its paragraph offsets refer to it."""
        from briefing.corpus.files import read_text

        root = self.root.resolve()
        path = root if root.is_file() else (root / source).resolve()
        if root.is_dir() and root not in path.parents:
            raise CorpusError(f"not a file of this corpus: {source}")
        text, _, _ = read_text(path)
        return text

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
