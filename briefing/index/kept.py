"""Provides Kept: what a reader looked up in a published index, kept for the next lookups.

A session's questions meet the same paragraphs, files, answers and groups again (a story
asked about twice, a follow-up); a published index never changes, so what was read stays
true. Memory stays bounded: once `limit` values would be passed, all are dropped together.
They are dropped by starting a new dict, not by emptying the old one, so a lookup running
on another thread still finds what it read in the dict it began with.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterator, Mapping, Sequence
from typing import Generic, TypeVar

K = TypeVar("K", bound=Hashable)
V = TypeVar("V")


class Kept(Generic[K, V]):
    """Values by key, read on demand by `read` (which may leave out keys it cannot find)."""

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self._values: dict[K, V] = {}

    def __len__(self) -> int:
        return len(self._values)

    def __iter__(self) -> Iterator[K]:
        return iter(self._values)

    def many(self, keys: Sequence[K], read: Callable[[list[K]], Mapping[K, V]]) -> dict[K, V]:
        """The values of `keys` found, reading those not kept in one call of `read`."""
        values = self._values
        missing = list(dict.fromkeys(key for key in keys if key not in values))
        if missing:
            if len(values) + len(missing) > self.limit:
                values = self._values = {}
                missing = list(dict.fromkeys(keys))
            values.update(read(missing))
        return {key: values[key] for key in keys if key in values}

    def one(self, key: K, read: Callable[[], V]) -> V:
        """The value of `key`, read by `read()` when not kept."""
        values = self._values
        if key in values:
            return values[key]
        if len(values) >= self.limit:
            values = self._values = {}
        found = values[key] = read()
        return found
