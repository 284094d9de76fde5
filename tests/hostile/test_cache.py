"""A hostile cache folder: damaged, foreign, tampered, shared, read-only, full, interrupted.

A cache file is never trusted blindly and never executed (SQLite and raw arrays only, no
pickle): whatever is wrong with it, `briefing` says so in one line, answers, and leaves a
complete index behind.
"""

from __future__ import annotations

import errno
import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from briefing.index.schema import index_path
from briefing.index.store import IndexReader
from tests.conftest import BUNDLED, open_library

from .conftest import needs_non_root, run, write

QUESTION = "Which ministry blocked DeepSeek on military computers?"


@pytest.fixture(scope="module")
def pristine(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, bytes]:
    """A copy of the bundled corpus, and the bytes of its complete cache file (built once)."""
    import shutil

    corpus = tmp_path_factory.mktemp("cache-tests") / "corpus"
    shutil.copytree(BUNDLED, corpus)
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("BRIEFING_CACHE_DIR", str(tmp_path_factory.mktemp("pristine-cache")))
        open_library(corpus).close()
        data = index_path(corpus).read_bytes()
    return corpus, data


@pytest.fixture
def built(pristine: tuple[Path, bytes]) -> Path:
    """The corpus, with its complete cache in this test's own cache folder."""
    corpus, data = pristine
    write(index_path(corpus), data)
    assert IndexReader.open(index_path(corpus)).meta["complete"] == "1"
    return corpus


def _assert_recovered(corpus: Path, notices: list[str]) -> None:
    """Answered, told about it in one-line notices, and a complete cache left behind."""
    assert notices, "the damage went unmentioned"
    assert all("\n" not in notice for notice in notices)
    assert any("rebuilding" in notice for notice in notices), notices
    reader = IndexReader.open(index_path(corpus))
    assert reader.meta["complete"] == "1"
    reader.close()
    quiet: list[str] = []
    again = open_library(corpus, notify=quiet.append)
    assert not again._opened.rebuilt and quiet == []  # the new cache is trusted as it is
    assert again.search(QUESTION).results


def _sql(path: Path, *statements: str) -> None:
    with sqlite3.connect(path) as connection:
        for statement in statements:
            connection.execute(statement)
    connection.close()


def _foreign_complete(path: Path) -> None:
    """A SQLite file whose meta table claims to be a complete briefing index; nothing else."""
    reader = IndexReader.open(path)
    meta = dict(reader.meta)
    reader.close()
    path.unlink()
    with sqlite3.connect(path) as connection:
        connection.execute("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)")
        connection.executemany("INSERT INTO meta VALUES (?, ?)", meta.items())
    connection.close()


DAMAGE: dict[str, Callable[[Path], None]] = {
    "empty": lambda path: path.write_bytes(b""),
    "truncated": lambda path: path.write_bytes(path.read_bytes()[:4096]),
    "foreign bytes": lambda path: path.write_bytes(b"\x80\x04\x95pickle?" + os.urandom(4096)),
    "sqlite header then junk": lambda path: path.write_bytes(
        b"SQLite format 3\x00" + os.urandom(8192)
    ),
    "wrong version": lambda path: _sql(
        path, "UPDATE meta SET value = 'ancient' WHERE key = 'analysis_version'"
    ),
    "incomplete": lambda path: _sql(path, "DELETE FROM meta WHERE key = 'complete'"),
    "other corpus": lambda path: _sql(
        path, "UPDATE meta SET value = '/elsewhere' WHERE key = 'root'"
    ),
    "foreign complete-looking": _foreign_complete,
    "posting blobs cut": lambda path: _sql(path, "UPDATE postings SET doc_ids = x'ffffff'"),
    "posting ids out of range": lambda path: _sql(
        path, "UPDATE postings SET doc_ids = x'ffffff7f', weights = x'0000803f'"
    ),
    "fewer documents than postings": lambda path: _sql(
        path, "UPDATE meta SET value = '3' WHERE key = 'documents'"
    ),
    "manifest not numbers": lambda path: _sql(path, "UPDATE files SET size = 'x'"),
}


@pytest.mark.parametrize("damage", sorted(DAMAGE))
def test_a_damaged_cache_is_rebuilt_with_a_notice(built: Path, damage: str) -> None:
    DAMAGE[damage](index_path(built))
    notices: list[str] = []
    engine = open_library(built, notify=notices.append)
    assert engine.ask(QUESTION).answered
    engine.close()
    _assert_recovered(built, notices)


def _corrupt(path: Path, seed: int) -> None:
    data = bytearray(path.read_bytes())
    rng = random.Random(seed)
    for _ in range(24):
        data[rng.randrange(100, len(data))] = rng.randrange(256)
    path.write_bytes(bytes(data))


@pytest.mark.parametrize("seed", range(10))
def test_random_byte_corruption_is_survived(built: Path, seed: int) -> None:
    _corrupt(index_path(built), seed)
    notices: list[str] = []
    engine = open_library(built, notify=notices.append)
    assert engine.ask(QUESTION).answered
    assert engine.search("DeepSeek").results
    assert all("\n" not in notice for notice in notices)


