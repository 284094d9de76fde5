"""`briefing index` and `briefing search` as a user runs them."""

from __future__ import annotations

import json
from pathlib import Path

from tests.conftest import run_cli


def test_index_reports_files_paragraphs_languages(tmp_path: Path) -> None:
    done = run_cli("index", "--json")
    data = json.loads(done.stdout)
    assert data["files"] == 5 and data["paragraphs"] > 50
    assert set(data["languages"]) == {"en", "fr"}
    again = json.loads(run_cli("index", "--json").stdout)
    assert again["reindexed"] == 0
    text = run_cli("index", "--rebuild").stdout
    assert "Indexed 5 files" in text and "5 analysed" in text


def test_search_lists_ranked_passages() -> None:
    done = run_cli("search", "--json", "-n", "4", "Kakao employees")
    data = json.loads(done.stdout)
    assert done.returncode == 0
    scores = [r["score"] for r in data["results"]]
    assert 1 <= len(scores) <= 4 and scores == sorted(scores, reverse=True)
    for hit in data["results"]:
        assert set(hit) >= {"source", "paragraph", "line", "title", "section", "score",
                            "passage", "highlights"}
        spans = hit["highlights"]
        assert spans and all(0 <= s < e <= len(hit["passage"]) for s, e in spans)


def test_search_nothing_found_exit_1() -> None:
    assert run_cli("search", "zyxwvut qqqq").returncode == 1
