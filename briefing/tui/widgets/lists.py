"""Provides the two lists of the main screen: answer sentences and ranked passages."""

from __future__ import annotations

from textual.binding import Binding
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from briefing import Answer
from briefing.output.labels import Labels
from briefing.tui.present import (
    Passage,
    answer_clip,
    answer_content,
    passage_clip,
    passage_content,
)

_VIM_KEYS = [
    Binding("j", "cursor_down", "Down", show=False),
    Binding("k", "cursor_up", "Up", show=False),
]


class AnswerList(OptionList):
    """The answer sentences, best first. Enter opens the source at one; `c` copies it."""

    BINDINGS = [
        *_VIM_KEYS,
        Binding("enter", "select", "Open source"),
        Binding("c", "copy", "Copy"),
    ]

    def __init__(self, *, id: str | None = None) -> None:  # noqa: A002
        super().__init__(id=id)
        self.answers: tuple[Answer, ...] = ()

    def show(
        self, answers: tuple[Answer, ...], labels: Labels | None = None, total: int = 0
    ) -> None:
        """The answers, each with the sources that report it (`total` files in the corpus)."""
        self.answers = answers
        options: list[Option | None] = []
        for rank, answer in enumerate(answers, start=1):
            if rank > 1:
                options.append(None)  # a separator line between answers
            content = answer_content(answer, rank, labels, total)
            options.append(Option(content, id=f"answer-{rank}"))
        self.set_options(options)
        self.display = bool(answers)
        if answers:
            self.highlighted = 0

    @property
    def current(self) -> Answer | None:
        option = self.highlighted_option
        if option is None or option.id is None:
            return None
        return self.answers[int(option.id.removeprefix("answer-")) - 1]

    def action_copy(self) -> None:
        if self.current is not None:
            self.app.copy_to_clipboard(answer_clip(self.current))
            self.app.notify("Answer and citation copied.", markup=False)


class ResultsList(OptionList):
    """The ranked passages. Enter opens the source at one; `c` copies it."""

    BINDINGS = [
        *_VIM_KEYS,
        Binding("enter", "select", "Open source"),
        Binding("c", "copy", "Copy"),
    ]

    def __init__(self, *, id: str | None = None) -> None:  # noqa: A002
        super().__init__(id=id)
        self.passages: tuple[Passage, ...] = ()

    def show(self, passages: tuple[Passage, ...], title: str) -> None:
        self.passages = passages
        self.border_title = title
        options: list[Option | None] = []
        for rank, passage in enumerate(passages, start=1):
            if rank > 1:
                options.append(None)  # a separator line between passages
            options.append(Option(passage_content(rank, passage), id=f"passage-{rank}"))
        self.set_options(options)
        if passages:
            self.highlighted = 0

    @property
    def current(self) -> Passage | None:
        option_id = self.highlighted_option.id if self.highlighted_option else None
        if option_id is None:
            return None
        return self.passages[int(option_id.removeprefix("passage-")) - 1]

    def action_copy(self) -> None:
        if self.current is not None:
            self.app.copy_to_clipboard(passage_clip(self.current))
            self.app.notify("Passage and citation copied.", markup=False)
