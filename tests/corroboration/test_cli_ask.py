"""`briefing ask` with corroboration: the sources line, and the JSON keys."""

from __future__ import annotations

import json
import re

from tests.conftest import run_cli

QUESTION = "Which countries banned DeepSeek from government devices?"


def test_ask_json_has_sources_and_conflicts() -> None:
    done = run_cli("ask", "--json", QUESTION)
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    # The answer three sources report (the learned scorer may put a single source's first).
    best = max(data["answers"], key=lambda a: a["source_count"])
    assert best["source_count"] == len({s["source"] for s in best["sources"]}) >= 3
    assert best["sources"][0]["text"] == best["text"]
    assert set(best["sources"][0]) == {"source", "paragraph", "text", "language"}
    assert "fr" in {s["language"] for s in best["sources"]}
    (conflict,) = data["conflicts"]
    assert [v["text"] for v in conflict["versions"]] == ["Australia and Taiwan",
                                                        "Australia and Japan"]
    assert conflict["versions"][1]["sources"] == ["002_f8ead1e008714aa4.txt"]
    assert all("sources" in a and "source_count" in a for a in data["weak"])


def test_ask_plain_output_names_sources_and_conflicts() -> None:
    done = run_cli("ask", QUESTION)
    assert done.returncode == 0, done.stderr
    assert "reported by 3 of 5 sources: 000 (fr), 001, 003" in done.stdout
    assert (
        "sources differ: Australia and Taiwan (000 fr, 001, 003) vs Australia and Japan (002)"
        in done.stdout
    )


def test_brief_on_the_bundled_corpus() -> None:
    done = run_cli("brief")
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert lines[0] == "Briefing: the 8 most central facts"
    # (a fact's own words may wrap to a line starting "reported by a ministry official")
    assert sum(1 for line in lines if re.match(r"\s*reported by \d+ of 5 sources", line)) == 8
    assert "Key actors" in done.stdout and "Conflicts" in done.stdout
    assert len(lines) <= 40  # one screen, with long facts wrapped by the terminal
