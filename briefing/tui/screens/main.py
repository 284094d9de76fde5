"""Provides the main screen: question box, then the briefing or the answers and passages."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.message import Message
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import (
    Button,
    Footer,
    Input,
    OptionList,
    TabbedContent,
    TabPane,
    Tabs,
)
from textual.worker import get_current_worker

from briefing import Briefing, CorpusStats
from briefing.tui import styling
from briefing.tui.present import Outcome
from briefing.tui.session import SessionClosed
from briefing.tui.widgets.answer import AnswerPanel
from briefing.tui.widgets.briefing import BRIEFING_FACTS, BriefingPanel, FactList
from briefing.tui.widgets.header import CorpusHeader
from briefing.tui.widgets.lists import AnswerList, ResultsList
from briefing.tui.widgets.progress import IndexStatus
from briefing.tui.widgets.question import CorpusSuggester, QuestionInput

if TYPE_CHECKING:
    from briefing.tui.app import BriefingApp

# A query usually takes milliseconds: show the spinner only when it does not, so fast
# answers do not flicker.
SPINNER_DELAY = 0.15
OPENING_DELAY = 0.3


BRIEFING_TAB, ANSWERS_TAB = "briefing-tab", "answers-tab"
# Typed in the question box, "brief: TOPIC" briefs the passages TOPIC matches ("brief:" alone,
# the whole corpus again), as `briefing brief TOPIC` does on the command line.
BRIEF_PREFIX = "brief:"


def briefing_topic(typed: str) -> str | None:
    """The topic of a "brief: TOPIC" command ("" for the whole corpus), or None: a question."""
    if typed[: len(BRIEF_PREFIX)].casefold() != BRIEF_PREFIX:
        return None
    return typed[len(BRIEF_PREFIX) :].strip()


class MainScreen(Screen[None]):
    """Read the briefing or ask, read the answer, pick a passage."""

    class Briefed(Message):
        """Posted by the briefing worker with the briefing of corpus state `generation`."""

        def __init__(
            self,
            generation: int,
            briefing: Briefing | None,
            problem: str | None = None,
            topic: str | None = None,
        ) -> None:
            super().__init__()
            self.generation, self.briefing, self.problem = generation, briefing, problem
            self.topic = topic

    class Answered(Message):
        """Posted by the query worker with the outcome of question number `generation`."""

        def __init__(
            self, generation: int, outcome: Outcome | None, problem: str | None = None
        ) -> None:
            super().__init__()
            self.generation, self.outcome, self.problem = generation, outcome, problem

    AUTO_FOCUS = "#question"
    # One key, two labels: the footer names the tab F2 goes to (check_action shows one).
    BINDINGS = [
        Binding("f2", "show_answers", "Answers", tooltip="Show the answers"),
        Binding("f2", "show_briefing", "Briefing", tooltip="Show the briefing"),
    ]

    app: BriefingApp

    def __init__(self) -> None:
        super().__init__()
        self.outcome: Outcome | None = None
        self.briefing: Briefing | None = None  # the one shown, for the export
        self.topic: str | None = None  # what the briefing shown is about (None: everything)
        self._generation = 0  # bumped per question: older results are stale and dropped
        self._pending: str | None = None  # asked before the corpus was open
        self._spinner: Timer | None = None
        self._opening_timer: Timer | None = None
        self._briefing_generation = 0  # bumped per corpus state: older briefings are dropped
        self._asked_fact = False  # the answers take the focus when they come from a fact

    def compose(self) -> ComposeResult:
        yield CorpusHeader(id="header")
        with Horizontal(id="ask-row"):
            yield QuestionInput(
                self.app.history, placeholder="Ask a question about these articles…", id="question"
            )
            yield Button("Ask", id="ask-button", variant="primary")
        with TabbedContent(id="tabs", initial=BRIEFING_TAB):
            with TabPane("Briefing", id=BRIEFING_TAB):
                yield BriefingPanel(id="briefing")
            with TabPane("Answers", id=ANSWERS_TAB):
                yield AnswerPanel(id="answer")
                yield ResultsList(id="results")
        yield IndexStatus(id="opening")
        yield Footer()

    def on_mount(self) -> None:
        # Tab moves between the question and what answers it; the Ask button (enter does its
        # job) and the tab strip (F2 does its job) stay clickable but out of the focus chain.
        self.query_one("#ask-button", Button).can_focus = False
        self.query_one(TabbedContent).query_one(Tabs).can_focus = False
        results = self.query_one(ResultsList)
        results.border_title = "Passages"
        results.add_class("-empty")

    # Corpus lifecycle (called by the app).

    def corpus_opening(self, name: str, message: str, *, at_once: bool = False) -> None:
        """Show that a corpus is being opened: the indexing panel only if it takes a while."""
        self.query_one(CorpusHeader).show_opening(name)
        self.query_one(IndexStatus).start(message)
        self._stop_opening_timer()
        self.add_class("-loading")  # no panel of the last state flashes while it opens
        self.refresh_bindings()
        if at_once:
            self.add_class("-opening")
        else:
            # A warm cache opens in milliseconds: do not flash the panel for that.
            self._opening_timer = self.set_timer(OPENING_DELAY, lambda: self.add_class("-opening"))

    def _stop_opening_timer(self) -> None:
        if self._opening_timer is not None:
            self._opening_timer.stop()
            self._opening_timer = None

    def corpus_progress(self, phase: str, done: int, total: int | None) -> None:
        self.query_one(IndexStatus).advance(phase, done, total)

    def _opened(self) -> None:
        self._stop_opening_timer()
        self.remove_class("-opening", "-loading")
        self.query_one(IndexStatus).stop()
        self.refresh_bindings()

    def corpus_ready(self, stats: CorpusStats) -> None:
        self._opened()
        self.query_one(CorpusHeader).show_stats(stats)
        self.query_one(QuestionInput).suggester = CorpusSuggester(self.app.session.complete)
        self.load_briefing()
        if self._pending is not None:
            question, self._pending = self._pending, None
            self.ask(question)
        elif self.outcome is not None:
            self.ask(self.outcome.question)  # the same question, of the new index

    def corpus_refreshed(self, stats: CorpusStats) -> None:
        """The folder changed and was re-indexed: new figures, a new briefing."""
        self.query_one(CorpusHeader).show_stats(stats)
        self.load_briefing()

    def corpus_failed(self, name: str, message: str) -> None:
        self._opened()
        self.query_one(CorpusHeader).show_opening(name, "not opened")
        self._pending = None
        self.show_tab(ANSWERS_TAB)
        self.query_one(BriefingPanel).show_message("No briefing: the corpus is not open.")
        self.query_one(AnswerPanel).show_message(
            f"{message}\nOpen another folder from the command palette (ctrl+p).",
            style=styling.ERROR,
        )

    # The briefing.

    def load_briefing(self, topic: str | None = None, *, keep_topic: bool = True) -> None:
        """Compute the briefing (of `topic`'s passages, if one is given; else of the topic
        shown, with `keep_topic`) in a worker on the engine thread, and show it when ready."""
        if topic is not None or not keep_topic:
            self.topic = topic or None
        self._briefing_generation += 1
        if self.topic:
            self.query_one(BriefingPanel).show_message(f"Briefing on {self.topic}…")
        self._run_briefing(self._briefing_generation, self.topic)

    @work(thread=True, exclusive=True, group="briefing")
    def _run_briefing(self, generation: int, topic: str | None) -> None:
        worker = get_current_worker()
        try:
            made = self.app.session.brief(BRIEFING_FACTS, topic)
            briefed = self.Briefed(generation, made, topic=topic)
        except SessionClosed:
            return
        except Exception as error:  # shown in the panel: the briefing must never end the app
            briefed = self.Briefed(generation, None, str(error), topic)
        if not worker.is_cancelled:
            self.post_message(briefed)

    def on_main_screen_briefed(self, message: Briefed) -> None:
        if message.generation != self._briefing_generation:
            return
        panel = self.query_one(BriefingPanel)
        self.briefing = message.briefing
        if message.briefing is None:
            panel.show_message(
                f"The briefing could not be made: {message.problem}", style=styling.ERROR
            )
        else:
            panel.show_briefing(message.briefing, message.topic)

    @on(OptionList.OptionSelected, "#facts")
    def _ask_fact(self) -> None:
        fact = self.query_one(FactList).current
        if fact is None:
            return
        box = self.query_one(QuestionInput)
        box.value = fact.text
        box.cursor_position = len(fact.text)
        self._asked_fact = True
        self._ask_typed(fact.text)

    @property
    def showing_briefing(self) -> bool:
        return self.query_one(TabbedContent).active == BRIEFING_TAB

    def show_tab(self, tab: str) -> None:
        self.query_one(TabbedContent).active = tab
        self.refresh_bindings()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("show_answers", "show_briefing"):
            if self.has_class("-loading"):
                return False  # neither tab shows while a corpus opens
            return (action == "show_answers") == self.showing_briefing
        return True

    def action_show_answers(self) -> None:
        self._switch_tab(ANSWERS_TAB)

    def action_show_briefing(self) -> None:
        self._switch_tab(BRIEFING_TAB)

    def _switch_tab(self, tab: str) -> None:
        self.show_tab(tab)
        self.refresh_bindings()  # the footer's F2 now names the other tab
        if not isinstance(self.focused, Input):
            self.focus_answers()

    # Asking.

    @on(Input.Submitted, "#question")
    def _submitted(self, event: Input.Submitted) -> None:
        self._ask_typed(event.value)

    @on(Button.Pressed, "#ask-button")
    def _pressed(self) -> None:
        self._ask_typed(self.query_one(QuestionInput).value)

    def _ask_typed(self, value: str) -> None:
        question = value.strip()
        if not question:
            return
        problem = self.app.history.add(question)
        if problem:
            self.notify(problem, severity="warning", markup=False)
        topic = briefing_topic(question)
        if topic is not None:  # "brief: ID cards": the briefing of that topic, not an answer
            self.show_tab(BRIEFING_TAB)
            self.load_briefing(topic, keep_topic=False)
            return
        self.ask(question)

    def ask(self, question: str) -> None:
        """Answer `question` in a worker; a newer question makes this one's result stale."""
        self._generation += 1
        if self.app.session.library is None:
            self._pending = question
            self.show_tab(ANSWERS_TAB)
            self.query_one(AnswerPanel).show_message(
                "Opening the corpus… the question will be answered as soon as it is ready."
            )
            self.query_one(IndexStatus).question_pending(question)
            return
        self._stop_spinner()
        self._spinner = self.set_timer(SPINNER_DELAY, self._start_spinner)
        self._run_query(question, self._generation)

    @work(thread=True, exclusive=True, group="query")
    def _run_query(self, question: str, generation: int) -> None:
        worker = get_current_worker()
        try:
            answered = self.Answered(generation, self.app.session.ask(question))
        except SessionClosed:
            return
        except Exception as error:  # shown in the panel: a query must never end the app
            answered = self.Answered(generation, None, str(error))
        if not worker.is_cancelled:
            self.post_message(answered)  # never blocks, even while the app shuts down

    def on_main_screen_answered(self, message: Answered) -> None:
        if message.generation != self._generation:
            return  # a newer question was asked meanwhile: this result is stale
        if message.outcome is None:
            self._query_failed(message.problem or "unknown error")
        else:
            self._show_outcome(message.outcome)

    def _show_outcome(self, outcome: Outcome) -> None:
        self._stop_spinner()
        self.outcome = outcome
        self.query_one(AnswerPanel).show_outcome(outcome)
        results = self.query_one(ResultsList)
        count = len(outcome.passages)
        heading = "Passages" if outcome.answers else "Closest passages (weak)"
        results.show(outcome.passages, f"{heading} · {count}")
        results.set_class(not outcome.passages, "-empty")
        results.scroll_home(animate=False)
        self.show_tab(ANSWERS_TAB)
        if self._asked_fact:
            self._asked_fact = False
            self.call_after_refresh(self.focus_answers)

    def _query_failed(self, message: str) -> None:
        self._stop_spinner()
        self.show_tab(ANSWERS_TAB)
        self.query_one(AnswerPanel).show_message(
            f"The question could not be answered: {message}", style=styling.ERROR
        )

    def _start_spinner(self) -> None:
        self.query_one(AnswerPanel).loading = True

    def _stop_spinner(self) -> None:
        if self._spinner is not None:
            self._spinner.stop()
            self._spinner = None
        self.query_one(AnswerPanel).loading = False

    # Reading.

    @on(OptionList.OptionSelected, "#answers")
    def _open_answer(self) -> None:
        answer = self.query_one(AnswerList).current
        if answer is not None:
            self.app.open_source(answer.source, answer.passage_offset, answer.line)

    @on(OptionList.OptionSelected, "#results")
    def _open_passage(self, event: OptionList.OptionSelected) -> None:
        passage = self.query_one(ResultsList).current
        if passage is not None:
            self.app.open_source(passage.source, passage.passage_offset, passage.line)

    def focus_question(self) -> None:
        self.query_one(QuestionInput).focus()

    @on(QuestionInput.Leave)
    def focus_answers(self) -> None:
        """Focus the facts (on the briefing), else the answers, else the passages; stay in the
        box when there is none of them."""
        if self.query_one(TabbedContent).active == BRIEFING_TAB:
            facts = self.query_one(FactList)
            if facts.display and facts.option_count:
                facts.focus()
            return
        for widget in (self.query_one(AnswerList), self.query_one(ResultsList)):
            if widget.display and not widget.has_class("-empty") and widget.option_count:
                widget.focus()
                return
