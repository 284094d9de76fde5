"""Provides corroboration for answers: each answer's sources, duplicates merged, conflicts.

A lookup per answer, never a computation: the sentence is found by its paragraph and offset
in the precomputed groups, and its group's members are the sources. Answers that state one
fact are merged into the best-scored one, which lists the others among its sources.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence

from briefing.corroboration.store import FactStore
from briefing.corroboration.views import conflicts, group_sources
from briefing.models import Answer, Conflict, SourceRef


def _own(answer: Answer) -> SourceRef:
    return SourceRef(
        answer.source, answer.paragraph, answer.text, answer.language, answer.line,
        answer.start, answer.end,
    )


def corroborate(
    store: FactStore, answers: Sequence[Answer], limit: int | None = None
) -> tuple[list[Answer], list[int]]:
    """Answers with their sources, one per fact, at most `limit`; and the groups they state."""
    kept: list[Answer] = []
    groups: list[int] = []
    for answer in answers:
        own = _own(answer)
        located = store.locate(answer.source, answer.paragraph, answer.passage_offset,
                               answer.start)
        if located is None:  # a sentence too short to state a fact: only its own source
            kept.append(dataclasses.replace(answer, sources=(own,), source_count=1))
        elif located.group in groups:
            continue  # the same fact as a better answer, which lists this one as a source
        else:
            groups.append(located.group)
            sources = group_sources(store, located.group, own)
            count = max(store.source_count(located.group), 1)
            kept.append(dataclasses.replace(answer, sources=tuple(sources), source_count=count))
        if limit is not None and len(kept) == limit:
            break
    return kept, groups


def conflicts_of(store: FactStore, groups: list[int]) -> tuple[Conflict, ...]:
    """The conflicts touching the given groups (those of an ask result's answers)."""
    return tuple(conflicts(store, store.conflicts_of(groups)))
