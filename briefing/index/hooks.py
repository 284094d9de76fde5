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

    from briefing.index.statements import SentenceKey


class FactsCollector(Protocol):
    """What a build hands its statements to, and lets write the corroboration tables.

    The build calls it in this order: learn/add_file/add_paragraphs as files are analysed or
    copied, start() once every paragraph is written and numbered, write() once the postings
    are; leaving the `with` block stops whatever it still runs.
    """

    def __enter__(self) -> FactsCollector: ...

    def __exit__(self, *_: object) -> None: ...

    def learn(self, session: Hashable, keys: list[SentenceKey]) -> None:
        """The sentences a worker session numbered since its last batch."""

    def add_file(self, session: Hashable, counts: bytes, ids: bytes, spans: bytes) -> None:
        """An analysed file's statements: per row how many, their numbers and spans."""

    def add_paragraphs(self, paragraphs: Iterable[tuple[str | None, str] | None]) -> None:
        """A copied file's rows: (language, text) of those that may be indexed, else None."""

    def start(self, indexed: np.ndarray, files: np.ndarray, sources: list[str]) -> None:
        """Which rows are indexed, each row's file (an index of `sources`)."""

    def write(self, connection: sqlite3.Connection) -> None:
        """Write the tables into the index being built."""


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

    def add_paragraphs(self, paragraphs: Iterable[tuple[str | None, str] | None]) -> None:
        pass

    def start(self, indexed: np.ndarray, files: np.ndarray, sources: list[str]) -> None:
        pass

    def write(self, connection: sqlite3.Connection) -> None:
        pass


# Given whether the build runs on several processes, the collector of its statements: the
# build's orchestration passes one in (briefing.corroboration.during_build.facts_for), so the
# index never calls corroboration itself.
FactsHook = Callable[[bool], FactsCollector]
