"""Provides opening the cached index of a corpus folder: a warm open, or a build when needed.

A warm open (every question) only stats the files and compares them with the manifest; it
imports nothing of the build (numpy, the analysers), which briefing.index.build holds.
"""

from __future__ import annotations

import sqlite3
import time
from pathlib import Path
from typing import TYPE_CHECKING

from briefing.errors import CorpusError
from briefing.index.report import BuildReport, FileState, Notify, Progress
from briefing.index.schema import ANALYSIS_VERSION, index_path
from briefing.index.store import CorruptIndex, IndexReader
from briefing.models import SkippedFile

if TYPE_CHECKING:
    from briefing.index.hooks import FactsHook

__all__ = ["open_index"]

def _stat_files(root: Path) -> tuple[list[FileState], list[SkippedFile]]:
    """Every supported file with its stat data: the walk's own, no second stat per file (the
    warm path of every question)."""
    from briefing.corpus.discovery import discover_files

    found, skipped = discover_files(root)
    return [FileState(*file) for file in found], skipped


def open_index(
    root: Path,
    *,
    rebuild: bool = False,
    notify: Notify | None = None,
    progress: Progress | None = None,
    facts: FactsHook | None = None,
    cache: Path | None = None,
) -> tuple[IndexReader, BuildReport]:
    """Open the index of `root`, building or refreshing the cache first when needed.

    `facts` collects a build's statements and writes the corroboration tables; without one
    the index has none, and briefing.corroboration computes them when first asked. `cache`
    is the cache folder (default: briefing.paths.cache_dir()).
    """
    started = time.perf_counter()
    say = notify or (lambda _message: None)
    if not root.exists():
        raise CorpusError(f"corpus not found: {root}")
    if not (root.is_dir() or root.is_file()):
        raise CorpusError(f"corpus is not a folder or a file: {root}")
    states, skipped = _stat_files(root)
    if not states:
        from briefing.corpus.discovery import nothing_to_index

        raise CorpusError(nothing_to_index(root, skipped))

    target = index_path(root, cache)
    report = BuildReport(files=len(states))
    previous = None if rebuild else _previous_index(root, target, say)
    if previous is not None and _unchanged(previous, states, skipped):
        return previous, _warm(previous, report, started)

    from briefing.index.build import build_index  # numpy, the analysers: only to build
    from briefing.index.build_lock import build_lock
    from briefing.index.hooks import NoFacts

    with build_lock(target, say) as waited:
        if waited and not rebuild:
            # Another process built this index while we waited: it may be the one we need.
            if previous is not None:
                previous.close()
            previous = _previous_index(root, target, say)
            if previous is not None and _unchanged(previous, states, skipped):
                return previous, _warm(previous, report, started)
        reader = build_index(
            root, target, states, skipped, previous, report, say, progress, facts or NoFacts
        )
    if previous is not None:
        previous.close()
    if report.saved:
        _remove_superseded(root, target, say)
    report.seconds = time.perf_counter() - started
    return reader, report


def _previous_index(root: Path, target: Path, say: Notify) -> IndexReader | None:
    """The saved index of `root`, if there is a usable one (a damaged one is reported)."""
    if not target.exists():
        return None
    try:
        previous = IndexReader.open(target)
        if previous.analysis_version != ANALYSIS_VERSION or previous.meta.get("root") != str(
            root.resolve()
        ):
            previous.close()
            raise CorruptIndex("written for another corpus or analysis version")
    except CorruptIndex as error:
        say(f"notice: the index cache at {target} is unusable ({error}); rebuilding it")
        return None
    return previous


def _warm(reader: IndexReader, report: BuildReport, started: float) -> BuildReport:
    """The report of an open that found the index up to date."""
    report.skipped = reader.skipped()
    report.seconds = time.perf_counter() - started
    return report


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
