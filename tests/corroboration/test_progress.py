"""A build names every corroboration phase as it goes, with counts that only rise and end
complete: the long ones on a real folder (sentences analysed, compared, grouped) never sit
silent at "2225/2225 files"."""

from __future__ import annotations

from pathlib import Path

from briefing import open as open_library
from tests.corroboration.conftest import write_factories

PHASES = ("reading files", "writing the index", "analysing sentences",
          "finding similar sentences", "comparing sentences", "comparing wordings",
          "checking values",
          "grouping facts", "ranking facts and actors")


def test_every_phase_is_labelled_and_counts_up_to_its_total(tmp_path: Path) -> None:
    # Four regions' copies of the factory news: past the paragraphs a small folder computes
    # its tables in one go (during_build.SMALL_CORPUS_PARAGRAPHS), as a real folder is built.
    folder = tmp_path / "news"
    for region in range(4):
        write_factories(folder / f"region{region}")
    steps: list[tuple[str, int, int | None]] = []
    with open_library(folder, cache_dir=tmp_path / "cache") as library:
        library.index(rebuild=True, progress=lambda *step: steps.append(step))
    assert sum(1 for p, _, _ in steps if p == "reading files") >= 24
    seen = list(dict.fromkeys(phase for phase, _, _ in steps))
    assert [p for p in seen if p in PHASES] == list(PHASES), seen
    for phase in PHASES:
        counted = [(done, total) for p, done, total in steps if p == phase and total]
        assert counted, phase
        dones = [done for done, _ in counted]
        assert dones == sorted(dones), (phase, dones)
        assert counted[-1][0] == counted[-1][1], (phase, counted[-1])
