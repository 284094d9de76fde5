"""Hostile files: binary, empty, blank, odd line endings and encodings, damage, pathological text.

Each decoded-with-a-caveat file is reported once on stderr, each unreadable one is skipped with
its reason, and the rest of the folder is still answered from, its characters intact.
"""

from __future__ import annotations

import codecs
import json
from pathlib import Path

import pytest

from tests.conftest import open_library

from .conftest import good_corpus, run, skipped_lines, write

UNIQUE = {  # file -> (its bytes, a word only it holds)
    "endings.txt": (
        b"Hyundai wrote a first line.\r\nHyundai wrote a second line.\r"
        b"Hyundai wrote a third line about the zeppelin.\n",
        "zeppelin",
    ),
    "utf16.txt": (
        "The sixteen-bit article mentions the quokka of Rottnest.\n".encode("utf-16"),
        "quokka",
    ),
    "cp1252.txt": (
        "Le caf\u00e9 \u201cMirabeau\u201d a ferm\u00e9 \u2013 le narval l\u2019a vu.\n".encode(
            "cp1252"
        ),
        "Mirabeau",
    ),
    "latin1.txt": (
        "L'acc\u00e8s \u00e0 Gen\u00e8ve \u00e9tait bloqu\u00e9 pour l'ornithorynque.\n".encode(
            "latin-1"
        ),
        "ornithorynque",
    ),
    "damaged.txt": (
        "Le minist\u00e8re a parl\u00e9 du capybara. ".encode()
        + b"Broken \xff\xfe bytes \xe9 here. "
        + "Le r\u00e9sum\u00e9 reste intact apr\u00e8s les octets cass\u00e9s.\n".encode(),
        "capybara",
    ),
}
UNREADABLE = {
    "binary.txt": (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 40, "binary file (NUL bytes)"),
    "zero.txt": (b"", "empty file"),
    "blank.txt": (b" \n\t\r\n\xc2\xa0\n", "no text"),  # no-break space included
}
NOTICES = {
    "utf16.txt": "decoded as utf-16",
    "cp1252.txt": "not UTF-8: decoded as cp1252",
    "damaged.txt": "invalid UTF-8 bytes replaced",
}


@pytest.fixture(scope="module")
def mixed_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = good_corpus(tmp_path_factory.mktemp("mixed"))
    for name, (data, _) in {**UNIQUE, **UNREADABLE}.items():
        write(folder / name, data)
    return folder


def test_each_bad_file_is_skipped_or_noticed_once_on_stderr(mixed_folder: Path) -> None:
    done = run("search", "--corpus", str(mixed_folder), "Samsung")
    assert done.returncode == 0, done.stderr
    assert sorted(skipped_lines(done.stderr)) == sorted(
        f"briefing: skipped {name}: {reason}" for name, (_, reason) in UNREADABLE.items()
    )
    notices = [line for line in done.stderr.splitlines() if line.startswith("briefing: notice:")]
    for name, notice in NOTICES.items():
        assert notices.count(f"briefing: notice: {name}: {notice}") == 1, done.stderr
    latin = [line for line in notices if "latin1.txt" in line]
    assert len(latin) == 1 and "not UTF-8: decoded as " in latin[0]
    assert len(done.stderr.splitlines()) == len(UNREADABLE) + len(NOTICES) + 1
    assert "good.txt" in done.stdout


@pytest.mark.parametrize("name", sorted(UNIQUE))
def test_every_readable_file_is_searchable_with_its_characters_intact(
    mixed_folder: Path, name: str
) -> None:
    engine = open_library(mixed_folder)
    word = UNIQUE[name][1]
    hits = engine.search(word, n=3).results
    assert hits and hits[0].source == name
    passage = hits[0].passage
    start, end = hits[0].highlights[0]
    assert passage[start:end].casefold() == word.casefold()
    assert "\ufffd" not in passage or name == "damaged.txt"


def test_decoded_text_is_the_text_that_was_written(mixed_folder: Path) -> None:
    engine = open_library(mixed_folder)
    by_source = {
        hit.source: hit.passage
        for word in ("Mirabeau", "ornithorynque", "capybara", "quokka")
        for hit in engine.search(word, n=1).results
    }
    assert "caf\u00e9 \u201cMirabeau\u201d a ferm\u00e9 \u2013 le narval l\u2019a vu." in (
        by_source["cp1252.txt"]
    )
    assert "Gen\u00e8ve \u00e9tait bloqu\u00e9" in by_source["latin1.txt"]
    damaged = by_source["damaged.txt"]
    assert damaged.startswith("Le minist\u00e8re a parl\u00e9 du capybara.")
    assert damaged.endswith("Le r\u00e9sum\u00e9 reste intact apr\u00e8s les octets cass\u00e9s.")
    assert "\ufffd" in damaged  # the bad bytes are replaced, visibly, not guessed
    assert by_source["utf16.txt"].startswith("The sixteen-bit article")


def test_line_numbers_count_every_kind_of_line_ending(mixed_folder: Path) -> None:
    done = run("search", "--json", "--corpus", str(mixed_folder), "zeppelin")
    hit = json.loads(done.stdout)["results"][0]
    assert (hit["source"], hit["line"]) == ("endings.txt", 3)
    assert "\r" not in hit["passage"]


def test_a_utf16_file_without_bom_and_a_utf32_file(tmp_path: Path) -> None:
    good_corpus(tmp_path)
    write(tmp_path / "le.txt", "A wombat crossed the road in Seoul.\n".encode("utf-16-le"))
    write(tmp_path / "wide.txt", codecs.BOM_UTF32_LE + "A numbat slept.\n".encode("utf-32-le"))
    engine = open_library(tmp_path)
    assert engine.search("wombat").results[0].source == "le.txt"
    assert engine.search("numbat").results[0].source == "wide.txt"


# Text shapes that once made the paragraph splitter crawl or hang (an unclosed front matter
# backtracked exponentially, a run of dots quadratically). All are indexed in one run; the
# subprocess timeout turns a hang into a failure instead of a stalled CI job.
PATHOLOGICAL = {
    "unclosed-front-matter.md": "---\n" + "key: some value here\n" * 40 + "Body text.\n",
    "dots.txt": "." * 1_000_000 + "\n",
    "one-word-per-line.txt": "word\n" * 20_000,
    "no-spaces.txt": "x" * 2_000_000,
    "combining.txt": ("e" + "\u0301" * 40 + " ") * 20_000,
    "quotes.txt": '"' * 500_000,
}


def test_pathological_text_is_indexed_without_hanging(tmp_path: Path) -> None:
    good_corpus(tmp_path)
    for name, text in PATHOLOGICAL.items():
        write(tmp_path / name, text)
    done = run("index", "--json", "--corpus", str(tmp_path), timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    report = json.loads(done.stdout)
    assert report["files"] == len(PATHOLOGICAL) + 1, report["skipped"]
    assert "Traceback" not in done.stderr


@pytest.mark.parametrize(
    "text", ["\x1b[2J" * 60 + "\n", "Mr. " * 30 + "\n", "the.\n"], ids=["escapes", "mr", "the"]
)
def test_a_folder_of_featureless_text_does_not_break_the_index(tmp_path: Path, text: str) -> None:
    """Text with no word the language model knows (found by the property tests: once it made
    language detection raise IndexError, exit code 70, for the whole folder)."""
    write(tmp_path / "capture.txt", text)
    done = run("index", "--corpus", str(tmp_path))
    assert done.returncode == 0, done.stderr[-2000:]
