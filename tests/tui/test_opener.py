"""Tests of `o` in the source view: $VISUAL, then $EDITOR, then a pager, each named in a notice.

The programs are fake: shell scripts on a private PATH that record their arguments, never a
real interactive program.
"""

from __future__ import annotations

import contextlib
import stat
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from briefing.tui.app import BriefingApp
from briefing.tui.opener import choose_opener
from briefing.tui.screens.source import SourceScreen

from .conftest import ask, wait_for

MILITARY = "Which ministry blocked DeepSeek on military computers?"
MakeApp = Callable[..., BriefingApp]


def fake_program(folder: Path, name: str, record: Path) -> Path:
    """A program called `name` that writes its name and arguments, one a line, to `record`."""
    folder.mkdir(exist_ok=True)
    program = folder / name
    program.write_text(f'#!/bin/sh\nprintf "%s\\n" "{name}" "$@" > "{record}"\n')
    program.chmod(program.stat().st_mode | stat.S_IXUSR)
    return program


@pytest.fixture
def fake_bin(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty PATH of our own: only the fake programs a test puts there can be found."""
    folder = tmp_path / "bin"
    folder.mkdir()
    monkeypatch.setenv("PATH", str(folder))
    return folder


async def open_o(app: BriefingApp, monkeypatch: pytest.MonkeyPatch) -> tuple[list[str], int]:
    """Ask, open the first passage, press `o`; returns the notices and the paragraph's line."""
    said: list[str] = []
    notify = app.notify
    monkeypatch.setattr(
        app, "notify", lambda message, **kw: (said.append(message), notify(message, **kw))
    )

    @contextlib.contextmanager
    def suspend() -> Iterator[None]:  # headless tests have no terminal to hand over
        yield

    monkeypatch.setattr(app, "suspend", suspend)
    async with app.run_test(size=(100, 30)) as pilot:
        main = await ask(pilot, MILITARY)
        main.query_one("#results").focus()
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, SourceScreen) and app.screen.loaded)
        screen = app.screen
        assert isinstance(screen, SourceScreen) and screen.document_view is not None
        assert screen.target is not None
        line = screen.document_view.paragraphs[screen.target].line
        await pilot.press("o")
        await wait_for(pilot, lambda: said)
        assert app.is_running
    return said, line


def recorded(record: Path) -> list[str]:
    return record.read_text(encoding="utf-8").splitlines()


async def test_visual_comes_before_editor(
    make_app: MakeApp, fake_bin: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    record = tmp_path / "ran.txt"
    fake_program(fake_bin, "visual-editor", record)
    fake_program(fake_bin, "plain-editor", tmp_path / "not-ran.txt")
    monkeypatch.setenv("VISUAL", "visual-editor --wait")
    monkeypatch.setenv("EDITOR", "plain-editor")
    said, line = await open_o(make_app(), monkeypatch)
    name, *arguments = recorded(record)
    assert name == "visual-editor"
    assert arguments[:2] == ["--wait", f"+{line}"] and arguments[2].endswith(".txt")
    assert not (tmp_path / "not-ran.txt").exists()
    assert said == [f"Opened {Path(arguments[2]).name} at line {line} in visual-editor ($VISUAL)."]


async def test_editor_is_used_when_visual_is_not_found(
    make_app: MakeApp, fake_bin: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    record = tmp_path / "ran.txt"
    fake_program(fake_bin, "plain-editor", record)
    monkeypatch.setenv("VISUAL", "no-such-editor")
    monkeypatch.setenv("EDITOR", "plain-editor")
    said, line = await open_o(make_app(), monkeypatch)
    assert recorded(record)[:2] == ["plain-editor", f"+{line}"]
    assert said[0].endswith("in plain-editor ($EDITOR); no-such-editor ($VISUAL) not found.")


async def test_without_an_editor_less_shows_the_file_at_the_line(
    make_app: MakeApp, fake_bin: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    record = tmp_path / "ran.txt"
    fake_program(fake_bin, "less", record)
    fake_program(fake_bin, "more", tmp_path / "not-ran.txt")
    said, line = await open_o(make_app(), monkeypatch)
    name, at, path = recorded(record)
    assert (name, at) == ("less", f"+{line}") and Path(path).is_file()
    assert said[0].endswith("in less; no $VISUAL or $EDITOR set.")


async def test_nothing_to_open_with_is_said_not_silent(
    make_app: MakeApp, fake_bin: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("VISUAL", "no-such-editor")
    said, _ = await open_o(make_app(), monkeypatch)
    assert said[0].startswith("Cannot open ")
    assert said[0].endswith(
        ": no $EDITOR set; no-such-editor ($VISUAL) not found; no less or more on PATH."
    )
    assert list(fake_bin.iterdir()) == []


def test_pager_variable_and_arguments(tmp_path: Path) -> None:
    record = tmp_path / "unused"
    folder = tmp_path / "bin"
    for name in ("less", "cat", "code"):
        fake_program(folder, name, record)
    path, env = tmp_path / "story.txt", {"PATH": str(folder)}
    choice = choose_opener(path, 12, {**env, "PAGER": "less -R"})
    assert choice.opener is not None and not choice.opener.editor
    assert choice.opener.command == (str(folder / "less"), "-R", "+12", str(path))
    assert choice.passed_over == ("no $VISUAL or $EDITOR set",)
    # A pager not known to take +LINE gets the file alone.
    choice = choose_opener(path, 12, {**env, "PAGER": "cat"})
    assert choice.opener is not None and choice.opener.command == (str(folder / "cat"), str(path))
    # A variable that is not a command is passed over, with the reason.
    choice = choose_opener(path, 12, {**env, "VISUAL": "'unclosed", "EDITOR": "code -w"})
    assert choice.opener is not None and choice.opener.editor
    assert choice.opener.command == (str(folder / "code"), "-w", "+12", str(path))
    assert choice.passed_over == ("$VISUAL is not a command",)
