"""Provides the hook through which a build hands its statements to corroboration.

The index never calls corroboration itself: the build's orchestration (briefing.library)
passes a `FactsHook`, and the build feeds the collector it returns. Imported only to build.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Hashable, Iterable
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    import numpy as np

    from briefing.index.report import Progress
    from briefing.index.statements import SentenceKey


class FactsCollector(Protocol):
    """What a build hands its statements to, and lets write the corroboration tables.

    The build calls it in this order: reuse() with the previous index (None on a first
    build), learn/add_file as files are analysed, copy_file as unchanged ones are carried
    over, start() once every paragraph is written and numbered, write() once the postings
    are; leaving the `with` block stops whatever it still runs.
    """

    def __enter__(self) -> FactsCollector: ...

    def __exit__(self, *_: object) -> None: ...

    def learn(self, session: Hashable, keys: list[SentenceKey]) -> None:
        """The sentences a worker session numbered since its last batch."""

    def add_file(self, session: Hashable, counts: bytes, ids: bytes, spans: bytes) -> None:
        """An analysed file's statements: per row how many, their numbers and spans."""

    def reuse(self, connection: sqlite3.Connection | None) -> bool:
        """The previous index, whose corroboration unchanged files may keep; whether it can."""

    def copy_file(
        self, old_file: int, paragraphs: Iterable[tuple[str | None, str] | None]
    ) -> None:
        """A file carried over unchanged from the previous index (its files.id there): its
        rows' (language, text), None for those that are never indexed."""

    def start(self, indexed: np.ndarray, files: np.ndarray, sources: list[str]) -> None:
        """Which rows are indexed, each row's file (an index of `sources`)."""

    def write(self, connection: sqlite3.Connection, progress: Progress | None = None) -> None:
        """Write the tables into the index being built, reporting any long phase."""


class NoFacts:
    """A collector that keeps nothing: an index built with it has no corroboration tables."""

    def __init__(self, parallel: bool = False) -> None:
        del parallel

    def __enter__(self) -> NoFacts:
        return self

    def __exit__(self, *_: object) -> None:
        pass

    def learn(self, session: Hashable, keys: list[SentenceKey]) -> None:
        pass

    def add_file(self, session: Hashable, counts: bytes, ids: bytes, spans: bytes) -> None:
        pass

    def reuse(self, connection: sqlite3.Connection | None) -> bool:
        return False

    def copy_file(
        self, old_file: int, paragraphs: Iterable[tuple[str | None, str] | None]
    ) -> None:
        pass

    def start(self, indexed: np.ndarray, files: np.ndarray, sources: list[str]) -> None:
        pass

    def write(self, connection: sqlite3.Connection, progress: Progress | None = None) -> None:
        pass


# Given whether the build runs on several processes, the collector of its statements: the
# build's orchestration passes one in (briefing.corroboration.during_build.facts_for), so the
# index never calls corroboration itself.
FactsHook = Callable[[bool], FactsCollector]
