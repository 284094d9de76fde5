"""Provides the model objects (SourceRef, Conflict) made from the stored corroboration rows."""

from __future__ import annotations

from briefing.corroboration.store import FactStore, SentenceRef
from briefing.models import Conflict, ConflictVersion, SourceRef
from briefing.sanitize import clean_passage

# Sentences listed per fact: all of a small group; of a large one (a wire story in hundreds
# of files) the first sentence of each of its first files. source_count counts every file.
MAX_SOURCES = 12
FETCHED = 36  # at most this many rows are read to choose them from


def source_ref(row: SentenceRef, paragraph: str | None = None) -> SourceRef:
    """The sentence a stored row points at, cut from its paragraph as answers are."""
    text = clean_passage(row.text if paragraph is None else paragraph)[row.start : row.end]
    return SourceRef(row.source, row.paragraph, text, row.language, row.line, row.start, row.end)


def group_sources(store: FactStore, group: int, first: SourceRef | None = None) -> list[SourceRef]:
    """The sentences of a group, `first` (an answer's own sentence) leading when given."""
    rows = store.members(group, MAX_SOURCES, FETCHED)
    if len(rows) > MAX_SOURCES:
        one_each = {row.source: row for row in reversed(rows)}  # the first of each file
        rows = sorted(one_each.values(), key=lambda r: (r.source, r.paragraph, r.start))
    rows = rows[:MAX_SOURCES]
    texts = store.texts(sorted({row.doc_id for row in rows}))  # only the ones listed
    found = [source_ref(row, texts[row.doc_id]) for row in rows]
    if first is None:
        return found

    def is_first(source: SourceRef) -> bool:  # the stored span holding the first's start
        return (source.source, source.paragraph) == (first.source, first.paragraph) and (
            source.start <= first.start < source.end
        )

    return [first, *[s for s in found if not is_first(s)][: MAX_SOURCES - 1]]


def conflicts(store: FactStore, found: list[list[tuple[int, str, list[int]]]]) -> list[Conflict]:
    """Stored conflicts (store.conflicts_of, store.all_conflicts) with each version's files:
    the first MAX_SOURCES by name, and how many in all."""
    result = []
    for conflict in found:
        versions = []
        for _, label, members in conflict:
            files, count = store.files_of(members, MAX_SOURCES)
            versions.append(
                ConflictVersion(
                    label,
                    tuple(path for path, _ in files),
                    tuple(language for _, language in files),
                    count,
                )
            )
        versions.sort(key=lambda v: (-v.count, v.sources))
        result.append(Conflict(tuple(versions)))
    return result
