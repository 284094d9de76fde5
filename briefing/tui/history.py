"""Provides the question history: recalled with ↑/↓ and kept across runs in the data folder.

The file is JSON, written atomically (temporary file + rename) and capped. A missing,
unreadable or corrupt file is an empty history, never a crash: history is a convenience.
"""

from __future__ import annotations

import contextlib
import json
import os
import tempfile
from pathlib import Path

from briefing import MAX_QUESTION_LENGTH, data_dir

HISTORY_LIMIT = 500
HISTORY_FILE = "history.json"
_MAX_FILE_BYTES = 4 * 1024 * 1024  # far above HISTORY_LIMIT questions; refuse anything larger
_FORMAT = 1


def default_history_path() -> Path:
    return data_dir() / HISTORY_FILE


def _clean(entries: object) -> list[str]:
    """Only the usable questions of whatever a file held, oldest first, without repeats."""
    if not isinstance(entries, list):
        return []
    questions = [
        " ".join(q.split())
        for q in entries
        if isinstance(q, str) and q.strip() and len(q) <= MAX_QUESTION_LENGTH
    ]
    # Keep the latest occurrence of a repeated question, so recall order follows use.
    latest = {q: i for i, q in enumerate(questions)}
    return [q for i, q in enumerate(questions) if latest[q] == i][-HISTORY_LIMIT:]


def load_history(path: Path) -> list[str]:
    """The questions stored at `path`, oldest first; [] when it is missing or unusable."""
    try:
        if path.stat().st_size > _MAX_FILE_BYTES:
            return []
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError, RecursionError):
        return []
    return _clean(data.get("questions") if isinstance(data, dict) else data)


def save_history(path: Path, questions: list[str]) -> None:
    """Write the history atomically: a reader (or a crash) never sees half a file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    payload = json.dumps(
        {"format": _FORMAT, "questions": questions[-HISTORY_LIMIT:]}, ensure_ascii=False, indent=0
    )
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".history-", suffix=".tmp")
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as file:
            file.write(payload)
            file.flush()
            os.fsync(file.fileno())
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise


class History:
    """Questions asked, oldest first, with a recall cursor for ↑/↓ in the question box."""

    def __init__(self, path: Path | None = None) -> None:
        self.path = path if path is not None else default_history_path()
        self.entries = load_history(self.path)
        self._cursor: int | None = None  # index into entries while recalling, else None
        self._draft = ""  # what was typed before recalling started

    def add(self, question: str) -> str | None:
        """Record a question; returns why it could not be saved, or None when it was."""
        question = " ".join(question.split())
        self.reset()
        if not question or len(question) > MAX_QUESTION_LENGTH:
            return None
        self.entries = _clean([*self.entries, question])
        try:
            # Merge with the file, so two readers open at once do not erase each other.
            save_history(self.path, _clean([*load_history(self.path), question]))
        except OSError as error:
            return f"the question history could not be saved ({error.strerror or error})"
        return None

    def reset(self) -> None:
        self._cursor = None
        self._draft = ""

    def previous(self, current: str) -> str | None:
        """The question before the one shown (↑), or None at the oldest."""
        if not self.entries:
            return None
        if self._cursor is None:
            self._draft = current
            self._cursor = len(self.entries)
        if self._cursor == 0:
            return None
        self._cursor -= 1
        return self.entries[self._cursor]

    def next(self, current: str) -> str | None:
        """The question after the one shown (↓); past the newest, what was being typed."""
        del current  # the draft was saved when recall started
        if self._cursor is None:
            return None
        self._cursor += 1
        if self._cursor >= len(self.entries):
            self._cursor = None
            return self._draft
        return self.entries[self._cursor]
