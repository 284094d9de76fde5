"""`briefing ask` with corroboration: the sources line, and the JSON keys."""

from __future__ import annotations

import json
import re
from pathlib import Path

from briefing import open as open_library
from briefing.tui.export import briefing_to_markdown
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


def test_a_brief_without_actors_says_so(tmp_path: Path) -> None:
    # A folder naming nobody: the brief's actors section says none was found, as its
    # conflicts section does, and as the TUI and the Markdown export do.
    folder = tmp_path / "bread"
    folder.mkdir()
    for name, said in (("a", "the bakers said"), ("b", "bakers said on the radio")):
        (folder / f"{name}.txt").write_text(
            f"Prices\n\nthe price of bread rose by five percent last week, {said}.\n",
            encoding="utf-8")
    done = run_cli("brief", "--corpus", str(folder),
                   env={"BRIEFING_CACHE_DIR": str(tmp_path / "cache")})
    assert done.returncode == 0, done.stderr
    assert ("Key actors (sources naming them)\n    none found: no person, organisation or "
            "place is named\n") in done.stdout
    with open_library(folder, cache_dir=tmp_path / "cache") as library:
        briefing = library.brief()
    assert briefing.facts and not briefing.actors
    text = briefing_to_markdown(briefing, "bread")
    assert "## Key actors (sources naming each)\n\nNone found.\n" in text