def test_random_byte_corruption_through_the_command(built: Path) -> None:
    _corrupt(index_path(built), 3)  # a seed whose damage once ended in "internal error"
    done = run("ask", "--json", "--corpus", str(built), QUESTION)
    assert done.returncode == 0, done.stderr[-2000:]
    assert "Traceback" not in done.stderr and "internal error" not in done.stderr
    assert all(line.startswith("briefing: ") for line in done.stderr.splitlines())


def test_a_foreign_database_gets_one_accurate_notice(built: Path) -> None:
    """Not "cannot save (no such table)": the store checks the tables, not only meta."""
    _foreign_complete(index_path(built))
    notices: list[str] = []
    open_library(built, notify=notices.append).close()
    assert len(notices) == 1 and "cannot save" not in notices[0], notices


def test_posting_blobs_of_different_lengths_are_detected(built: Path) -> None:
    """numpy would broadcast one weight over every id: wrong scores, silently."""
    _sql(index_path(built), "UPDATE postings SET weights = x'0000803f'")
    notices: list[str] = []
    engine = open_library(built, notify=notices.append)
    assert engine.ask(QUESTION).answered
    assert any("rebuilding" in notice for notice in notices), notices


def test_a_folder_in_place_of_the_cache_file(built: Path) -> None:
    path = index_path(built)
    path.unlink()
    path.mkdir()
    write(path / "keep.txt", "the user's own file")
    notices: list[str] = []
    engine = open_library(built, notify=notices.append)
    assert engine.ask(QUESTION).answered
    assert not engine._opened.saved and any("cannot save" in n for n in notices)
    assert (path / "keep.txt").read_text() == "the user's own file"  # nothing deleted


@pytest.mark.skipif(sys.platform == "win32", reason="needs POSIX symlinks")
def test_a_cache_symlink_never_writes_through_to_its_target(built: Path, tmp_path: Path) -> None:
    victim = write(tmp_path / "victim.txt", "precious text that is not an index\n")
    path = index_path(built)
    path.unlink()
    os.symlink(victim, path)
    notices: list[str] = []
    assert open_library(built, notify=notices.append).ask(QUESTION).answered
    assert victim.read_text() == "precious text that is not an index\n"
    assert not path.is_symlink()  # replaced by a real index file
    _assert_recovered(built, notices)


def test_the_cache_is_never_unpickled_or_evaluated() -> None:
    import re

    import briefing

    banned = re.compile(r"\b(?:pickle|marshal|shelve|dill)\b|\b(?:eval|exec)\(")
    package = Path(briefing.__file__).parent
    for source in package.rglob("*.py"):
        found = banned.search(source.read_text(encoding="utf-8"))
        assert found is None, f"{found.group()} in {source.relative_to(package)}"


