"""`briefing ask`: output, JSON shape, exit codes and batch mode, as a user runs it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import run_cli

QUESTION = "Which countries banned DeepSeek from government devices?"
ANSWER_KEYS = {
    "text", "score", "confidence", "source", "paragraph", "line", "title", "section",
    "passage", "start", "end", "highlights",
}


def test_ask_prints_answer_citations_and_marks_without_colour() -> None:
    done = run_cli("ask", QUESTION)
    assert done.returncode == 0, done.stderr
    out = done.stdout
    assert out.startswith("Answer: »")
    assert "Taiwan" in out or "Japan" in out
    assert "paragraph" in out and ".txt" in out
    assert "\x1b[" not in out  # piped: no escape codes
    assert "Searched: " in out
    assert done.stderr == "" or "skipped" not in done.stderr


def test_ask_json_shape_and_offsets() -> None:
    done = run_cli("ask", "--json", "-k", "2", QUESTION)
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    assert set(result) >= {
        "question", "answered", "error", "searched_terms", "corrections", "answers", "weak"
    }
    assert result["answered"] is True and result["error"] is None and result["weak"] == []
    assert 1 <= len(result["answers"]) <= 2
    for answer in result["answers"]:
        assert set(answer) >= ANSWER_KEYS
        assert answer["passage"][answer["start"] : answer["end"]] == answer["text"]
        assert answer["confidence"] in {"high", "medium", "low"}
        for start, end in answer["highlights"]:
            assert 0 <= start < end <= len(answer["passage"])
        assert answer["paragraph"] >= 1 and answer["line"] >= 1
        assert not Path(answer["source"]).is_absolute()
    assert "deepseek" in result["searched_terms"]


def test_k_limits_answers() -> None:
    result = json.loads(run_cli("ask", "--json", "-k", "1", QUESTION).stdout)
    assert len(result["answers"]) == 1


def test_abstention_exit_1_with_weak_passages() -> None:
    done = run_cli("ask", "Who won the 2018 FIFA World Cup?")
    assert done.returncode == 1
    assert done.stdout.startswith("No answer in 5 documents.")
    data = json.loads(run_cli("ask", "--json", "Who won the 2018 FIFA World Cup?").stdout)
    assert data["answered"] is False and data["answers"] == []
    assert all(w["confidence"] is None for w in data["weak"])


def test_typo_is_corrected_and_reported() -> None:
    done = run_cli("ask", "--json", "deepsek chatbot italy")
    data = json.loads(done.stdout)
    assert {"from": "deepsek", "to": ["deepseek"], "translated": False} in data["corrections"]
    assert data["answered"]


@pytest.mark.parametrize(
    ("question", "fragment"),
    [("", "empty"), ("   ", "empty"), ("?!...", "no words"), ("x" * 4001, "4,000")],
)
def test_bad_questions_exit_2_with_one_line(question: str, fragment: str) -> None:
    done = run_cli("ask", question)
    assert done.returncode == 2
    assert done.stdout == ""
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and fragment in lines[0]


def test_stopword_only_question_is_searched() -> None:
    done = run_cli("ask", "--json", "the of and")
    assert done.returncode in (0, 1)
    assert json.loads(done.stdout)["error"] is None


def test_missing_corpus_is_a_usage_error(tmp_path: Path) -> None:
    done = run_cli("ask", "--corpus", str(tmp_path / "missing"), "anything")
    assert done.returncode == 2
    assert done.stderr.count("\n") == 1 and "not found" in done.stderr
    assert "Traceback" not in done.stderr


def test_corpus_from_environment(tmp_path: Path) -> None:
    (tmp_path / "note.txt").write_text("The Kimchi Bank raised its rates to 4.5% in March.\n")
    done = run_cli("ask", "--json", "What did the Kimchi Bank raise?",
                   env={"BRIEFING_CORPUS": str(tmp_path)})
    data = json.loads(done.stdout)
    assert data["answered"] and data["answers"][0]["source"] == "note.txt"


def test_batch_mode_json_lines_and_exit_codes() -> None:
    stdin = "\n".join(
        [QUESTION, "", "Who won the 2018 FIFA World Cup?", "   ", "!!!", "What did LG Uplus issue?"]
    )
    done = run_cli("ask", "--json", stdin=stdin)
    lines = [json.loads(line) for line in done.stdout.splitlines()]
    assert [r["question"] for r in lines] == [
        QUESTION, "Who won the 2018 FIFA World Cup?", "!!!", "What did LG Uplus issue?"
    ]
    assert [r["answered"] for r in lines] == [True, False, False, True]
    assert lines[2]["error"] and lines[1]["error"] is None
    assert done.returncode == 2  # one bad line


def test_batch_unanswered_exit_1_and_text_format() -> None:
    done = run_cli("ask", stdin=f"{QUESTION}\nWhat is the tallest mountain in Africa?\n")
    assert done.returncode == 1
    assert done.stdout.startswith(f"Q: {QUESTION}\nAnswer: ")
    assert "\nQ: What is the tallest mountain in Africa?\nNo answer in 5 documents." in done.stdout


def test_batch_undecodable_line_gets_an_error_result() -> None:
    done = run_cli("ask", "--json", stdin=b"What did LG Uplus issue?\n\xff\xfe bad\n")
    lines = [json.loads(line) for line in done.stdout.splitlines()]
    assert len(lines) == 2 and "UTF-8" in lines[1]["error"]
    assert done.returncode == 2


def test_empty_stdin_is_a_usage_error() -> None:
    done = run_cli("ask", stdin="\n  \n")
    assert done.returncode == 2 and "no question" in done.stderr


def test_no_arguments_without_a_terminal_prints_usage() -> None:
    done = run_cli()
    assert done.returncode == 2 and "usage: briefing" in done.stderr


def test_help_and_version() -> None:
    assert run_cli("--version").stdout.startswith("briefing ")
    assert "exit codes" in run_cli("--help").stdout
    assert "batch mode" in run_cli("ask", "--help").stdout
    bad = run_cli("ask", "-k", "0", "x")
    assert bad.returncode == 2 and bad.stderr.count("\n") == 1


def test_french_question_finds_the_french_article() -> None:
    data = json.loads(run_cli("ask", "--json", "Qu'a demandé Naver à ses employés ?").stdout)
    assert data["answered"]
    assert data["answers"][0]["source"].startswith("000_")
    assert data["answers"][0]["language"] == "fr"


def test_warm_ask_is_quiet_and_skips_are_reported_once(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Samsung restricted generative AI tools for its staff.\n")
    (tmp_path / "b.txt").write_bytes(b"\x00\x01binary\x00")
    first = run_cli("ask", "--corpus", str(tmp_path), "What did Samsung restrict?")
    assert "skipped b.txt" in first.stderr
    second = run_cli("ask", "--corpus", str(tmp_path), "What did Samsung restrict?")
    assert second.stderr == ""


def test_a_typo_is_never_corrected_into_a_function_word() -> None:
    data = json.loads(run_cli("ask", "--json", "Who won the 2018 FIFA World Cup?").stdout)
    assert data["answered"] is False
    assert all("would" not in c["to"] for c in data["corrections"])
    assert "would" not in data["searched_terms"]


def test_a_batch_in_process_leaves_the_garbage_collector_as_it_found_it(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """A batch collects less often while it runs (its caches hold no cycles), then sets the
    thresholds back: a program that calls main() keeps its own."""
    import gc
    import io

    from briefing.cli import main

    before = gc.get_threshold()
    stdin = io.TextIOWrapper(io.BytesIO(b"Which ministry blocked DeepSeek?\nWho is Kim?\n"))
    monkeypatch.setattr("sys.stdin", stdin)
    seen: list[tuple[int, int, int]] = []
    real = gc.set_threshold
    monkeypatch.setattr(gc, "set_threshold", lambda *t: (seen.append(t), real(*t))[1])
    assert main(["ask", "--json"]) in (0, 1)
    assert len(capsys.readouterr().out.splitlines()) == 2
    assert seen[0] != before and gc.get_threshold() == before


@pytest.mark.parametrize("output", [[], ["--json"]])
@pytest.mark.parametrize(
    ("command", "code"),
    [(["ask", QUESTION], 0), (["ask", "What is the half-life of carbon-14?"], 1),
     (["brief"], 0), (["brief", "Telegram"], 1)],
)
def test_a_reader_that_went_away_ends_the_command_quietly_with_its_own_code(
    output: list[str], command: list[str], code: int
) -> None:
    """`briefing ask … | head -1`: the pipe is closed before anything is written. The code
    is still what the command found (Rich's own answer would be exit code 1 for all, and a
    success code for all would hide an abstention)."""
    import os
    import subprocess
    import sys

    run_cli("ask", QUESTION)  # the cache is built, so the pipe breaks at the answer
    read_end, write_end = os.pipe()
    os.close(read_end)
    try:
        done = subprocess.run(
            [sys.executable, "-m", "briefing", *command, *output],
            stdin=subprocess.DEVNULL, stdout=write_end, stderr=subprocess.PIPE, timeout=120,
            check=False,
        )
    finally:
        os.close(write_end)
    assert done.returncode == code and done.stderr == b""


def test_ask_takes_n_as_search_and_brief_do() -> None:
    by_k = json.loads(run_cli("ask", "-k", "1", "--json", QUESTION).stdout)
    by_n = json.loads(run_cli("ask", "-n", "1", "--json", QUESTION).stdout)
    assert len(by_n["answers"]) == 1 and by_n == by_k
