"""Caches another briefing version wrote for a folder go once the new one is saved; nothing else."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest

from briefing.index.opening import open_index
from briefing.index.schema import index_path


def _copy_as(source: Path, key: str, **meta: str) -> Path:
    """A copy of an index under another key, its meta rows changed."""
    other = source.with_name(f"{source.stem[:-20]}{key}.sqlite")
    shutil.copyfile(source, other)
    with sqlite3.connect(other) as db:
        db.executemany("UPDATE meta SET value = ? WHERE key = ?", [(v, k) for k, v in meta.items()])
    db.close()
    return other


def test_an_older_format_of_the_folder_goes_with_its_catalog(corpus_copy: Path) -> None:
    open_index(corpus_copy)
    target = index_path(corpus_copy)
    old = _copy_as(target, "0" * 20, format="briefing-index/4")
    old_analysis = _copy_as(target, "1" * 20, analysis_version="1")
    catalog = old.with_name(f"{old.stem}.documents-2.sqlite")
    catalog.write_bytes(b"")
    elsewhere = _copy_as(target, "2" * 20, format="briefing-index/4", root="/some/other/folder")
    unfinished = _copy_as(target, "3" * 20, format="briefing-index/4", complete="0")
    junk = target.with_name(f"{target.stem[:-20]}{'4' * 20}.sqlite")
    junk.write_bytes(b"not a database at all")
    wrong_name = target.with_name(f"{target.stem[:-20]}short.sqlite")
    shutil.copyfile(old_analysis, wrong_name)
    notices: list[str] = []

    open_index(corpus_copy, notify=notices.append)  # warm: nothing is built, nothing removed
    assert old.exists() and catalog.exists() and notices == []

    open_index(corpus_copy, rebuild=True, notify=notices.append)
    assert not old.exists() and not catalog.exists() and not old_analysis.exists()
    assert notices == ["notice: removed 2 index caches of this folder from another version"]
    # Another folder's, an unfinished one, a file that is no index, another name: all kept.
    assert elsewhere.exists() and unfinished.exists() and junk.exists() and wrong_name.exists()
    reader, report = open_index(corpus_copy)
    assert not report.rebuilt and reader.file_count == 5


def test_a_cache_that_cannot_be_deleted_stays_and_the_build_stands(
    corpus_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    open_index(corpus_copy)
    target = index_path(corpus_copy)
    old = _copy_as(target, "0" * 20, format="briefing-index/4")
    unlink = Path.unlink

    def refuse(path: Path, missing_ok: bool = False) -> None:
        if path == old:
            raise PermissionError(13, "Permission denied", str(path))
        unlink(path, missing_ok=missing_ok)

    monkeypatch.setattr(Path, "unlink", refuse)
    notices: list[str] = []
    reader, report = open_index(corpus_copy, rebuild=True, notify=notices.append)
    assert report.rebuilt and report.saved and reader.file_count == 5
    assert old.exists() and notices == []