def test_two_processes_on_a_new_corpus_at_once(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    for number in range(40):
        text = f"Port {number} of Busan logged the tanker Kestrel{number}.\n"
        write(corpus / f"{number:02}.txt", text)
    environment = dict(os.environ)
    command = [sys.executable, "-m", "briefing", "search", "--json", "--corpus", str(corpus),
               "Which port logged the tanker Kestrel17?"]
    processes = [
        subprocess.Popen(command, env=environment, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        for _ in range(2)
    ]
    outputs = [process.communicate(timeout=120) for process in processes]
    for process, (out, err) in zip(processes, outputs, strict=True):
        assert process.returncode == 0, err.decode()[-2000:]
        assert b"17.txt" in out
    folder = index_path(corpus).parent
    assert [p.name for p in folder.iterdir() if p.suffix == ".tmp"] == []
    reader = IndexReader.open(index_path(corpus))
    assert reader.meta["complete"] == "1" and reader.file_count == 40


@needs_non_root
def test_a_read_only_cache_folder(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    cache.mkdir()
    cache.chmod(0o555)
    try:
        done = run(
            "ask", "--corpus", str(BUNDLED), QUESTION, env={"BRIEFING_CACHE_DIR": str(cache)}
        )
    finally:
        cache.chmod(0o755)
    assert done.returncode == 0, done.stderr
    assert "cannot save the index cache" in done.stderr and "Permission denied" in done.stderr


def _no_space(*args, **kwargs):  # type: ignore[no-untyped-def]
    raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))


@pytest.mark.parametrize("where", ["temporary file", "publishing rename"])
def test_a_full_disk_answers_from_memory_and_says_why(
    built: Path, monkeypatch: pytest.MonkeyPatch, where: str
) -> None:
    index_path(built).unlink()
    if where == "temporary file":
        monkeypatch.setattr(tempfile, "mkstemp", _no_space)
    else:
        monkeypatch.setattr(os, "replace", _no_space)
    notices: list[str] = []
    engine = open_library(built, notify=notices.append)
    assert engine.ask(QUESTION).answered
    assert not engine._opened.saved
    assert any("cannot save" in n and "No space left on device" in n for n in notices), notices
    assert not index_path(built).exists()
    assert [p for p in index_path(built).parent.iterdir() if p.suffix == ".tmp"] == []


def test_a_database_that_fills_the_disk_while_written(
    built: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """SQLite's own "database or disk is full", from a page limit on the cache file."""
    index_path(built).unlink()
    real_connect = sqlite3.connect

    def connect(database, *args, **kwargs):  # type: ignore[no-untyped-def]
        connection = real_connect(database, *args, **kwargs)
        if str(database).endswith(".tmp"):
            connection.execute("PRAGMA max_page_count = 4")
        return connection

    monkeypatch.setattr(sqlite3, "connect", connect)
    notices: list[str] = []
    engine = open_library(built, notify=notices.append)
    assert engine.ask(QUESTION).answered
    assert not engine._opened.saved
    assert any("full" in n for n in notices), notices
    assert [p for p in index_path(built).parent.iterdir() if p.suffix == ".tmp"] == []


def _default_interrupts() -> None:
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def _interrupt_when_building(
    corpus: Path, cache: Path, *, workers: bool = False
) -> subprocess.CompletedProcess[str]:
    """Start `briefing ask` and press Ctrl+C (SIGINT to its process group) mid-build."""
    process = subprocess.Popen(
        [sys.executable, "-m", "briefing", "ask", "--corpus", str(corpus), "tankers"],
        env={**os.environ, "BRIEFING_CACHE_DIR": str(cache)},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        start_new_session=True,
        # As from a terminal: a job a script starts in the background (`pytest &`) inherits
        # SIGINT ignored, and Python then installs no Ctrl+C handler at all.
        preexec_fn=_default_interrupts,
    )
    deadline = time.monotonic() + 60
    folder = cache / "indexes"

    def building() -> bool:
        if not (folder.is_dir() and any(p.suffix == ".tmp" for p in folder.iterdir())):
            return False
        return not workers or _children_busy(process.pid)

    while not building():
        if process.poll() is not None or time.monotonic() > deadline:
            process.kill()
            out, err = process.communicate()
            pytest.fail(f"the build was never seen running: {err.decode()[-2000:]}")
        time.sleep(0.005)
    time.sleep(0.05 if workers else 0.3)
    os.killpg(process.pid, signal.SIGINT)
    out, err = process.communicate(timeout=60)
    return subprocess.CompletedProcess(
        process.args, process.returncode, out.decode("utf-8", "replace"),
        err.decode("utf-8", "replace"),
    )


def _children_busy(pid: int, ticks: int = 20) -> bool:
    """Whether the process's children (the build's workers) have run `ticks` of CPU time."""
    try:
        tasks = Path(f"/proc/{pid}/task").iterdir()
        children = [c for task in tasks for c in (task / "children").read_text().split()]
        used = 0
        for child in children:
            fields = Path(f"/proc/{child}/stat").read_text().rsplit(")", 1)[1].split()
            used += int(fields[11])  # utime, in clock ticks
    except (OSError, IndexError, ValueError):
        return False
    return bool(children) and used >= ticks


def _big_corpus(folder: Path, files: int, paragraphs: int) -> Path:
    rng = random.Random(3)
    words = "port ship tanker cargo harbour crane pilot tide berth customs ferry".split()
    for number in range(files):
        text = "\n\n".join(
            " ".join(rng.choice(words) for _ in range(60)).capitalize() + f" Tag{number}x{p}."
            for p in range(paragraphs)
        )
        write(folder / f"{number:03}.txt", text + "\n")
    return folder


def _assert_nothing_trusted(cache: Path, corpus: Path) -> None:
    folder = cache / "indexes"
    leftovers = [p.name for p in folder.iterdir() if p.suffix == ".tmp"] if folder.is_dir() else []
    assert leftovers == []
    assert not index_path(corpus).exists()
    again = run("search", "--json", "--corpus", str(corpus), "tanker")
    assert again.returncode == 0 and "Traceback" not in again.stderr
    assert json.loads(again.stdout)["results"]


@pytest.mark.skipif(sys.platform == "win32", reason="needs POSIX signals")
def test_ctrl_c_while_indexing_exits_130_quietly_and_trusts_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    corpus = _big_corpus(tmp_path / "corpus", files=20, paragraphs=60)  # ~0.8 MB: one process
    cache = tmp_path / "cache"
    monkeypatch.setenv("BRIEFING_CACHE_DIR", str(cache))
    done = _interrupt_when_building(corpus, cache)
    assert done.returncode == 130, done.stderr[-3000:]
    assert done.stdout == "" and done.stderr == ""
    _assert_nothing_trusted(cache, corpus)


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc for the workers")
def test_ctrl_c_during_a_parallel_build_is_quiet_too(tmp_path: Path) -> None:
    """The workers get the terminal's SIGINT too: they must leave it to the parent."""
    from briefing.index.parallel import available_cores

    if available_cores() < 2:
        pytest.skip("one core: the build never starts workers")
    corpus = _big_corpus(tmp_path / "corpus", files=60, paragraphs=220)  # ~8 MB: workers
    cache = tmp_path / "cache"
    done = _interrupt_when_building(corpus, cache, workers=True)
    assert done.returncode == 130
    assert done.stderr == "", done.stderr[-3000:]
