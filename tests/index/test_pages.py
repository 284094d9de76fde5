"""A build allocates numpy's arrays on ordinary pages (briefing.index.pages), in every
process that computes them, and leaves the caller's setting as it found it."""

from __future__ import annotations

import os
from pathlib import Path

import numpy as np
import pytest

from briefing.corroboration import pipeline
from briefing.corroboration.during_build import facts_for
from briefing.index.opening import open_index
from briefing.index.pages import _switch, ordinary_pages
from tests.conftest import BUNDLED


def _huge_pages_on() -> bool:
    switch = _switch()
    assert switch is not None, "numpy lacks its huge-page switch: see briefing.index.pages"
    before = switch(True)
    switch(before)
    return before


@pytest.mark.parametrize("caller", [True, False])
def test_off_inside_and_the_callers_setting_back_after(caller: bool) -> None:
    switch = _switch()
    assert switch is not None
    before = switch(caller)
    try:
        with ordinary_pages():
            assert not _huge_pages_on()
        assert _huge_pages_on() is caller
        with pytest.raises(RuntimeError), ordinary_pages():
            raise RuntimeError("a build that fails")
        assert _huge_pages_on() is caller
    finally:
        switch(before)


def _write_corpus(folder: Path) -> None:
    """Thirty files of the bundled paragraphs, rotated: over 200 paragraphs, so that the facts
    are computed as a large build computes them (in their own process where it can fork)."""
    paragraphs = [
        block.strip()
        for path in sorted(BUNDLED.glob("*.txt"))
        for block in path.read_text(encoding="utf-8").split("\n\n")
        if len(block.strip()) > 80
    ]
    folder.mkdir()
    for number in range(30):
        chosen = [paragraphs[(number * 3 + k) % len(paragraphs)] for k in range(9)]
        (folder / f"{number:03d}.txt").write_text(
            f"Story {number}\n\n" + "\n\n".join(chosen) + "\n", encoding="utf-8"
        )


def test_the_corroboration_arrays_of_a_build_are_on_ordinary_pages(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    corpus = tmp_path / "corpus"
    _write_corpus(corpus)
    seen = tmp_path / "seen"  # one line per call, from whichever process makes the pairs
    real = pipeline.candidate_pairs

    def recording(*args: object, **kwargs: object) -> np.ndarray:
        with seen.open("a", encoding="utf-8") as out:
            out.write(f"{os.getpid()} {_huge_pages_on()}\n")
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(pipeline, "candidate_pairs", recording)
    caller = _huge_pages_on()
    reader, _ = open_index(corpus, cache=tmp_path / "cache", facts=facts_for)
    reader.close()
    lines = seen.read_text(encoding="utf-8").split()
    assert lines, "the build made no candidate pairs"
    assert lines[1::2] == ["False"] * (len(lines) // 2)
    assert _huge_pages_on() is caller
