"""Large input: a 50 MB single-line file is read in one pass with bounded memory, and a very
long passage is shown as a window around its answer, never as megabytes of text."""

from __future__ import annotations

import json
import random
import subprocess
import sys
from pathlib import Path

import pytest

from benchmarks.large_file import HIGH_WATER
from briefing.corpus.paragraphs import PASSAGE_LIMIT
from briefing.output.plain import WINDOW

from .conftest import run, write

MEGABYTE = 1 << 20
MARKER = "The zeppelin from Busan landed beside the Samsung plant at noon."
_WORDS = (
    "the government of south korea restricted deepseek on official devices after concerns "
    "about data privacy and security were raised by several ministries in seoul while "
    "regulators asked questions about storage transfers and training"
).split()

# Runs in a fresh interpreter: its peak RSS is this file's, not the test runner's.
MEASURE = HIGH_WATER + """
import json, sys, time
from pathlib import Path
from briefing.corpus.reading import load_document
from briefing.corpus.paragraphs import PASSAGE_LIMIT
from briefing.models import ParagraphKind

path = Path(sys.argv[1])
marker = sys.argv[2]
before = high_water()
started = time.perf_counter()
document = load_document(path, path)
seconds = time.perf_counter() - started
peak = high_water()
paragraphs = document.paragraphs
print(json.dumps({
    "seconds": seconds,
    "before": before,
    "peak": peak,
    "passages": len(paragraphs),
    "longest": max(p.end - p.start for p in paragraphs),
    "body": all(p.kind is ParagraphKind.BODY for p in paragraphs),
    "exact": all(p.text == document.text[p.start:p.end] for p in paragraphs[::997]),
    "ordered": all(a.end <= b.start for a, b in zip(paragraphs, paragraphs[1:])),
    "covered": sum(p.end - p.start for p in paragraphs),
    "length": len(document.text),
    "marker": sum(marker in p.text for p in paragraphs),
}))
"""


def single_line(
    size: int, marker: str, *, seed: int = 7, distinct: int = 700, words: list[str] = _WORDS
) -> str:
    """`size` characters of sentences on one line (a block of `distinct` random sentences,
    repeated), `marker` in the middle."""
    rng = random.Random(seed)
    sentences = [
        " ".join(rng.choice(words) for _ in range(rng.randint(8, 30))).capitalize() + "."
        for _ in range(distinct)
    ]
    block = " ".join(sentences) + " "
    repeats = max(1, size // len(block))
    half = repeats // 2
    parts = [f"Part {i}. {block}" for i in range(repeats)]
    parts.insert(half, marker + " ")
    return "".join(parts).rstrip()


@pytest.fixture(scope="module")
def fifty_megabytes(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("large") / "single-line.txt"
    with path.open("w", encoding="utf-8") as handle:
        handle.write(single_line(50 * MEGABYTE, MARKER))
    return path


@pytest.mark.slow
def test_fifty_megabyte_line_is_split_in_one_pass_with_bounded_memory(
    fifty_megabytes: Path,
) -> None:
    size = fifty_megabytes.stat().st_size
    assert size >= 50 * MEGABYTE - MEGABYTE
    done = subprocess.run(
        [sys.executable, "-c", MEASURE, str(fifty_megabytes), MARKER],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    measured = json.loads(done.stdout)
    # The bytes and the decoded text, then the text and its passages: two copies at most.
    growth = measured["peak"] - measured["before"]
    assert growth <= 2.5 * size, f"peak grew by {growth / MEGABYTE:.0f} MB for a {size} B file"
    assert measured["body"] and measured["exact"] and measured["ordered"]
    assert measured["longest"] <= PASSAGE_LIMIT
    assert measured["passages"] >= size // PASSAGE_LIMIT
    # Only the spaces at the cuts are left out: nothing of the text is lost.
    assert measured["length"] - measured["covered"] <= measured["passages"]
    assert measured["marker"] == 1  # a sentence is never cut in two


@pytest.fixture(scope="module")
def long_line_corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("long-line")
    # A megabyte of sentences that never repeat, on one line: one paragraph of about 500
    # passages. Its words are many and varied, like real text (the 50 MB test covers scale).
    rng = random.Random(11)
    words = ["".join(rng.choices("abcdefghijklmnoprstuvwy", k=rng.randint(3, 9)))
             for _ in range(20_000)]
    write(folder / "scrape.txt", single_line(MEGABYTE, MARKER, distinct=8000, words=words))
    return folder


def test_a_huge_paragraph_is_printed_as_a_window_around_the_answer(
    long_line_corpus: Path,
) -> None:
    done = run("ask", "--corpus", str(long_line_corpus), "Where did the zeppelin from Busan land?")
    assert done.returncode == 0, done.stderr[-2000:]
    assert MARKER in done.stdout
    lines = done.stdout.splitlines()
    assert max(len(line) for line in lines) <= WINDOW + 200
    assert len(done.stdout) < 20 * WINDOW  # the answer and its neighbourhood, not megabytes


def test_a_huge_paragraph_in_json_gives_bounded_passages(long_line_corpus: Path) -> None:
    done = run("search", "--json", "-n", "5", "--corpus", str(long_line_corpus), "zeppelin")
    assert done.returncode == 0, done.stderr[-2000:]
    results = json.loads(done.stdout)["results"]
    assert MARKER in results[0]["passage"]
    assert all(len(hit["passage"]) <= PASSAGE_LIMIT for hit in results)
    assert len(done.stdout) < 5 * (PASSAGE_LIMIT + 2000)
