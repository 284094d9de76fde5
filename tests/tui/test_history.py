"""Tests of the question history file: recall order, cap, atomic writes, corrupt files."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from briefing.tui import history as history_module
from briefing.tui.history import History, load_history


def test_recall_walks_back_and_returns_to_the_draft(tmp_path: Path) -> None:
    history = History(tmp_path / "h.json")
    history.add("first question")
    history.add("second question")
    assert history.previous("draft") == "second question"
    assert history.previous("second question") == "first question"
    assert history.previous("first question") is None  # the oldest: stays
    assert history.next("first question") == "second question"
    assert history.next("second question") == "draft"
    assert history.next("draft") is None


def test_repeats_move_to_the_end_and_the_file_is_capped(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(history_module, "HISTORY_LIMIT", 40)
    path = tmp_path / "h.json"
    history = History(path)
    for number in range(60):
        history.add(f"question {number}")
    history.add("question 30")  # an old one, asked again
    stored = load_history(path)
    assert len(stored) == 40 and len(history.entries) == 40
    assert stored[-1] == "question 30"
    assert stored.count("question 30") == 1
    assert not list(tmp_path.glob(".history-*"))  # no temporary file left behind


def test_corrupt_or_strange_files_are_an_empty_history(tmp_path: Path) -> None:
    path = tmp_path / "h.json"
    for content in (b"{not json", b"\xff\xfe\x00", b'{"questions": 3}', b"[1, null, {}]", b""):
        path.write_bytes(content)
        assert History(path).entries == []
    path.write_text(json.dumps({"questions": ["kept", 4, "", "kept too"]}))
    assert History(path).entries == ["kept", "kept too"]


def test_two_sessions_do_not_erase_each_other(tmp_path: Path) -> None:
    path = tmp_path / "h.json"
    one, two = History(path), History(path)
    one.add("from the first window")
    two.add("from the second window")
    assert load_history(path) == ["from the first window", "from the second window"]


def test_an_unwritable_folder_is_reported_not_raised(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    history = History(blocker / "h.json")
    problem = history.add("a question")
    assert problem is not None and "could not be saved" in problem
    assert history.entries == ["a question"]  # still recalled in this session
