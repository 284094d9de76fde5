"""Provides the briefing panel: the corpus's central facts, key actors and conflicts."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from briefing import Briefing, Fact
from briefing.output.brief import no_topic_facts
from briefing.tui import styling
from briefing.tui.corroborate import (
    actors_content,
    briefing_labels,
    conflicts_overview,
    fact_content,
)

BRIEFING_FACTS = 8


class FactList(OptionList):
    """The facts, most central first. Enter (or a click) asks about one."""

    BINDINGS = [
        Binding("j", "cursor_down", "Down", show=False),
        Binding("k", "cursor_up", "Up", show=False),
        Binding("enter", "select", "Ask it"),
    ]

    def __init__(self, *, id: str | None = None) -> None:  # noqa: A002
        super().__init__(id=id)
        self.facts: tuple[Fact, ...] = ()

    def show(self, briefing: Briefing) -> None:
        self.facts = briefing.facts
        labels = briefing_labels(briefing)
        options: list[Option | None] = []
        for rank, fact in enumerate(briefing.facts, start=1):
            if rank > 1:
                options.append(None)
            content = fact_content(rank, fact, briefing.documents, labels)
            options.append(Option(content, id=f"fact-{rank}"))
        self.set_options(options)
        self.display = bool(briefing.facts)
        if briefing.facts:
            self.highlighted = 0

    @property
    def current(self) -> Fact | None:
        option = self.highlighted_option
        if option is None or option.id is None:
            return None
        return self.facts[int(option.id.removeprefix("fact-")) - 1]


class BriefingPanel(Vertical):
    """What the corpus says, before any question: facts to ask about, actors, conflicts."""

    def compose(self) -> ComposeResult:
        yield Static("", id="briefing-status")
        yield FactList(id="facts")
        yield Static("", id="briefing-actors", classes="briefing-notes")
        yield Static("", id="briefing-conflicts", classes="briefing-notes")

    def on_mount(self) -> None:
        self.border_title = "Briefing"
        self.show_message("Preparing the briefing…")

    def show_message(self, message: str, *, style: str = styling.MUTED) -> None:
        status = self.query_one("#briefing-status", Static)
        status.update(Content.styled(message, style))
        status.display = True
        self.query_one(FactList).display = False
        for notes in self.query(".briefing-notes"):
            notes.display = False
        self.border_subtitle = None

    def show_briefing(self, briefing: Briefing, topic: str | None = None) -> None:
        if not briefing.facts:
            self.show_message(
                f"{no_topic_facts(topic, briefing.passages or 0)} brief: alone briefs the "
                "whole corpus again."
                if topic
                else "No facts found: the corpus has no statement to brief on."
            )
            about = (f" · {topic}", styling.MUTED) if topic else ""
            self.border_title = Content.assemble("Briefing", about)
            return
        self.query_one("#briefing-status", Static).display = False
        self.query_one(FactList).show(briefing)
        self.query_one("#briefing-actors", Static).update(actors_content(briefing))
        conflicts = conflicts_overview(briefing, briefing_labels(briefing))
        self.query_one("#briefing-conflicts", Static).update(conflicts)
        for notes in self.query(".briefing-notes"):
            notes.display = True
        count, documents = len(briefing.facts), briefing.documents
        about = f" · {topic}" if topic else ""
        self.border_title = Content.assemble(
            "Briefing",
            (
                f"{about} · the {count} most central facts of {documents:,} "
                f"source{'s' if documents != 1 else ''}",
                styling.MUTED,
            ),
        )
        self.border_subtitle = "enter asks about a fact"
