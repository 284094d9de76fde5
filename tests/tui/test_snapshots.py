"""Snapshot tests of the reader at 100×30 and at 80×24 (the smallest usual terminal): the
briefing, an answer, no answer, the source view, the help, and a corpus being indexed."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator

import pytest
from textual.pilot import Pilot

from briefing import Library
from briefing.tui.app import BriefingApp
from briefing.tui.screens.source import SourceScreen
from briefing.tui.widgets.briefing import FactList
from briefing.tui.widgets.lists import ResultsList
from briefing.tui.widgets.question import QuestionInput

from .conftest import ask, ready, wait_for

MakeApp = Callable[..., BriefingApp]
MILITARY = "Which ministry blocked DeepSeek on military computers?"


@pytest.fixture(params=[(100, 30), (80, 24)], ids=["100x30", "80x24"])
def size(request: pytest.FixtureRequest) -> tuple[int, int]:
    return request.param


def still_cursor(pilot: Pilot) -> None:
    """A blinking cursor would make the pictures differ from run to run."""
    pilot.app.query_one(QuestionInput).cursor_blink = False


def test_main_screen_with_an_answer(snap_compare, make_app: MakeApp, size) -> None:
    """Answers in a gutter (band, then every line in one column), then the passages."""

    async def run_before(pilot: Pilot) -> None:
        await ask(pilot, MILITARY)
        still_cursor(pilot)

    assert snap_compare(make_app(), terminal_size=size, run_before=run_before)


def test_no_answer_state(snap_compare, make_app: MakeApp, size) -> None:
    async def run_before(pilot: Pilot) -> None:
        await ask(pilot, "What is the tallest mountain in Africa?")
        still_cursor(pilot)

    assert snap_compare(make_app(), terminal_size=size, run_before=run_before)


def test_source_view(snap_compare, make_app: MakeApp, size) -> None:
    """The source at the chosen passage, one n pressed: the header names the match's paragraph."""

    async def run_before(pilot: Pilot) -> None:
        main = await ask(pilot, MILITARY)
        still_cursor(pilot)
        main.query_one(ResultsList).focus()
        await pilot.press("enter")  # open the first passage
        await wait_for(pilot, lambda: isinstance(pilot.app.screen, SourceScreen))
        screen = pilot.app.screen
        await wait_for(pilot, lambda: screen.loaded)
        await pilot.press("n")  # the next match

    assert snap_compare(make_app(), terminal_size=size, run_before=run_before)


def test_help_screen(snap_compare, make_app: MakeApp, size) -> None:
    async def run_before(pilot: Pilot) -> None:
        main = await ready(pilot)
        facts = main.query_one(FactList)
        await wait_for(pilot, lambda: facts.facts)  # the briefing behind it, whole
        await pilot.wait_for_scheduled_animations()
        await pilot.pause()  # laid out with its scroll bar before the help covers it
        still_cursor(pilot)
        await pilot.press("f1")

    assert snap_compare(make_app(), terminal_size=size, run_before=run_before)


def test_briefing_panel(snap_compare, make_app: MakeApp, size) -> None:
    """Facts with their rank in a gutter, key actors and conflicts under a rule."""

    async def run_before(pilot: Pilot) -> None:
        main = await ready(pilot)
        facts = main.query_one(FactList)
        await wait_for(pilot, lambda: facts.facts)
        still_cursor(pilot)
        await pilot.pause()

    assert snap_compare(make_app(), terminal_size=size, run_before=run_before)


@pytest.fixture
def held_open(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Opening a corpus waits until the test ends, so the indexing panel holds still; the
    spinner's clock stands still too (it draws its dots from the time)."""
    release = threading.Event()
    opened = Library.index

    def wait_then_open(*args, **kwargs):  # type: ignore[no-untyped-def]
        release.wait(30)
        return opened(*args, **kwargs)

    monkeypatch.setattr(Library, "index", wait_then_open)
    monkeypatch.setattr("textual.widgets._loading_indicator.time", lambda: 0.0)
    try:
        yield
    finally:
        release.set()


def test_indexing_panel(snap_compare, make_app: MakeApp, size, held_open: None) -> None:
    """While indexing: spinner, phase and count, a centred bar, the question asked meanwhile;
    no panel of the briefing or the answers around it."""

    async def run_before(pilot: Pilot) -> None:
        main = pilot.app.main  # type: ignore[attr-defined]
        await wait_for(pilot, lambda: main.has_class("-opening"))
        main.corpus_progress("reading files", 997, 2225)
        box = main.query_one(QuestionInput)
        box.value = MILITARY
        await pilot.press("enter")  # asked before the index is ready
        still_cursor(pilot)
        await pilot.pause()

    assert snap_compare(make_app(), terminal_size=size, run_before=run_before)
