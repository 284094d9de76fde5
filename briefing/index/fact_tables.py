"""Provides the corroboration tables of an index file: their schema, writing and reading them.

briefing.corroboration computes their rows (while the index is built, through the hook the
build is given, or from a finished index's paragraphs) and briefing.index.fact_rows writes
them; this module reads them, so a question only looks its answers up. An index built
without them still works: briefing.corroboration.tables computes them once into an attached
in-memory database.
"""

from __future__ import annotations

import heapq
import json
import sqlite3
from collections.abc import Iterable, Sequence
from typing import Any, NamedTuple

from briefing.index.kept import Kept
from briefing.index.sql import in_chunks, marks

FORMAT = "briefing-facts/2"
MEMORY_SCHEMA = "corroboration"

SCHEMA = """
CREATE TABLE {s}.fact_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE {s}.fact_sentences (
    id INTEGER PRIMARY KEY,
    doc_id INTEGER NOT NULL,       -- paragraph (paragraphs.doc_id)
    start INTEGER NOT NULL,        -- span in the cleaned passage, as answers are cut
    "end" INTEGER NOT NULL,
    group_id INTEGER NOT NULL,
    node INTEGER NOT NULL          -- the distinct sentence (the fact state's node number)
);
CREATE TABLE {s}.fact_groups (
    id INTEGER PRIMARY KEY,
    representative INTEGER NOT NULL,  -- the sentence (fact_sentences.id) that speaks for it
    source_count INTEGER NOT NULL,    -- distinct stories: copies of one story count once
    score REAL NOT NULL,              -- sources + centrality + detail
    rank INTEGER,                     -- place in the briefing; NULL when not ranked
    files INTEGER NOT NULL            -- distinct files, copies each counted
);
CREATE TABLE {s}.fact_conflicts (
    conflict INTEGER NOT NULL,
    version INTEGER NOT NULL,
    group_id INTEGER NOT NULL,
    label TEXT NOT NULL,           -- the value that differs, as a source writes it
    sentence INTEGER NOT NULL,     -- the sentence it is taken from (fact_sentences.id)
    span_start INTEGER NOT NULL,   -- the label's span in that sentence
    span_end INTEGER NOT NULL,
    PRIMARY KEY (conflict, version, group_id)
) WITHOUT ROWID;
CREATE TABLE {s}.fact_actors (
    rank INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    source_count INTEGER NOT NULL,
    mentions INTEGER NOT NULL,
    sources TEXT NOT NULL          -- JSON list of file paths
);
CREATE TABLE {s}.fact_state (key TEXT PRIMARY KEY, value BLOB NOT NULL) WITHOUT ROWID;
"""

# Created once the tables are filled: bulk inserts go faster without them.
SENTENCE_INDEXES = """
CREATE INDEX {s}.fact_sentences_doc ON fact_sentences (doc_id, start);
CREATE INDEX {s}.fact_sentences_group ON fact_sentences (group_id, id, doc_id, start, "end");
"""
ROW_INDEXES = """
CREATE INDEX {s}.fact_groups_rank ON fact_groups (rank);
CREATE INDEX {s}.fact_conflicts_group ON fact_conflicts (group_id);
"""
TABLES = ("fact_meta", "fact_sentences", "fact_groups", "fact_conflicts", "fact_actors",
          "fact_state")


def has_tables(connection: sqlite3.Connection, schema: str) -> bool:
    try:
        row = connection.execute(
            f"SELECT value FROM {schema}.fact_meta WHERE key = 'format'"
        ).fetchone()
    except sqlite3.OperationalError:
        return False  # no such table
    return row is not None and row[0] == FORMAT


class SentenceRef(NamedTuple):
    """Where one grouped sentence is, with its paragraph's details (a row as read: a named
    tuple, as a question makes dozens of them and a frozen dataclass costs 2 us each)."""

    sentence: int
    group: int
    doc_id: int
    start: int
    end: int
    source: str
    paragraph: int
    line: int
    language: str | None
    text: str  # the paragraph's text, as stored (not yet cleaned); "" from members()
    paragraph_row: int  # paragraphs.id: texts() reads the text by it (not by doc_id: no index)


class StoredVersion(NamedTuple):
    """One side of a stored conflict (FactStore.conflicts_of)."""

    version: int
    label: str
    groups: list[int]
    sentence: int  # fact_sentences.id the label is taken from
    span: tuple[int, int]  # the label in that sentence


class Located(NamedTuple):
    """The fact an answer's sentence states (FactStore.groups_at)."""

    group: int
    source_count: int  # as source_count() gives it


# SQLite returns these typed as the schema declares them: a row is a SentenceRef as it is.
_SENTENCE_COLUMNS = (
    's.id, s.group_id, s.doc_id, s.start, s."end", f.path, p.number, p.line, p.language, p.text, '
    "p.id"
)

