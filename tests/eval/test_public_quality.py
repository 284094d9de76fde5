"""The quality bar on public benchmarks (development splits), beside plain rank-bm25.

Skipped, saying where it looked, when the evaluation data is absent. The figures pinned here
sit a little below what `python -m benchmarks.quality` reaches on the development splits
(README, "Quality on public benchmarks"), so that a regression fails. Test splits are never
asserted on: they are only reported.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from benchmarks.evaldata import (
    Baseline,
    ends_sentence,
    load_cranfield,
    ranking_metrics,
    starts_sentence,
)
from benchmarks.quality import Report, run_cranfield, run_qa
from briefing.paths import eval_dir

pytestmark = pytest.mark.slow

EVAL = eval_dir()


def _require(*parts: str) -> Path:
    path = EVAL.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"evaluation data not found at {path} (set BRIEFING_EVAL_DIR)")
    return path


@pytest.fixture(scope="module")
def report() -> Report:
    for parts in (("cranfield", "cran.all.1400"), ("xquad", "xquad.en.json"),
                  ("piaf", "piaf-v1.0.json")):
        _require(*parts)
    measured = Report()
    run_cranfield(EVAL, measured, ("dev",))
    run_qa(EVAL, "xquad", measured, ("dev",))
    run_qa(EVAL, "piaf", measured, ("dev",))
    return measured


def test_the_baseline_reproduces_the_reference_figures() -> None:
    """Our rank-bm25 baseline gives the eval README's figures on the Cranfield test split."""
    collection = load_cranfield(_require("cranfield"))
    ids = sorted(collection.documents)
    baseline = Baseline([collection.documents[i] for i in ids])
    runs = [([ids[i] for i in baseline.rank(q.text, 100)], q.relevant)
            for q in collection.split("test")]
    figures = ranking_metrics(runs)
    assert figures["MAP@100"] == pytest.approx(0.250, abs=0.0015)
    assert figures["P@10"] == pytest.approx(0.210, abs=0.0015)
    assert figures["nDCG@10"] == pytest.approx(0.340, abs=0.0015)


def test_cranfield_ranking_beats_the_baseline(report: Report) -> None:
    map100 = report.value("cranfield", "dev", "MAP@100")
    ndcg = report.value("cranfield", "dev", "nDCG@10")
    assert map100.briefing >= 0.305 and map100.ratio >= 1.11  # reached: 0.313, 1.14
    assert ndcg.briefing >= ndcg.baseline * 1.05  # reached: 1.08


@pytest.mark.parametrize(
    ("name", "at1", "ratio", "recall", "answered"),
    [
        # reached on the development split (2026-12-06, the ranker and the answer trees):
        # 0.757 (1.13x), recall 0.915 (abstentions count as misses), answered 0.971
        ("xquad", 0.74, 1.10, 0.89, 0.95),
        # reached: 0.533 (1.23x), recall 0.674, answered 0.917
        ("piaf", 0.52, 1.19, 0.65, 0.90),
    ],
)
def test_extractive_answers_beat_the_baseline(
    report: Report, name: str, at1: float, ratio: float, recall: float, answered: float
) -> None:
    answer = report.value(name, "dev", "answer@1")
    assert answer.briefing >= at1 and answer.ratio >= ratio
    paragraph = report.value(name, "dev", "recall@1")
    assert paragraph.briefing >= recall
    assert report.value(name, "dev", "answered").briefing >= answered


@pytest.mark.parametrize("name", ["xquad", "piaf"])
def test_answers_stay_a_sentence_or_two(report: Report, name: str) -> None:
    length = report.value(name, "dev", "answer length (chars)")
    assert length.briefing <= 1.2 * length.baseline  # the bar is 1.5x; reached 1.06-1.08x
    assert report.value(name, "dev", "on sentence boundaries").briefing >= 0.95


def test_confidence_bands_are_ordered(report: Report) -> None:
    """High answers are right more often than medium ones, medium more than low ones."""
    bands = {band: counts for (split, band), counts in report.bands.items() if split == "dev"}
    share = {band: right / total for band, (right, total) in bands.items() if total}
    assert set(share) >= {"high", "medium", "low"}
    # reached: high 0.905, medium 0.617, low 0.301 (the bars: high 0.85, medium 0.60)
    assert share["high"] >= 0.85 and share["medium"] >= 0.60
    assert share["medium"] > share["low"] + 0.1
    # Each band holds a real share of the answers, not a token handful (2026-12-06: high 24%,
    # medium 62%, low 14.7% of 2,443; it held 17-21% at the earlier retrains).
    total = sum(t for _, t in bands.values())
    assert all(bands[b][1] >= 0.10 * total for b in ("high", "medium", "low"))


def test_the_bbc_folder_is_answered_and_abstained_on() -> None:
    """bbc_qa_dev.json over the whole BBC folder (reached 2026-12-06: answer@1 60 of 75,
    answer@3 64, 16 of 25 unanswerable abstained, 2 answerable abstained; the baseline 41
    and 45)."""
    from benchmarks.quality import run_bbc

    _require("bbc", "bbc_qa_dev.json")
    measured = Report()
    run_bbc(EVAL, measured)
    rows = {row.metric.split(" (")[0]: row for row in measured.rows if row.split == "dev"}
    assert rows["answer@1"].briefing >= 57 and rows["answer@1"].briefing > rows["answer@1"].baseline
    assert rows["answer@3"].briefing >= 62
    assert rows["unanswerable abstained"].briefing >= 15
    assert rows["answerable abstained"].briefing <= 3
    # The 60 questions written at stop 29 from other files (34 of 45, 38, 6 of 15, 2; the
    # baseline's answer@1 is in the README).
    written = {row.metric.split(" (")[0]: row for row in measured.rows if row.split == "written"}
    assert written["answer@1"].briefing >= 31
    assert written["answer@1"].briefing > written["answer@1"].baseline
    assert written["answer@3"].briefing >= 35
    assert written["answerable abstained"].briefing <= 4


def test_the_shape_checks_tell_sentences_from_fragments() -> None:
    passage = "Kakao Corp asked staff to stop. They agreed! Some did not, e.g. at home."
    assert starts_sentence(passage, 0) and starts_sentence(passage, passage.index("They"))
    assert not starts_sentence(passage, passage.index("staff"))
    assert ends_sentence(passage, passage.index("They") - 1)
    assert not ends_sentence(passage, passage.index(" to stop"))
    assert ends_sentence(passage, len(passage))
    french = "Il a dit : « Non. » Puis il est parti."
    assert ends_sentence(french, french.index(" Puis"))
    assert starts_sentence(french, french.index("Puis"))
