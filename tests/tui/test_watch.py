"""Tests of what an idle reader does: its looks at the folder cost a bounded share of a core,
however large the folder, and its cursor stops blinking when nobody types."""

from __future__ import annotations

import os
import time
from collections.abc import Callable

import pytest

from briefing.tui.app import BriefingApp
from briefing.tui.session import Session
from briefing.tui.watch import CHANGE_POLL, WATCH_SHARE, WatchPace
from briefing.tui.widgets import question
from briefing.tui.widgets.question import QuestionInput

from .conftest import ready, wait_for

MakeApp = Callable[..., BriefingApp]


def test_the_pause_grows_with_the_cost_of_a_look() -> None:
    pace = WatchPace()
    assert pace.looked(0.001, changed=False) == CHANGE_POLL  # a small folder: every 3 s
    # A costly look (a large folder) waits until it is WATCH_SHARE of the time.
    assert pace.looked(0.3, changed=False) == pytest.approx(0.3 / WATCH_SHARE)
    assert 0.3 / pace.pause <= WATCH_SHARE
    # A look that found changes re-indexed them too: its cost does not set the pace.
    assert pace.looked(5.0, changed=True) == pytest.approx(0.3 / WATCH_SHARE)
    assert pace.looked(0.0, changed=False) == CHANGE_POLL


async def test_the_reader_keeps_looking_at_the_pace_a_look_costs(
    make_app: MakeApp, monkeypatch: pytest.MonkeyPatch
) -> None:
    looks: list[float] = []

    def costly_look(self: Session) -> None:
        looks.append(time.monotonic())
        spent = time.process_time()
        while time.process_time() - spent < 0.03:  # a 30 ms stat walk
            pass

    monkeypatch.setattr(Session, "refresh_if_changed", costly_look)
    app = make_app()
    app._pace = WatchPace(least=0.01, share=0.1, pause=0.01)  # 30 ms at 10%: pauses of 0.3 s
    async with app.run_test(size=(100, 30)) as pilot:
        await ready(pilot)
        await wait_for(pilot, lambda: len(looks) >= 3)  # each look schedules the next
        assert app._pace.pause >= 0.3
        gaps = [later - earlier for earlier, later in zip(looks, looks[1:], strict=False)]
        assert min(gaps) >= 0.3  # never faster than its cost allows


async def visibility(pilot, seconds: float) -> set[bool]:  # type: ignore[no-untyped-def]
    """The cursor's states seen over `seconds`."""
    box = pilot.app.query_one(QuestionInput)
    seen: set[bool] = set()
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        seen.add(box._cursor_visible)
        await pilot.pause(0.05)
    return seen


async def test_the_cursor_holds_still_when_nobody_types(
    make_app: MakeApp, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(question, "BLINK_SECONDS", 1.5)
    async with make_app().run_test(size=(100, 30)) as pilot:
        box = pilot.app.query_one(QuestionInput)
        await pilot.press("a")
        assert box.cursor_blink
        assert await visibility(pilot, 1.2) == {True, False}  # blinking while typed in
        await wait_for(pilot, lambda: not box.cursor_blink)
        assert await visibility(pilot, 1.2) == {True}  # idle: steady, no redraw timer
        await pilot.press("b")
        assert box.cursor_blink and box.value == "ab"


def test_the_idle_benchmark_reads_a_process_cpu_time() -> None:
    from benchmarks.tui_idle import cpu_seconds

    before = cpu_seconds(os.getpid())
    spent = time.process_time()
    while time.process_time() - spent < 0.1:
        pass
    assert 0.05 <= cpu_seconds(os.getpid()) - before <= 1.0
