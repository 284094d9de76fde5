"""Provides the reader's application: `BriefingApp` and `run_app`, the command line's entry point.

The app owns the engine session and app-wide keys; screens and widgets live in their modules.
"""

from __future__ import annotations

import time
from pathlib import Path

from textual import work
from textual.app import App
from textual.binding import Binding
from textual.message import Message
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Input
from textual.worker import get_current_worker

from briefing import BriefingError, CorpusStats, IndexReport
from briefing.tui.commands import BriefingCommands
from briefing.tui.export import export_folder, write_export
from briefing.tui.history import History
from briefing.tui.screens.corpus import CorpusPrompt
from briefing.tui.screens.help import HelpScreen
from briefing.tui.screens.main import MainScreen
from briefing.tui.screens.source import SourceScreen
from briefing.tui.screens.stats import StatsScreen
from briefing.tui.session import Session, SessionClosed

PROGRESS_INTERVAL = 0.05  # seconds between progress updates from a long build
CHANGE_POLL = 3.0  # seconds between looks at the folder for changed files


class IndexProgress(Message):
    """Posted from the engine thread while a build reads files."""

    def __init__(self, generation: int, phase: str, done: int, total: int | None) -> None:
        super().__init__()
        self.generation, self.phase, self.done, self.total = generation, phase, done, total


class CorpusOpened(Message):
    """Posted by the opening worker: the corpus is open (or could not be)."""

    def __init__(
        self,
        generation: int,
        corpus: Path,
        stats: CorpusStats | None,
        report: IndexReport | None,
        problem: str | None = None,
    ) -> None:
        super().__init__()
        self.generation, self.corpus = generation, corpus
        self.stats, self.report, self.problem = stats, report, problem


class CorpusRefreshed(Message):
    """Posted by the refresh worker: files changed on disk and the index caught up."""

    def __init__(self, generation: int, stats: CorpusStats, report: IndexReport) -> None:
        super().__init__()
        self.generation, self.stats, self.report = generation, stats, report


class EngineNotice(Message):
    """A notice from the engine (a damaged cache rebuilt, a cache that cannot be saved)."""

    def __init__(self, text: str) -> None:
        super().__init__()
        self.text = text


