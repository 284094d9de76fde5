"""Provides the engine session: one opened corpus and the one thread allowed to touch it.

The index is a SQLite connection, usable only from the thread that opened it, so every engine
call (opening included) runs on a single daemon thread, in order. Workers wait on it; the UI
thread never does. A daemon thread also lets the reader quit in the middle of a long build
(the build publishes atomically, so nothing half-written is ever trusted).
"""

from __future__ import annotations

import asyncio
import queue
import threading
from collections.abc import Callable
from concurrent.futures import Future
from concurrent.futures import TimeoutError as FutureTimeout
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

from briefing.corpus.sanitize import clean_passage
from briefing.index.report import BuildReport, Notify, Progress
from briefing.library import Engine
from briefing.models import Paragraph
from briefing.reports import Briefing, CorpusStats, SearchResult
from briefing.tui.present import Outcome, build_outcome

T = TypeVar("T")

ANSWERS = 3
PASSAGES = 10
# Every passage of a document holding a query word is found through search; the cap keeps a
# huge corpus from reading tens of thousands of paragraphs for one source view.
DOCUMENT_MATCH_LIMIT = 2000


def _warm_up(engine: Engine) -> None:
    from briefing.query.ranking import load_arrays

    try:
        load_arrays()  # a reading session asks many questions: numpy ranks them
        engine.facts  # noqa: B018 - the property computes and caches the tables
    except Exception:  # noqa: S110 - a failed warm-up only means a slower first answer
        pass


class SessionClosed(Exception):
    """The reader is quitting: a worker waiting on the engine stops waiting."""


class EngineThread:
    """A single daemon thread running submitted calls one at a time, in order."""

    def __init__(self) -> None:
        self._calls: queue.SimpleQueue[tuple[Callable[[], Any], Future[Any]] | None]
        self._calls = queue.SimpleQueue()
        self._thread = threading.Thread(target=self._serve, name="briefing-engine", daemon=True)
        self._thread.start()

    def _serve(self) -> None:
        while (item := self._calls.get()) is not None:
            call, future = item
            if not future.set_running_or_notify_cancel():
                continue
            try:
                future.set_result(call())
            except BaseException as error:  # noqa: B036 - handed to the waiting caller
                future.set_exception(error)

    def submit(self, call: Callable[[], T]) -> Future[T]:
        future: Future[T] = Future()
        self._calls.put((call, future))
        return future

    def stop(self) -> None:
        self._calls.put(None)


@dataclass(frozen=True, slots=True)
class DocumentView:
    """One source file as the source view shows it: cleaned paragraphs and their matches."""

    source: str
    paragraphs: tuple[Paragraph, ...]
    texts: tuple[str, ...]  # each paragraph cleaned for display (controls stripped)
    matches: tuple[tuple[tuple[int, int], ...], ...]  # query-word spans per paragraph


class Session:
    """The opened engine, if any, and the thread its calls run on."""

    def __init__(self) -> None:
        self.thread = EngineThread()
        self.engine: Engine | None = None
        self.closed = False

    # Blocking calls: for thread workers only.

    def call(self, action: Callable[[], T]) -> T:
        """Run `action` on the engine thread and wait for it, unless the reader quits first.

        Textual waits for its worker threads at exit; waking them here means quitting in the
        middle of a long build is immediate (the daemon engine thread ends with the process).
        """
        future = self.thread.submit(action)
        while True:
            try:
                return future.result(timeout=0.1)
            except FutureTimeout:
                if self.closed:
                    raise SessionClosed("the reader is closing") from None

    # Awaitable calls: for the event loop (the suggester, the source view).

    async def call_async(self, action: Callable[[], T]) -> T:
        return await asyncio.wrap_future(self.thread.submit(action))

    def open(
        self,
        corpus: Path,
        *,
        rebuild: bool = False,
        notify: Notify | None = None,
        progress: Progress | None = None,
    ) -> tuple[Engine, CorpusStats]:
        """Open `corpus` (blocking); the previous engine is closed only once this one works."""

        def run() -> tuple[Engine, CorpusStats]:
            engine = Engine.open(corpus, rebuild=rebuild, notify=notify, progress=progress)
            stats = engine.stats
            if self.engine is not None:
                self.engine.close()
            self.engine = engine
            return engine, stats

        engine, stats = self.call(run)
        # Warm up while the reader types: the engine prepares its corroboration tables (and
        # sentence splitters) on first use, which would otherwise delay the first answer.
        self.thread.submit(lambda: _warm_up(engine))
        return engine, stats

    def ask(self, question: str) -> Outcome:
        """The answers to a question and the passages around them (blocking)."""

        def run() -> Outcome:
            engine = self._engine()
            result = engine.ask(question, ANSWERS)
            search = (
                engine.search(question, PASSAGES)
                if result.error is None
                else SearchResult(query=question)
            )
            return build_outcome(engine.name, result, search)

        return self.call(run)

    def brief(self, n: int) -> Briefing:
        """The corpus briefing: its `n` most central facts, key actors, conflicts (blocking)."""
        return self.call(lambda: self._engine().brief(n))

    def refresh_if_changed(self) -> tuple[BuildReport, CorpusStats] | None:
        """Re-index the folder if a file changed since it was read (blocking); None if not.

        Deciding is a stat walk, cheap enough to poll; only changed files are read again.
        """

        def run() -> tuple[BuildReport, CorpusStats] | None:
            engine = self.engine
            if engine is None or not engine.changed():
                return None
            report = engine.refresh()
            return report, engine.stats

        return self.call(run)

    def document(self, source: str, question: str) -> DocumentView:
        """Every paragraph of one source, with the query words of `question` located in it."""

        def run() -> DocumentView:
            engine = self._engine()
            paragraphs = tuple(engine.document_paragraphs(source))
            texts = tuple(clean_passage(p.text) for p in paragraphs)
            found: dict[int, tuple[tuple[int, int], ...]] = {}
            if question:
                # The engine's own highlighting (as in the results) for every paragraph of
                # the source that holds a query word: search finds them all, ranked or not.
                limit = min(DOCUMENT_MATCH_LIMIT, max(1, engine.stats.paragraphs))
                for hit in engine.search(question, limit).results:
                    if hit.source == source:
                        found[hit.passage_offset] = hit.highlights
            matches = tuple(found.get(p.start, ()) for p in paragraphs)
            return DocumentView(source, paragraphs, texts, matches)

        return self.call(run)

    def path_of(self, source: str) -> Path:
        """The file behind a source name (the corpus may be a single file)."""
        root = self._engine().root.resolve()
        return root if root.is_file() else root / source

    async def complete(self, prefix: str) -> str | None:
        """The commonest corpus word starting with `prefix`, or None (also while opening)."""
        if self.engine is None:
            return None
        return await self.call_async(lambda: self.engine.complete(prefix) if self.engine else None)

    def _engine(self) -> Engine:
        if self.engine is None:
            raise RuntimeError("the corpus is not open yet")
        return self.engine

    def close(self) -> None:
        """Close the engine on its own thread, then let the thread end."""
        self.closed = True
        engine, self.engine = self.engine, None
        if engine is not None:
            self.thread.submit(engine.close)
        self.thread.stop()
