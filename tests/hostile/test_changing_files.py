"""Files that change, vanish, shrink or turn into folders while the index is being built.

The build reads files after listing them, so a folder being written to can change under it.
Whatever it caught, the next open must leave an index that agrees with the files on disk:
every stored hash is the file's hash now, every passage is text the file holds now.
"""

from __future__ import annotations

import hashlib
import os
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from briefing import Library
from tests.conftest import open_library

from .conftest import needs_non_root, write

ARTICLES = {
    f"{n:02}.txt": f"Report {n}: the harbour of Busan logged ship number {n}00 today.\n"
    for n in range(8)
}


def _corpus(folder: Path) -> Path:
    for name, text in ARTICLES.items():
        write(folder / name, text)
    return folder


def _during_build(action: Callable[[], None]) -> Callable[[str, int, int | None], None]:
    """A progress callback that runs `action` once, as the build starts on the files."""
    done = False

    def progress(phase: str, current: int, total: int | None) -> None:
        nonlocal done
        if not done:
            done = True
            action()

    return progress


def _assert_agrees_with_disk(engine: Library, folder: Path) -> None:
    files = engine._reader.files()
    for record in files:
        path = folder / record.path
        assert path.is_file(), f"{record.path} is indexed but gone"
        data = path.read_bytes()
        assert record.sha256 == hashlib.sha256(data).hexdigest(), record.path
        text = data.decode("utf-8")
        for paragraph in engine.document(record.path).paragraphs:
            assert paragraph.text in text
    on_disk = {p.name for p in folder.iterdir() if p.is_file() and p.stat().st_size}
    assert {f.path for f in files} == on_disk


def _changes() -> dict[str, Callable[[Path], None]]:
    def vanish(folder: Path) -> None:
        (folder / "03.txt").unlink()

    def rewrite(folder: Path) -> None:
        write(folder / "03.txt", "Report 3 was withdrawn: the ship was a seaplane.\n")

    def truncate(folder: Path) -> None:
        write(folder / "03.txt", b"")

    def become_folder(folder: Path) -> None:
        (folder / "03.txt").unlink()
        write(folder / "03.txt" / "inner.txt", "Report 3 moved into a folder.\n")

    def add(folder: Path) -> None:
        write(folder / "99.txt", "A late report arrived about a hovercraft.\n")

    return {
        "vanish": vanish,
        "rewrite": rewrite,
        "truncate": truncate,
        "become_folder": become_folder,
        "add": add,
    }


@pytest.mark.parametrize("change", sorted(_changes()))
def test_a_change_during_the_build_is_caught_by_the_next_open(
    tmp_path: Path, change: str
) -> None:
    folder = _corpus(tmp_path / "corpus")
    mutate = _changes()[change]
    racing = open_library(folder, progress=_during_build(lambda: mutate(folder)))
    assert racing.ask("Which ship did the harbour of Busan log in report 5?").answered
    racing.close()

    settled = open_library(folder)
    if (folder / "03.txt").is_dir():
        shutil.rmtree(folder / "03.txt")  # the agreement check compares files only
        settled.close()
        settled = open_library(folder)
    _assert_agrees_with_disk(settled, folder)
    if change == "rewrite":
        answer = settled.ask("What was the ship in report 3?")
        assert answer.answered and "seaplane" in answer.answers[0].text


def test_a_file_rewritten_twice_during_two_builds(tmp_path: Path) -> None:
    folder = _corpus(tmp_path / "corpus")
    open_library(folder).close()
    target = folder / "05.txt"
    write(target, "Report 5 first correction: a tugboat.\n")
    first = open_library(
        folder, progress=_during_build(lambda: write(target, "Report 5 final: a ferry.\n"))
    )
    first.close()
    settled = open_library(folder)
    _assert_agrees_with_disk(settled, folder)
    assert "ferry" in settled.ask("What was report 5 finally?").answers[0].text


@needs_non_root
def test_a_file_that_becomes_unreadable_during_the_build(tmp_path: Path) -> None:
    folder = _corpus(tmp_path / "corpus")
    target = folder / "04.txt"
    try:
        engine = open_library(folder, progress=_during_build(lambda: target.chmod(0)))
        reasons = {s.path: s.reason for s in engine.stats.skipped}
        assert reasons.get("04.txt") in (None, "permission denied")
        assert engine.ask("Which ship did the harbour of Busan log in report 6?").answered
    finally:
        target.chmod(0o644)


def _refuse_reading(monkeypatch: pytest.MonkeyPatch, locked: set[str]) -> None:
    """Reading a file named in `locked` raises EACCES, as for a file chmod 0 (root included)."""
    real_open = Path.open
    real_read_bytes = Path.read_bytes

    def refuse(path: Path) -> None:
        if path.name in locked:
            raise PermissionError(13, "Permission denied", str(path))

    def guarded_open(self: Path, *args, **kwargs):  # type: ignore[no-untyped-def]
        refuse(self)
        return real_open(self, *args, **kwargs)

    def guarded_read_bytes(self: Path) -> bytes:
        refuse(self)
        return real_read_bytes(self)

    monkeypatch.setattr(Path, "open", guarded_open)
    monkeypatch.setattr(Path, "read_bytes", guarded_read_bytes)


def test_a_file_that_becomes_unreadable_during_the_build_simulated(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = _corpus(tmp_path / "corpus")
    locked: set[str] = set()
    _refuse_reading(monkeypatch, locked)
    engine = open_library(folder, progress=_during_build(lambda: locked.add("04.txt")))
    assert {s.path: s.reason for s in engine.stats.skipped} == {"04.txt": "permission denied"}
    assert engine.ask("Which ship did the harbour of Busan log in report 6?").answered


def test_a_file_readable_again_is_indexed_on_the_next_open(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """chmod changes neither size nor mtime: the skip must not be remembered by those alone."""
    folder = _corpus(tmp_path / "corpus")
    target = folder / "04.txt"
    locked = {"04.txt"}
    _refuse_reading(monkeypatch, locked)
    target.chmod(0)  # what the reader did; root could still read it, hence the refusal above
    assert "04.txt" in {s.path for s in open_library(folder).stats.skipped}
    target.chmod(0o644)  # and undid
    locked.clear()
    settled = open_library(folder)
    assert settled.stats.skipped == ()
    _assert_agrees_with_disk(settled, folder)


def test_an_index_of_a_folder_emptied_during_the_build(tmp_path: Path) -> None:
    folder = _corpus(tmp_path / "corpus")

    def empty() -> None:
        for path in folder.iterdir():
            os.unlink(path)

    from briefing import CorpusError

    with pytest.raises(CorpusError, match="no file could be indexed"):
        open_library(folder, progress=_during_build(empty))
