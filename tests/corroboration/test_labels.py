"""How sources are named: the shortest leading part of the path that includes the start of the
file name, cut at "/", "_" or ".", and unique in the folder; JSON keeps whole paths."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from briefing.output.labels import Labels
from briefing.output.names import short_names
from briefing.paths import eval_dir
from tests.conftest import BUNDLED, run_cli


def _folder(root: Path) -> list[str]:
    return sorted(p.relative_to(root).as_posix() for p in root.rglob("*.txt"))


def test_bundled_files_are_named_by_their_number() -> None:
    folder = _folder(BUNDLED)
    names = short_names(folder, folder)
    assert names["003_b1bf6165345aa9a6.txt"] == "003"
    assert sorted(names.values()) == ["000", "001", "002", "003", "004"]


def test_bbc_files_are_named_by_folder_and_number() -> None:
    root = eval_dir() / "bbc" / "corpus"
    if not root.is_dir():
        pytest.skip(f"evaluation data not found at {root}")
    folder = _folder(root)
    names = short_names(folder, folder)
    assert names["sport/199.txt"] == "sport/199"
    assert names["business/001.txt"] == "business/001"
    assert len(set(names.values())) == len(folder) == 2225


def test_a_label_is_unique_in_the_folder_not_only_among_those_shown() -> None:
    folder = ["003_first.txt", "003_second.txt", "004_only.txt", "004_more.txt", "a.b.txt",
              "a.c.txt", "notes/004.txt"]
    shown = short_names(["003_first.txt", "004_only.txt", "a.b.txt", "notes/004.txt"], folder)
    assert shown == {"003_first.txt": "003_first", "004_only.txt": "004_only", "a.b.txt": "a.b",
                     "notes/004.txt": "notes/004"}
    # Told apart only from each other, they would be shorter.
    assert short_names(["003_first.txt", "004_only.txt"]) == {
        "003_first.txt": "003", "004_only.txt": "004"
    }
    # A name shown in another language than most of the others is marked.
    labels = Labels([("003_first.txt", "fr"), ("004_only.txt", "en"), ("a.b.txt", "en")])
    assert labels.foreign("003_first.txt", None) == "fr"
    assert labels.foreign("004_only.txt", "en") is None


def test_plain_output_shows_labels_and_json_whole_paths() -> None:
    plain = run_cli("brief", "--corpus", str(BUNDLED))
    assert "reported by 3 of 5 sources: 000 (fr), 001, 003" in plain.stdout
    cited = [line for line in plain.stdout.splitlines() if "reported by" in line]
    assert cited and not any(".txt" in line for line in cited)
    data = json.loads(run_cli("brief", "--json", "--corpus", str(BUNDLED)).stdout)
    sources = {s["source"] for f in data["facts"] for s in f["sources"]}
    assert "000_1c279a35ebb96548.txt" in sources and all(p.endswith(".txt") for p in sources)


def test_ask_and_brief_name_sources_uniquely_in_the_folder(tmp_path: Path) -> None:
    """Only 003_harbour.txt answers and is shown, yet 003_market.txt sits in the folder: the
    answer's source is "003_harbour", not "003" (which would name both). The other files'
    names stay short."""
    folder = tmp_path / "news"
    folder.mkdir()
    (folder / "003_harbour.txt").write_text(
        "Portmere council approved a harbour repair budget of 12 million pounds on Monday.\n\n"
        "The harbour wall was damaged by storms in January, engineers said.\n",
        encoding="utf-8",
    )
    (folder / "003_market.txt").write_text(
        "The Portmere market reopened after the winter with forty new stalls.\n",
        encoding="utf-8",
    )
    (folder / "004_weather.txt").write_text(
        "Portmere councillors said the harbour repair budget was 12 million pounds.\n",
        encoding="utf-8",
    )
    plain = run_cli("ask", "-k", "1", "What harbour repair budget did Portmere council "
                    "approve?", "--corpus", str(folder))
    cited = [line for line in plain.stdout.splitlines() if "reported by" in line]
    assert cited, plain.stdout
    assert "003_harbour" in cited[0] and "004" in cited[0], cited
    assert "003," not in cited[0] and not cited[0].rstrip().endswith(" 003"), cited
    assert "003_market" not in plain.stdout
    data = json.loads(run_cli("ask", "--json", "What harbour repair budget did Portmere "
                              "council approve?", "--corpus", str(folder)).stdout)
    assert {s["source"] for s in data["answers"][0]["sources"]} >= {"003_harbour.txt"}
    assert "namesakes" not in data