# The sentence holding an answer, for one of several answers at once: (index, group, end,
# the group's source count). The paragraph first (one by file, number and offset), then its
# sentences by start alone, read backwards in fact_sentences_doc (joined to the paragraph,
# SQLite sorted them in a temporary b-tree).
_GROUP_AT = """
SELECT * FROM (
    SELECT ? AS i, s.group_id, s."end", g.source_count FROM {s}.fact_sentences s
    LEFT JOIN {s}.fact_groups g ON g.id = s.group_id
    WHERE s.doc_id = (
        SELECT p.doc_id FROM paragraphs p JOIN files f ON f.id = p.file_id
        WHERE f.path = ? AND p.number = ? AND p.start = ? AND p.doc_id IS NOT NULL
    ) AND s.start <= ? ORDER BY s.start DESC LIMIT 1
)"""
_PLACES_PER_QUERY = 100  # SQLite allows 500 terms in a compound select
# Lookups kept (briefing.index.kept), per kind: answer places, groups' members, paragraph
# texts. Bounded: full, the members took about 10 MB and the texts 5 MB (measured over 1,206
# questions at 100,000 paragraphs).
LOOKUPS_KEPT = 4096


class FactStore:
    """Read access to the corroboration tables of one open index connection."""

    def __init__(self, connection: sqlite3.Connection, schema: str) -> None:
        self.connection = connection
        self.schema = schema
        # File paths by id, read as sources list them: an open index file is never changed in
        # place, and questions list the same files over and over (at most one entry per file).
        self._paths: dict[int, str] = {}
        self._conflicting: frozenset[int] | None = None  # the groups in some conflict
        self._located: Kept[tuple[str, int, int, int], Located | None] = Kept(LOOKUPS_KEPT)
        self._members: Kept[tuple[int, int, int], tuple[SentenceRef, ...]] = Kept(LOOKUPS_KEPT)
        self._texts: Kept[int, str] = Kept(LOOKUPS_KEPT)  # by paragraph row
        meta = connection.execute(f"SELECT key, value FROM {schema}.fact_meta").fetchall()
        self.meta = {str(k): str(v) for k, v in meta}

    @property
    def source_total(self) -> int:
        return int(self.meta.get("sources", "0"))

    def _from(self) -> str:
        return (
            f"FROM {self.schema}.fact_sentences s JOIN paragraphs p ON p.doc_id = s.doc_id "
            "JOIN files f ON f.id = p.file_id"
        )

    def groups_at(self, places: Sequence[tuple[str, int, int, int]]) -> list[Located | None]:
        """The group of the sentence holding each answer (source, paragraph, passage offset,
        start): the last one starting at or before it, if it ends after; else None (a sentence
        too short to state a fact). One query for all of those not looked up lately."""
        found = self._located.many(places, self._read_groups_at)
        return [found[place] for place in places]

    def _read_groups_at(
        self, places: list[tuple[str, int, int, int]]
    ) -> dict[tuple[str, int, int, int], Located | None]:
        found: dict[tuple[str, int, int, int], Located | None] = {}
        for at in range(0, len(places), _PLACES_PER_QUERY):
            chunk = places[at : at + _PLACES_PER_QUERY]
            rows = self.connection.execute(
                " UNION ALL ".join([_GROUP_AT.format(s=self.schema)] * len(chunk)),
                [value for i, place in enumerate(chunk) for value in (i, *place)],
            )
            found.update(dict.fromkeys(chunk))
            for i, group, end, count in rows:
                if chunk[i][3] < end:
                    found[chunk[i]] = Located(group, count or 0)
        return found

    def members(self, group: int, files: int, limit: int) -> list[SentenceRef]:
        """A group's sentences in index order, by source and place, without their paragraph's
        text (see texts()): read until a sentence of a file beyond the first `files` turns up,
        or `limit` are read. A small group comes whole; a wire story in hundreds of files
        stops after its first few.
        """
        key = (group, files, limit)
        return list(self._members.one(key, lambda: self._read_members(group, files, limit)))

    def _read_members(self, group: int, files: int, limit: int) -> tuple[SentenceRef, ...]:
        rows = self.connection.execute(
            f'SELECT s.id, s.group_id, s.doc_id, s.start, s."end", p.file_id, p.number, p.line, '
            f"p.language, p.id FROM {self.schema}.fact_sentences s "
            "JOIN paragraphs p ON p.doc_id = s.doc_id WHERE s.group_id = ? ORDER BY s.id",
            (group,),
        )
        found: list[tuple[Any, ...]] = []
        sources: set[int] = set()  # file ids (paths: see paths())
        for row in rows:
            if row[5] not in sources:
                if len(sources) == files:
                    break
                sources.add(row[5])
            found.append(row)
            if len(found) == limit:
                break
        paths = self.paths(sources)
        listed = [
            SentenceRef._make((*row[:5], paths[row[5]], *row[6:9], "", row[9])) for row in found
        ]
        return tuple(sorted(listed, key=lambda r: (r.source, r.paragraph, r.start)))

    def texts(self, rows: list[int]) -> dict[int, str]:
        """The stored text of some paragraphs, by row id (SentenceRef.paragraph_row)."""
        return self._texts.many(rows, lambda missing: row_texts(self.connection, missing))

    def paths(self, file_ids: Iterable[int]) -> dict[int, str]:
        """The paths of some indexed files, by id."""
        missing = [i for i in file_ids if i not in self._paths]
        if missing:
            rows = self.connection.execute(
                f"SELECT id, path FROM files WHERE id IN ({marks(len(missing))})",
                missing,
            )
            self._paths.update((int(i), str(path)) for i, path in rows)
        return self._paths

    def sentence(self, sentence: int) -> SentenceRef:
        row = self.connection.execute(
            f"SELECT {_SENTENCE_COLUMNS} {self._from()} WHERE s.id = ?", (sentence,)
        ).fetchone()
        return SentenceRef(*row)

    def files_of(self, groups: list[int], limit: int) -> tuple[list[tuple[str, str | None]], int]:
        """The files stating any of `groups`: the first `limit` of them (in index order, then
        by path), each with its language, and how many there are in all.

        A wire story can be in hundreds of files: its sentences are read in index order only
        until `limit` files are found, and one group's file count is stored with it.
        """
        if not groups:
            return [], 0
        if len(groups) == 1:
            first = self._first_files(groups[0], limit)
            count = self.file_count(groups[0])
        else:
            first, count = self._all_files(groups, limit)
        paths = self.paths(first)
        files = sorted((paths[file_id], language) for file_id, language in first.items())
        return files, max(count, len(files))

    def _first_files(self, group: int, limit: int) -> dict[int, str | None]:
        """The first `limit` files of a group in index order, each with its language there."""
        first: dict[int, str | None] = {}
        rows = self.connection.execute(
            f"SELECT p.file_id, p.language FROM {self.schema}.fact_sentences s "
            "JOIN paragraphs p ON p.doc_id = s.doc_id WHERE s.group_id = ? ORDER BY s.id",
            (group,),
        )
        for file_id, language in rows:
            first.setdefault(file_id, language)
            if len(first) == limit:
                break
        return first

    def _all_files(self, groups: list[int], limit: int) -> tuple[dict[int, str | None], int]:
        """The first `limit` files of several groups in index order (each group read only as
        far as _first_files reads one), and how many files they have in all."""
        query = (
            f"SELECT s.id, p.file_id, p.language FROM {self.schema}.fact_sentences s "
            "JOIN paragraphs p ON p.doc_id = s.doc_id WHERE s.group_id = ? ORDER BY s.id"
        )
        first: dict[int, str | None] = {}
        # Sentence ids are unique: the merge never compares further than them.
        for _, file_id, language in heapq.merge(
            *(self.connection.execute(query, (group,)) for group in groups)
        ):
            first.setdefault(file_id, language)
            if len(first) == limit:
                break
        (count,) = self.connection.execute(
            f"SELECT COUNT(DISTINCT p.file_id) FROM {self.schema}.fact_sentences s "
            f"JOIN paragraphs p ON p.doc_id = s.doc_id "
            f"WHERE s.group_id IN ({marks(len(groups))})",
            groups,
        ).fetchone()
        return first, int(count)

    def source_count(self, group: int) -> int:
        row = self.connection.execute(
            f"SELECT source_count FROM {self.schema}.fact_groups WHERE id = ?", (group,)
        ).fetchone()
        return int(row[0]) if row else 0

    def file_count(self, group: int) -> int:
        """The files of a group, copies of one story each counted."""
        row = self.connection.execute(
            f"SELECT files FROM {self.schema}.fact_groups WHERE id = ?", (group,)
        ).fetchone()
        return int(row[0]) if row else 0

    def sentences_in(self, doc_ids: Sequence[int]) -> list[tuple[int, int, float]]:
        """(sentence, group, group score) of every grouped sentence of some paragraphs, the
        best-scored groups first, in index order within a group."""
        found: list[tuple[int, int, float]] = []
        for at in range(0, len(doc_ids), 500):
            chunk = list(doc_ids[at : at + 500])
            found.extend(
                (int(s), int(g), float(score))
                for s, g, score in self.connection.execute(
                    f"SELECT s.id, s.group_id, g.score FROM {self.schema}.fact_sentences s "
                    f"JOIN {self.schema}.fact_groups g ON g.id = s.group_id "
                    f"WHERE s.doc_id IN ({marks(len(chunk))})",
                    chunk,
                )
            )
        return sorted(found, key=lambda row: (-row[2], row[1], row[0]))

    def ranked(self, limit: int) -> list[tuple[int, int, int, float]]:
        """(group, representative sentence, source count, score) of the first ranked facts."""
        rows = self.connection.execute(
            f"SELECT id, representative, source_count, score FROM {self.schema}.fact_groups "
            "WHERE rank IS NOT NULL ORDER BY rank LIMIT ?",
            (limit,),
        )
        return [(int(g), int(r), int(c), float(s)) for g, r, c, s in rows]

    def conflicts_of(self, groups: list[int]) -> list[list[StoredVersion]]:
        """The conflicts touching any of `groups`, best evidence first: each its versions."""
        if self._conflicting is None:
            # Few groups are in a conflict (hundreds at 100,000 paragraphs): knowing which
            # spares most questions the lookup.
            self._conflicting = frozenset(
                int(g)
                for (g,) in self.connection.execute(
                    f"SELECT DISTINCT group_id FROM {self.schema}.fact_conflicts"
                )
            )
        groups = [group for group in groups if group in self._conflicting]
        if not groups:
            return []
        rows = self.connection.execute(
            f"SELECT conflict, version, group_id, label, sentence, span_start, span_end "
            f"FROM {self.schema}.fact_conflicts "
            f"WHERE conflict IN (SELECT conflict FROM {self.schema}.fact_conflicts "
            f"WHERE group_id IN ({marks(len(groups))})) "
            "ORDER BY conflict, version, group_id",
            groups,
        )
        conflicts: dict[int, dict[int, StoredVersion]] = {}
        for conflict, version, group, label, sentence, start, end in rows:
            versions = conflicts.setdefault(int(conflict), {})
            found = versions.get(int(version))
            if found is None:
                found = versions[int(version)] = StoredVersion(
                    int(version), str(label), [], int(sentence), (int(start), int(end))
                )
            found.groups.append(int(group))
        return [list(versions.values()) for versions in conflicts.values()]

    def all_conflicts(self) -> list[list[StoredVersion]]:
        groups = [
            int(g)
            for (g,) in self.connection.execute(
                f"SELECT DISTINCT group_id FROM {self.schema}.fact_conflicts"
            )
        ]
        return self.conflicts_of(groups)

    def actors(self, limit: int) -> list[tuple[str, int, list[str]]]:
        rows = self.connection.execute(
            f"SELECT name, source_count, sources FROM {self.schema}.fact_actors "
            "ORDER BY rank LIMIT ?",
            (limit,),
        )
        return [(str(n), int(c), [str(s) for s in json.loads(j)]) for n, c, j in rows]


