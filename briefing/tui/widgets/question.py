"""Provides the question box: history on ↑/↓ and completion of the word being typed."""

from __future__ import annotations

import re
from collections.abc import Awaitable, Callable

from textual.binding import Binding
from textual.message import Message
from textual.suggester import Suggester
from textual.timer import Timer
from textual.widgets import Input

from briefing.tui.history import History

_LAST_WORD = re.compile(r"(\w+)$")
# The cursor blinks for about this long after the last key, then holds still, so an idle
# reader redraws nothing (each blink redraws the box: 0.45% of a core measured with
# benchmarks/tui_idle.py). GTK's gtk-cursor-blink-timeout defaults to the same 10 s.
BLINK_SECONDS = 10.0


class CorpusSuggester(Suggester):
    """Completes the last word typed with the commonest corpus word it begins.

    Case sensitive, so the suggestion keeps what was typed as typed and only adds the tail.
    """

    def __init__(self, complete: Callable[[str], Awaitable[str | None]]) -> None:
        super().__init__(use_cache=True, case_sensitive=True)
        self._complete = complete

    async def get_suggestion(self, value: str) -> str | None:
        found = _LAST_WORD.search(value)
        if found is None or len(found.group(1)) < 2:
            return None
        word = found.group(1)
        completion = await self._complete(word)
        # The engine folds case and accents; they keep the word's length, so the tail lines up.
        if not completion or len(completion) <= len(word):
            return None
        return value + completion[len(word) :]


class QuestionInput(Input):
    """The question box. Enter asks; ↑/↓ walk through earlier questions."""

    BINDINGS = [
        Binding("up", "history_previous", "History", show=False),
        Binding("down", "history_next", "History", show=False),
        Binding("escape", "leave", "Leave box", tooltip="Move to the answers"),
        # Tab too, as the help says: the answers (or facts) are where a reader goes next.
        Binding("tab", "leave", "Leave box", show=False),
    ]

    class Leave(Message):
        """The reader left the box (esc) to read the answers."""

    def __init__(self, history: History, *, placeholder: str = "", id: str | None = None) -> None:  # noqa: A002
        super().__init__(placeholder=placeholder, id=id)
        self.history = history
        self._hold_timer: Timer | None = None

    def on_mount(self) -> None:
        self._hold_timer = self.set_interval(BLINK_SECONDS, self._hold_cursor)

    def _hold_cursor(self) -> None:
        """A while without keys: a steady cursor, and no timer redrawing it."""
        self.cursor_blink = False
        if self._hold_timer is not None:
            self._hold_timer.pause()

    def _wake(self) -> None:
        """A key or the focus: blink again, for another while."""
        if self.has_focus:
            self.cursor_blink = True
        if self._hold_timer is not None:
            self._hold_timer.reset()

    def on_key(self) -> None:
        self._wake()

    def on_focus(self) -> None:
        self._wake()

    def on_paste(self) -> None:
        self._wake()

    def _recall(self, question: str | None) -> None:
        if question is None:
            self.app.bell()
            return
        self.value = question
        self.cursor_position = len(question)

    def action_history_previous(self) -> None:
        self._recall(self.history.previous(self.value))

    def action_history_next(self) -> None:
        question = self.history.next(self.value)
        if question is not None:  # below the newest question there is nothing to ring about
            self._recall(question)

    def action_leave(self) -> None:
        self.post_message(self.Leave())
