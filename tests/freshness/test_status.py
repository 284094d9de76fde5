"""Keeping a folder fresh: `index --status`, incremental `index --json`, the engine's checks."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from briefing.output.progress import index_progress
from tests.conftest import BUNDLED, open_library, run_cli
from tests.formats.pdfmaker import make_pdf

FIRST = "001_0001ffd5a2c8243f.txt"
SECOND = "002_f8ead1e008714aa4.txt"
THIRD = "003_b1bf6165345aa9a6.txt"


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    target = tmp_path / "corpus"
    shutil.copytree(BUNDLED, target)
    return target


def status(folder: Path) -> dict[str, object]:
    done = run_cli("index", "--status", "--json", "--corpus", str(folder))
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)  # type: ignore[no-any-return]


def index_json(folder: Path) -> dict[str, object]:
    done = run_cli("index", "--json", "--corpus", str(folder))
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)  # type: ignore[no-any-return]


def touch_later(path: Path) -> None:
    info = path.stat()
    os.utime(path, ns=(info.st_atime_ns, info.st_mtime_ns + 5_000_000_000))


def test_status_before_any_index_lists_every_file_as_new(folder: Path) -> None:
    data = status(folder)
    assert data["indexed"] is False and data["files"] == 5
    assert data["new"] == sorted(p.name for p in folder.iterdir())
    text = run_cli("index", "--status", "--corpus", str(folder)).stdout
    assert "Not indexed yet: 5 files to index." in text


def test_status_lists_new_changed_and_removed_without_indexing(folder: Path) -> None:
    index_json(folder)
    assert status(folder) == {"indexed": True, "files": 5, "new": [], "changed": [],
                              "removed": []}
    assert "Up to date" in run_cli("index", "--status", "--corpus", str(folder)).stdout

    (folder / "sub").mkdir()
    (folder / "sub" / "new.md").write_text("# Naver\n\nNaver opened an office in Paris.\n")
    changed = folder / FIRST
    changed.write_text(changed.read_text(encoding="utf-8") + "\nKakao shares rose 7%.\n",
                       encoding="utf-8")
    (folder / SECOND).unlink()
    touch_later(folder / THIRD)  # touched, same content: not a change

    data = status(folder)
    assert data == {"indexed": True, "files": 5, "new": ["sub/new.md"], "changed": [FIRST],
                    "removed": [SECOND]}
    text = run_cli("index", "--status", "--corpus", str(folder)).stdout
    assert "1 new, 1 changed, 1 removed" in text
    assert f"  new      sub/new.md\n  changed  {FIRST}\n  removed  {SECOND}\n" in text
    assert status(folder) == data  # --status indexed nothing

    report = index_json(folder)
    assert (report["files"], report["reindexed"], report["removed"]) == (5, 2, 1)
    assert status(folder)["changed"] == [] and status(folder)["new"] == []


def test_index_json_reindexes_only_what_changed(folder: Path) -> None:
    first = index_json(folder)
    assert set(first) >= {"files", "paragraphs", "languages", "reindexed", "removed", "skipped",
                          "seconds"}
    assert first["reindexed"] == 5 and first["removed"] == 0
    assert index_json(folder)["reindexed"] == 0
    target = folder / FIRST
    target.write_text(target.read_text(encoding="utf-8") + "\nA new closing line.\n",
                      encoding="utf-8")
    again = index_json(folder)
    assert (again["reindexed"], again["removed"], again["files"]) == (1, 0, 5)


def test_an_unreadable_file_that_changes_is_listed_as_changed(folder: Path) -> None:
    scan = folder / "scan.pdf"
    scan.write_bytes(make_pdf([None]))
    report = index_json(folder)
    assert report["skipped"] == [
        {"path": "scan.pdf", "reason": "scanned PDF: no text layer (run OCR on it first)"}
    ]
    assert status(folder)["changed"] == []
    scan.write_bytes(make_pdf([["An OCR layer was added to this page of the report."]]))
    touch_later(scan)
    assert status(folder)["changed"] == ["scan.pdf"]
    assert index_json(folder)["files"] == 6


def test_engine_notices_a_change_and_refreshes(folder: Path) -> None:
    engine = open_library(folder)
    try:
        assert engine.changed() is False
        assert engine.search("Zyxwing").results == ()
        (folder / "naver.txt").write_text("Naver opened the Zyxwing research office.\n")
        assert engine.changed() is True
        assert engine.status().new == ("naver.txt",)
        report = engine.index()
        assert (report.reindexed, report.corpus.documents) == (1, 6)
        assert engine.changed() is False
        hit = engine.search("Zyxwing").results[0]
        assert hit.source == "naver.txt" and hit.document is not None
    finally:
        engine.close()


def test_progress_callback_only_for_a_terminal() -> None:
    with index_progress() as progress:  # pytest's stderr is not a terminal
        assert progress is None
    with index_progress(True) as progress:
        assert progress is not None
        progress("reading files", 1, 3)  # a small, quick build shows nothing, raises nothing


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="uses a Linux pseudo-terminal")
def test_a_large_build_on_a_terminal_shows_a_progress_bar(tmp_path: Path) -> None:
    import pty

    folder = tmp_path / "many"
    folder.mkdir()
    for number in range(250):
        (folder / f"{number:03}.txt").write_text(f"Report number {number} on the chatbot ban.\n")
    master, slave = pty.openpty()
    try:
        done = subprocess.run(
            [sys.executable, "-m", "briefing", "index", "--corpus", str(folder)],
            stdout=subprocess.PIPE, stderr=slave, stdin=subprocess.DEVNULL, timeout=120,
            check=False, env={**os.environ, "COLUMNS": "100", "TERM": "xterm"},
        )
        os.close(slave)
        chunks = []
        while True:
            try:
                chunk = os.read(master, 65536)
            except OSError:
                break
            if not chunk:
                break
            chunks.append(chunk)
    finally:
        os.close(master)
    drawn = b"".join(chunks).decode("utf-8", "replace")
    assert done.returncode == 0
    assert "Reading files" in drawn and "/250" in drawn  # the phase, named
    assert b"Reading files" not in done.stdout  # the bar never reaches stdout
    quiet = run_cli("index", "--rebuild", "--corpus", str(folder))  # not a terminal: no bar
    assert "Reading files" not in quiet.stderr