def state_blobs(connection: sqlite3.Connection) -> dict[str, bytes] | None:
    """The stored fact state (briefing.corroboration.state) of an index, if it has one."""
    if not has_tables(connection, "main"):
        return None
    try:
        rows = connection.execute("SELECT key, value FROM fact_state").fetchall()
    except sqlite3.OperationalError:
        return None
    return {str(k): bytes(v) for k, v in rows}


def previous_rows(connection: sqlite3.Connection) -> list[tuple[int, int, int]]:
    """(file id, row id, doc_id or -1 when not indexed) of every paragraph of an index, in row
    order. (Its sentences and their files are read from the fact state, as arrays.)"""
    return connection.execute(
        "SELECT file_id, id, IFNULL(doc_id, -1) FROM paragraphs ORDER BY id"
    ).fetchall()


def row_texts(connection: sqlite3.Connection, rows: list[int]) -> dict[int, str]:
    """The stored text of some paragraphs, by row id."""
    return _texts(connection, "id", rows)


def doc_texts(connection: sqlite3.Connection, doc_ids: list[int]) -> dict[int, str]:
    """The stored text of some indexed paragraphs, by doc_id."""
    return _texts(connection, "doc_id", doc_ids)


def _texts(connection: sqlite3.Connection, key: str, values: list[int]) -> dict[int, str]:
    """Paragraph texts by `key` ("id" or "doc_id": a column name, never data)."""
    found: dict[int, str] = {}
    for places, chunk in in_chunks(values):
        rows = connection.execute(
            f"SELECT {key}, text FROM paragraphs WHERE {key} IN ({places})", chunk
        )
        found.update((int(k), str(t)) for k, t in rows)
    return found


def attach_memory(connection: sqlite3.Connection) -> None:
    """Attach a fresh in-memory database as MEMORY_SCHEMA, replacing one attached before."""
    attached = {str(row[1]) for row in connection.execute("PRAGMA database_list")}
    if MEMORY_SCHEMA in attached:
        connection.execute(f"DETACH DATABASE {MEMORY_SCHEMA}")
    connection.execute(f"ATTACH DATABASE ':memory:' AS {MEMORY_SCHEMA}")
