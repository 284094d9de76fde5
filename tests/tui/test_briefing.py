"""Pilot tests of the briefing, corroboration, document metadata, syntax help and refresh."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import pytest
from textual.widgets import TabbedContent

from briefing.models import AskResult, DocumentInfo
from briefing.output.help import SYNTAX_HELP
from briefing.reports import SearchHit, SearchResult
from briefing.tui.app import BriefingApp
from briefing.tui.present import build_outcome, passage_content
from briefing.tui.screens.help import HelpScreen
from briefing.tui.screens.main import ANSWERS_TAB, BRIEFING_TAB, MainScreen
from briefing.tui.widgets.briefing import FactList
from briefing.tui.widgets.lists import AnswerList
from briefing.tui.widgets.question import QuestionInput

from .conftest import ask, ready, wait_for

COUNTRIES = "Which countries banned DeepSeek from government devices?"
MakeApp = Callable[..., BriefingApp]


async def briefed(pilot) -> FactList:  # type: ignore[no-untyped-def]
    main = await ready(pilot)
    facts = main.query_one(FactList)
    await wait_for(pilot, lambda: facts.facts)
    await pilot.pause()
    return facts


def prompts(widget: FactList | AnswerList) -> list[str]:
    return [str(widget.get_option_at_index(i).prompt) for i in range(widget.option_count)]


def active_tab(main: MainScreen) -> str:
    return main.query_one(TabbedContent).active


async def test_the_briefing_lists_facts_with_their_sources_at_start(make_app: MakeApp) -> None:
    async with make_app().run_test(size=(80, 24)) as pilot:
        facts = await briefed(pilot)
        main = pilot.app.main  # type: ignore[attr-defined]
        assert active_tab(main) == BRIEFING_TAB
        assert any("Australia" in fact.text for fact in facts.facts)
        shown = prompts(facts)
        assert all("reported by " in text and " of 5 sources: " in text for text in shown)
        assert any("000 (fr)" in text for text in shown)  # the French article is marked
        actors = str(main.query_one("#briefing-actors").content)
        assert "DeepSeek" in actors and "South Korea" in actors
        conflicts = str(main.query_one("#briefing-conflicts").content)
        assert "Australia and Taiwan" in conflicts and "Australia and Japan" in conflicts


async def test_selecting_a_fact_asks_it(make_app: MakeApp) -> None:
    async with make_app().run_test(size=(80, 24)) as pilot:
        facts = await briefed(pilot)
        main: MainScreen = pilot.app.main  # type: ignore[attr-defined]
        chosen = next(i for i, f in enumerate(facts.facts) if "Australia" in f.text)
        facts.focus()
        facts.highlighted = facts.get_option_index(f"fact-{chosen + 1}")
        await pilot.press("enter")
        await wait_for(pilot, lambda: main.outcome is not None)
        await pilot.pause()
        fact = facts.facts[chosen]
        assert main.query_one(QuestionInput).value == fact.text
        assert main.outcome is not None and main.outcome.question == fact.text
        assert active_tab(main) == ANSWERS_TAB
        answers = main.query_one(AnswerList)
        assert answers.answers and "Australia" in answers.answers[0].text
        assert "reported by " in prompts(answers)[0]
        assert pilot.app.focused is answers  # the answers take the focus from the list
        await pilot.press("f2")
        assert active_tab(main) == BRIEFING_TAB
        assert pilot.app.focused is facts
        await pilot.press("f2")
        assert active_tab(main) == ANSWERS_TAB


async def test_conflicting_sources_are_shown_under_the_answers(make_app: MakeApp) -> None:
    async with make_app().run_test(size=(100, 30)) as pilot:
        main = await ask(pilot, COUNTRIES)
        answers = main.query_one(AnswerList)
        # The answer that three sources report is among those listed (the learned scorer
        # puts Texas's ban first: a single source, and a place too).
        assert any("reported by 3 of 5 sources: 000 (fr), 001, 003" in prompt
                   for prompt in prompts(answers))
        conflicts = main.query_one("#answer-conflicts")
        assert conflicts.display
        line = str(conflicts.content)
        assert line.startswith("sources differ: ")
        assert "Australia and Taiwan (000 fr, 001, 003) vs Australia and Japan (002)" in line


async def test_an_answer_without_conflicts_shows_no_conflict_line(make_app: MakeApp) -> None:
    async with make_app().run_test(size=(100, 30)) as pilot:
        main = await ask(pilot, "Which ministry blocked DeepSeek on military computers?")
        assert main.outcome is not None and not main.outcome.result.conflicts
        assert not main.query_one("#answer-conflicts").display


async def test_help_documents_the_search_syntax(make_app: MakeApp) -> None:
    async with make_app().run_test(size=(100, 30)) as pilot:
        await pilot.press("f1")
        assert isinstance(pilot.app.screen, HelpScreen)
        text = str(pilot.app.screen.query_one("#help-keys").content)
        assert "Search syntax" in text and "F2" in text
        for line in SYNTAX_HELP.splitlines()[1:]:
            assert line in text


async def test_a_changed_file_is_reindexed_and_said(
    make_app: MakeApp, seed_corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    corpus = tmp_path / "copy"
    shutil.copytree(seed_corpus, corpus)
    app = make_app(corpus)
    said: list[str] = []
    notify = app.notify
    monkeypatch.setattr(
        app, "notify", lambda message, **kw: (said.append(message), notify(message, **kw))
    )
    async with app.run_test(size=(100, 30)) as pilot:
        await briefed(pilot)
        before = app.stats
        app.check_for_changes()  # nothing changed yet: nothing is said
        await pilot.pause(0.3)
        assert not said and app.stats is before
        target = sorted(corpus.glob("001_*"))[0]
        with target.open("a", encoding="utf-8") as file:
            file.write("\n\nThe zanzibar observatory confirmed the ban on Friday afternoon.\n")
        app.check_for_changes()
        await wait_for(pilot, lambda: any(m.startswith("Corpus changed") for m in said))
        assert "Corpus changed: re-indexed 1 file" in said
        assert app.stats is not None and app.stats.paragraphs == before.paragraphs + 1
        header = str(app.main.query_one("#corpus-stats").content)
        assert f"{app.stats.paragraphs} paragraphs" in header
        main = await ask(pilot, "What did the zanzibar observatory confirm?")
        assert main.outcome is not None
        assert any(target.name == p.source for p in main.outcome.passages)


def test_passage_headers_show_the_date_format_and_page() -> None:
    hit = SearchHit(
        source="report.pdf",
        paragraph=4,
        line=9,
        title=None,
        section=None,
        score=1.0,
        passage="Exports rose sharply.",
        highlights=((0, 7),),
        page=3,
        document=DocumentInfo("pdf", title="Trade", date="2025-02-06"),
    )
    nothing = AskResult(question="q", answered=False)
    outcome = build_outcome("c", nothing, SearchResult("q", results=(hit,)))
    header = str(passage_content(1, outcome.passages[0])).split("\n")[0]
    assert "report.pdf  ¶4 · line 9 · page 3 · 2025-02-06 · PDF  " in header
    undated = replace(outcome.passages[0], document=DocumentInfo("text"))
    header = str(passage_content(1, undated)).split("\n")[0]
    assert "· page 3  " in header  # plain text, no date: nothing more to say
