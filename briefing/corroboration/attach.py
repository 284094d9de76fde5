"""Provides corroboration for answers: each answer's sources, duplicates merged, conflicts.

A lookup per answer, never a computation: the sentence is found by its paragraph and offset
in the precomputed groups, and its group's members are the sources. Answers that state one
fact are merged into the best-scored one, which lists the others among its sources.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from itertools import islice

from briefing.corroboration.views import conflicts, groups_sources
from briefing.index.fact_tables import FactStore, Located
from briefing.models import Answer, Conflict, SourceRef


def _own(answer: Answer) -> SourceRef:
    return SourceRef(
        answer.source, answer.paragraph, answer.text, answer.language, answer.line,
        answer.start, answer.end,
    )


def _kept(
    store: FactStore, answers: Sequence[Answer], limit: int | None
) -> list[tuple[Answer, Located | None]]:
    """The answers kept, each with its fact (None: a sentence too short to state one): one
    per fact, at most `limit`. Located in batches of as many as could still be kept, so that
    answers beyond the limit are seldom looked up."""
    kept: list[tuple[Answer, Located | None]] = []
    seen: set[int] = set()
    pending = iter(answers)  # read only as far as needed: answers may be made on demand
    while limit is None or len(kept) < limit:
        batch = list(islice(pending, None if limit is None else limit - len(kept)))
        if not batch:
            break
        places = [(a.source, a.paragraph, a.passage_offset, a.start) for a in batch]
        for answer, located in zip(batch, store.groups_at(places), strict=True):
            if located is not None:
                if located.group in seen:
                    continue  # the same fact as a better answer, which lists this one
                seen.add(located.group)
            kept.append((answer, located))
            if limit is not None and len(kept) == limit:
                break
    return kept


def corroborate(
    store: FactStore, answers: Sequence[Answer], limit: int | None = None
) -> tuple[list[Answer], list[int]]:
    """Answers with their sources, one per fact, at most `limit`; and the groups they state."""
    if not answers:  # most often the weak passages of an answered question
        return [], []
    kept = _kept(store, answers, limit)
    grouped = [(answer, located.group) for answer, located in kept if located is not None]
    groups = [group for _, group in grouped]
    listed = groups_sources(store, groups, [_own(answer) for answer, _ in grouped])
    sources = dict(zip(groups, listed, strict=True))
    result = []
    for answer, located in kept:
        if located is None:  # only its own source
            result.append(dataclasses.replace(answer, sources=(_own(answer),), source_count=1))
        else:
            listed_here = tuple(sources[located.group])
            count = max(located.source_count, 1)
            result.append(dataclasses.replace(answer, sources=listed_here, source_count=count))
    return result, groups


def conflicts_of(store: FactStore, groups: list[int]) -> tuple[Conflict, ...]:
    """The conflicts touching the given groups (those of an ask result's answers)."""
    if not groups:
        return ()
    return tuple(conflicts(store, store.conflicts_of(groups)))
