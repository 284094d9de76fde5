"""Provides the source view: a whole document, the chosen passage in view, n / N between matches.

Document text is shown as data: cleaned of control sequences by the engine's sanitizer and
put into `Content` objects directly, so markup-like text is never interpreted.
"""

from __future__ import annotations

import os
import shlex
import subprocess
from typing import TYPE_CHECKING

from textual import work
from textual.app import ComposeResult, SuspendNotSupported
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content, Span
from textual.geometry import Region
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Footer, Static
from textual.worker import get_current_worker

from briefing import ParagraphKind
from briefing.output.safe import visible
from briefing.tui import styling
from briefing.tui.present import cite
from briefing.tui.session import DocumentView, SessionClosed

TextSpan = tuple[int, int]  # start, end in a text

if TYPE_CHECKING:
    from briefing.tui.app import BriefingApp


class ParagraphView(Static):
    """One paragraph of the document."""

    def __init__(self, index: int, *, classes: str = "") -> None:
        super().__init__("", classes=classes, markup=False)
        self.index = index


class SourceScreen(Screen[None]):
    """One whole source file, opened at a passage."""

    app: BriefingApp

    BINDINGS = [
        Binding("escape", "back", "Back"),
        Binding("n", "next_match", "Next match"),
        Binding("N", "previous_match", "Previous", key_display="N"),
        Binding("o", "open_editor", "Editor"),
        Binding("c", "copy", "Copy"),
        Binding("j,down", "scroll_lines(1)", "Down", show=False),
        Binding("k,up", "scroll_lines(-1)", "Up", show=False),
    ]

    def __init__(
        self,
        source: str,
        passage_start: int,
        line: int,
        question: str,
        answers: tuple[TextSpan, ...] = (),
    ) -> None:
        super().__init__()
        self.source = source
        self.passage_start = passage_start  # where the chosen passage starts in the file text
        self.line = line
        self.question = question
        self.answers = answers  # answer sentences inside the chosen passage
        self.document_view: DocumentView | None = None
        self.target: int | None = None  # index of the chosen passage's paragraph
        self.matches: list[tuple[int, TextSpan]] = []
        self.current: int | None = None  # index into matches
        self.moved = False  # n / N pressed: `o` and `c` follow the current match
        self.loaded = False

    def compose(self) -> ComposeResult:
        with Horizontal(id="source-bar"):
            yield Static(visible(self.source), id="source-name", markup=False)
            yield Static("", id="source-position", markup=False)
        yield VerticalScroll(id="document", can_focus=True)
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#document").focus()
        self._load()

    class Loaded(Message):
        """Posted by the loading worker: the document, or why it cannot be shown."""

        def __init__(self, view: DocumentView | None, problem: str | None = None) -> None:
            super().__init__()
            self.view, self.problem = view, problem

    @work(thread=True, exclusive=True)
    def _load(self) -> None:
        worker = get_current_worker()
        try:
            loaded = self.Loaded(self.app.session.document(self.source, self.question))
        except SessionClosed:
            return
        except Exception as error:  # a vanished file or a closed corpus: say so, stay open
            loaded = self.Loaded(None, str(error))
        if not worker.is_cancelled:
            self.post_message(loaded)

    async def on_source_screen_loaded(self, message: Loaded) -> None:
        if message.view is None:
            self._failed(message.problem or "unknown error")
        else:
            await self._show(message.view)

    def _failed(self, message: str) -> None:
        self.query_one("#document").mount(
            Static(Content.styled(f"This source cannot be shown: {message}", styling.ERROR))
        )
        self.loaded = True

    async def _show(self, view: DocumentView) -> None:
        self.document_view = view
        self.target = self._find_target(view)
        self.matches = [(i, span) for i, spans in enumerate(view.matches) for span in spans]
        if self.matches:
            after = [n for n, (i, _) in enumerate(self.matches) if i >= (self.target or 0)]
            self.current = after[0] if after else 0
        widgets: list[Static] = []
        previous_number = None
        for index, paragraph in enumerate(view.paragraphs):
            classes = {
                ParagraphKind.HEADING: "-heading",
                ParagraphKind.BOILERPLATE: "-boilerplate",
            }.get(paragraph.kind, "")
            if paragraph.number == previous_number:
                classes += " -continued"  # a long paragraph cut into passages
            if index == self.target:
                classes += " -target"
            previous_number = paragraph.number
            widget = ParagraphView(index, classes=classes.strip())
            widget.update(self._paragraph_content(index))
            widgets.append(widget)
        if not widgets:
            widgets.append(Static(Content.styled("This source has no text.", styling.MUTED)))
        title = next((p.title for p in view.paragraphs if p.title), None)
        if title:
            self.query_one("#source-name", Static).update(
                Content.assemble(
                    (self.source, styling.CITATION), ("  ·  " + title, styling.CONTEXT)
                )
            )
        await self.query_one("#document").mount_all(widgets)
        self._update_position()
        self.call_after_refresh(self._scroll_to_target)
        self.loaded = True

    def _find_target(self, view: DocumentView) -> int | None:
        for index, paragraph in enumerate(view.paragraphs):
            if paragraph.start == self.passage_start:
                return index
        # The file changed since it was indexed: the nearest paragraph by line instead.
        lines = [abs(p.line - self.line) for p in view.paragraphs]
        return lines.index(min(lines)) if lines else None

    def _paragraph_content(self, index: int) -> Content:
        assert self.document_view is not None
        spans: list[Span] = []
        if index == self.target:
            spans += [Span(a, b, styling.ANSWER) for a, b in self.answers]
        for number, (where, (a, b)) in enumerate(self.matches):
            if where == index:
                style = styling.CURRENT_MATCH if number == self.current else styling.HIGHLIGHT
                spans.append(Span(a, b, style))
        return Content(self.document_view.texts[index], spans)

    def _update_position(self) -> None:
        parts = []
        if self.document_view is not None and self.target is not None:
            paragraph = self.document_view.paragraphs[self.target]
            parts.append(f"paragraph {paragraph.number} · line {paragraph.line}")
        if self.matches and self.current is not None:
            parts.append(f"match {self.current + 1}/{len(self.matches)}")
        elif self.question:
            parts.append("no query words in this document")
        self.query_one("#source-position", Static).update("  ·  ".join(parts))

    def _paragraph_widget(self, index: int) -> ParagraphView | None:
        for widget in self.query(ParagraphView):
            if widget.index == index:
                return widget
        return None

    def _scroll_to_target(self) -> None:
        if self.target is None:
            return
        widget = self._paragraph_widget(self.target)
        if widget is not None:
            self.query_one("#document").scroll_to_center(widget, animate=False)

    def _scroll_to_match(self) -> None:
        if self.current is None or self.document_view is None:
            return
        index, (start, _) = self.matches[self.current]
        widget = self._paragraph_widget(index)
        if widget is None:
            return
        # The wrapped line holding the match, so a match deep in a long paragraph is shown.
        width = max(1, widget.content_region.width)
        row = len(Content(self.document_view.texts[index][:start] + "x").wrap(width)) - 1
        top = widget.virtual_region.y + widget.styles.gutter.top + row
        self.query_one("#document").scroll_to_region(
            Region(0, top, 1, 1), center=True, animate=False
        )

    def _move(self, step: int) -> None:
        if not self.matches or self.current is None:
            self.notify("No query words in this document.", markup=False)
            return
        old = self.matches[self.current][0]
        self.current = (self.current + step) % len(self.matches)
        self.moved = True
        for index in {old, self.matches[self.current][0]}:
            widget = self._paragraph_widget(index)
            if widget is not None:
                widget.update(self._paragraph_content(index))
        self._update_position()
        self._scroll_to_match()

    def action_next_match(self) -> None:
        self._move(1)

    def action_previous_match(self) -> None:
        self._move(-1)

    def action_scroll_lines(self, lines: int) -> None:
        document = self.query_one("#document")
        document.scroll_relative(y=lines, animate=False)

    def action_back(self) -> None:
        self.dismiss()

    def _focus_paragraph(self) -> int | None:
        """The paragraph `o` and `c` act on: the chosen passage, or the match n / N moved to."""
        if self.moved and self.current is not None and self.matches:
            return self.matches[self.current][0]
        return self.target

    def action_copy(self) -> None:
        index = self._focus_paragraph()
        if self.document_view is None or index is None:
            return
        paragraph = self.document_view.paragraphs[index]
        where = cite(paragraph.source, paragraph.number, paragraph.line, paragraph.page)
        self.app.copy_to_clipboard(f"{self.document_view.texts[index]}\n— {where}")
        self.notify("Paragraph and citation copied.", markup=False)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "open_editor" and not os.environ.get("EDITOR"):
            return None  # shown greyed out: there is no editor to open
        return True

    def action_open_editor(self) -> None:
        editor = os.environ.get("EDITOR", "").strip()
        index = self._focus_paragraph()
        line = (
            self.document_view.paragraphs[index].line
            if self.document_view and index is not None
            else self.line
        )
        if not editor:
            self.notify("Set $EDITOR to open sources in your editor.", markup=False)
            return
        try:
            command = [*shlex.split(editor), f"+{line}", str(self.app.session.path_of(self.source))]
        except (ValueError, RuntimeError) as error:
            self.notify(f"Cannot open the editor: {error}", severity="error", markup=False)
            return
        try:
            with self.app.suspend():
                subprocess.run(command, check=False)
        except SuspendNotSupported:
            self.notify(
                "This terminal cannot hand over to an editor.", severity="error", markup=False
            )
        except OSError as error:
            self.notify(
                f"Cannot run {command[0]}: {error.strerror}", severity="error", markup=False
            )
        self.refresh()
