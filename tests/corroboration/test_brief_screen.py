"""The piped briefing fits one screen: at most 40 lines of 100 columns, with no topic and with
one, as many whole facts as fit (up to 8), at most 5 conflicts, each version one line cut
around its value; `--json` keeps every sentence whole."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from tests.conftest import BUNDLED, run_cli
from tests.corroboration.conftest import DISPUTED

COLUMNS = {"COLUMNS": "100"}


def _check_screen(stdout: str) -> list[str]:
    lines = stdout.splitlines()
    assert len(lines) <= 40, stdout
    assert all(len(line) <= 100 for line in lines), stdout
    shown = re.fullmatch(r"Briefing: the (\d+) most central facts", lines[0])
    assert shown is not None and 1 <= int(shown.group(1)) <= 8
    facts = [line for line in lines if re.match(r" ?\d+\. ", line)]
    conflicts_at = lines.index(next(line for line in lines if line.startswith("Conflicts (")))
    numbered = [line for line in lines[conflicts_at:] if re.match(r" ?\d+\. ", line)]
    assert len(facts) - len(numbered) == int(shown.group(1))
    assert len(numbered) <= 5
    return lines


def test_a_crowded_brief_fits_forty_lines(factories: Path) -> None:
    done = run_cli("brief", "--corpus", str(factories), env=COLUMNS)
    assert done.returncode == 0, done.stderr
    lines = _check_screen(done.stdout)
    heading = next(line for line in lines if line.startswith("Conflicts ("))
    assert 5 < int(heading[len("Conflicts (") : -1]) <= DISPUTED
    assert lines[-1] == f"    and {int(heading[11:-1]) - 5} more (--json lists them all)"
    # Each version on one line: its value set apart, the sentence cut around it with "…".
    versions = [line for line in lines if "»" in line]
    assert len(versions) == 10
    assert all(line.count("»") == 1 and line.count("«") == 1 for line in versions)
    assert all("…" in line for line in versions)


def test_a_crowded_topic_brief_fits_forty_lines(factories: Path) -> None:
    done = run_cli("brief", "--corpus", str(factories), "jobs", "Europe", env=COLUMNS)
    assert done.returncode == 0, done.stderr
    lines = _check_screen(done.stdout)
    assert "Conflicts (0)" not in lines


@pytest.mark.parametrize("topic", [[], ["DeepSeek"]], ids=["no topic", "a topic"])
def test_the_bundled_brief_fits_forty_lines(topic: list[str]) -> None:
    done = run_cli("brief", "--corpus", str(BUNDLED), *topic, env=COLUMNS)
    assert done.returncode == 0, done.stderr
    _check_screen(done.stdout)


def test_json_keeps_every_conflict_and_whole_sentences(factories: Path) -> None:
    done = run_cli("brief", "--corpus", str(factories), "--json")
    data = json.loads(done.stdout)
    assert len(data["conflicts"]) > 5  # the plain brief shows five of them
    for conflict in data["conflicts"]:
        for version in conflict["versions"]:
            start, end = version["span"]
            assert version["sentence"][start:end] == version["text"]
            assert version["sentence"].endswith(".")
