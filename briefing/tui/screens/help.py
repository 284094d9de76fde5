"""Provides the help screen: every key of the reader, by where it works, and the search syntax."""

from __future__ import annotations

import re

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.visual import Visual
from textual.widgets import Static

from briefing.output.help import SYNTAX_RULES
from briefing.tui import styling
from briefing.tui.hanging import Hanging, Stacked

KEYS: tuple[tuple[str, tuple[tuple[str, str], ...]], ...] = (
    (
        "Anywhere",
        (
            ("F1", "this help (also ? outside the question box)"),
            ("/  ctrl+l", "go to the question box"),
            ("F2", "switch between the briefing and the answers"),
            ("ctrl+p", "commands: switch corpus, rebuild, theme, statistics"),
            ("e", "export the briefing or the answers to Markdown (outside the question box)"),
            ("q  ctrl+q", "quit (q outside the question box)"),
        ),
    ),
    (
        "Question box",
        (
            ("enter", "ask"),
            ("brief: TOPIC", "brief the passages TOPIC matches (brief: alone, all of them)"),
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
            ("o", "open the file at this paragraph: $VISUAL, $EDITOR, else less"),
            ("c", "copy the paragraph with its citation"),
            ("esc", "back to the answers"),
        ),
    ),
)
MOUSE_NOTE = "The mouse works too: click a passage to open it, click a key in the footer."
SYNTAX_TITLE = "Search syntax"
# The reader's own ending of the syntax help: the command line's speaks of stderr and
# --no-syntax, which the reader has neither of; here the note shows under the answer.
SYNTAX_FALLBACK = (
    "AND, OR, NOT, an unbalanced quote, a lone -, an unknown name:value or a bad date are "
    "searched as plain words, and a note under the answer says so."
)
CHANGES_NOTE = (
    "The folder is watched: changed files are re-indexed on their own, and a notice says so."
)
# A rule of SYNTAX_RULES: two spaces, the syntax, two or more spaces, what it does.
_RULE = re.compile(r"(  \S.*?\s{2,})(\S.*)")


def keys_content() -> Stacked:
    """Every key by where it works, then the search syntax: one row each, and a wrapped row
    keeps to its column."""
    width = max(len(key) for _, rows in KEYS for key, _ in rows) + 5
    blocks: list[Visual] = []
    for number, (section, rows) in enumerate(KEYS):
        if number:
            blocks.append(Content(""))
        blocks.append(Content.styled(section, styling.RANK))
        for key, meaning in rows:
            blocks.append(Hanging(Content.styled(f"  {key}", styling.CITATION), meaning, width))
    blocks += [Content(""), Content.styled(MOUSE_NOTE, styling.MUTED), Content("")]
    blocks += [Content.styled(SYNTAX_TITLE, styling.RANK), *syntax_rows(), Content("")]
    blocks.append(Content.styled(CHANGES_NOTE, styling.MUTED))
    return Stacked(blocks)


def syntax_rules() -> list[str]:
    """The rules of the search syntax as the command line documents them, without its last
    lines, which speak of stderr and --no-syntax."""
    return list(SYNTAX_RULES)


def syntax_rows() -> list[Visual]:
    """The syntax rules, each its syntax in a gutter, then the reader's own last line."""
    rows: list[Visual] = []
    for rule in syntax_rules():
        found = _RULE.fullmatch(rule)
        rows.append(Hanging(found.group(1), found.group(2)) if found else Content(rule))
    rows.append(Hanging("  ", SYNTAX_FALLBACK))
    return rows


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
