"""Provides corroboration for answers: each answer's sources, duplicates merged, conflicts.

A lookup per answer, never a computation: the sentence is found by its paragraph and offset
in the precomputed groups, and its group's members are the sources. Answers that state one
fact are merged into the best-scored one, which lists the others among its sources.
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import islice
from typing import NamedTuple

from briefing.corroboration.views import conflicts, groups_sources
from briefing.index.fact_tables import FactStore, Located
from briefing.models import Conflict, SourceRef


class Stated(NamedTuple):
    """An answer's sentence as corroboration looks it up: itself as a source, and where its
    passage starts in the file (a long paragraph is cut into passages sharing its number)."""

    own: SourceRef
    passage_offset: int


class Corroborated(NamedTuple):
    """An answer kept: its place among those asked about, its sources (its own first), and
    how many distinct files state its fact."""

    position: int
    sources: tuple[SourceRef, ...]
    source_count: int


def _kept(
    store: FactStore, answers: Sequence[Stated], limit: int | None
) -> list[tuple[int, Stated, Located | None]]:
    """The answers kept, each with its fact (None: a sentence too short to state one): one
    per fact, at most `limit`. Located in batches of as many as could still be kept, so that
    answers beyond the limit are seldom looked up."""
    kept: list[tuple[int, Stated, Located | None]] = []
    seen: set[int] = set()
    pending = iter(enumerate(answers))  # read only as far as needed: made on demand
    while limit is None or len(kept) < limit:
        batch = list(islice(pending, None if limit is None else limit - len(kept)))
        if not batch:
            break
        places = [(a.own.source, a.own.paragraph, a.passage_offset, a.own.start)
                  for _, a in batch]
        for (index, answer), located in zip(batch, store.groups_at(places), strict=True):
            if located is not None:
                if located.group in seen:
                    continue  # the same fact as a better answer, which lists this one
                seen.add(located.group)
            kept.append((index, answer, located))
            if limit is not None and len(kept) == limit:
                break
    return kept


def corroborate(
    store: FactStore, answers: Sequence[Stated], limit: int | None = None
) -> tuple[list[Corroborated], list[int]]:
    """The answers kept, one per fact, at most `limit`, with their sources; and the groups
    they state."""
    if not answers:  # most often the weak passages of an answered question
        return [], []
    kept = _kept(store, answers, limit)
    grouped = [(answer, located.group) for _, answer, located in kept if located is not None]
    groups = [group for _, group in grouped]
    listed = groups_sources(store, groups, [answer.own for answer, _ in grouped])
    sources = dict(zip(groups, listed, strict=True))
    result = []
    for index, answer, located in kept:
        if located is None:  # only its own source
            result.append(Corroborated(index, (answer.own,), 1))
        else:
            count = max(located.source_count, 1)
            result.append(Corroborated(index, tuple(sources[located.group]), count))
    return result, groups


def conflicts_of(store: FactStore, groups: list[int]) -> tuple[Conflict, ...]:
    """The conflicts touching the given groups (those of an ask result's answers)."""
    if not groups:
        return ()
    return tuple(conflicts(store, store.conflicts_of(groups)))
