"""The precomputed tables: written at build time or computed once, then only looked up."""

from __future__ import annotations

import sqlite3

import pytest

from briefing import Library
from briefing.corroboration import pipeline
from briefing.corroboration.tables import open_facts, precompute
from briefing.index.fact_tables import FORMAT, MEMORY_SCHEMA
from briefing.index.opening import open_index
from tests.conftest import BUNDLED

TABLES = ("fact_meta", "fact_sentences", "fact_groups", "fact_conflicts", "fact_actors")


def _copy(connection: sqlite3.Connection, *, without_facts: bool) -> sqlite3.Connection:
    memory = sqlite3.connect(":memory:")
    connection.backup(memory)
    if without_facts:
        for table in TABLES:
            memory.execute(f"DROP TABLE IF EXISTS {table}")
    return memory


def test_precomputed_and_lazily_computed_tables_agree() -> None:
    reader, _ = open_index(BUNDLED)
    built = _copy(reader.connection, without_facts=True)
    precompute(built)
    stored = open_facts(built)
    assert stored.schema == "main" and stored.meta["format"] == FORMAT
    lazy = open_facts(_copy(reader.connection, without_facts=True))
    assert lazy.schema == MEMORY_SCHEMA
    assert stored.ranked(20) == lazy.ranked(20)
    assert stored.actors(20) == lazy.actors(20)
    assert stored.all_conflicts() == lazy.all_conflicts()
    (count,) = built.execute("SELECT COUNT(*) FROM fact_sentences").fetchone()
    assert count > 100 and stored.source_total == 5


def test_tables_of_another_format_are_not_trusted() -> None:
    reader, _ = open_index(BUNDLED)
    copy = _copy(reader.connection, without_facts=True)
    precompute(copy)
    copy.execute("UPDATE fact_meta SET value = 'briefing-facts/0' WHERE key = 'format'")
    assert open_facts(copy).schema == MEMORY_SCHEMA


def test_questions_only_look_facts_up(bundled_engine: Library,
                                      monkeypatch: pytest.MonkeyPatch) -> None:
    store = bundled_engine._fact_store(bundled_engine._reader)
    assert store.source_total == 5  # opened: computed at most once, now

    def no_computation(*_: object) -> None:
        raise AssertionError("corroboration was computed for a question")

    monkeypatch.setattr(pipeline, "compute", no_computation)
    result = bundled_engine.ask("What did Naver tell its employees?")
    assert result.answered and result.answers[0].source_count >= 2
    assert bundled_engine.brief(3).facts
