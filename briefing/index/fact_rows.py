"""Provides the rows of the corroboration tables as plain data, and writing them into an index.

The shapes are what briefing.corroboration computes, in this process or another one (they
pass between processes as JSON and raw bytes); the schema is briefing.index.fact_tables'.
Imported only to build: a question reads the tables through FactStore.
"""

from __future__ import annotations

import json
import sqlite3
import time
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from briefing.index.fact_tables import FORMAT, ROW_INDEXES, SCHEMA, SENTENCE_INDEXES, TABLES
from briefing.models import ParagraphKind

if TYPE_CHECKING:
    import numpy as np


@dataclass(frozen=True, slots=True)
class FactsParagraph:
    """An indexed paragraph, as the index stores it."""

    doc_id: int
    source: str
    language: str | None
    text: str


@dataclass(frozen=True, slots=True)
class FactRows:
    """The rows of the fact tables, but for the sentences' places (Statements): plain data,
    so that a build can compute them in another process and pass them back (as JSON)."""

    group_of_node: list[int]
    # representative, sources (copies of a story once), score, rank, files
    groups: list[tuple[int, int, float, int | None, int]]
    # each version's label, groups, sentence (an occurrence) and the label's span in it
    conflicts: list[list[tuple[str, list[int], int, int, int]]]
    actors: list[tuple[str, int, int, list[str]]]  # name, sources, mentions, their paths
    main_language: str | None

    def plain(self) -> list[object]:
        """The rows as lists, for JSON (from_plain reads them back)."""
        return [self.group_of_node, self.groups, self.conflicts, self.actors, self.main_language]

    @classmethod
    def from_plain(cls, plain: list[Any]) -> FactRows:
        group_of_node, groups, conflicts, actors, main_language = plain
        return cls(
            group_of_node,
            [(int(r), int(n), float(s), rank, int(f)) for r, n, s, rank, f in groups],
            [
                [(str(label), list(members), int(sentence), int(start), int(end))
                 for label, members, sentence, start, end in c]
                for c in conflicts
            ],
            [(str(name), int(n), int(m), list(paths)) for name, n, m, paths in actors],
            main_language,
        )


@dataclass(frozen=True, slots=True)
class SentenceRows:
    """The fact_sentences columns, one entry per occurrence, and how many files they span."""

    doc_ids: np.ndarray
    starts: np.ndarray
    ends: np.ndarray
    groups: np.ndarray
    source_count: int  # stories: copies of one story count once
    nodes: np.ndarray  # each occurrence's sentence (the fact state's node)

    def payloads(self) -> list[bytes]:
        """The columns as raw int64 bytes, to pass between processes."""
        import numpy as np

        return [np.asarray(a, dtype=np.int64).tobytes()
                for a in (self.doc_ids, self.starts, self.ends, self.groups, self.nodes)]

    @classmethod
    def from_payloads(cls, payloads: list[bytes], source_count: int) -> SentenceRows:
        import numpy as np

        doc_ids, starts, ends, groups, nodes = (
            np.frombuffer(p, dtype=np.int64) for p in payloads
        )
        return cls(doc_ids, starts, ends, groups, source_count, nodes)


def paragraph_rows(connection: sqlite3.Connection) -> list[FactsParagraph]:
    """Every indexed body paragraph, in doc_id order: what the fact tables are computed from."""
    query = (
        "SELECT p.doc_id, f.path, p.language, p.text FROM paragraphs p "
        "JOIN files f ON f.id = p.file_id WHERE p.kind = ? AND p.doc_id IS NOT NULL "
        "ORDER BY p.doc_id"
    )
    return [
        FactsParagraph(int(d), str(path), None if lang is None else str(lang), str(text))
        for d, path, lang, text in connection.execute(query, (ParagraphKind.BODY.value,))
    ]


def write(
    connection: sqlite3.Connection,
    sentences: SentenceRows,
    rows: FactRows,
    state: dict[str, bytes],
    schema: str = "main",
) -> None:
    """Create the fact_* tables in `schema` and fill them."""
    write_sentences(connection, sentences, schema)
    write_rows(connection, rows, len(sentences.groups), sentences.source_count, state, schema)


def write_sentences(
    connection: sqlite3.Connection, sentences: SentenceRows, schema: str = "main"
) -> None:
    """Create the fact_* tables and fill fact_sentences (the rest: write_rows)."""
    connection.executescript(SCHEMA.format(s=schema))
    connection.executemany(
        f'INSERT INTO {schema}.fact_sentences (id, doc_id, start, "end", group_id, node) '
        "VALUES (?, ?, ?, ?, ?, ?)",
        zip(
            range(len(sentences.groups)),
            sentences.doc_ids.tolist(),
            sentences.starts.tolist(),
            sentences.ends.tolist(),
            sentences.groups.tolist(),
            sentences.nodes.tolist(),
            strict=True,
        ),
    )
    connection.executescript(SENTENCE_INDEXES.format(s=schema))


def write_rows(
    connection: sqlite3.Connection,
    rows: FactRows,
    sentence_count: int,
    source_count: int,
    state: dict[str, bytes],
    schema: str = "main",
) -> None:
    """Fill the fact tables but fact_sentences (written first: write_sentences)."""
    connection.executemany(
        f"INSERT INTO {schema}.fact_groups (id, representative, source_count, score, rank, "
        "files) VALUES (?, ?, ?, ?, ?, ?)",
        ((index, *group) for index, group in enumerate(rows.groups)),
    )
    connection.executemany(
        f"INSERT INTO {schema}.fact_conflicts (conflict, version, group_id, label, sentence, "
        "span_start, span_end) VALUES (?, ?, ?, ?, ?, ?, ?)",
        (
            (number, version_number, group, label, sentence, start, end)
            for number, conflict in enumerate(rows.conflicts)
            for version_number, (label, members, sentence, start, end) in enumerate(conflict)
            for group in members
        ),
    )
    connection.executemany(
        f"INSERT INTO {schema}.fact_state (key, value) VALUES (?, ?)", state.items()
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
