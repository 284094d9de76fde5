"""Provides the one way the index builds `IN (?, ...)` lists: placeholders, chunked.

SQLite caps the parameters of a statement (999 in older builds), so long lists are asked in
chunks; every `IN` of the index goes through `in_chunks` (or `marks` for a list known short).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import TypeVar

T = TypeVar("T")

CHUNK = 500  # parameters per statement: well under every SQLite build's limit


def marks(count: int) -> str:
    """"?,?,?" for `count` parameters: the inside of an `IN (...)`."""
    return ",".join("?" * count)


def in_chunks(values: Sequence[T], size: int = CHUNK) -> Iterator[tuple[str, Sequence[T]]]:
    """(placeholders, values) for each chunk of `values`, in order."""
    for start in range(0, len(values), size):
        chunk = values[start : start + size]
        yield marks(len(chunk)), chunk
