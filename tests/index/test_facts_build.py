"""The fact tables a build gathers while analysing equal those of the written paragraphs.

A large build collects each paragraph's statements in the analysing workers, analyses the
sentences' anchors in a process of its own while the files are read, and groups them while
the postings are written. Whatever the path (in one process, on workers, refreshed, with a
facts process that fails), the tables are store.precompute's from the finished index.
"""

from __future__ import annotations

import json
import os
import sqlite3
from pathlib import Path

import pytest

from briefing.corroboration import during_build as facts
from briefing.corroboration.during_build import facts_for
from briefing.corroboration.tables import precompute
from briefing.index.fact_tables import TABLES
from briefing.index.opening import open_index
from briefing.index.report import BuildReport
from briefing.index.schema import index_path
from briefing.paths import eval_dir

FILES = 30  # of 9 paragraphs: past SMALL_CORPUS_PARAGRAPHS, where statements are gathered


def _write_corpus(folder: Path) -> None:
    path = eval_dir() / "xquad" / "xquad.en.json"
    if not path.is_file():
        pytest.skip(f"evaluation data not found at {path}")
    data = json.loads(path.read_text(encoding="utf-8"))["data"]
    paragraphs = [p["context"] for a in data for p in a["paragraphs"]]
    folder.mkdir()
    for number in range(FILES):
        chunk = paragraphs[number * 7 : number * 7 + 9]  # overlapping: sentences in 2 files
        text = "\n\n".join(chunk)
        (folder / f"{number:03d}.txt").write_text(f"Article {number}\n\n{text}\n", "utf-8")


_QUERIES = {
    "fact_sentences": (
        'SELECT id, doc_id, start, "end", group_id, node FROM fact_sentences ORDER BY id'
    ),
    "fact_groups": "SELECT * FROM fact_groups ORDER BY id",
    "fact_conflicts": "SELECT * FROM fact_conflicts ORDER BY conflict, version, group_id",
    "fact_actors": "SELECT * FROM fact_actors ORDER BY rank",
    "fact_meta": "SELECT key, value FROM fact_meta WHERE key != 'built' ORDER BY key",
}


def _tables(connection: sqlite3.Connection) -> dict[str, list[tuple[object, ...]]]:
    return {name: connection.execute(query).fetchall() for name, query in _QUERIES.items()}


def _built(corpus: Path) -> dict[str, list[tuple[object, ...]]]:
    connection = sqlite3.connect(index_path(corpus))
    try:
        return _tables(connection)
    finally:
        connection.close()


def _from_paragraphs(corpus: Path) -> dict[str, list[tuple[object, ...]]]:
    memory = sqlite3.connect(":memory:")
    with sqlite3.connect(index_path(corpus)) as built:
        built.backup(memory)
    for table in TABLES:
        memory.execute(f"DROP TABLE {table}")
    precompute(memory)
    return _tables(memory)


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "corpus"
    _write_corpus(folder)
    return folder


