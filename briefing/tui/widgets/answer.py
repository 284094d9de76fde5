"""Provides the answer panel: verdict, answer sentences, conflicts and what was searched."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Static

from briefing.tui import styling
from briefing.tui.present import (
    Outcome,
    conflicts_content,
    notes_content,
    searched_content,
    status_content,
)
from briefing.tui.widgets.lists import AnswerList

WELCOME = (
    "Type a question and press Enter. The best sentences of the articles answer it, "
    "with their citations; ↑ recalls earlier questions, F1 lists every key."
)


class AnswerPanel(Vertical):
    """The verdict for the current question, and its answer sentences."""

    def compose(self) -> ComposeResult:
        yield Static(Content(WELCOME), id="answer-status")
        yield AnswerList(id="answers")
        yield Static("", id="answer-conflicts")
        yield Static("", id="answer-notes")

    def on_mount(self) -> None:
        self.border_title = "Answer"
        self.query_one(AnswerList).display = False
        self.query_one("#answer-conflicts", Static).display = False
        self.query_one("#answer-notes", Static).display = False

    def show_message(self, message: str, *, style: str = "") -> None:
        """A state without answers: welcome, waiting for the index, an error."""
        status = self.query_one("#answer-status", Static)
        status.update(Content.styled(message, style))
        status.display = True
        self.query_one(AnswerList).show(())
        self.query_one("#answer-conflicts", Static).display = False
        self.query_one("#answer-notes", Static).display = False
        self.border_title = "Answer"
        self.border_subtitle = None
        self.set_class(style == styling.ERROR, "-error")
        self.remove_class("-no-answer")

    def show_outcome(self, outcome: Outcome) -> None:
        """The answers, or the no-answer verdict; what was searched goes in the bottom border."""
        result = outcome.result
        status = self.query_one("#answer-status", Static)
        status.update(status_content(result))
        status.display = not outcome.answers
        self.query_one(AnswerList).show(outcome.answers, outcome.labels, result.documents)
        conflicts = self.query_one("#answer-conflicts", Static)
        conflicts.update(conflicts_content(outcome))
        conflicts.display = bool(outcome.answers and result.conflicts)
        notes = self.query_one("#answer-notes", Static)
        notes.update(notes_content(result.notes))
        notes.display = bool(result.notes)  # syntax searched as plain words, and why
        self.border_subtitle = searched_content(result) if result.error is None else None
        self.set_class(result.error is not None, "-error")
        self.set_class(result.error is None and not outcome.answers, "-no-answer")
        if outcome.answers:
            best = outcome.answers[0].confidence
            count = len(outcome.answers)
            self.border_title = Content.assemble(
                "Answer · ",
                (f"{best} confidence", styling.CONFIDENCE.get(best or "", styling.MUTED)),
                (f" · {count} sentence{'s' if count != 1 else ''}", styling.MUTED),
            )
        else:
            self.border_title = "Answer"
