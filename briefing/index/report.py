"""Provides what an index build reports, and the callbacks it is given.

Kept apart from the build itself so that the warm open, the freshness check and the front
ends can name these types without importing the build (numpy, the analysers).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from briefing.models import SkippedFile

Notify = Callable[[str], None]
# progress(phase, done, total): a human label for what runs ("reading files", "grouping
# facts"), and how far it is; total None when it is not known.
Progress = Callable[[str, int, "int | None"], None]
READING_FILES = "reading files"
WRITING_INDEX = "writing the index"  # postings, vocabulary, then its SQL indexes


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
