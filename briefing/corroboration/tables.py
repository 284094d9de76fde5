"""Provides the corroboration tables of an open index: the stored ones, or computed now.

A build writes them through its hook (briefing.corroboration.during_build); an index built
without them (or where that failed) gets them computed once from its paragraphs, into the
index file when it is being written, else into an attached in-memory database.
"""

from __future__ import annotations

import sqlite3

from briefing.index.fact_tables import MEMORY_SCHEMA, FactStore, attach_memory, has_tables

__all__ = ["open_facts", "precompute"]


def precompute(connection: sqlite3.Connection, schema: str = "main") -> None:
    """Compute the corroboration tables of a finished index and write them into `schema`."""
    from briefing.corroboration.pipeline import compute
    from briefing.index.fact_rows import paragraph_rows, write

    result = compute(paragraph_rows(connection))
    write(connection, result.sentence_rows(), result.rows(), result.state.payloads(), schema)


def open_facts(connection: sqlite3.Connection) -> FactStore:
    """The tables the index holds, or (for an index built without them) computed now."""
    if has_tables(connection, "main"):
        return FactStore(connection, "main")
    if not has_tables(connection, MEMORY_SCHEMA):
        attach_memory(connection)
        precompute(connection, MEMORY_SCHEMA)
        connection.commit()
    return FactStore(connection, MEMORY_SCHEMA)
