"""Posting rows: read once per term while a session lasts, within a bounded cache."""

from __future__ import annotations

import pytest

from briefing.index import store
from briefing.index.opening import open_index
from briefing.index.store import IndexReader
from briefing.query.question import analyse
from briefing.query.ranking import rank_paragraphs
from tests.conftest import BUNDLED


def _statements(reader: IndexReader) -> list[str]:
    seen: list[str] = []
    reader.connection.set_trace_callback(seen.append)
    return seen


def test_a_question_reads_its_posting_rows_once() -> None:
    reader, _ = open_index(BUNDLED)
    seen = _statements(reader)
    query = analyse(reader, "Which ministry blocked DeepSeek?")
    rank_paragraphs(reader, query, 5, arrays=False)
    rank_paragraphs(reader, query, 5, arrays=True)
    reads = [s for s in seen if "FROM postings" in s]
    assert len(reads) == 1  # weighing the words read them; ranking found them here
    seen.clear()
    again = analyse(reader, "Which ministry blocked DeepSeek?")
    assert again == query and not [s for s in seen if "postings" in s]


def test_the_row_cache_stays_bounded_and_right(monkeypatch: pytest.MonkeyPatch) -> None:
    reader, _ = open_index(BUNDLED)
    vocabulary = [
        term for (term,) in reader.connection.execute("SELECT term FROM postings ORDER BY term")
    ]
    expected = reader.document_frequencies(vocabulary)
    (total,) = reader.connection.execute(
        "SELECT sum(length(doc_ids) + length(weights)) FROM postings"
    ).fetchone()
    fresh, _ = open_index(BUNDLED)
    monkeypatch.setattr(store, "ROW_CACHE_BYTES", total // 10)
    got: dict[str, int] = {}
    for start in range(0, len(vocabulary), 50):
        got.update(fresh.document_frequencies(vocabulary[start : start + 50]))
        assert fresh._row_bytes <= store.ROW_CACHE_BYTES
    assert got == expected
    assert all(df > 0 for df in got.values())
    # A row's length is the number of indexed paragraphs whose terms hold it, counted afresh.
    from collections import Counter

    from briefing.text.analyzer import analyzer_for

    paragraphs = reader.connection.execute(
        "SELECT text, language FROM paragraphs WHERE doc_id IS NOT NULL"
    ).fetchall()
    counted = Counter(
        term for text, language in paragraphs for term in set(analyzer_for(language).terms(text))
    )
    assert got == dict(counted)


def test_a_question_is_one_read_transaction() -> None:
    from tests.conftest import open_library

    engine = open_library(BUNDLED)
    engine.ask("Which ministry blocked DeepSeek?")  # the corroboration tables are ready now
    seen = _statements(engine._reader)
    # Another question: the same one again finds its rows, paragraphs and groups read already.
    result = engine.ask("Which countries banned DeepSeek from government devices?")
    assert result.answered
    begins = [s for s in seen if s.strip().upper().startswith("BEGIN")]
    reads = [s for s in seen if s.lstrip().upper().startswith("SELECT")]
    assert len(begins) == 1 and len(reads) > 3
    assert seen.index(begins[0]) < seen.index(reads[0])
    assert not engine._reader.connection.in_transaction  # and it ended
