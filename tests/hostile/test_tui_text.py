"""The reader (Textual TUI) shows hostile text as data: markup literally, no control sequence
on screen, no link or action made of document text, long passages as a window."""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from textual.content import Content

from briefing.output.plain import WINDOW
from briefing.tui.app import BriefingApp
from briefing.tui.screens.source import SourceScreen
from briefing.tui.widgets.lists import AnswerList, ResultsList
from tests.tui.conftest import ask, wait_for

from .conftest import unsafe_characters, write
from .test_large_files import MARKER, single_line
from .test_text_is_data import BODY, HEADLINE, MARKUP, QUESTION

SIZE = (160, 50)


@pytest.fixture
def hostile_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "hostile"
    write(folder / "article.txt", HEADLINE + BODY)
    write(folder / "notes.md", "# Samsung \x1b[5mLaptop\x1b[0m [@click=app.quit]Rules[/]\n\n"
          "The laptop chatbot ban of Samsung reaches the \x1b]0;x\x07 Suwon desk.\n")
    return folder


@pytest.fixture
def named_folder(hostile_folder: Path) -> Path:
    """The same folder, with control characters in the names of its files."""
    notes = "Samsung laptop chatbot ban notes from the \x1b]0;x\x07 desk.\n"
    write(hostile_folder / "clear\x1b[2J.txt", notes)
    write(hostile_folder / "bad\x1b]0;pwned\x07.csv", "not indexed")
    return hostile_folder


def _prompts(app: BriefingApp) -> list[Content]:
    main = app.main
    found: list[Content] = []
    for widget in (main.query_one(AnswerList), main.query_one(ResultsList)):
        for index in range(widget.option_count):
            prompt = widget.get_option_at_index(index).prompt
            found.append(prompt if isinstance(prompt, Content) else Content(str(prompt)))
    return found


def _assert_screen_is_data(app: BriefingApp) -> str:
    """The rendered screen holds no control character; returns its text (SVG)."""
    shot = app.export_screenshot()
    assert "\x1b" not in shot and "&#27;" not in shot and "&#x1b;" not in shot.lower()
    assert unsafe_characters(shot) == []
    return shot


async def test_answers_and_passages_show_markup_literally_and_no_controls(
    hostile_folder: Path,
) -> None:
    app = BriefingApp(hostile_folder)
    async with app.run_test(size=SIZE) as pilot:
        main = await ask(pilot, QUESTION)
        assert main.outcome is not None and main.outcome.passages
        prompts = _prompts(app)
        text = "\n".join(content.plain for content in prompts)
        assert unsafe_characters(text) == []
        for tag in MARKUP:
            assert tag in text, tag  # shown as the characters it is, never parsed
        for content in prompts:
            for span in content.spans:
                style = str(span.style)
                assert "link" not in style and "@click" not in style, style
        assert "Samsung [bold red]Alert[/] Restricts Chatbots" in text
        _assert_screen_is_data(app)
        assert app.is_running  # "[@click=app.quit]" in a passage did not quit


async def test_the_source_view_shows_data(hostile_folder: Path) -> None:
    app = BriefingApp(hostile_folder)
    async with app.run_test(size=SIZE) as pilot:
        main = await ask(pilot, QUESTION)
        results = main.query_one(ResultsList)
        results.focus()
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, SourceScreen))
        screen = app.screen
        await wait_for(pilot, lambda: screen.loaded)
        await pilot.pause()
        assert screen.document_view is not None
        for text in screen.document_view.texts:
            assert unsafe_characters(text) == []
        _assert_screen_is_data(app)


async def test_file_names_with_control_characters_are_shown_harmlessly(
    named_folder: Path,
) -> None:
    app = BriefingApp(named_folder)
    async with app.run_test(size=SIZE) as pilot:
        main = await ask(pilot, QUESTION)
        assert main.outcome is not None
        text = "\n".join(content.plain for content in _prompts(app))
        assert "clear\\x1b[2J.txt" in text
        _assert_screen_is_data(app)
        results = main.query_one(ResultsList)
        sources = [p.source for p in results.passages]
        results.focus()
        results.highlighted = sources.index("clear\x1b[2J.txt")
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, SourceScreen))
        await wait_for(pilot, lambda: app.screen.loaded)  # type: ignore[attr-defined]
        _assert_screen_is_data(app)
        await pilot.press("escape")
        app.action_show_stats()
        await pilot.pause()
        assert "pwned" in _assert_screen_is_data(app)  # the skipped file, listed harmlessly


async def test_a_huge_paragraph_is_shown_as_a_window(tmp_path: Path) -> None:
    rng = random.Random(5)
    words = ["".join(rng.choices("abcdefghiklmnoprstuvy", k=rng.randint(3, 9)))
             for _ in range(5000)]
    folder = tmp_path / "long"
    write(folder / "scrape.txt", single_line(1 << 19, MARKER, distinct=4000, words=words))
    app = BriefingApp(folder)
    async with app.run_test(size=SIZE) as pilot:
        main = await ask(pilot, "Where did the zeppelin from Busan land?")
        prompts = _prompts(app)
        assert any(MARKER in content.plain for content in prompts)
        for content in prompts:
            assert len(content.plain) <= WINDOW + 400, len(content.plain)
        assert main.outcome is not None
