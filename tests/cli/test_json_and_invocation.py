"""Issue 17's rough edges of the command line: --json always answers in JSON, --corpus before
the command, the reader without a terminal, decoding notes on stderr and in JSON."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.conftest import BUNDLED, run_cli


def _one_object(stdout: str) -> dict[str, object]:
    lines = stdout.splitlines()
    assert len(lines) == 1, stdout
    value = json.loads(lines[0])
    assert isinstance(value, dict)
    return value


@pytest.mark.parametrize("command", ["ask", "search"])
@pytest.mark.parametrize(
    "question", ["?!", "", "x" * 4001, "lang:fr"], ids=["punctuation", "empty", "long", "filters"]
)
def test_a_refused_question_is_still_one_json_object(command: str, question: str) -> None:
    done = run_cli(command, "--json", question)
    assert done.returncode == 2
    result = _one_object(done.stdout)
    assert isinstance(result["error"], str) and result["error"]
    assert result.get("answers", []) == [] and result.get("results", []) == []
    if command == "ask":
        assert result["answered"] is False and result["weak"] == []
    assert done.stderr.strip().splitlines()[-1] == f"briefing: error: {result['error']}"


def test_a_missing_corpus_is_one_json_object_for_every_command(tmp_path: Path) -> None:
    gone = str(tmp_path / "gone")
    for args in (["ask", "--json", "--corpus", gone, "Who?"], ["search", "--json", "--corpus",
                 gone, "x"], ["index", "--json", "--corpus", gone],
                 ["brief", "--json", "--corpus", gone]):
        done = run_cli(*args)
        assert done.returncode == 2, args
        result = _one_object(done.stdout)
        assert "corpus not found" in str(result["error"])


def test_bad_usage_with_json_is_json() -> None:
    done = run_cli("ask", "--json", "-k", "0", "Who?")
    assert done.returncode == 2
    assert "must be at least 1" in str(_one_object(done.stdout)["error"])


def test_index_json_of_a_folder_with_nothing_to_index(tmp_path: Path) -> None:
    folder = tmp_path / "junk"
    folder.mkdir()
    for name in ("a.txt", "b.txt", "c.txt"):
        (folder / name).write_bytes(b"\x00\x01binary\x00")
    (folder / "empty.txt").write_bytes(b"")
    (folder / "photo.jpg").write_bytes(b"\xff\xd8")
    done = run_cli("index", "--json", "--corpus", str(folder))
    assert done.returncode == 2
    report = _one_object(done.stdout)
    assert report["files"] == 0 and report["paragraphs"] == 0
    reasons = {item["path"]: item["reason"] for item in report["skipped"]}  # type: ignore[union-attr]
    assert reasons["a.txt"] == "binary file (NUL bytes)" and reasons["empty.txt"] == "empty file"
    assert reasons["photo.jpg"].startswith("unsupported file type")
    message = str(report["error"])
    assert "3 files: binary file (NUL bytes)" in message and "empty file" in message
    empty = tmp_path / "empty"
    empty.mkdir()
    nothing = _one_object(run_cli("index", "--json", "--corpus", str(empty)).stdout)
    assert str(nothing["error"]).startswith("no .txt, .md, .html, .htm or .pdf files in")


def test_every_success_carries_a_null_error(tmp_path: Path) -> None:
    shutil.copytree(BUNDLED, tmp_path / "news")
    corpus = str(tmp_path / "news")
    assert _one_object(run_cli("index", "--json", "--corpus", corpus).stdout)["error"] is None
    status = run_cli("index", "--status", "--json", "--corpus", corpus)
    assert _one_object(status.stdout)["error"] is None
    assert _one_object(run_cli("brief", "--json", "--corpus", corpus).stdout)["error"] is None


def test_corpus_before_the_command(tmp_path: Path) -> None:
    folder = tmp_path / "one"
    folder.mkdir()
    (folder / "ship.txt").write_text("The harbour of Busan logged the ship Hanjin Seoul.\n")
    done = run_cli("--corpus", str(folder), "ask", "--json", "Which ship did Busan log?")
    assert done.returncode == 0, done.stderr
    assert _one_object(done.stdout)["answers"][0]["source"] == "ship.txt"  # type: ignore[index]


def test_corpus_alone_without_a_terminal_prints_usage(tmp_path: Path) -> None:
    done = run_cli("--corpus", str(tmp_path))
    assert done.returncode == 2 and done.stdout == ""
    assert done.stderr.startswith("usage: briefing")


def test_the_reader_without_a_terminal_stops_at_once() -> None:
    started = time.monotonic()
    done = subprocess.run([sys.executable, "-m", "briefing", "tui"], stdin=subprocess.DEVNULL,
                          capture_output=True, timeout=20, check=False)
    assert time.monotonic() - started < 10
    assert done.returncode == 2 and done.stdout == b""
    assert done.stderr.startswith(b"usage: briefing") and len(done.stderr) < 2000
    assert b"\x1b" not in done.stderr  # no escape codes: nothing was drawn


def test_decoding_notes_go_to_stderr_and_into_the_json(tmp_path: Path) -> None:
    folder = tmp_path / "legacy"
    folder.mkdir()
    (folder / "pound.txt").write_bytes(
        "Chelsea paid \u00a315.8m for the striker, the club said on Friday.\n".encode("cp1252")
    )
    (folder / "plain.txt").write_text("Arsenal won the match on Saturday.\n", encoding="utf-8")
    plain = run_cli("index", "--corpus", str(folder))
    assert plain.returncode == 0
    assert "decoded as cp1252" not in plain.stdout
    assert "briefing: notice: pound.txt: not UTF-8: decoded as cp1252" in plain.stderr
    report = _one_object(run_cli("index", "--json", "--corpus", str(folder)).stdout)
    assert report["decoded"] == [{"path": "pound.txt", "encoding": "cp1252"}]
    answer = _one_object(run_cli("ask", "--json", "--corpus", str(folder),
                                 "How much did Chelsea pay for the striker?").stdout)
    assert "\u00a315.8m" in answer["answers"][0]["text"]  # type: ignore[index]


def test_help_of_every_command_says_what_it_is() -> None:
    tui = run_cli("tui", "--help").stdout
    assert "interactive reader" in tui and "terminal" in tui
    search = run_cli("search", "--help").stdout
    assert "With no QUERY" in search and "QUESTION" not in search
    usage = run_cli("--help").stdout
    for word in ("ask", "search", "index", "brief", "tui", "--corpus"):
        assert word in usage


def test_search_json_that_finds_nothing_is_one_object_and_exit_1() -> None:
    done = run_cli("search", "--json", "zzqxv", "--corpus", str(BUNDLED))
    assert done.returncode == 1
    found = _one_object(done.stdout)
    assert found["error"] is None and found["results"] == []


def test_corpus_alone_on_a_terminal_opens_the_reader_on_that_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`briefing --corpus PATH` on a terminal is `briefing tui --corpus PATH`: the reader,
    opened on PATH (the terminal and the app are stood in for; the app is tested with the
    pilot in tests/tui)."""
    import briefing.tui.app
    from briefing import cli

    folder = tmp_path / "news"
    folder.mkdir()
    (folder / "a.txt").write_text("The harbour wall was repaired in May.\n", encoding="utf-8")
    opened: list[Path] = []
    monkeypatch.setattr(cli, "_interactive", lambda: True)
    monkeypatch.setattr(briefing.tui.app, "run_app", lambda root: opened.append(root) or 0)
    monkeypatch.setenv("BRIEFING_CACHE_DIR", str(tmp_path / "cache"))
    assert cli.main(["--corpus", str(folder)]) == 0
    assert opened == [folder.resolve()]


def test_each_answer_carries_at_most_one_reported_by_line() -> None:
    """The main answer says its sources once; each listed answer at most once (the first,
    being the main answer, does not repeat it)."""
    done = run_cli("ask", "Which ministry blocked DeepSeek?", "--corpus", str(BUNDLED))
    blocks: list[list[str]] = [[]]
    for line in done.stdout.splitlines():
        if line.startswith(("Answer:", "Top answers")) or re.match(r"\d+\. ", line):
            blocks.append([])
        blocks[-1].append(line)
    counts = [sum("reported by" in line for line in block) for block in blocks]
    assert max(counts) == 1 and sum(counts) >= 2, done.stdout
