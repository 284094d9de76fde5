"""Provides opening the cached index of a corpus folder: a warm open, or a build when needed.

A warm open (every question) only stats the files and compares them with the manifest; it
imports nothing of the build (numpy, the analysers), which briefing.index.build holds.
"""

from __future__ import annotations

import hashlib
import sqlite3
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from briefing.index.store import FORMAT, CorruptIndex, IndexReader
from briefing.models import SkippedFile

__all__ = [
    "ANALYSIS_VERSION",
    "KEY_LENGTH",
    "BuildReport",
    "CorpusError",
    "FileState",
    "Notify",
    "Progress",
    "index_path",
    "open_index",
]

# Bump whenever tokenising, stemming, paragraphing or scoring changes what is stored.
ANALYSIS_VERSION = "2"
KEY_LENGTH = 20  # hex characters of the key in a cache file's name (index_path)

Notify = Callable[[str], None]
Progress = Callable[[int, int], None]


class CorpusError(Exception):
    """The corpus cannot be indexed at all (missing, empty, nothing readable): exit code 2."""


@dataclass(slots=True)
class BuildReport:
    """What one open of the index did, for `briefing index` and notices."""

    files: int = 0
    reindexed: int = 0
    removed: int = 0
    rebuilt: bool = False
    saved: bool = True
    skipped: list[SkippedFile] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)
    seconds: float = 0.0


@dataclass(slots=True)
class FileState:
    location: str  # the file's path as a string: a Path is made only for files read
    relative: str
    size: int
    mtime_ns: int
    ctime_ns: int = 0

    @property
    def path(self) -> Path:
        return Path(self.location)


def index_path(root: Path) -> Path:
    """The cache file of a corpus folder: named after it, keyed by its resolved path, the
    analysis version and the index format."""
    from briefing.paths import cache_dir

    resolved = root.resolve()
    key = hashlib.sha256(f"{resolved}\0{ANALYSIS_VERSION}\0{FORMAT}".encode()).hexdigest()
    key = key[:KEY_LENGTH]
    name = "".join(c if c.isalnum() or c in "-_" else "_" for c in resolved.name)[:40]
    return cache_dir() / "indexes" / f"{name or 'corpus'}-{key}.sqlite"


def _stat_files(root: Path) -> tuple[list[FileState], list[SkippedFile]]:
    """Every supported file with its stat data: the walk's own, no second stat per file (the
    warm path of every question)."""
    from briefing.corpus.files import discover_files

    found, skipped = discover_files(root)
    return [FileState(*file) for file in found], skipped


def open_index(
    root: Path,
    *,
    rebuild: bool = False,
    notify: Notify | None = None,
    progress: Progress | None = None,
) -> tuple[IndexReader, BuildReport]:
    """Open the index of `root`, building or refreshing the cache first when needed."""
    started = time.perf_counter()
    say = notify or (lambda _message: None)
    if not root.exists():
        raise CorpusError(f"corpus not found: {root}")
    if not (root.is_dir() or root.is_file()):
        raise CorpusError(f"corpus is not a folder or a file: {root}")
    states, skipped = _stat_files(root)
    if not states:
        if skipped:
            raise CorpusError(
                f"no file could be indexed in {root} ({len(skipped)} skipped, e.g. "
                f"{skipped[0].path}: {skipped[0].reason})"
            )
        raise CorpusError(f"no .txt or .md files in {root}")

    target = index_path(root)
    previous: IndexReader | None = None
    report = BuildReport(files=len(states))
    if target.exists() and not rebuild:
        try:
            previous = IndexReader.open(target)
            if previous.analysis_version != ANALYSIS_VERSION or previous.meta.get("root") != str(
                root.resolve()
            ):
                raise CorruptIndex("written for another corpus or analysis version")
        except CorruptIndex as error:
            say(f"notice: the index cache at {target} is unusable ({error}); rebuilding it")
            previous = None

    if previous is not None and _unchanged(previous, states, skipped):
        report.skipped = previous.skipped()
        report.seconds = time.perf_counter() - started
        return previous, report

    from briefing.index.build import build_index  # numpy, the analysers: only to build

    reader = build_index(root, target, states, skipped, previous, report, say, progress)
    if previous is not None:
        previous.close()
    if report.saved:
        _remove_superseded(root, target, say)
    report.seconds = time.perf_counter() - started
    return reader, report


def _remove_superseded(root: Path, target: Path, say: Notify) -> None:
    """Delete this folder's caches that another briefing version wrote (an upgrade that
    changes the index format or the analysis leaves them unread for good)."""
    from briefing.index.superseded import remove_superseded

    removed = remove_superseded(root, target)
    freed = [path for path in removed if ".documents-" not in path.name]
    if freed:
        caches = "cache" if len(freed) == 1 else "caches"
        say(f"notice: removed {len(freed)} index {caches} of this folder from another version")


def _unchanged(reader: IndexReader, states: list[FileState], skipped: list[SkippedFile]) -> bool:
    """True when every file has the stat data the manifest recorded (the warm path)."""
    try:
        known: dict[str, tuple[int, int] | None] = dict(reader.file_stats())
        known.update(reader.skipped_stats())
    except sqlite3.DatabaseError:
        return False
    now: dict[str, tuple[int, int] | None] = {s.path: None for s in skipped}
    now.update({s.relative: (s.size, s.mtime_ns) for s in states})
    if known != now:
        return False
    # A file that could not be read, and whose permissions changed since, may be readable.
    changed = reader.skipped_ctimes()
    return not any(changed.get(s.relative, s.ctime_ns) != s.ctime_ns for s in states)
