"""Lookups kept per open index (paragraphs, path ranges, corroboration rows): a session's
questions meet the same ones again. What comes from memory equals what the file holds, and
each store stays within its bound."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from briefing import Library
from briefing.index import fact_tables
from briefing.index.fact_tables import FactStore
from briefing.index.store import IndexReader
from briefing.models import ParagraphKind
from tests.conftest import open_library

QUESTIONS = (
    "Which ministry blocked DeepSeek?",
    "Which countries banned DeepSeek from government devices?",
    "Quel ministère a bloqué DeepSeek ?",
    "When did Kakao restrict DeepSeek?",
)


@pytest.fixture()
def bundled() -> Iterator[Library]:
    library = open_library()
    yield library
    library.close()


def _reader(library: Library) -> IndexReader:
    reader = library._reader  # noqa: SLF001
    assert reader is not None
    return reader


def test_paragraphs_and_headlines_from_memory_are_the_files(
    bundled: Library, monkeypatch: pytest.MonkeyPatch
) -> None:
    reader = _reader(bundled)
    monkeypatch.setattr(reader._paragraphs, "limit", 5)  # noqa: SLF001
    fresh = IndexReader(reader.connection)  # nothing kept yet
    every = sorted(int(d) for (d,) in reader.connection.execute(
        "SELECT doc_id FROM paragraphs WHERE doc_id IS NOT NULL"))
    for start in range(0, len(every), 4):
        wanted = every[start : start + 4] + every[: start // 4 % 3]  # some asked again
        kept = reader.paragraphs_with_context(wanted)
        assert kept == fresh.paragraphs_with_context(wanted)
        assert set(kept) == set(wanted)
        assert len(reader._paragraphs) <= 5 + len(wanted)  # noqa: SLF001
        headlines = {
            int(d) for (d,) in reader.connection.execute(
                "SELECT doc_id FROM paragraphs WHERE kind = ? AND doc_id IN "
                f"({','.join('?' * len(wanted))})", (ParagraphKind.HEADING.value, *wanted))
        }
        assert reader.headline_doc_ids(wanted) == headlines
    assert any(reader.headline_doc_ids(every))  # the bundled files have headlines


def test_path_ranges_from_memory_are_the_files(
    bundled: Library, monkeypatch: pytest.MonkeyPatch
) -> None:
    reader = _reader(bundled)
    monkeypatch.setattr(reader._prefixed, "limit", 2)  # noqa: SLF001
    paths = reader.paths()
    for prefixes in ({"00"}, {"001", "004"}, {"00", "zz"}, {"003_"}, {"00"}, {""}, {"0", "00"}):
        expected = sorted({p for p in paths if any(p.startswith(x) for x in prefixes)})
        assert reader.paths_starting(prefixes) == expected
        assert len(reader._prefixed) <= max(2, len(prefixes))  # noqa: SLF001


def test_corroboration_rows_from_memory_are_the_tables(
    bundled: Library, monkeypatch: pytest.MonkeyPatch
) -> None:
    for text in QUESTIONS:
        bundled.ask(text)
    facts = bundled._facts  # noqa: SLF001
    assert facts is not None
    fresh = FactStore(facts.connection, facts.schema)
    located = list(facts._located)  # noqa: SLF001
    assert located  # the answers' places were looked up
    assert facts.groups_at(located) == fresh.groups_at(located)
    groups = sorted({g.group for g in facts.groups_at(located) if g is not None})
    assert groups
    for group in groups:
        assert facts.members(group, 12, 36) == fresh.members(group, 12, 36)
        assert facts.members(group, 1, 2) == fresh.members(group, 1, 2)  # cut otherwise
    rows = sorted({row.paragraph_row for g in groups for row in facts.members(g, 12, 36)})
    assert facts.texts(rows) == fresh.texts(rows) and set(facts.texts(rows)) == set(rows)
    # Bounded: past LOOKUPS_KEPT entries a store starts again.
    monkeypatch.setattr(fact_tables, "LOOKUPS_KEPT", 2)
    small = FactStore(facts.connection, facts.schema)
    for group in groups:
        assert small.members(group, 12, 36) == fresh.members(group, 12, 36)
        assert len(small._members) <= 2  # noqa: SLF001
    assert small.groups_at(located) == fresh.groups_at(located)
    assert small.texts(rows) == fresh.texts(rows)
