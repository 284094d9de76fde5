"""The batched look-ups a question makes agree with the plain one-row-at-a-time queries."""

from __future__ import annotations

import random

import pytest

from briefing import Library
from briefing.corpus.sanitize import clean_passage, cleaned_span
from briefing.corroboration.views import _listed, group_sources
from briefing.index.fact_tables import FactStore, Located

# Every kind of text clean_passage rewrites: escapes, controls, bidi, runs of white space.
PIECES = ["a", "b", "é", "’", ".", " ", " ", " ", "  ", "\n", "\t", "\u00a0", "\u2003",
          "\x1b[31m", "\x1b]0;title\x07", "\x1b", "\x9b2J", "\x07", "\u202e", "\ufeff", "\r\n"]


@pytest.fixture(scope="module")
def store(bundled_engine: Library) -> FactStore:
    return bundled_engine._fact_store(bundled_engine._reader)


def test_a_cleaned_span_is_the_span_of_the_cleaned_paragraph() -> None:
    chance = random.Random(7)
    for _ in range(20000):
        paragraph = "".join(chance.choices(PIECES, k=chance.randint(0, 14)))
        cleaned = clean_passage(paragraph)
        start = chance.randint(0, len(cleaned) + 2)
        end = chance.randint(start, len(cleaned) + 3)
        assert cleaned_span(paragraph, start, end) == cleaned[start:end], (paragraph, start, end)


def _plain_locate(store: FactStore, place: tuple[str, int, int, int]) -> Located | None:
    """The one-answer query groups_at replaced."""
    row = store.connection.execute(
        f'SELECT s.group_id, s."end", g.source_count {store._from()} '
        f"JOIN {store.schema}.fact_groups g ON g.id = s.group_id "
        "WHERE f.path = ? AND p.number = ? AND p.start = ? AND s.start <= ? "
        "ORDER BY s.start DESC LIMIT 1",
        place,
    ).fetchone()
    return Located(row[0], row[2]) if row is not None and place[3] < row[1] else None


def test_groups_at_finds_what_one_query_per_answer_finds(store: FactStore) -> None:
    places = [
        (str(path), int(number), int(offset), int(start) + shift)
        for path, number, offset, start in store.connection.execute(
            f"SELECT f.path, p.number, p.start, s.start {store._from()} ORDER BY s.id"
        )
        for shift in (-1, 0, 1, 40, 10**6)
    ]
    places += [("missing.txt", 0, 0, 0), (places[0][0], 10**6, 0, 0)]
    expected = [_plain_locate(store, place) for place in places]
    assert any(expected) and None in expected
    assert store.groups_at(places) == expected  # more than one query's worth, too
    assert store.groups_at(places[:3]) == expected[:3]
    assert store.groups_at([]) == []


def _plain_files_of(store: FactStore, groups: list[int], limit: int) -> tuple[list, int]:
    """files_of as it read them: every group in one sorted query, then the count."""
    marks = ",".join("?" * len(groups))
    first: dict[int, str | None] = {}
    for file_id, language in store.connection.execute(
        f"SELECT p.file_id, p.language FROM {store.schema}.fact_sentences s "
        f"JOIN paragraphs p ON p.doc_id = s.doc_id WHERE s.group_id IN ({marks}) ORDER BY s.id",
        groups,
    ):
        first.setdefault(file_id, language)
        if len(first) == limit:
            break
    (count,) = store.connection.execute(
        f"SELECT COUNT(DISTINCT p.file_id) FROM {store.schema}.fact_sentences s "
        f"JOIN paragraphs p ON p.doc_id = s.doc_id WHERE s.group_id IN ({marks})",
        groups,
    ).fetchone()
    paths = dict(store.connection.execute("SELECT id, path FROM files"))
    files = sorted((paths[file_id], language) for file_id, language in first.items())
    return files, max(count, len(files))


def test_files_of_one_or_several_groups(store: FactStore) -> None:
    sizes = store.connection.execute(
        f"SELECT group_id FROM {store.schema}.fact_sentences GROUP BY group_id "
        "ORDER BY COUNT(DISTINCT doc_id) DESC, group_id"
    ).fetchall()
    groups = [int(g) for (g,) in sizes]
    chance = random.Random(3)
    cases = [[g] for g in groups[:30]] + [chance.sample(groups, k) for k in (2, 3, 5, 40)] * 5
    for case in cases:
        for limit in (1, 2, 12):
            assert store.files_of(case, limit) == _plain_files_of(store, case, limit), case
    assert store.files_of([], 12) == ([], 0)


def test_conflicts_of_reads_each_conflict_whole(store: FactStore) -> None:
    everything = store.all_conflicts()
    assert everything
    touched = [group for conflict in everything for version in conflict for group in version.groups]
    for group in touched:
        found = store.conflicts_of([group])
        assert found and all(c in everything for c in found)
        assert any(group in version.groups for c in found for version in c)
    assert store.conflicts_of([-1]) == [] and store.conflicts_of([]) == []


def test_members_list_each_sentence_with_its_file(store: FactStore) -> None:
    (group,) = store.connection.execute(
        f"SELECT group_id FROM {store.schema}.fact_sentences GROUP BY group_id "
        "ORDER BY COUNT(*) DESC LIMIT 1"
    ).fetchone()
    listed = store.members(group, 12, 36)
    assert len({row.source for row in listed}) >= 2
    for row in listed:
        full = store.sentence(row.sentence)
        assert row == full._replace(text="")
    texts = [
        clean_passage(store.sentence(row.sentence).text)[row.start : row.end]
        for row in _listed(listed)
    ]
    assert [source.text for source in group_sources(store, group)] == texts


def test_a_read_transaction_holds_the_lookups_and_nests(store: FactStore) -> None:
    """The engine runs each question in one (briefing.index.store.read_transaction)."""
    from briefing.index.store import read_transaction

    connection = store.connection
    assert not connection.in_transaction
    with read_transaction(connection):
        assert connection.in_transaction
        with read_transaction(connection):  # inside one already: no BEGIN, no COMMIT
            store.source_count(0)
            assert connection.in_transaction
        assert connection.in_transaction  # the inner one did not end the outer
    assert not connection.in_transaction
    with pytest.raises(RuntimeError), read_transaction(connection):
        raise RuntimeError
    assert not connection.in_transaction