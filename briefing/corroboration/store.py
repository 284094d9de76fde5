"""Provides the corroboration tables of an index file: writing them, and reading them back.

precompute(connection) runs when an index is built: it reads the finished `paragraphs` table
and writes the fact_* tables into the same file, so a question only looks its answers up.
An index built without them (or with an older format) still works: FactStore.open computes
them once into an attached in-memory database.
"""

from __future__ import annotations

import json
import sqlite3
import time
from dataclasses import dataclass
from typing import TYPE_CHECKING

from briefing.models import ParagraphKind

if TYPE_CHECKING:  # the computation is imported only to build: a question only reads
    from briefing.corroboration.pipeline import FactRows, ParagraphRow, SentenceRows

FORMAT = "briefing-facts/1"
MEMORY_SCHEMA = "corroboration"

SCHEMA = """
CREATE TABLE {s}.fact_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE {s}.fact_sentences (
    id INTEGER PRIMARY KEY,
    doc_id INTEGER NOT NULL,       -- paragraph (paragraphs.doc_id)
    start INTEGER NOT NULL,        -- span in the cleaned passage, as answers are cut
    "end" INTEGER NOT NULL,
    group_id INTEGER NOT NULL
);
CREATE TABLE {s}.fact_groups (
    id INTEGER PRIMARY KEY,
    representative INTEGER NOT NULL,  -- the sentence (fact_sentences.id) that speaks for it
    source_count INTEGER NOT NULL,    -- distinct files
    score REAL NOT NULL,              -- sources + centrality + detail
    rank INTEGER                      -- place in the briefing; NULL when not ranked
);
CREATE TABLE {s}.fact_conflicts (
    conflict INTEGER NOT NULL,
    version INTEGER NOT NULL,
    group_id INTEGER NOT NULL,
    label TEXT NOT NULL,           -- the words that differ, as a source writes them
    PRIMARY KEY (conflict, version, group_id)
) WITHOUT ROWID;
CREATE TABLE {s}.fact_actors (
    rank INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    source_count INTEGER NOT NULL,
    mentions INTEGER NOT NULL,
    sources TEXT NOT NULL          -- JSON list of file paths
);
"""

# Created once the tables are filled: bulk inserts go faster without them.
SENTENCE_INDEXES = """
CREATE INDEX {s}.fact_sentences_doc ON fact_sentences (doc_id, start);
CREATE INDEX {s}.fact_sentences_group ON fact_sentences (group_id);
"""
ROW_INDEXES = """
CREATE INDEX {s}.fact_groups_rank ON fact_groups (rank);
CREATE INDEX {s}.fact_conflicts_group ON fact_conflicts (group_id);
"""
TABLES = ("fact_meta", "fact_sentences", "fact_groups", "fact_conflicts", "fact_actors")


def _paragraph_rows(connection: sqlite3.Connection) -> list[ParagraphRow]:
    from briefing.corroboration.pipeline import ParagraphRow

    query = (
        "SELECT p.doc_id, f.path, p.language, p.text FROM paragraphs p "
        "JOIN files f ON f.id = p.file_id WHERE p.kind = ? AND p.doc_id IS NOT NULL "
        "ORDER BY p.doc_id"
    )
    return [
        ParagraphRow(int(d), str(path), None if lang is None else str(lang), str(text))
        for d, path, lang, text in connection.execute(query, (ParagraphKind.BODY.value,))
    ]


def write(
    connection: sqlite3.Connection,
    sentences: SentenceRows,
    rows: FactRows,
    schema: str = "main",
) -> None:
    """Create the fact_* tables in `schema` and fill them."""
    write_sentences(connection, sentences, schema)
    write_rows(connection, rows, len(sentences.groups), sentences.source_count, schema)


def write_sentences(
    connection: sqlite3.Connection, sentences: SentenceRows, schema: str = "main"
) -> None:
    """Create the fact_* tables and fill fact_sentences (the rest: write_rows)."""
    connection.executescript(SCHEMA.format(s=schema))
    connection.executemany(
        f'INSERT INTO {schema}.fact_sentences (id, doc_id, start, "end", group_id) '
        "VALUES (?, ?, ?, ?, ?)",
        zip(
            range(len(sentences.groups)),
            sentences.doc_ids.tolist(),
            sentences.starts.tolist(),
            sentences.ends.tolist(),
            sentences.groups.tolist(),
            strict=True,
        ),
    )
    connection.executescript(SENTENCE_INDEXES.format(s=schema))


