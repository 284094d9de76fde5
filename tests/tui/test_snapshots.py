"""Snapshot tests of the reader at 100×30: briefing, an answer, no answer, source view, help."""

from __future__ import annotations

from collections.abc import Callable

from textual.pilot import Pilot

from briefing.tui.app import BriefingApp
from briefing.tui.screens.source import SourceScreen
from briefing.tui.widgets.briefing import FactList
from briefing.tui.widgets.lists import ResultsList
from briefing.tui.widgets.question import QuestionInput

from .conftest import ask, ready, wait_for

SIZE = (100, 30)
MakeApp = Callable[..., BriefingApp]


def still_cursor(pilot: Pilot) -> None:
    """A blinking cursor would make the pictures differ from run to run."""
    pilot.app.query_one(QuestionInput).cursor_blink = False


def test_main_screen_with_an_answer(snap_compare, make_app: MakeApp) -> None:
    async def run_before(pilot: Pilot) -> None:
        await ask(pilot, "Which ministry blocked DeepSeek on military computers?")
        still_cursor(pilot)

    assert snap_compare(make_app(), terminal_size=SIZE, run_before=run_before)


def test_no_answer_state(snap_compare, make_app: MakeApp) -> None:
    async def run_before(pilot: Pilot) -> None:
        await ask(pilot, "What is the tallest mountain in Africa?")
        still_cursor(pilot)

    assert snap_compare(make_app(), terminal_size=SIZE, run_before=run_before)


def test_source_view(snap_compare, make_app: MakeApp) -> None:
    async def run_before(pilot: Pilot) -> None:
        main = await ask(pilot, "Which ministry blocked DeepSeek on military computers?")
        still_cursor(pilot)
        main.query_one(ResultsList).focus()
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(pilot.app.screen, SourceScreen))
        screen = pilot.app.screen
        await wait_for(pilot, lambda: screen.loaded)
        await pilot.press("n")

    assert snap_compare(make_app(), terminal_size=SIZE, run_before=run_before)


def test_help_screen(snap_compare, make_app: MakeApp) -> None:
    async def run_before(pilot: Pilot) -> None:
        await ready(pilot)
        still_cursor(pilot)
        await pilot.press("f1")

    assert snap_compare(make_app(), terminal_size=SIZE, run_before=run_before)


def test_briefing_panel(snap_compare, make_app: MakeApp) -> None:
    async def run_before(pilot: Pilot) -> None:
        main = await ready(pilot)
        facts = main.query_one(FactList)
        await wait_for(pilot, lambda: facts.facts)
        still_cursor(pilot)
        await pilot.pause()

    assert snap_compare(make_app(), terminal_size=SIZE, run_before=run_before)
