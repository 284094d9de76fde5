"""Pilot tests of the briefing, corroboration, document metadata, syntax help and refresh."""

from __future__ import annotations

import re
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
        # The answer that three sources report comes first (a question asking for countries
        # is answered by countries, not by "the state of Texas").
        assert "reported by 3 of 5 sources: 000 (fr), 001, 003" in prompts(answers)[0]
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
        tokens = ('"exact phrase"', "-word", "lang:fr", "source:GLOB", "title:word",
                  "after:YYYY-MM-DD", "before:YYYY-MM-DD")
        for token in tokens:  # each rule as the command line documents it
            rule = next(line for line in SYNTAX_HELP.splitlines() if line.startswith(f"  {token} "))
            assert rule in text
        # The command line's stderr and --no-syntax mean nothing in the reader.
        assert "stderr" not in text and "--no-syntax" not in text
        assert "a note under the answer says so" in text


async def test_syntax_searched_as_plain_words_is_noted_under_the_answer(
    make_app: MakeApp,
) -> None:
    async with make_app().run_test(size=(100, 30)) as pilot:
        main = await ask(pilot, "DeepSeek AND military lang:xx1")
        notes = main.query_one("#answer-notes")
        assert notes.display
        shown = str(notes.content)
        assert "AND, OR and NOT are not operators here" in shown
        assert "'lang:xx1': not a language code" in shown
        await ask(pilot, "Which ministry blocked DeepSeek on military computers?")
        assert not notes.display


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


async def test_e_on_the_briefing_exports_facts_sources_and_conflicts(
    make_app: MakeApp, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    work = tmp_path / "work"
    work.mkdir()
    monkeypatch.chdir(work)
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        facts = await briefed(pilot)
        await pilot.press("tab", "e")  # to the facts, then export what the tab shows
        await wait_for(pilot, lambda: list(work.iterdir()))
    (exported,) = work.iterdir()
    assert exported.name == "briefing-of-korea-deepseek.md"
    text = exported.read_text(encoding="utf-8")
    assert text.startswith("# Briefing: korea-deepseek\n")
    numbered = re.findall(r"^(\d+)\. \*\*", text, flags=re.MULTILINE)
    assert numbered == [str(rank) for rank in range(1, len(facts.facts) + 1)]
    first = facts.facts[0]
    assert f"reported by {first.source_count} of 5 sources: " in text
    assert "## Key actors (sources naming each)\n\nDeepSeek (5), " in text
    conflict = "Australia and Taiwan (000 fr, 001, 003) vs Australia and Japan (002)"
    assert f"## Conflicts\n\n- sources differ: {conflict}" in text
    # The short names stand for files: the export says which.
    sources = text.split("## Sources\n\n", 1)[1].splitlines()
    assert sources[0].startswith("- 000: 000\\_") and sources[0].endswith(".txt (fr)")
    assert len([line for line in sources if line.startswith("- ")]) == 5


async def test_e_says_so_when_there_is_no_briefing_to_export(
    make_app: MakeApp, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from briefing.tui.session import Session

    def broken(self: Session, n: int) -> None:
        raise RuntimeError("no statements table")

    monkeypatch.setattr(Session, "brief", broken)
    monkeypatch.chdir(tmp_path)
    app = make_app()
    said: list[str] = []
    monkeypatch.setattr(app, "notify", lambda message, **kw: said.append(message))
    async with app.run_test(size=(100, 30)) as pilot:
        await ready(pilot)
        status = app.main.query_one("#briefing-status")
        await wait_for(pilot, lambda: "could not be made" in str(status.content))
        app.set_focus(None)
        await pilot.press("e")
        await wait_for(pilot, lambda: said)
    assert said == ["The briefing is not ready: there is nothing to export yet."]
    assert not list(tmp_path.glob("briefing-*.md"))


def test_the_readme_lists_the_keys_the_help_shows() -> None:
    from briefing.tui.screens.help import keys_markdown

    readme = Path(__file__).resolve().parents[2] / "README.md"
    assert keys_markdown() in readme.read_text(encoding="utf-8")


async def test_brief_colon_briefs_a_topic_and_alone_the_whole_corpus(make_app: MakeApp) -> None:
    async with make_app().run_test(size=(100, 30)) as pilot:
        whole = list((await briefed(pilot)).facts)
        main = pilot.app.main  # type: ignore[attr-defined]
        facts = main.query_one(FactList)
        box = main.query_one(QuestionInput)
        box.value = "brief: Kakao"
        await pilot.press("enter")
        await wait_for(pilot, lambda: main.topic == "Kakao" and facts.facts != whole)
        await pilot.pause()
        assert active_tab(main) == BRIEFING_TAB
        assert facts.facts and all("kakao" in fact.text.casefold() for fact in facts.facts)
        assert "Kakao" in str(main.query_one("#briefing").border_title)
        box.value = "brief: zyxwvut"
        await pilot.press("enter")
        await wait_for(pilot, lambda: "No passages match zyxwvut" in str(
            main.query_one("#briefing-status").content))
        box.value = "brief:"
        await pilot.press("enter")
        await wait_for(pilot, lambda: main.topic is None and list(facts.facts) == whole)


def test_a_brief_command_is_read_as_one() -> None:
    from briefing.tui.screens.main import briefing_topic

    assert briefing_topic("brief: ID cards") == "ID cards"
    assert briefing_topic("Brief:source:politics/") == "source:politics/"
    assert briefing_topic("brief:") == ""
    assert briefing_topic("Who briefed the press?") is None


async def test_a_topic_whose_facts_all_point_back_says_so(make_app: MakeApp,
                                                         tmp_path: Path) -> None:
    """Passages match, but every sentence stating their fact opens by pointing back ("It
    signed ..."): the panel says there is no fact to show, not that nothing matched."""
    folder = tmp_path / "trams"
    folder.mkdir()
    (folder / "one.txt").write_text(
        "Heavy snow in Cardiff closed 40 schools on Monday, the city council said.\n",
        encoding="utf-8")
    (folder / "four.txt").write_text(
        "It signed a £3m deal with Siemens for 12 new trams in Sheffield on Friday.\n",
        encoding="utf-8")
    (folder / "five.txt").write_text(
        "It signed a £3m contract with Siemens for 12 new trams in Sheffield on Friday.\n",
        encoding="utf-8")
    async with make_app(folder).run_test(size=(100, 30)) as pilot:
        main = await ready(pilot)
        box = main.query_one(QuestionInput)
        box.value = "brief: Siemens trams"
        await pilot.press("enter")
        await wait_for(pilot, lambda: "No facts in the 2 passages matching Siemens trams" in str(
            main.query_one("#briefing-status").content))
        assert "No passages match" not in str(main.query_one("#briefing-status").content)