class BriefingApp(App[int]):
    """Ask questions of a folder of articles; read the answers in their sources."""

    CSS_PATH = "briefing.tcss"
    TITLE = "briefing"
    COMMANDS = App.COMMANDS | {BriefingCommands}
    BINDINGS = [
        Binding("ctrl+q", "quit", "Quit", priority=True),
        Binding("f1", "help", "Help"),
        # Single characters type into the question box; there these bindings stand aside.
        Binding("question_mark", "help", "Help", show=False),
        Binding("q", "quit_key", "Quit", show=False),
        Binding("e", "export", "Export"),
        Binding("slash,ctrl+l", "focus_question", "Question", show=False),
    ]

    def __init__(self, corpus: Path, *, history_path: Path | None = None) -> None:
        super().__init__()
        self.corpus = corpus
        self.session = Session()
        self.history = History(history_path)
        self.stats: CorpusStats | None = None
        self.report: IndexReport | None = None
        self._open_generation = 0
        self._last_progress = 0.0
        self._poll: Timer | None = None
        self._refreshing = False

    def get_default_screen(self) -> Screen:
        return MainScreen()

    @property
    def main(self) -> MainScreen:
        return self.screen_stack[0]  # type: ignore[return-value]

    def on_ready(self) -> None:
        # After the first frame: the question box is already usable while the index opens.
        self.open_corpus(self.corpus)

    def on_unmount(self) -> None:
        self.session.close()

    # Opening a corpus.

    def open_corpus(self, corpus: Path, *, rebuild: bool = False) -> None:
        """Open (or rebuild) a corpus in a worker; questions wait for it, typing does not."""
        self._open_generation += 1
        message = "Rebuilding the index…" if rebuild else "Opening the corpus…"
        self.main.corpus_opening(_name(corpus), message, at_once=rebuild)
        self._open(corpus, rebuild, self._open_generation)

    @work(thread=True, exclusive=True, group="open")
    def _open(self, corpus: Path, rebuild: bool, generation: int) -> None:
        worker = get_current_worker()

        def progress(phase: str, done: int, total: int | None) -> None:
            now = time.monotonic()
            if done == total or now - self._last_progress >= PROGRESS_INTERVAL:
                self._last_progress = now
                self.post_message(IndexProgress(generation, phase, done, total))

        def notify(text: str) -> None:
            self.post_message(EngineNotice(text))

        # Results go back as messages: posting never blocks, even while the app shuts down.
        try:
            _, report = self.session.open(
                corpus, rebuild=rebuild, notify=notify, progress=progress
            )
        except SessionClosed:
            return
        except BriefingError as error:
            opened = CorpusOpened(generation, corpus, None, None, str(error))
        except Exception as error:  # an unreadable folder or cache: reported, never fatal
            opened = CorpusOpened(
                generation, corpus, None, None, f"the corpus could not be opened ({error})"
            )
        else:
            opened = CorpusOpened(generation, corpus, report.corpus, report)
        if not worker.is_cancelled:
            self.post_message(opened)

    def on_corpus_opened(self, message: CorpusOpened) -> None:
        if message.generation != self._open_generation:
            return  # a newer open (switch, rebuild) has started since
        if message.stats is not None:
            self.corpus, self.stats, self.report = message.corpus, message.stats, message.report
            self.main.corpus_ready(message.stats)
            if self._poll is None:
                self._poll = self.set_interval(CHANGE_POLL, self.check_for_changes)
        else:
            self._open_failed(message.corpus, message.problem or "cannot be opened")

    def _open_failed(self, corpus: Path, problem: str) -> None:
        if self.session.library is not None and self.stats is not None:
            # The previous corpus is still open: keep reading it.
            self.notify(f"{_name(corpus)}: {problem}", severity="error", markup=False)
            self.main.corpus_ready(self.stats)
        else:
            self.main.corpus_failed(_name(corpus), problem)

    # Noticing a changed folder.

    def check_for_changes(self) -> None:
        """Look for changed files (in the engine thread) and re-index them if there are any."""
        if self.session.library is None or self._refreshing:
            return
        self._refreshing = True
        self._refresh(self._open_generation)

    @work(thread=True, group="refresh")
    def _refresh(self, generation: int) -> None:
        worker = get_current_worker()
        try:
            refreshed = self.session.refresh_if_changed()
        except SessionClosed:
            return
        except Exception as error:  # a file vanishing mid-walk: reported, tried again later
            if not worker.is_cancelled:
                self.post_message(EngineNotice(f"the corpus could not be refreshed ({error})"))
            refreshed = None
        finally:
            self._refreshing = False
        if refreshed is not None and not worker.is_cancelled:
            report, stats = refreshed[0], refreshed[1]
            self.post_message(CorpusRefreshed(generation, stats, report))

    def on_corpus_refreshed(self, message: CorpusRefreshed) -> None:
        if message.generation != self._open_generation:
            return  # another corpus was opened meanwhile
        self.stats, self.report = message.stats, message.report
        self.main.corpus_refreshed(message.stats)
        report = message.report
        if report.reindexed or report.removed:
            said = f"re-indexed {report.reindexed} file{'s' if report.reindexed != 1 else ''}"
            if report.removed:
                said += f", {report.removed} removed"
            self.notify(f"Corpus changed: {said}", title="Refreshed", markup=False)

    def on_index_progress(self, message: IndexProgress) -> None:
        if message.generation == self._open_generation:
            self.main.corpus_progress(message.phase, message.done, message.total)

    def on_engine_notice(self, message: EngineNotice) -> None:
        self.notify(message.text.removeprefix("notice: "), severity="warning", markup=False)

    # Keys and commands.

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # `q` and `e` are plain characters while typing a question: hide them from the footer.
        if action in ("quit_key", "export") and isinstance(self.focused, Input):
            return False
        return True

    def action_quit_key(self) -> None:
        self.exit(0)

    def action_help(self) -> None:
        if isinstance(self.screen, HelpScreen):
            self.screen.dismiss()
        else:
            self.push_screen(HelpScreen())

    def action_focus_question(self) -> None:
        while len(self.screen_stack) > 1:
            self.pop_screen()
        self.main.focus_question()

    def action_toggle_dark(self) -> None:
        self.theme = "textual-light" if self.current_theme.dark else "textual-dark"

    def action_show_stats(self) -> None:
        if self.stats is None:
            self.notify("The corpus is not open yet.", markup=False)
            return
        self.push_screen(StatsScreen(self.stats, self.report))

    def action_switch_corpus(self) -> None:
        def chosen(path: Path | None) -> None:
            if path is not None:
                self.open_corpus(path)

        self.push_screen(CorpusPrompt(self.corpus), chosen)

    def action_rebuild(self) -> None:
        self.open_corpus(self.corpus, rebuild=True)

    def action_export(self) -> None:
        outcome = self.main.outcome
        if outcome is None:
            self.notify("Ask a question first: there is nothing to export yet.", markup=False)
            return
        try:
            path = write_export(outcome, export_folder(self.corpus))
        except OSError as error:
            self.notify(f"Export failed: {error}", severity="error", markup=False)
            return
        self.notify(f"Exported to {path}", title="Export", markup=False, timeout=8)

    def open_source(self, source: str, passage_start: int, line: int) -> None:
        """Show the whole source of a passage, scrolled to it, its matches lit."""
        outcome = self.main.outcome
        question = outcome.question if outcome else ""
        answers: tuple[tuple[int, int], ...] = ()
        if outcome is not None:
            for passage in outcome.passages:
                if (passage.source, passage.passage_offset) == (source, passage_start):
                    answers = passage.answers
        self.push_screen(SourceScreen(source, passage_start, line, question, answers))


def _name(corpus: Path) -> str:
    return corpus.expanduser().resolve().name or str(corpus)


def run_app(corpus: Path) -> int:
    """Run the reader over `corpus` until the reader quits; returns the exit code."""
    app = BriefingApp(corpus)
    app.run()
    return app.return_code or 0
