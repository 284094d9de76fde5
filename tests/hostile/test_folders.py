"""Hostile folders: missing, empty, unreadable, looping, deep, huge, and badly named."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import pytest

from briefing import CorpusError
from tests.conftest import open_library

from .conftest import (
    GOOD_QUESTION,
    error_line,
    good_corpus,
    needs_non_root,
    run,
    skipped_lines,
    unsafe_characters,
    write,
)

posix_only = pytest.mark.skipif(sys.platform == "win32", reason="needs POSIX file names")


def test_missing_folder_is_a_one_line_error(tmp_path: Path) -> None:
    line = error_line(run("ask", "--corpus", str(tmp_path / "nowhere"), GOOD_QUESTION))
    assert "not found" in line and "nowhere" in line


def test_empty_folder_is_a_one_line_error_naming_every_format(tmp_path: Path) -> None:
    write(tmp_path / ".hidden.txt", "Hidden files are never read.\n")
    line = error_line(run("ask", "--corpus", str(tmp_path), GOOD_QUESTION))
    assert line.endswith(f"no .txt, .md, .html, .htm or .pdf files in {tmp_path}")


def test_folder_of_only_unsupported_files(tmp_path: Path) -> None:
    write(tmp_path / "photo.jpg", b"\xff\xd8\xff\xe0" + bytes(range(256)))
    write(tmp_path / "report.docx", b"PK\x03\x04" + b"\x00" * 64)
    write(tmp_path / "table.csv", "a,b\n1,2\n")
    line = error_line(run("ask", "--corpus", str(tmp_path), GOOD_QUESTION))
    assert "no file could be indexed" in line and "3 skipped: " in line
    for name, suffix in (("photo.jpg", ".jpg"), ("report.docx", ".docx"), ("table.csv", ".csv")):
        assert f"{name}: unsupported file type ({suffix})" in line
    assert line.endswith("briefing reads .txt, .md, .html, .htm and .pdf files")


@posix_only
def test_many_skipped_files_are_counted_by_reason(tmp_path: Path) -> None:
    for number in range(3):
        write(tmp_path / f"photo{number}.jpg", b"\xff\xd8\xff\xe0")
    (tmp_path / "gone.txt").symlink_to(tmp_path / "nowhere.txt")
    os.mkfifo(tmp_path / "pipe.txt")
    line = error_line(run("ask", "--corpus", str(tmp_path), GOOD_QUESTION))
    assert (
        "(5 skipped: 3 files: unsupported file type (.jpg), 1: dangling symlink, "
        "1: not a regular file)"
    ) in line


def test_folder_where_no_file_could_be_read(tmp_path: Path) -> None:
    write(tmp_path / "binary.txt", b"\x7fELF\x02\x01\x01\x00\x00\x00" * 50)
    write(tmp_path / "empty.txt", b"")
    write(tmp_path / "blank.txt", " \n\t\r\n  \n")
    line = error_line(run("search", "--corpus", str(tmp_path), "Samsung"))
    assert "no file could be indexed" in line and "3 skipped" in line


def test_a_file_given_instead_of_a_folder_is_indexed_alone(tmp_path: Path) -> None:
    good_corpus(tmp_path)
    write(tmp_path / "other.txt", "Samsung also restricted cameras in its factories.\n")
    done = run("search", "--json", "--corpus", str(tmp_path / "good.txt"), "Samsung restricted")
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    assert {hit["source"] for hit in result["results"]} == {"good.txt"}
    index = json.loads(run("index", "--json", "--corpus", str(tmp_path / "good.txt")).stdout)
    assert index["files"] == 1


def test_an_unsupported_file_given_instead_of_a_folder(tmp_path: Path) -> None:
    write(tmp_path / "photo.jpg", b"\xff\xd8\xff")
    line = error_line(run("ask", "--corpus", str(tmp_path / "photo.jpg"), GOOD_QUESTION))
    assert "photo.jpg" in line and "unsupported" in line


@needs_non_root
def test_unreadable_file_and_folder_are_skipped_with_their_reason(tmp_path: Path) -> None:
    good_corpus(tmp_path)
    secret = write(tmp_path / "secret.txt", "Samsung secret plans.\n")
    locked = write(tmp_path / "locked" / "inside.txt", "Samsung locked plans.\n").parent
    secret.chmod(0)
    locked.chmod(0)
    try:
        done = run("ask", "--corpus", str(tmp_path), GOOD_QUESTION)
    finally:
        locked.chmod(0o755)
        secret.chmod(0o644)
    assert done.returncode == 0, done.stderr
    assert "good.txt" in done.stdout
    assert sorted(skipped_lines(done.stderr)) == [
        "briefing: skipped locked: permission denied",
        "briefing: skipped secret.txt: permission denied",
    ]


def test_unreadable_file_and_folder_simulated(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The same refusals as the test above, raised by the OS calls, so it also runs as root."""
    good_corpus(tmp_path)
    write(tmp_path / "secret.txt", "Samsung secret plans.\n")
    write(tmp_path / "locked" / "inside.txt", "Samsung locked plans.\n")
    real_read_bytes, real_scandir = Path.read_bytes, os.scandir

    def read_bytes(self: Path) -> bytes:
        if self.name == "secret.txt":
            raise PermissionError(13, "Permission denied", str(self))
        return real_read_bytes(self)

    def scandir(path):  # type: ignore[no-untyped-def]
        if str(path).endswith("locked"):
            raise PermissionError(13, "Permission denied", str(path))
        return real_scandir(path)

    monkeypatch.setattr(Path, "read_bytes", read_bytes)
    monkeypatch.setattr(os, "scandir", scandir)
    engine = open_library(tmp_path)
    assert engine.ask(GOOD_QUESTION).answered
    reasons = {s.path: s.reason for s in engine.stats.skipped}
    assert reasons == {"locked": "permission denied", "secret.txt": "permission denied"}


