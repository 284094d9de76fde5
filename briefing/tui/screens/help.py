"""Provides the help screen: every key of the reader, by where it works, and the search syntax."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static

from briefing.output.help import SYNTAX_HELP
from briefing.tui import styling

KEYS: tuple[tuple[str, tuple[tuple[str, str], ...]], ...] = (
    (
        "Anywhere",
        (
            ("F1", "this help (also ? outside the question box)"),
            ("/  ctrl+l", "go to the question box"),
            ("F2", "switch between the briefing and the answers"),
            ("ctrl+p", "commands: switch corpus, rebuild, theme, statistics"),
            ("e", "export to Markdown (outside the question box)"),
            ("q  ctrl+q", "quit (q outside the question box)"),
        ),
    ),
    (
        "Question box",
        (
            ("enter", "ask"),
            ("↑  ↓", "earlier / later questions (kept across runs)"),
            ("→", "accept the suggested word (from the corpus)"),
            ("esc  tab", "move to the facts or the answers (whichever tab shows)"),
        ),
    ),
    (
        "Briefing",
        (
            ("j  k  ↑  ↓", "move"),
            ("enter  click", "ask about this fact"),
        ),
    ),
    (
        "Answers and passages",
        (
            ("j  k  ↑  ↓", "move"),
            ("enter  click", "open the source at this passage"),
            ("c", "copy it with its citation"),
            ("tab  shift+tab", "next / previous panel"),
        ),
    ),
    (
        "Source view",
        (
            ("n  N", "next / previous query-word match (3/12)"),
            ("j  k  pgup  pgdn", "scroll"),
            ("o", "open the file in $EDITOR at this paragraph"),
            ("c", "copy the paragraph with its citation"),
            ("esc", "back to the answers"),
        ),
    ),
)
MOUSE_NOTE = "The mouse works too: click a passage to open it, click a key in the footer."
# The syntax as the command line documents it (SYNTAX_HELP), under this heading instead of its own.
SYNTAX_TITLE = "Search syntax"
CHANGES_NOTE = (
    "The folder is watched: changed files are re-indexed on their own, and a notice says so."
)


def keys_content() -> Content:
    width = max(len(key) for _, rows in KEYS for key, _ in rows) + 3
    parts: list[Content | str | tuple[str, str]] = []
    for number, (section, rows) in enumerate(KEYS):
        if number:
            parts.append("\n")
        parts += [(section, styling.RANK), "\n"]
        for key, meaning in rows:
            parts += [(f"  {key:<{width}}", styling.CITATION), meaning, "\n"]
    parts += ["\n", (MOUSE_NOTE, styling.MUTED), "\n\n", (SYNTAX_TITLE, styling.RANK), "\n"]
    parts.append(SYNTAX_HELP.split("\n", 1)[1].rstrip("\n"))
    parts += ["\n\n", (CHANGES_NOTE, styling.MUTED)]
    return Content.assemble(*parts)


def keys_markdown() -> str:
    """The same table as Markdown, for the README."""
    lines = ["| Where | Key | Does |", "| --- | --- | --- |"]
    for section, rows in KEYS:
        for key, meaning in rows:
            shown = " ".join(f"`{k}`" for k in key.split("  "))
            lines.append(f"| {section} | {shown} | {meaning} |")
    return "\n".join(lines)


class HelpScreen(ModalScreen[None]):
    """A modal listing every key binding; any of esc, q, F1 or ? closes it."""

    BINDINGS = [
        Binding("escape,q,f1,question_mark", "close", "Close"),
    ]

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help-box") as box:
            box.border_title = "Keys and search syntax"
            box.border_subtitle = "esc to close"
            yield Static(keys_content(), id="help-keys")

    def action_close(self) -> None:
        self.dismiss()
