"""Provides the model objects (SourceRef, Conflict) made from the stored corroboration rows."""

from __future__ import annotations

from collections.abc import Sequence

from briefing.corpus.sanitize import cleaned_span
from briefing.index.fact_tables import FactStore, SentenceRef, StoredVersion
from briefing.models import Conflict, ConflictVersion, SourceRef

# Sentences listed per fact: all of a small group; of a large one (a wire story in hundreds
# of files) the first sentence of each of its first files. source_count counts every file.
MAX_SOURCES = 12
FETCHED = 36  # at most this many rows are read to choose them from


def source_ref(row: SentenceRef, paragraph: str | None = None) -> SourceRef:
    """The sentence a stored row points at, cut from its paragraph as answers are."""
    text = cleaned_span(row.text if paragraph is None else paragraph, row.start, row.end)
    return SourceRef(row.source, row.paragraph, text, row.language, row.line, row.start, row.end)


def _listed(rows: list[SentenceRef]) -> list[SentenceRef]:
    """The rows a group lists (see MAX_SOURCES)."""
    if len(rows) > MAX_SOURCES:
        one_each = {row.source: row for row in reversed(rows)}  # the first of each file
        rows = sorted(one_each.values(), key=lambda r: (r.source, r.paragraph, r.start))
    return rows[:MAX_SOURCES]


def _after(first: SourceRef | None, rows: list[SentenceRef]) -> list[SentenceRef]:
    """The rows listed after `first` (an answer's own sentence, which leads in place of the
    stored span holding its start), so that no text is read for that span."""
    if first is None:
        return rows

    def is_first(row: SentenceRef) -> bool:
        return (row.source, row.paragraph) == (first.source, first.paragraph) and (
            row.start <= first.start < row.end
        )

    return [row for row in rows if not is_first(row)][: MAX_SOURCES - 1]


def groups_sources(
    store: FactStore, groups: Sequence[int], firsts: Sequence[SourceRef | None]
) -> list[list[SourceRef]]:
    """group_sources() of several groups, their paragraphs read in one query."""
    chosen = [
        _after(first, _listed(store.members(group, MAX_SOURCES, FETCHED)))
        for group, first in zip(groups, firsts, strict=True)
    ]
    texts = store.texts(sorted({row.paragraph_row for rows in chosen for row in rows}))
    found = [[source_ref(row, texts[row.paragraph_row]) for row in rows] for rows in chosen]
    return [
        listed if first is None else [first, *listed]
        for listed, first in zip(found, firsts, strict=True)
    ]


def group_sources(store: FactStore, group: int, first: SourceRef | None = None) -> list[SourceRef]:
    """The sentences of a group, `first` (an answer's own sentence) leading when given."""
    return groups_sources(store, [group], [first])[0]


def conflicts(store: FactStore, found: list[list[StoredVersion]]) -> list[Conflict]:
    """Stored conflicts (store.conflicts_of, store.all_conflicts) with each version's files
    (the first MAX_SOURCES by name, and how many in all) and the sentence its value is
    taken from."""
    result = []
    for conflict in found:
        versions = []
        for stored in conflict:
            files, count = store.files_of(stored.groups, MAX_SOURCES)
            sentence = source_ref(store.sentence(stored.sentence)).text
            versions.append(
                ConflictVersion(
                    stored.label,
                    tuple(path for path, _ in files),
                    tuple(language for _, language in files),
                    count,
                    sentence,
                    stored.span,
                )
            )
        versions.sort(key=lambda v: (-v.count, v.sources))
        result.append(Conflict(tuple(versions)))
    return result