def _on_workers(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("briefing.index.parallel.PARALLEL_MIN_BYTES", 0)
    monkeypatch.setattr("briefing.index.parallel.TASK_BYTES", 20_000)
    monkeypatch.setattr("briefing.index.parallel.available_cores", lambda: 2)
    monkeypatch.setattr(facts, "SPLIT_PAIRS", 10)  # and the pairs scored on two processes


def test_statements_gathered_in_one_process_give_the_paragraphs_tables(corpus: Path) -> None:
    open_index(corpus, facts=facts_for)
    tables = _built(corpus)
    assert len(tables["fact_sentences"]) > 500
    assert any(count > 1 for _, _, count, _, _, _ in tables["fact_groups"])
    assert tables == _from_paragraphs(corpus)


def test_the_facts_process_gives_the_same_tables(
    corpus: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    open_index(corpus, facts=facts_for)
    alone = _built(corpus)
    _on_workers(monkeypatch)
    started: list[int] = []
    original = facts.RemoteFacts.__init__

    def counted(self: facts.RemoteFacts) -> None:
        started.append(1)
        original(self)

    def not_here(_connection: sqlite3.Connection) -> None:
        raise AssertionError("the tables were computed by the builder")

    monkeypatch.setattr(facts.RemoteFacts, "__init__", counted)
    monkeypatch.setattr(facts, "precompute", not_here)
    steps: list[tuple[str, int, int | None]] = []
    open_index(corpus, rebuild=True, facts=facts_for, progress=lambda *step: steps.append(step))
    assert started and _built(corpus) == alone
    # The pairs both processes scored are told as they go (the helper's too, while the facts
    # process waits for it), up to all of them, never back.
    compared = [(done, total) for phase, done, total in steps if phase == "comparing sentences"]
    assert compared and compared[-1][0] == compared[-1][1] > 0
    assert [done for done, _ in compared] == sorted(done for done, _ in compared)


@pytest.mark.parametrize("failure", ["answers with a failure", "dies at once"])
def test_a_failing_facts_process_leaves_the_tables_to_the_builder(
    corpus: Path, monkeypatch: pytest.MonkeyPatch, failure: str
) -> None:
    open_index(corpus, facts=facts_for)
    alone = _built(corpus)
    _on_workers(monkeypatch)
    if failure == "dies at once":
        monkeypatch.setattr(facts, "_serve", lambda *_: os._exit(3))
    else:
        monkeypatch.setattr(
            facts, "_answer", lambda connection, *_: connection.send_bytes(b"-")
        )
    fallbacks: list[int] = []

    def here(connection: sqlite3.Connection) -> None:
        fallbacks.append(1)
        precompute(connection)

    monkeypatch.setattr(facts, "precompute", here)
    _, report = open_index(corpus, rebuild=True, facts=facts_for)
    assert report.saved and fallbacks and _built(corpus) == alone


def _updated_counting_analyses(
    corpus: Path, monkeypatch: pytest.MonkeyPatch
) -> tuple[list[str], BuildReport]:
    """Bring the index of `corpus` up to date; the sentences whose anchors that analysed."""
    from briefing.corroboration import pipeline

    analysed: list[str] = []
    original = pipeline.analyse

    def counted(text: str, language: str | None) -> object:
        analysed.append(text)
        return original(text, language)

    with monkeypatch.context() as patch:
        patch.setattr(pipeline, "analyse", counted)
        _, report = open_index(corpus, facts=facts_for)
    return analysed, report


@pytest.mark.parametrize("workers", [False, True])
def test_refreshed_tables_equal_rebuilt_ones(
    corpus: Path, monkeypatch: pytest.MonkeyPatch, workers: bool
) -> None:
    """Copied files' statements come from their stored paragraphs (with workers: through the
    facts process too)."""
    open_index(corpus, facts=facts_for)
    if workers:
        _on_workers(monkeypatch)
    changed = corpus / "004.txt"
    changed.write_text(
        changed.read_text("utf-8") + "\nKakao shares rose 7% on Friday, the exchange said.\n"
    )
    (corpus / "009.txt").unlink()
    analysed, report = _updated_counting_analyses(corpus, monkeypatch)
    assert report.reindexed == 1 and report.removed == 1
    refreshed = _built(corpus)
    # Updated, not recomputed: the new sentence and the few it is compared with are analysed.
    sentences = len(refreshed["fact_sentences"])
    assert analysed and len(analysed) < sentences / 5
    open_index(corpus, rebuild=True, facts=facts_for)
    assert _built(corpus) == refreshed


def test_an_index_of_an_older_fact_state_is_recomputed_whole(
    corpus: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An index whose fact state has another format (an older briefing wrote it) is not
    misread: the update computes the corroboration again, as a build does."""
    from briefing.corroboration.state import STATE_FORMAT

    open_index(corpus, facts=facts_for)
    with sqlite3.connect(index_path(corpus)) as connection:
        connection.execute("UPDATE fact_state SET value = ? WHERE key = 'format'",
                           (b"briefing-fact-state/3",))
    changed = corpus / "004.txt"
    changed.write_text(changed.read_text("utf-8") + "\nKakao shares rose 7% on Friday.\n")
    analysed, report = _updated_counting_analyses(corpus, monkeypatch)
    assert report.reindexed == 1
    refreshed = _built(corpus)
    # Every sentence the copied files hold is analysed again (the new file's were as read).
    assert len(analysed) > len(refreshed["fact_sentences"]) / 2
    with sqlite3.connect(index_path(corpus)) as connection:
        (stored,) = connection.execute(
            "SELECT value FROM fact_state WHERE key = 'format'").fetchone()
    assert bytes(stored) == STATE_FORMAT.encode()
    open_index(corpus, rebuild=True, facts=facts_for)
    assert _built(corpus) == refreshed