def write_rows(
    connection: sqlite3.Connection,
    rows: FactRows,
    sentence_count: int,
    source_count: int,
    schema: str = "main",
) -> None:
    """Fill the fact tables but fact_sentences (written first: write_sentences)."""
    connection.executemany(
        f"INSERT INTO {schema}.fact_groups (id, representative, source_count, score, rank) "
        "VALUES (?, ?, ?, ?, ?)",
        ((index, *group) for index, group in enumerate(rows.groups)),
    )
    connection.executemany(
        f"INSERT INTO {schema}.fact_conflicts (conflict, version, group_id, label) "
        "VALUES (?, ?, ?, ?)",
        (
            (number, version_number, group, label)
            for number, conflict in enumerate(rows.conflicts)
            for version_number, (label, members) in enumerate(conflict)
            for group in members
        ),
    )
    connection.executemany(
        f"INSERT INTO {schema}.fact_actors (rank, name, source_count, mentions, sources) "
        "VALUES (?, ?, ?, ?, ?)",
        (
            (rank, name, count, mentions, json.dumps(paths))
            for rank, (name, count, mentions, paths) in enumerate(rows.actors)
        ),
    )
    meta = {
        "format": FORMAT,
        "sentences": str(sentence_count),
        "sources": str(source_count),
        "main_language": rows.main_language or "",
        "built": str(int(time.time())),
    }
    connection.executemany(
        f"INSERT INTO {schema}.fact_meta (key, value) VALUES (?, ?)", meta.items()
    )
    connection.executescript(ROW_INDEXES.format(s=schema))


def drop(connection: sqlite3.Connection, schema: str = "main") -> None:
    """Remove the fact tables (a build that could not finish writing them)."""
    for table in TABLES:
        connection.execute(f"DROP TABLE IF EXISTS {schema}.{table}")


def precompute(connection: sqlite3.Connection, schema: str = "main") -> None:
    """Compute the corroboration tables of a finished index and write them into `schema`."""
    from briefing.corroboration.pipeline import compute

    result = compute(_paragraph_rows(connection))
    write(connection, result.sentence_rows(), result.rows(), schema)


def _has_tables(connection: sqlite3.Connection, schema: str) -> bool:
    try:
        row = connection.execute(
            f"SELECT value FROM {schema}.fact_meta WHERE key = 'format'"
        ).fetchone()
    except sqlite3.OperationalError:
        return False  # no such table
    return row is not None and row[0] == FORMAT


@dataclass(frozen=True, slots=True)
class SentenceRef:
    """Where one grouped sentence is, with its paragraph's details."""

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


# SQLite returns these typed as the schema declares them: a row is a SentenceRef as it is.
_SENTENCE_COLUMNS = (
    's.id, s.group_id, s.doc_id, s.start, s."end", f.path, p.number, p.line, p.language, p.text'
)

# The same without the paragraph's text (SentenceRef.text is then ""): no text page is read.
_PLACE_COLUMNS = _SENTENCE_COLUMNS.replace("p.text", "''")