def test_unreadable_corpus_root_simulated(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    good_corpus(tmp_path)
    real_scandir = os.scandir

    def scandir(path):  # type: ignore[no-untyped-def]
        if Path(path) == tmp_path:
            raise PermissionError(13, "Permission denied", str(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)
    with pytest.raises(CorpusError, match="no file could be indexed.*permission denied"):
        open_library(tmp_path)


@posix_only
def test_symlink_loops_and_dangling_links_are_skipped_once(tmp_path: Path) -> None:
    good_corpus(tmp_path)
    write(tmp_path / "sub" / "note.txt", "Samsung staff read the note.\n")
    os.symlink("..", tmp_path / "sub" / "up")  # a loop back to an ancestor
    os.symlink("knot", tmp_path / "knot")  # a link to itself
    os.symlink("missing.txt", tmp_path / "dangling.txt")
    done = run("search", "--corpus", str(tmp_path), GOOD_QUESTION, timeout=60)
    assert done.returncode == 0, done.stderr
    assert sorted(skipped_lines(done.stderr)) == [
        "briefing: skipped dangling.txt: dangling symlink",
        "briefing: skipped knot: symlink loop",
        "briefing: skipped sub/up: symlink loop",
    ]
    again = run("search", "--corpus", str(tmp_path), GOOD_QUESTION)
    assert again.returncode == 0 and again.stderr == ""  # reported once, not on every run


def test_two_hundred_levels_deep(tmp_path: Path) -> None:
    good_corpus(tmp_path)
    deep = tmp_path.joinpath(*(["level"] * 200))
    write(deep / "bottom.txt", "The Kimchi Bank raised its rates to 4.5% in March.\n")
    done = run("search", "--json", "--corpus", str(tmp_path), "What did the Kimchi Bank raise?")
    assert done.returncode == 0, done.stderr
    best = json.loads(done.stdout)["results"][0]
    assert best["source"] == "/".join(["level"] * 200 + ["bottom.txt"])


@pytest.mark.slow
def test_ten_thousand_tiny_files(tmp_path: Path) -> None:
    for folder in range(100):
        for number in range(100):
            write(
                tmp_path / f"d{folder:02}" / f"{number:02}.txt",
                f"Note {folder}-{number}: the token k{folder}x{number} was filed.\n",
            )
    index = run("index", "--json", "--corpus", str(tmp_path), timeout=300)
    assert index.returncode == 0, index.stderr
    assert json.loads(index.stdout)["files"] == 10_000
    done = run("search", "--json", "--corpus", str(tmp_path), "Which note filed k42x17?")
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["results"][0]["source"] == "d42/17.txt"


@posix_only
def test_names_that_are_not_utf8_are_skipped_and_shown_safely(tmp_path: Path) -> None:
    good_corpus(tmp_path)
    base = os.fsencode(tmp_path)
    with open(base + b"/caf\xe9.txt", "wb") as handle:  # a Latin-1 name
        handle.write(b"Samsung cafe notes.\n")
    os.mkdir(base + b"/dossier\xff")
    with open(base + b"/dossier\xff/inside.txt", "wb") as handle:
        handle.write(b"Samsung folder notes.\n")
    done = run("search", "--corpus", str(tmp_path), GOOD_QUESTION)
    assert done.returncode == 0, done.stderr
    assert sorted(skipped_lines(done.stderr)) == [
        "briefing: skipped caf\\xe9.txt: file name is not valid UTF-8 (rename it to index it)",
        "briefing: skipped dossier\\xff: file name is not valid UTF-8 (rename it to index it)",
    ]
    assert unsafe_characters(done.stderr) == []


@posix_only
def test_control_characters_in_names_are_shown_as_escapes(tmp_path: Path) -> None:
    write(tmp_path / "clear\x1b[2J\x07.txt", "Samsung restricted cameras.\n")
    write(tmp_path / "line\nbreak.txt", "Samsung restricted phones.\n")
    write(tmp_path / "\u202eevil.pdf.txt", "Samsung restricted laptops.\n")
    write(tmp_path / "bad\x1b]8;;x\x07.csv", "not indexed")
    plain = run("search", "--corpus", str(tmp_path), "Samsung restricted")
    assert plain.returncode == 0, plain.stderr
    assert unsafe_characters(plain.stdout) == [] and unsafe_characters(plain.stderr) == []
    assert "clear\\x1b[2J\\x07.txt" in plain.stdout
    assert "line\\x0abreak.txt" in plain.stdout
    assert "\\u202eevil.pdf.txt" in plain.stdout
    assert skipped_lines(plain.stderr) == [
        "briefing: skipped bad\\x1b]8;;x\\x07.csv: unsupported file type (.csv)"
    ]
    data = json.loads(run("search", "--json", "--corpus", str(tmp_path), "Samsung").stdout)
    sources = {hit["source"] for hit in data["results"]}
    assert sources == {"clear\\x1b[2J\\x07.txt", "line\\x0abreak.txt", "\\u202eevil.pdf.txt"}
    index = run("index", "--corpus", str(tmp_path))
    assert unsafe_characters(index.stdout) == [] and "bad\\x1b]8;;x\\x07.csv" in index.stdout


@posix_only
def test_a_corpus_path_that_is_not_utf8(tmp_path: Path) -> None:
    folder = os.fsencode(tmp_path) + b"/corpus\xff"
    os.mkdir(folder)
    with open(folder + b"/good.txt", "wb") as handle:
        handle.write(b"Samsung restricted cameras.\n")
    line = error_line(run("ask", "--corpus", os.fsdecode(folder), "Samsung"))
    assert "not valid UTF-8" in line and "corpus\\xff" in line


@posix_only
def test_a_fifo_named_like_an_article_is_skipped_not_read(tmp_path: Path) -> None:
    good_corpus(tmp_path)
    os.mkfifo(tmp_path / "pipe.txt")  # reading it would block forever
    done = run("search", "--corpus", str(tmp_path), GOOD_QUESTION, timeout=60)
    assert done.returncode == 0, done.stderr
    assert skipped_lines(done.stderr) == ["briefing: skipped pipe.txt: not a regular file"]
