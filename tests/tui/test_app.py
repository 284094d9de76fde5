"""Pilot tests of the reader: asking, no answer, history, source view, copy, export, keys."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest

from briefing.tui.app import BriefingApp
from briefing.tui.screens.help import HelpScreen
from briefing.tui.screens.main import MainScreen
from briefing.tui.screens.source import ParagraphView, SourceScreen
from briefing.tui.screens.stats import StatsScreen
from briefing.tui.widgets.answer import AnswerPanel
from briefing.tui.widgets.briefing import FactList
from briefing.tui.widgets.lists import AnswerList, ResultsList
from briefing.tui.widgets.question import QuestionInput

from .conftest import ask, ready, wait_for

MILITARY = "Which ministry blocked DeepSeek on military computers?"
MOUNTAIN = "What is the tallest mountain in Africa?"
MakeApp = Callable[..., BriefingApp]


def status_text(main: MainScreen) -> str:
    return str(main.query_one("#answer-status").content)


async def open_first_passage(pilot, main: MainScreen) -> SourceScreen:  # type: ignore[no-untyped-def]
    main.query_one(ResultsList).focus()
    await pilot.press("enter")
    await wait_for(pilot, lambda: isinstance(pilot.app.screen, SourceScreen))
    screen = pilot.app.screen
    await wait_for(pilot, lambda: screen.loaded)
    await pilot.pause()
    return screen


def position(screen: SourceScreen) -> tuple[int, int]:
    text = str(screen.query_one("#source-position").content)
    found = re.search(r"match (\d+)/(\d+)", text)
    assert found, text
    return int(found.group(1)), int(found.group(2))


async def test_question_box_is_focused_at_once_and_answers_with_a_citation(
    make_app: MakeApp,
) -> None:
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        assert isinstance(app.focused, QuestionInput)  # usable before the index is open
        main = await ask(pilot, MILITARY)
        answers = main.query_one(AnswerList)
        assert answers.display and answers.answers
        best = answers.answers[0]
        assert "military" in best.text
        prompt = str(answers.get_option_at_index(0).prompt)
        assert best.source in prompt and f"paragraph {best.paragraph}" in prompt
        assert answers.answers[0].confidence in str(main.query_one(AnswerPanel).border_title)
        assert "ministry, blocked" in str(main.query_one(AnswerPanel).border_subtitle)
        results = main.query_one(ResultsList)
        assert results.passages and not results.has_class("-empty")
        assert results.passages[0].answers  # the answer's passage leads, its sentence marked


async def test_no_answer_state(make_app: MakeApp) -> None:
    async with make_app().run_test(size=(100, 30)) as pilot:
        main = await ask(pilot, MOUNTAIN)
        assert "No answer in these documents" in status_text(main)
        assert not main.query_one(AnswerList).display
        assert main.query_one(AnswerPanel).has_class("-no-answer")
        outcome = main.outcome
        assert outcome is not None and not outcome.answers
        assert all(p.weak for p in outcome.passages)  # whatever is listed is marked weak


async def test_weak_passages_are_listed_when_nothing_answers(make_app: MakeApp) -> None:
    async with make_app().run_test(size=(100, 30)) as pilot:
        main = await ask(pilot, "Did Kakao win an award for chatbot design?")
        if main.outcome is not None and main.outcome.answers:
            pytest.skip("the engine found an answer; the weak state is covered elsewhere")
        results = main.query_one(ResultsList)
        assert results.passages and all(p.weak for p in results.passages)
        assert "weak" in str(results.border_title)


async def test_history_recall_and_persistence(make_app: MakeApp) -> None:
    first, second = MILITARY, "Which countries banned DeepSeek from government devices?"
    async with make_app().run_test(size=(100, 30)) as pilot:
        main = await ask(pilot, first)
        await ask(pilot, second)
        box = main.query_one(QuestionInput)
        box.value = "half typed"
        await pilot.press("up")
        assert box.value == second
        await pilot.press("up")
        assert box.value == first
        await pilot.press("down", "down")
        assert box.value == "half typed"
    async with make_app().run_test(size=(100, 30)) as pilot:  # a new run, same data folder
        box = pilot.app.query_one(QuestionInput)
        await pilot.press("up")
        assert box.value == second
        await pilot.press("up")
        assert box.value == first


async def test_a_corrupt_history_file_is_no_crash(make_app: MakeApp, tmp_path: Path) -> None:
    history = tmp_path / "data" / "history.json"
    history.parent.mkdir(parents=True)
    history.write_bytes(b'{"questions": [1, 2\x00\xff')
    async with make_app().run_test(size=(100, 30)) as pilot:
        await ask(pilot, MILITARY)
    assert '"Which ministry blocked DeepSeek' in history.read_text(encoding="utf-8")


async def test_source_view_jumps_between_matches(make_app: MakeApp) -> None:
    async with make_app().run_test(size=(100, 30)) as pilot:
        main = await ask(pilot, MILITARY)
        screen = await open_first_passage(pilot, main)
        target = screen.query_one(".-target", ParagraphView)
        assert screen.document_view is not None
        assert "military" in screen.document_view.texts[target.index]
        start, total = position(screen)
        assert total > 1
        await pilot.press("n")
        assert position(screen) == (start % total + 1, total)
        await pilot.press("N")
        assert position(screen) == (start, total)
        await pilot.press("N")
        assert position(screen) == ((start - 2) % total + 1, total)
        await pilot.press("c")
        assert pilot.app.clipboard.split("\n— ")[1].startswith(screen.source + ", paragraph ")
        await pilot.press("escape")
        assert isinstance(app_screen := pilot.app.screen, MainScreen), app_screen


async def test_enter_on_an_answer_opens_its_source(make_app: MakeApp) -> None:
    async with make_app().run_test(size=(100, 30)) as pilot:
        main = await ask(pilot, MILITARY)
        await pilot.press("escape")  # leave the box: the answers take the focus
        assert isinstance(pilot.app.focused, AnswerList)
        best = main.query_one(AnswerList).answers[0]
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(pilot.app.screen, SourceScreen))
        assert pilot.app.screen.source == best.source


async def test_copy_answer_and_passage_with_citation(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        main = await ask(pilot, MILITARY)
        await pilot.press("escape", "c")
        best = main.query_one(AnswerList).answers[0]
        assert app.clipboard.startswith(best.text)
        assert f"{best.source}, paragraph {best.paragraph}, line {best.line}" in app.clipboard
        await pilot.press("tab", "j", "c")
        second = main.query_one(ResultsList).passages[1]
        assert app.clipboard == f"{second.passage}\n— {second.citation}"


async def test_export_writes_markdown_and_never_overwrites(
    make_app: MakeApp, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    work = tmp_path / "work"
    work.mkdir()
    monkeypatch.chdir(work)
    app = make_app()
    said: list[str] = []
    notify = app.notify
    monkeypatch.setattr(
        app, "notify", lambda message, **kw: (said.append(message), notify(message, **kw))
    )
    async with app.run_test(size=(100, 30)) as pilot:
        main = await ask(pilot, MILITARY)
        await pilot.press("e")  # in the question box: just a letter
        assert not list(work.iterdir())
        assert main.query_one(QuestionInput).value.endswith("e")
        await pilot.press("escape", "e", "e")
    first = work / "briefing-which-ministry-blocked-deepseek-on-military.md"
    second = work / "briefing-which-ministry-blocked-deepseek-on-military-2.md"
    assert sorted(work.iterdir()) == [second, first]
    text = first.read_text(encoding="utf-8")
    assert text.startswith(f"# {MILITARY}")
    assert "## Answers" in text and ", paragraph " in text and "confidence high" in text
    # The same export twice, but for the minute it was made at (a run may cross one).
    def undated(path: Path) -> str:
        return re.sub(r"\d{4}-\d\d-\d\d \d\d:\d\d", "DATE", path.read_text(encoding="utf-8"))

    assert undated(first) == undated(second)
    assert any(str(first) in message for message in said)


async def test_export_inside_the_corpus_goes_to_the_data_folder(
    make_app: MakeApp, seed_corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(seed_corpus)
    async with make_app().run_test(size=(100, 30)) as pilot:
        await ask(pilot, MILITARY)
        await pilot.press("escape", "e")
    assert list((tmp_path / "data" / "exports").glob("briefing-*.md"))
    assert not list(seed_corpus.glob("briefing-*.md"))


async def test_help_opens_with_f1_and_question_mark(make_app: MakeApp) -> None:
    async with make_app().run_test(size=(100, 30)) as pilot:
        app = pilot.app
        await pilot.press("f1")
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("escape")
        assert isinstance(app.screen, MainScreen)
        await pilot.press("question_mark")  # in the question box: a character
        assert app.query_one(QuestionInput).value == "?"
        assert isinstance(app.screen, MainScreen)
        await ready(pilot)
        app.set_focus(None)
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("f1")
        assert isinstance(app.screen, MainScreen)


async def test_ctrl_q_quits_from_the_question_box(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert not app.is_running
    assert app.return_code == 0


async def test_q_types_in_the_box_and_quits_outside_it(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await ready(pilot)
        await pilot.press("q")
        assert app.query_one(QuestionInput).value == "q" and app.is_running
        app.set_focus(None)
        await pilot.press("q")
        await pilot.pause()
        assert not app.is_running
    assert app.return_code == 0


async def test_document_markup_and_escapes_are_shown_literally(
    make_app: MakeApp, tmp_path: Path
) -> None:
    corpus = tmp_path / "hostile"
    corpus.mkdir()
    hostile = "[bold red]x[/] [link=file:///etc/passwd]click[/link] [@click=app.quit]bye[/]"
    (corpus / "story.txt").write_text(
        "Harbour pilots strike\n\n"
        f"The harbour pilots announced a strike on Monday {hostile} \x1b[2J after talks failed.\n\n"
        "The port authority said ferries would keep running during the strike.\n",
        encoding="utf-8",
    )
    app = make_app(corpus)
    async with app.run_test(size=(100, 30)) as pilot:
        main = await ask(pilot, "When did the harbour pilots announce a strike?")
        results = main.query_one(ResultsList)
        shown = [str(results.get_option_at_index(i).prompt) for i in range(results.option_count)]
        assert any(hostile in text for text in shown)
        assert not any("\x1b" in text for text in shown)
        screen = await open_first_passage(pilot, main)
        texts = [str(p.content) for p in screen.query(ParagraphView)]
        assert any(hostile in text for text in texts)
        assert not any("\x1b" in text for text in texts)
        # The rendered screen holds the brackets themselves, and clicking them does nothing.
        svg = app.export_screenshot()
        assert "click" in svg and "etc/passwd" in svg
        await pilot.press("escape")
        assert app.is_running


async def test_word_completion_comes_from_the_corpus(make_app: MakeApp) -> None:
    async with make_app().run_test(size=(100, 30)) as pilot:
        await ready(pilot)
        await pilot.press(*"Which minis")
        box = pilot.app.query_one(QuestionInput)
        await wait_for(pilot, lambda: box._suggestion)
        assert box._suggestion.startswith("Which minis") and len(box._suggestion) > 11
        await pilot.press("right")
        assert box.value == box._suggestion or box.value.startswith("Which minist")


async def test_palette_actions_theme_stats_and_rebuild(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await ready(pilot)
        dark = app.current_theme.dark
        app.action_toggle_dark()
        assert app.current_theme.dark is not dark
        app.action_show_stats()
        await pilot.pause()
        assert isinstance(app.screen, StatsScreen)
        assert "documents" in str(app.screen.query_one("#stats-text").content)
        await pilot.press("escape")
        stats = app.stats
        app.action_rebuild()
        await wait_for(pilot, lambda: app.stats is not stats)
        assert app.report is not None and app.report.rebuilt


async def test_switching_to_a_missing_folder_keeps_the_open_corpus(
    make_app: MakeApp, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = make_app()
    said: list[str] = []
    monkeypatch.setattr(app, "notify", lambda message, **kw: said.append(message))
    async with app.run_test(size=(100, 30)) as pilot:
        await ready(pilot)
        before = app.corpus
        app.open_corpus(tmp_path / "nowhere")
        await wait_for(pilot, lambda: said)
        assert said[0].startswith("nowhere: ")
        assert app.corpus == before
        main = await ask(pilot, MILITARY)
        assert main.query_one(AnswerList).answers


async def test_a_stale_result_is_dropped(make_app: MakeApp) -> None:
    async with make_app().run_test(size=(100, 30)) as pilot:
        main = await ask(pilot, MILITARY)
        old = main.outcome
        assert old is not None
        await ask(pilot, MOUNTAIN)
        main.post_message(MainScreen.Answered(main._generation - 1, old))  # a late result
        await pilot.pause()
        assert main.outcome is not old
        assert "No answer" in status_text(main)


async def test_command_palette_offers_the_reader_commands(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await ready(pilot)
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"corpus statistics")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, StatsScreen))


async def test_clicking_a_passage_opens_its_source(make_app: MakeApp) -> None:
    async with make_app().run_test(size=(100, 30)) as pilot:
        main = await ask(pilot, MILITARY)
        first = main.query_one(ResultsList).passages[0]
        await pilot.click("#results", offset=(6, 2))
        await wait_for(pilot, lambda: isinstance(pilot.app.screen, SourceScreen))
        assert pilot.app.screen.source == first.source


async def test_an_empty_folder_is_explained_not_fatal(make_app: MakeApp, tmp_path: Path) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    app = make_app(empty)
    async with app.run_test(size=(100, 30)) as pilot:
        main = app.main
        await wait_for(pilot, lambda: main.query_one(AnswerPanel).has_class("-error"))
        assert "command palette" in status_text(main)
        box = main.query_one(QuestionInput)
        box.value = MILITARY
        await pilot.press("enter")  # waits for a corpus that is not there: no crash
        assert app.is_running


async def test_quitting_during_a_long_build_is_immediate(
    make_app: MakeApp, monkeypatch: pytest.MonkeyPatch
) -> None:
    import time

    from briefing import Library

    opened = Library.index

    def slow_index(*args, **kwargs):  # type: ignore[no-untyped-def]
        time.sleep(3)
        return opened(*args, **kwargs)

    monkeypatch.setattr(Library, "index", slow_index)
    app = make_app()
    started = time.monotonic()
    async with app.run_test(size=(100, 30)) as pilot:
        # The indexing panel shows after a moment (longer on a loaded machine).
        await wait_for(pilot, lambda: app.main.has_class("-opening"), timeout=1.5)
        pressed = time.monotonic()
        await pilot.press("ctrl+q")
    # The build sleeps 3 s before it starts, so an exit that waited for it would take at
    # least 1.5 s more.
    assert time.monotonic() - pressed < 1.0
    assert pressed - started < 3


async def test_slash_and_ctrl_l_return_to_the_question(make_app: MakeApp) -> None:
    async with make_app().run_test(size=(100, 30)) as pilot:
        main = await ask(pilot, MILITARY)
        main.query_one(ResultsList).focus()
        await pilot.press("slash")
        assert isinstance(pilot.app.focused, QuestionInput)
        assert main.query_one(QuestionInput).value == MILITARY  # "/" was not typed
        await open_first_passage(pilot, main)
        await pilot.press("ctrl+l")
        assert isinstance(pilot.app.screen, MainScreen)
        assert isinstance(pilot.app.focused, QuestionInput)


async def test_tab_moves_between_the_question_and_what_answers_it(make_app: MakeApp) -> None:
    """Tab from the box goes to the facts or the answers, never to the Ask button or tab strip."""
    async with make_app().run_test(size=(100, 30)) as pilot:
        main = await ready(pilot)
        facts = main.query_one(FactList)
        await wait_for(pilot, lambda: facts.facts)
        await pilot.pause()
        assert isinstance(pilot.app.focused, QuestionInput)
        await pilot.press("tab")  # the briefing tab shows: its facts
        assert pilot.app.focused is facts
        await pilot.press("tab")  # round again to the box
        assert isinstance(pilot.app.focused, QuestionInput)
        await ask(pilot, MILITARY)
        chain = []
        for _ in range(3):
            await pilot.press("tab")
            chain.append(type(pilot.app.focused))
        assert chain == [AnswerList, ResultsList, QuestionInput]
        await pilot.press("shift+tab")  # and back the other way
        assert isinstance(pilot.app.focused, ResultsList)
        await pilot.press("shift+tab", "shift+tab")
        assert isinstance(pilot.app.focused, QuestionInput)


async def test_tab_stays_in_the_box_when_nothing_answers_yet(
    make_app: MakeApp, tmp_path: Path
) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    app = make_app(empty)
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for(pilot, lambda: app.main.query_one(AnswerPanel).has_class("-error"))
        await pilot.press("tab")
        assert isinstance(app.focused, QuestionInput)


def header_paragraph(screen: SourceScreen) -> int:
    text = str(screen.query_one("#source-position").content)
    found = re.search(r"paragraph (\d+) · line \d+", text)
    assert found, text
    return int(found.group(1))


async def test_source_header_names_the_paragraph_of_the_current_match(make_app: MakeApp) -> None:
    """After n / N the header follows the match, so it names the paragraph `c` copies."""
    async with make_app().run_test(size=(100, 30)) as pilot:
        main = await ask(pilot, MILITARY)
        screen = await open_first_passage(pilot, main)
        view = screen.document_view
        assert view is not None and screen.target is not None
        assert header_paragraph(screen) == view.paragraphs[screen.target].number
        # Step until the match is in another paragraph than the one opened.
        for _ in range(len(screen.matches)):
            await pilot.press("n")
            assert screen.current is not None
            if screen.matches[screen.current][0] != screen.target:
                break
        index = screen.matches[screen.current][0]
        assert index != screen.target
        paragraph = view.paragraphs[index]
        assert header_paragraph(screen) == paragraph.number
        await pilot.press("c")
        assert pilot.app.clipboard.startswith(view.texts[index])
        assert pilot.app.clipboard.endswith(
            f"paragraph {paragraph.number}, line {paragraph.line}"
        )
