"""Copies of one story count once: "reported by 2 of 3 sources (3 files, copies counted
once)", with every copy still listed among the sources."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import open_library, run_cli

# Paragraphs of more than 15 words: a shorter one repeated in two files is boilerplate.
WIRE = (
    "Floods in Lyon killed 12 people on Tuesday after two days of heavy rain, the regional "
    "prefecture said in a statement.\n\n"
    "Rescue teams evacuated hundreds of residents from the flooded streets of the old town "
    "overnight, using boats and army trucks.\n\n"
    "The mayor, Grégory Doucet, asked residents to stay at home until Friday while engineers "
    "inspect the bridges over the Saône.\n"
)
LOCAL = (
    "The mayor of Lyon, Grégory Doucet, has asked residents to stay at home until Friday, "
    "while the bridges over the Saône are inspected.\n\n"
    "The regional council will meet on Monday to discuss the cost of repairing the damage "
    "done to roads and schools.\n"
)
QUESTION = "What did Grégory Doucet ask residents?"


@pytest.fixture
def wire(tmp_path: Path) -> Path:
    folder = tmp_path / "wire"
    folder.mkdir()
    (folder / "wire_lyon.txt").write_text(WIRE, encoding="utf-8")
    (folder / "reprint_lyon.txt").write_text(WIRE, encoding="utf-8")  # a copy, word for word
    (folder / "local.txt").write_text(LOCAL, encoding="utf-8")
    return folder


def test_copies_count_once_and_stay_listed(wire: Path) -> None:
    result = open_library(wire).ask(QUESTION)
    assert result.answered
    best = result.answers[0]
    assert best.source_count == 2
    assert {s.source for s in best.sources} == {"wire_lyon.txt", "reprint_lyon.txt", "local.txt"}


def test_the_copies_are_said_in_plain_and_json(wire: Path) -> None:
    done = run_cli("ask", "--corpus", str(wire), QUESTION)
    assert done.returncode == 0, done.stderr
    assert (
        "reported by 2 of 3 sources (3 files, copies counted once): local, reprint, wire"
        in done.stdout
    )
    data = json.loads(run_cli("ask", "--json", "--corpus", str(wire), QUESTION).stdout)
    best = data["answers"][0]
    assert best["source_count"] == 2 and len(best["sources"]) == 3
    brief = run_cli("brief", "--corpus", str(wire))
    assert "(3 files, copies counted once)" in brief.stdout
