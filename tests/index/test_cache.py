"""The index cache: reuse, incremental change, corruption, atomic writes, a clean corpus folder."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

import pytest

from briefing.errors import CorpusError
from briefing.index.opening import open_index
from briefing.index.schema import index_path
from tests.conftest import open_library


def _files(folder: Path) -> set[str]:
    return {p.relative_to(folder).as_posix() for p in folder.rglob("*")}


def test_second_open_reuses_the_cache(corpus_copy: Path) -> None:
    _, first = open_index(corpus_copy)
    assert first.rebuilt and first.reindexed == 5
    reader, second = open_index(corpus_copy)
    assert not second.rebuilt and second.reindexed == 0
    assert reader.file_count == 5


def test_only_changed_files_are_analysed(corpus_copy: Path) -> None:
    open_index(corpus_copy)
    target = corpus_copy / "001_0001ffd5a2c8243f.txt"
    target.write_text(target.read_text(encoding="utf-8") + "\n\nKakao shares rose 7% on Friday.\n")
    engine = open_library(corpus_copy)
    assert engine._opened is not None
    assert engine._opened.rebuilt and engine._opened.reindexed == 1
    result = engine.ask("How much did Kakao shares rise on Friday?")
    assert result.answered and "7%" in result.answers[0].text


def test_touched_but_identical_file_is_not_analysed(corpus_copy: Path) -> None:
    open_index(corpus_copy)
    target = corpus_copy / "002_f8ead1e008714aa4.txt"
    os.utime(target, ns=(target.stat().st_atime_ns, target.stat().st_mtime_ns + 10**9))
    _, report = open_index(corpus_copy)
    assert report.reindexed == 0
    _, again = open_index(corpus_copy)
    assert not again.rebuilt  # the new mtime was recorded


def test_removed_and_added_files(corpus_copy: Path) -> None:
    open_index(corpus_copy)
    (corpus_copy / "003_b1bf6165345aa9a6.txt").unlink()
    (corpus_copy / "nested").mkdir()
    (corpus_copy / "nested" / "new.md").write_text("Naver opened a new office in Paris.\n")
    reader, report = open_index(corpus_copy)
    assert report.removed == 1 and report.reindexed == 1
    assert {f.path for f in reader.files()} >= {"nested/new.md"}
    assert "003_b1bf6165345aa9a6.txt" not in {f.path for f in reader.files()}


@pytest.mark.parametrize(
    "damage",
    [
        lambda path: path.write_bytes(b"this is not a database at all" * 100),
        lambda path: path.write_bytes(path.read_bytes()[:2048]),
        lambda path: path.write_bytes(b""),
    ],
    ids=["foreign", "truncated", "empty"],
)
def test_damaged_cache_is_rebuilt_with_a_notice(corpus_copy: Path, damage) -> None:  # type: ignore[no-untyped-def]
    open_index(corpus_copy)
    path = index_path(corpus_copy)
    damage(path)
    notices: list[str] = []
    engine = open_library(corpus_copy, notify=notices.append)
    result = engine.ask("Which ministry blocked DeepSeek on military computers?")
    assert result.answered
    assert any("rebuilding" in n for n in notices)
    assert sqlite3.connect(path).execute("SELECT value FROM meta WHERE key='complete'").fetchone()


def test_wrong_version_cache_is_rebuilt(corpus_copy: Path) -> None:
    open_index(corpus_copy)
    path = index_path(corpus_copy)
    with sqlite3.connect(path) as connection:
        connection.execute("UPDATE meta SET value = 'old' WHERE key = 'analysis_version'")
    notices: list[str] = []
    _, report = open_index(corpus_copy, notify=notices.append)
    assert report.rebuilt and notices


def test_nothing_is_written_into_the_corpus_and_no_temporary_files_remain(
    corpus_copy: Path,
) -> None:
    before = _files(corpus_copy)
    open_index(corpus_copy)
    open_index(corpus_copy, rebuild=True)
    assert _files(corpus_copy) == before
    leftovers = [p for p in index_path(corpus_copy).parent.iterdir() if p.suffix == ".tmp"]
    assert leftovers == []


def test_cache_lives_under_briefing_cache_dir(corpus_copy: Path, isolated_dirs: Path) -> None:
    open_index(corpus_copy)
    assert index_path(corpus_copy).is_relative_to(isolated_dirs / "cache")
    assert index_path(corpus_copy).exists()


def test_unwritable_cache_answers_from_memory(corpus_copy: Path, monkeypatch, tmp_path) -> None:  # type: ignore[no-untyped-def]
    blocker = tmp_path / "not-a-dir"
    blocker.write_text("a file where the cache folder should be")
    monkeypatch.setenv("BRIEFING_CACHE_DIR", str(blocker))
    notices: list[str] = []
    engine = open_library(corpus_copy, notify=notices.append)
    assert not engine._opened.saved
    assert any("cannot save" in n for n in notices)
    assert engine.ask("What did LG Uplus issue?").answered


def test_missing_and_empty_corpus(tmp_path: Path) -> None:
    with pytest.raises(CorpusError, match="not found"):
        open_index(tmp_path / "nope")
    empty = tmp_path / "empty"
    empty.mkdir()
    with pytest.raises(CorpusError):
        open_index(empty)
    (empty / "photo.jpg").write_bytes(b"\xff\xd8\xff")
    with pytest.raises(CorpusError, match="no file could be indexed"):
        open_index(empty)


def test_single_file_corpus(tmp_path: Path) -> None:
    article = tmp_path / "one.txt"
    article.write_text("Italy ordered DeepSeek to block its chatbot in January.\n")
    engine = open_library(article)
    result = engine.ask("When did Italy order DeepSeek to block its chatbot?")
    assert result.answered and result.answers[0].source == "one.txt"
