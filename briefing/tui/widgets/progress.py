"""Provides the indexing panel shown while a corpus is opened, with progress when known."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Center, Vertical
from textual.widgets import LoadingIndicator, ProgressBar, Static


class IndexStatus(Vertical):
    """A spinner, what is happening, a progress bar once the file count is known, and a word
    about a question asked meanwhile."""

    def compose(self) -> ComposeResult:
        yield Static("", id="index-message", markup=False)
        with Center():
            yield ProgressBar(id="index-progress", show_eta=False)
        yield Static("", id="index-pending", markup=False)

    def on_mount(self) -> None:
        self.query_one(ProgressBar).display = False

    def start(self, message: str) -> None:
        """A new open: the spinner runs (it is mounted only while it shows, so an idle reader
        has no animation timer), the bar waits for a count."""
        if not self.query(LoadingIndicator):
            self.mount(LoadingIndicator(), before=0)
        self.query_one("#index-message", Static).update(message)
        self.query_one("#index-pending", Static).update("")
        bar = self.query_one(ProgressBar)
        bar.update(total=None, progress=0)
        bar.remove_class("-finishing")
        bar.display = False

    def stop(self) -> None:
        for spinner in self.query(LoadingIndicator):
            spinner.remove()

    def advance(self, phase: str, done: int, total: int | None) -> None:
        if total is not None and total <= 1:
            return  # a one-file corpus needs no bar
        bar = self.query_one(ProgressBar)
        bar.display = True
        message = self.query_one("#index-message", Static)
        name = phase.capitalize()
        if total is not None and done >= total:
            # The phase is over and the next may not report progress: say what is left
            # rather than sit at 100%.
            bar.update(total=None)
            bar.add_class("-finishing")
            message.update(f"{name}: {total:,} done. Finishing the index…")
        else:
            bar.remove_class("-finishing")
            bar.update(total=total, progress=done)
            counted = f"{done:,}" if total is None else f"{done:,} of {total:,}"
            message.update(f"{name}: {counted}…")

    def question_pending(self, question: str) -> None:
        self.query_one("#index-pending", Static).update(
            f"“{question}” will be answered as soon as the index is ready."
        )
