"""Provides the reader's session: one opened library and the one thread allowed to touch it.

The index is a SQLite connection, usable only from the thread that opened it, so every
library call (opening included) runs on a single daemon thread, in order. Workers wait on it;
the UI thread never does. A daemon thread also lets the reader quit in the middle of a long build
(the build publishes atomically, so nothing half-written is ever trusted).
"""

from __future__ import annotations

import asyncio
import queue
import threading
from collections.abc import Callable
from concurrent.futures import Future
from concurrent.futures import TimeoutError as FutureTimeout
from pathlib import Path
from typing import Any, TypeVar

import briefing
from briefing import (
    AskResult,
    Briefing,
    CorpusStats,
    DocumentView,
    IndexReport,
    Library,
    QuestionError,
    SearchResult,
)
from briefing.tui.present import Outcome, build_outcome

T = TypeVar("T")

# (phase, done, total) of a build, and one line the library noticed: see briefing.open.
Progress = Callable[[str, int, "int | None"], None]
Notify = Callable[[str], None]


def _warm_up(library: Library) -> None:
    try:
        library.warm_up()  # a reading session asks many questions
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


class Session:
    """The opened library, if any, and the thread its calls run on."""

    def __init__(self) -> None:
        self.thread = EngineThread()
        self.library: Library | None = None
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
    ) -> tuple[Library, IndexReport]:
        """Open `corpus` (blocking); the previous library is closed only once this one works."""

        def run() -> tuple[Library, IndexReport]:
            library = briefing.open(corpus, on_notice=notify)
            report = library.index(rebuild=rebuild, progress=progress)
            if self.library is not None:
                self.library.close()
            self.library = library
            return library, report

        library, report = self.call(run)
        # Warm up while the reader types: the library prepares its corroboration tables (and
        # numpy) on first use, which would otherwise delay the first answer.
        self.thread.submit(lambda: _warm_up(library))
        return library, report

    def ask(self, question: str) -> Outcome:
        """The answers to a question and the passages around them (blocking): one analysis
        and one ranking for both."""

        def run() -> Outcome:
            library = self._library()
            try:
                result, search = library.answers_and_passages(
                    question, briefing.ANSWERS, briefing.RESULTS
                )
            except QuestionError as error:
                result = AskResult(question=error.question, answered=False, error=str(error),
                                   filters=error.filters, notes=error.notes)
                search = SearchResult(query=error.question)
            return build_outcome(library.name, result, search)

        return self.call(run)

    def brief(self, n: int, topic: str | None = None) -> Briefing:
        """The briefing of the corpus, or of the passages a `topic` matches: its `n` most
        central facts, key actors, conflicts (blocking)."""
        return self.call(lambda: self._library().brief(topic, n=n))

    def refresh_if_changed(self) -> tuple[IndexReport, CorpusStats] | None:
        """Re-index the folder if a file changed since it was read (blocking); None if not.

        Deciding is a stat walk, cheap enough to poll; only changed files are read again.
        """

        def run() -> tuple[IndexReport, CorpusStats] | None:
            library = self.library
            if library is None or not library.changed():
                return None
            report = library.index()
            return report, report.corpus

        return self.call(run)

    def document(self, source: str, question: str) -> DocumentView:
        """Every paragraph of one source, with the words of `question` located in it (from
        its analysed terms: no search runs)."""
        return self.call(lambda: self._library().document(source, question or None))

    def path_of(self, source: str) -> Path:
        """The file behind a source name (the corpus may be a single file)."""
        return self._library().path_of(source)

    async def complete(self, prefix: str) -> str | None:
        """The commonest corpus word starting with `prefix`, or None (also while opening)."""
        if self.library is None:
            return None
        return await self.call_async(
            lambda: self.library.complete(prefix) if self.library else None
        )

    def _library(self) -> Library:
        if self.library is None:
            raise RuntimeError("the corpus is not open yet")
        return self.library

    def close(self) -> None:
        """Close the library on its own thread, then let the thread end."""
        self.closed = True
        library, self.library = self.library, None
        if library is not None:
            self.thread.submit(library.close)
        self.thread.stop()
