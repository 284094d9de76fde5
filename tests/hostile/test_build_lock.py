"""One builder per index at a time, and nothing left for good by a build that was killed:
a real SIGKILL mid-build, a live builder in another process, stale files of other folders."""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from briefing.index import build_lock as build_lock_module
from briefing.index.build_lock import WAITING, lock_path
from briefing.index.opening import open_index
from briefing.index.report import BuildReport
from briefing.index.schema import index_path
from briefing.index.store import IndexReader

from .conftest import run, write
from .test_cache import _big_corpus

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="needs fcntl and POSIX signals")

# Holds the build lock of the index at argv[1] until its standard input closes.
HOLDER = (
    "import sys\n"
    "from pathlib import Path\n"
    "from briefing.index.build_lock import build_lock\n"
    "with build_lock(Path(sys.argv[1]), print):\n"
    "    print('locked', flush=True)\n"
    "    sys.stdin.read()\n"
)


def _temporaries(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.suffix == ".tmp") if folder.is_dir() else []


def _hold_lock(target: Path) -> subprocess.Popen[str]:
    holder = subprocess.Popen([sys.executable, "-c", HOLDER, str(target)], text=True,
                              stdin=subprocess.PIPE, stdout=subprocess.PIPE)
    assert holder.stdout is not None and holder.stdout.readline().strip() == "locked"
    return holder


def _release(holder: subprocess.Popen[str]) -> None:
    assert holder.stdin is not None
    holder.stdin.close()
    holder.wait(timeout=30)


def test_a_build_killed_by_sigkill_leaves_nothing_after_the_next_build(tmp_path: Path) -> None:
    corpus = _big_corpus(tmp_path / "corpus", files=20, paragraphs=60)
    folder = index_path(corpus).parent
    process = subprocess.Popen(
        [sys.executable, "-m", "briefing", "index", "--corpus", str(corpus)],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True,
    )
    deadline = time.monotonic() + 60
    while not _temporaries(folder):
        if process.poll() is not None or time.monotonic() > deadline:
            process.kill()
            pytest.fail("the build was never seen writing its temporary file")
        time.sleep(0.005)
    os.killpg(process.pid, signal.SIGKILL)  # the builder and any worker, with no clean-up
    process.wait(timeout=30)
    left = _temporaries(folder)
    assert left, "SIGKILL left no temporary file: the test proves nothing"

    done = run("index", "--corpus", str(corpus))
    assert done.returncode == 0, done.stderr
    assert _temporaries(folder) == []
    assert not lock_path(index_path(corpus)).exists()
    reader = IndexReader.open(index_path(corpus))
    assert reader.meta["complete"] == "1" and reader.file_count == 20
    reader.close()


def test_stale_files_of_other_folders_go_and_those_of_a_live_builder_stay(tmp_path: Path) -> None:
    corpus = write(tmp_path / "corpus" / "a.txt", "The port of Busan logged the tanker.\n").parent
    folder = index_path(corpus).parent
    folder.mkdir(parents=True)
    dead = write(folder / "gone-0123456789abcdef0123.k2j4h5g6.tmp", b"half an index")
    busy_target = folder / "busy-0123456789abcdef0123.sqlite"
    busy = write(folder / f"{busy_target.stem}.x8y7z6w5.tmp", b"being written")
    holder = _hold_lock(busy_target)
    try:
        reader, report = open_index(corpus)
        reader.close()
        assert report.saved
        assert not dead.exists()
        assert busy.exists()  # its builder still holds the lock
    finally:
        _release(holder)


def test_a_second_process_waits_for_the_build_and_uses_its_index(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    corpus = write(tmp_path / "corpus" / "a.txt", "The port of Busan logged the tanker.\n").parent
    holder = _hold_lock(index_path(corpus))  # another process is building this index
    notices: list[str] = []
    reports: list[BuildReport] = []

    def open_and_close() -> None:
        reader, report = open_index(corpus, notify=notices.append)
        reader.close()  # in its own thread: a connection stays in the thread that made it
        reports.append(report)

    waiting = threading.Thread(target=open_and_close)
    waiting.start()
    try:
        waiting.join(timeout=1.0)
        assert waiting.is_alive(), "the build went ahead while another process held the lock"
        assert notices == [WAITING]
        # What the other process does meanwhile: build and publish the index (the lock it
        # holds is the holder's, so this stand-in goes without one).
        monkeypatch.setattr(build_lock_module, "build_lock", _no_lock)
        built, report = open_index(corpus)
        built.close()
        assert report.rebuilt and report.saved
    finally:
        _release(holder)
    waiting.join(timeout=60)
    assert not waiting.is_alive()
    assert len(reports) == 1
    assert not reports[0].rebuilt  # the index the other build published was up to date
    assert notices == [WAITING]


@contextlib.contextmanager
def _no_lock(target: Path, say: object) -> Iterator[bool]:
    yield False
