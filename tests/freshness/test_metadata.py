"""Document metadata (format, title, date, language) lives in the index itself, kept in step
with the files, and nowhere else."""

from __future__ import annotations

from pathlib import Path

import pytest

import briefing.corpus.formats as formats
import briefing.corpus.reading as reading
from briefing.index.schema import index_path
from tests.conftest import open_library
from tests.syntax.conftest import write_news

DATED = "DeepSeek after:2025-02-01"


def _documents(folder: Path, query: str) -> dict[str, tuple[str | None, str | None, str]]:
    library = open_library(folder)
    try:
        return {
            hit.source: (hit.document.date, hit.document.title, hit.document.format)
            for hit in library.search(query, 20).results
            if hit.document is not None
        }
    finally:
        library.close()


def test_metadata_follows_a_changed_file(tmp_path: Path) -> None:
    folder = write_news(tmp_path / "news")
    assert _documents(folder, "DeepSeek")["news/seoul.md"][0] == "2025-02-06"
    seoul = folder / "news" / "seoul.md"
    seoul.write_text(seoul.read_text(encoding="utf-8").replace("2025-02-06", "2024-12-24"),
                     encoding="utf-8")
    assert _documents(folder, "DeepSeek")["news/seoul.md"][0] == "2024-12-24"
    assert set(_documents(folder, "DeepSeek before:2025-01-01")) == {"news/seoul.md"}


def test_nothing_but_the_index_is_written(tmp_path: Path) -> None:
    folder = write_news(tmp_path / "news")
    before = sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*"))
    _documents(folder, DATED)
    assert sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*")) == before
    cache = index_path(folder).parent
    assert [p.name for p in cache.iterdir()] == [index_path(folder).name]  # no side file


def test_the_index_alone_holds_document_metadata(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A later process reads every file's metadata from the index: no file is read again."""
    folder = write_news(tmp_path / "news")
    first = _documents(folder, DATED)
    assert first["news/tokyo.html"] == ("2025-03-10", first["news/tokyo.html"][1], "html")

    def no_reading(*args: object) -> None:
        raise AssertionError(f"read {args} again")

    monkeypatch.setattr(formats, "read_info", no_reading)
    monkeypatch.setattr(formats, "load_formatted", no_reading)
    monkeypatch.setattr(reading, "load_document", no_reading)
    assert _documents(folder, DATED) == first
    assert set(first) == {"news/seoul.md", "news/tokyo.html"}


def test_a_title_is_declared_else_the_first_headline(tmp_path: Path) -> None:
    folder = write_news(tmp_path / "news")
    found = _documents(folder, "DeepSeek")
    titles = {path: title for path, (_, title, _) in found.items()}
    assert all(titles.values()), titles  # every article has one
    assert found["notes/undated.txt"][0] is None  # never guessed from the text
