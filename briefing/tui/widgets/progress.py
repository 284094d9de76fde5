"""Provides the indexing panel shown while a corpus is opened, with progress when known."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import LoadingIndicator, ProgressBar, Static


class IndexStatus(Vertical):
    """A spinner, what is happening, and a progress bar once the file count is known."""

    def compose(self) -> ComposeResult:
        yield LoadingIndicator()
        yield Static("", id="index-message", markup=False)
        yield ProgressBar(id="index-progress", show_eta=False)

    def on_mount(self) -> None:
        self.query_one(ProgressBar).display = False

    def start(self, message: str) -> None:
        self.query_one("#index-message", Static).update(message)
        bar = self.query_one(ProgressBar)
        bar.update(total=None, progress=0)
        bar.display = False

    def advance(self, phase: str, done: int, total: int | None) -> None:
        bar = self.query_one(ProgressBar)
        if total is None or total > 1:  # a one-file corpus needs no bar
            bar.display = True
            bar.update(total=total, progress=done)
            counted = f"{done:,}" if total is None else f"{done:,} of {total:,}"
            self.query_one("#index-message", Static).update(
                f"{phase.capitalize()}: {counted}…"
            )