class FactStore:
    """Read access to the corroboration tables of one open index connection."""

    def __init__(self, connection: sqlite3.Connection, schema: str) -> None:
        self.connection = connection
        self.schema = schema
        meta = connection.execute(f"SELECT key, value FROM {schema}.fact_meta").fetchall()
        self.meta = {str(k): str(v) for k, v in meta}

    @classmethod
    def open(cls, connection: sqlite3.Connection) -> FactStore:
        """The tables the index holds, or (for an index built without them) computed now."""
        if _has_tables(connection, "main"):
            return cls(connection, "main")
        if not _has_tables(connection, MEMORY_SCHEMA):
            attached = {str(row[1]) for row in connection.execute("PRAGMA database_list")}
            if MEMORY_SCHEMA in attached:
                connection.execute(f"DETACH DATABASE {MEMORY_SCHEMA}")
            connection.execute(f"ATTACH DATABASE ':memory:' AS {MEMORY_SCHEMA}")
            precompute(connection, MEMORY_SCHEMA)
            connection.commit()
        return cls(connection, MEMORY_SCHEMA)

    @property
    def source_total(self) -> int:
        return int(self.meta.get("sources", "0"))

    def _from(self) -> str:
        return (
            f"FROM {self.schema}.fact_sentences s JOIN paragraphs p ON p.doc_id = s.doc_id "
            "JOIN files f ON f.id = p.file_id"
        )

    def locate(self, source: str, paragraph: int, offset: int, start: int) -> SentenceRef | None:
        """The grouped sentence holding an answer that starts at `start` in its passage
        (without its paragraph's text: an answer has it already)."""
        row = self.connection.execute(
            f"SELECT {_PLACE_COLUMNS} {self._from()} "
            "WHERE f.path = ? AND p.number = ? AND p.start = ? AND s.start <= ? "
            "ORDER BY s.start DESC LIMIT 1",
            (source, paragraph, offset, start),
        ).fetchone()
        if row is None:
            return None
        found = SentenceRef(*row)
        return found if start < found.end else None

    def members(self, group: int, files: int, limit: int) -> list[SentenceRef]:
        """A group's sentences in index order, by source and place, without their paragraph's
        text (see texts()): read until a sentence of a file beyond the first `files` turns up,
        or `limit` are read. A small group comes whole; a wire story in hundreds of files
        stops after its first few.
        """
        rows = self.connection.execute(
            f"SELECT {_PLACE_COLUMNS} {self._from()} WHERE s.group_id = ? ORDER BY s.id",
            (group,),
        )
        found: list[SentenceRef] = []
        sources: set[str] = set()
        for row in rows:
            sentence = SentenceRef(*row)
            if sentence.source not in sources:
                if len(sources) == files:
                    break
                sources.add(sentence.source)
            found.append(sentence)
            if len(found) == limit:
                break
        return sorted(found, key=lambda r: (r.source, r.paragraph, r.start))

    def texts(self, doc_ids: list[int]) -> dict[int, str]:
        """The stored text of some indexed paragraphs."""
        if not doc_ids:
            return {}
        marks = ",".join("?" * len(doc_ids))
        rows = self.connection.execute(
            f"SELECT doc_id, text FROM paragraphs WHERE doc_id IN ({marks})", doc_ids
        )
        return {int(d): str(t) for d, t in rows}

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
        marks = ",".join("?" * len(groups))
        first: dict[int, str | None] = {}
        rows = self.connection.execute(
            f"SELECT p.file_id, p.language FROM {self.schema}.fact_sentences s "
            f"JOIN paragraphs p ON p.doc_id = s.doc_id WHERE s.group_id IN ({marks}) "
            "ORDER BY s.id",
            groups,
        )
        for file_id, language in rows:
            first.setdefault(int(file_id), None if language is None else str(language))
            if len(first) == limit:
                break
        if len(groups) == 1:
            count = self.source_count(groups[0])
        else:
            (count,) = self.connection.execute(
                f"SELECT COUNT(DISTINCT p.file_id) FROM {self.schema}.fact_sentences s "
                f"JOIN paragraphs p ON p.doc_id = s.doc_id WHERE s.group_id IN ({marks})",
                groups,
            ).fetchone()
        ids = list(first)
        paths = self.connection.execute(
            f"SELECT id, path FROM files WHERE id IN ({','.join('?' * len(ids))})", ids
        ).fetchall()
        files = sorted((str(path), first[int(file_id)]) for file_id, path in paths)
        return files, max(int(count), len(files))

    def source_count(self, group: int) -> int:
        row = self.connection.execute(
            f"SELECT source_count FROM {self.schema}.fact_groups WHERE id = ?", (group,)
        ).fetchone()
        return int(row[0]) if row else 0

    def ranked(self, limit: int) -> list[tuple[int, int, int, float]]:
        """(group, representative sentence, source count, score) of the first ranked facts."""
        rows = self.connection.execute(
            f"SELECT id, representative, source_count, score FROM {self.schema}.fact_groups "
            "WHERE rank IS NOT NULL ORDER BY rank LIMIT ?",
            (limit,),
        )
        return [(int(g), int(r), int(c), float(s)) for g, r, c, s in rows]

    def conflicts_of(self, groups: list[int]) -> list[list[tuple[int, str, list[int]]]]:
        """The conflicts touching any of `groups`: each a list of (version, label, groups)."""
        if not groups:
            return []
        marks = ",".join("?" * len(groups))
        numbers = [
            int(c)
            for (c,) in self.connection.execute(
                f"SELECT DISTINCT conflict FROM {self.schema}.fact_conflicts "
                f"WHERE group_id IN ({marks}) ORDER BY conflict",
                groups,
            )
        ]
        conflicts = []
        for number in numbers:
            versions: dict[int, tuple[str, list[int]]] = {}
            for version, group, label in self.connection.execute(
                f"SELECT version, group_id, label FROM {self.schema}.fact_conflicts "
                "WHERE conflict = ? ORDER BY version, group_id",
                (number,),
            ):
                versions.setdefault(int(version), (str(label), []))[1].append(int(group))
            conflicts.append([(v, label, members) for v, (label, members) in versions.items()])
        return conflicts

    def all_conflicts(self) -> list[list[tuple[int, str, list[int]]]]:
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
