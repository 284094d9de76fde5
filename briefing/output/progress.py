"""Provides the progress bar of an index build on a terminal (rich, on stderr), else nothing.

The bar appears only once a build is under way and worth watching (many files, or a build
already past a moment), and disappears when it ends: a warm start prints nothing at all.
"""

from __future__ import annotations

import contextlib
import sys
import time
from collections.abc import Iterator
from typing import Any

from briefing.index.report import Progress

SHOW_FROM_FILES = 200  # a build of this many files shows the bar at once
SHOW_AFTER_SECONDS = 0.5  # a smaller build shows it once it has taken this long


def wants_bar() -> bool:
    """A bar only for a person watching: stderr is a terminal (never in a pipe or CI log)."""
    stream = sys.stderr
    return stream is not None and hasattr(stream, "isatty") and stream.isatty()


@contextlib.contextmanager
def index_progress(enabled: bool | None = None) -> Iterator[Progress | None]:
    """A `progress(phase, done, total)` callback drawing the bar, or None when not on a
    terminal. The bar names the phase under way ("reading files 1,200/2,225")."""
    if not (wants_bar() if enabled is None else enabled):
        yield None
        return
    state: dict[str, Any] = {"bar": None, "task": None, "began": None}

    def update(phase: str, done: int, total: int | None) -> None:
        now = time.monotonic()
        if state["began"] is None:
            state["began"] = now
        bar = state["bar"]
        if bar is None:
            if (total or 0) < SHOW_FROM_FILES and now - state["began"] < SHOW_AFTER_SECONDS:
                return
            from rich.console import Console
            from rich.progress import (
                BarColumn,
                MofNCompleteColumn,
                Progress,
                TextColumn,
                TimeRemainingColumn,
            )

            bar = Progress(
                TextColumn("{task.description}"),
                BarColumn(),
                MofNCompleteColumn(),
                TimeRemainingColumn(),
                console=Console(stderr=True),
                transient=True,
            )
            bar.start()
            state["bar"], state["task"] = bar, bar.add_task(phase.capitalize(), total=total)
        bar.update(state["task"], completed=done, total=total, description=phase.capitalize())

    try:
        yield update
    finally:
        if state["bar"] is not None:
            state["bar"].stop()
