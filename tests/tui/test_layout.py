"""Tests of the reader's layout at 80×24: the footer fits, wrapped lines keep their indent, the
indexing panel is centred and shows nothing of the last state."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator

import pytest
from textual.app import App, ComposeResult
from textual.content import Content
from textual.widgets import Footer, ProgressBar, Static, TabbedContent

from briefing import Library
from briefing.tui.app import BriefingApp
from briefing.tui.hanging import MIN_BODY, Hanging, Stacked
from briefing.tui.screens import main as main_screen
from briefing.tui.screens.main import MainScreen
from briefing.tui.screens.source import SourceScreen
from briefing.tui.widgets.briefing import FactList
from briefing.tui.widgets.lists import AnswerList, ResultsList
from briefing.tui.widgets.progress import IndexStatus

from .conftest import ask, ready, wait_for

SMALL = (80, 24)
MILITARY = "Which ministry blocked DeepSeek on military computers?"
MakeApp = Callable[..., BriefingApp]


def footer_fits(app: App[object]) -> bool:
    """The footer's keys all show: its content is no wider than the footer itself."""
    footer = app.screen.query_one(Footer)
    keys = [child for child in footer.children if child.display]
    right = min((k.region.x for k in keys if k.has_class("-command-palette")), default=None)
    others = [k for k in keys if not k.has_class("-command-palette")]
    end = max(k.region.right for k in others)
    return footer.virtual_size.width <= footer.size.width and (right is None or end <= right)


def footer_labels(app: App[object]) -> str:
    return " ".join(str(child.render()) for child in app.screen.query_one(Footer).query("*"))


async def test_the_footer_fits_80_columns_wherever_the_focus_is(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=SMALL) as pilot:
        main = await ready(pilot)
        await wait_for(pilot, lambda: main.query_one(FactList).facts)
        await pilot.pause()
        assert footer_fits(app), "question box"
        main.query_one(FactList).focus()
        await pilot.pause()
        assert footer_fits(app), "facts"
        await ask(pilot, MILITARY)
        for widget in (AnswerList, ResultsList):
            main.query_one(widget).focus()
            await pilot.pause()
            assert footer_fits(app), widget.__name__
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, SourceScreen) and app.screen.loaded)
        await pilot.pause()
        assert footer_fits(app), "source view"


async def test_f2_is_labelled_with_the_tab_it_shows(make_app: MakeApp) -> None:
    async with make_app().run_test(size=SMALL) as pilot:
        main = await ready(pilot)
        await pilot.pause()
        tabs = main.query_one(TabbedContent)
        assert tabs.active == "briefing-tab" and "Answers" in footer_labels(pilot.app)
        await pilot.press("f2")
        await pilot.pause()
        assert tabs.active == "answers-tab"
        labels = footer_labels(pilot.app)
        assert "Briefing" in labels and "Answers" not in labels


class Shown(App[None]):
    def __init__(self, visual: Hanging | Stacked) -> None:
        super().__init__()
        self.visual = visual

    def compose(self) -> ComposeResult:
        yield Static(self.visual)


def rows(app: App[None]) -> list[str]:
    lines = app.screen.query_one(Static).render_lines(app.screen.query_one(Static).region)
    return ["".join(segment.text for segment in line).rstrip() for line in lines]


async def test_wrapped_lines_keep_to_the_column_after_the_gutter() -> None:
    body = "The country's defense ministry also took action, blocking access to DeepSeek."
    visual = Hanging(Content("high"), Content(f"{body}\nsecond line of the same answer"), 8)
    async with Shown(visual).run_test(size=(40, 10)) as pilot:
        await pilot.pause()
        lines = [line for line in rows(pilot.app) if line]
    assert lines[0].startswith("high    The country")
    assert len(lines) > 3  # the sentence wrapped
    assert all(line.startswith(" " * 8) and line[8] != " " for line in lines[1:])
    assert lines[-1].strip() == "second line of the same answer"
    assert str(visual).startswith("high    The country")


async def test_a_narrow_panel_runs_gutter_and_body_on() -> None:
    visual = Stacked([Hanging("  key", "what the key does, in a few words", 20)])
    async with Shown(visual).run_test(size=(20 + MIN_BODY - 1, 6)) as pilot:
        await pilot.pause()
        lines = [line for line in rows(pilot.app) if line]
    assert lines[0].startswith("  key" + " " * 15 + "what")
    assert not lines[1].startswith(" " * 20)  # no ribbon of a few letters a line


@pytest.fixture
def held_open(monkeypatch: pytest.MonkeyPatch) -> Iterator[threading.Event]:
    """Opening a corpus waits until the test releases it."""
    release = threading.Event()
    opened = Library.index

    def wait_then_open(*args, **kwargs):  # type: ignore[no-untyped-def]
        release.wait(30)
        return opened(*args, **kwargs)

    monkeypatch.setattr(Library, "index", wait_then_open)
    try:
        yield release
    finally:
        release.set()


async def test_indexing_shows_nothing_of_the_tabs_and_a_centred_bar(
    make_app: MakeApp, held_open: threading.Event, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A longer delay than the app's 0.3 s: on a loaded machine starting the app and one pause
    # could outlast it, and the first assertion would see the bar already (a flaky failure).
    monkeypatch.setattr(main_screen, "OPENING_DELAY", 2.0)
    app = make_app()
    async with app.run_test(size=SMALL) as pilot:
        main: MainScreen = app.main  # type: ignore[assignment]
        await pilot.pause()
        tabs = main.query_one(TabbedContent)
        # Before the panel shows (a warm cache opens in milliseconds): no empty briefing panel.
        assert not main.has_class("-opening") and not tabs.display
        await wait_for(pilot, lambda: main.has_class("-opening"))
        main.corpus_progress("reading files", 997, 2225)
        await pilot.pause()
        status = main.query_one(IndexStatus)
        bar = main.query_one(ProgressBar)
        parts = [child.region for child in bar.children if child.display]
        left, right = min(r.x for r in parts), max(r.right for r in parts)
        middle = status.region.x + status.region.width / 2
        assert abs((left + right) / 2 - middle) <= 1
        message = main.query_one("#index-message", Static)
        assert str(message.content) == "Reading files: 997 of 2,225…"
        main.corpus_progress("reading files", 2225, 2225)  # the next phase may be silent
        await pilot.pause()
        assert str(message.content) == "Reading files: 2,225 done. Finishing the index…"
        assert not bar.query_one("#percentage").display
        held_open.set()
        await wait_for(pilot, lambda: app.stats is not None)
        await pilot.pause()
        assert tabs.display and not status.display
        assert not status.query("LoadingIndicator")  # no spinner timer left running
