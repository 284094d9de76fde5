"""Provides the prompt for another corpus folder (command palette: switch corpus folder)."""

from __future__ import annotations

import os
from pathlib import Path

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.suggester import Suggester
from textual.widgets import Input, Static


class FolderSuggester(Suggester):
    """Completes the last component of a path with a matching folder or file."""

    def __init__(self) -> None:
        super().__init__(use_cache=False, case_sensitive=True)

    async def get_suggestion(self, value: str) -> str | None:
        expanded = os.path.expanduser(value)
        folder, _, stem = expanded.rpartition(os.sep)
        try:
            names = sorted(
                entry.name + (os.sep if entry.is_dir() else "")
                for entry in os.scandir(folder or ".")
                if entry.name.startswith(stem) and not entry.name.startswith(".")
            )
        except OSError:
            return None
        if not names or names[0] == stem:
            return None
        return value + names[0][len(stem) :]


class CorpusPrompt(ModalScreen[Path | None]):
    """Asks for a folder (or a single file) to read instead."""

    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, current: Path) -> None:
        super().__init__()
        self.current = current

    def compose(self) -> ComposeResult:
        with Vertical(id="corpus-box") as box:
            box.border_title = "Switch corpus folder"
            box.border_subtitle = "enter to open · esc to cancel"
            yield Static(f"Now reading: {self.current}", markup=False, id="corpus-current")
            yield Input(
                placeholder="Folder of articles (or one file)",
                suggester=FolderSuggester(),
                id="corpus-path",
            )
            yield Static("", markup=False, id="corpus-problem")

    @on(Input.Submitted, "#corpus-path")
    def _submitted(self, event: Input.Submitted) -> None:
        text = event.value.strip()
        if not text:
            return
        path = Path(text).expanduser()
        if not path.exists():
            self.query_one("#corpus-problem", Static).update(f"Not found: {path}")
            return
        self.dismiss(path)

    def action_cancel(self) -> None:
        self.dismiss(None)
