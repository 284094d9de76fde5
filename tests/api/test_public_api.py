"""The public Python API: `briefing.open(...) -> Library`, its results, its errors, and the
README's examples, run as they are written."""

from __future__ import annotations

import io
import os
import re
import shutil
import subprocess
import sys
from contextlib import redirect_stderr
from pathlib import Path

import pytest

import briefing
from briefing.index.schema import index_path
from tests.conftest import BUNDLED, REPO, run_cli

QUESTION = "Which countries banned DeepSeek from government devices?"


def test_import_briefing_loads_nothing_heavy() -> None:
    code = (
        "import sys, briefing\n"
        "names = briefing.__all__\n"
        "print(sorted(m for m in ('numpy', 'rich', 'textual', 'sqlite3', 'briefing.library')"
        " if m in sys.modules))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          check=True, cwd=REPO)
    assert done.stdout.strip() == "[]"


def test_every_exported_name_is_there() -> None:
    for name in briefing.__all__:
        assert getattr(briefing, name) is not None, name
    assert set(briefing.__all__) == {"__version__", *briefing._EXPORTS}
    assert set(briefing.__all__) <= set(dir(briefing))
    with pytest.raises(AttributeError):
        briefing.Engine  # noqa: B018 - the old facade is gone


def test_a_missing_folder_is_a_corpus_error_at_once(tmp_path: Path) -> None:
    with pytest.raises(briefing.CorpusError, match="corpus not found"):
        briefing.open(tmp_path / "nothing-here")
    assert not (tmp_path / "cache").exists()


@pytest.mark.parametrize("question", ["", "   ", "?!...", "x" * 4001, "lang:fr"])
def test_a_bad_question_says_what_the_command_line_says(question: str) -> None:
    with briefing.open(BUNDLED) as library:
        with pytest.raises(briefing.QuestionError) as raised:
            library.ask(question)
        with pytest.raises(briefing.QuestionError):
            library.search(question)
        assert library._reader is None  # refused before any index was opened
    printed = run_cli("ask", question)
    assert printed.returncode == 2
    assert printed.stderr.strip().splitlines()[-1] == f"briefing: error: {raised.value}"


def test_a_library_is_a_context_manager_and_closes(tmp_path: Path) -> None:
    with briefing.open(BUNDLED, cache_dir=tmp_path / "cache") as library:
        result = library.ask(QUESTION)
        assert result.answered and isinstance(result, briefing.AskResult)
        assert isinstance(result.answers[0], briefing.Answer)
    with pytest.raises(briefing.BriefingError, match="closed"):
        library.ask(QUESTION)
    assert index_path(BUNDLED, tmp_path / "cache").is_file()  # the cache went where it was told


def test_index_reports_its_phases_and_what_it_holds(tmp_path: Path) -> None:
    folder = tmp_path / "news"
    shutil.copytree(BUNDLED, folder)
    phases: list[tuple[str, int, int | None]] = []
    with briefing.open(folder) as library:
        assert library.status().indexed is False  # nothing built by asking
        report = library.index(progress=lambda *step: phases.append(step))
        assert report.rebuilt and report.reindexed == 5 and report.corpus.documents == 5
        assert report.formats == {"text": 5}
        assert {phase for phase, _, _ in phases} >= {"reading files"}
        assert phases[-1][1:] == (5, 5) or any(done == total for _, done, total in phases)
        again = library.index()
        assert not again.rebuilt and again.reindexed == 0
        assert library.status().up_to_date


def test_search_brief_and_document_through_the_api() -> None:
    with briefing.open(BUNDLED) as library:
        found = library.search("DeepSeek", n=3, sort="date")
        assert len(found.results) == 3 and isinstance(found, briefing.SearchResult)
        brief = library.brief(3)
        assert isinstance(brief, briefing.Briefing) and len(brief.facts) == 3
        source = found.results[0].source
        view = library.document(source, "DeepSeek")
        assert isinstance(view, briefing.DocumentView)
        assert any(view.matches) and len(view.texts) == len(view.paragraphs)
        with pytest.raises(ValueError, match="sort"):
            library.search("DeepSeek", sort="newest")


def test_a_bug_is_never_taken_for_a_damaged_cache(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Any exception that is not sqlite3's or the store's own check is a bug: the command
    prints one line and exits 70, and no rebuild is tried."""
    from briefing import cli
    from briefing.query import answers

    run_cli("index")  # built: the bug below is met on a warm cache

    def broken(*_: object, **__: object) -> None:
        raise KeyError("a bug")

    monkeypatch.setattr(answers, "find_answers", broken)
    code = cli.main(["ask", QUESTION])
    captured = capsys.readouterr()
    assert code == 70 and captured.out == ""
    assert captured.err == "briefing: error: internal error, please report it: KeyError: 'a bug'\n"
    notices: list[str] = []
    with briefing.open(BUNDLED, on_notice=notices.append) as library:
        with pytest.raises(KeyError):
            library.ask(QUESTION)
    assert notices == []  # not "damaged; rebuilding"


def _readme_examples() -> list[str]:
    text = (REPO / "README.md").read_text(encoding="utf-8")
    section = text.split("## Use from Python", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"```python\n(.*?)```", section, re.DOTALL)


def test_the_readme_shows_python_examples() -> None:
    assert len(_readme_examples()) >= 3


@pytest.mark.parametrize("number", range(3))
def test_the_readme_python_examples_run(tmp_path: Path, number: int) -> None:
    example = _readme_examples()[number]
    shutil.copytree(BUNDLED, tmp_path / "news")
    done = subprocess.run(
        [sys.executable, "-c", example], capture_output=True, text=True, cwd=tmp_path,
        env={**os.environ, "PYTHONPATH": str(REPO)}, timeout=120, check=False,
    )
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr
    # What the comments promise is what comes out.
    for promised in re.findall(r"# (corpus not found: \S+|the question has no words to search)",
                               example):
        assert promised in done.stdout
    assert done.stdout.strip()


def test_main_never_shows_a_traceback_for_a_bad_corpus(tmp_path: Path) -> None:
    from briefing import cli

    errors = io.StringIO()
    with redirect_stderr(errors):
        code = cli.main(["ask", "--corpus", str(tmp_path / "gone"), QUESTION])
    assert code == 2 and errors.getvalue().startswith("briefing: error: corpus not found")
