"""The learned answer scorer: the shipped weights are what benchmarks/train_scorer.py makes of
the development splits, byte for byte (issue 15, item 3)."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path

import pytest

from briefing.paths import eval_dir
from briefing.query.evidence import FEATURES
from briefing.query.scorer import WEIGHTS_FILE, probability, scorer

REPO = Path(__file__).resolve().parents[2]


def test_the_shipped_scorer_reads_the_evidence_features() -> None:
    shipped = scorer()
    assert shipped.features == FEATURES and len(shipped.weights) == len(FEATURES)
    # The answer model's trees read the features and, last, the ranker's score.
    trees = shipped.answer
    assert len(trees.feature) == len(trees.threshold) == len(trees.leaf) > 0
    assert all(len(row) == 2**trees.depth for row in trees.leaf)
    assert {i for row in trees.feature for i in row} <= set(range(len(FEATURES) + 1))
    # Thresholds chosen on the development data, in the order the bands need.
    assert 0.0 < shipped.abstain_below < shipped.medium < shipped.high < 1.0
    assert shipped.band(shipped.high) == "high" and shipped.band(shipped.medium) == "medium"
    assert shipped.band(shipped.medium - 1e-9) == "low"
    assert probability(0.0) == 0.5 and probability(-100.0) == 0.0


def test_more_evidence_weighs_more() -> None:
    """The learned weights say what the evidence means: holding more of the question, and a
    value of the expected type, put a sentence first; names the passage lacks rank it lower; a
    first sentence whose paragraph holds little of the question is less likely right. (Single
    weights of features that move together, like the unseen words' share and the coverage it
    lowers, may take either sign: not asserted.)"""
    shipped = scorer()
    ranker = dict(zip(FEATURES, shipped.weights, strict=True))
    assert ranker["coverage"] + ranker["words_held"] > 0
    assert ranker["fits"] + ranker["exact"] > 0
    assert ranker["name_missing"] < 0
    held = _held()
    thin = held | {"paragraph_coverage": 0.3, "article_coverage": 0.3}
    little = held | {"coverage": 0.2, "paragraph_coverage": 0.2, "article_coverage": 0.2,
                     "words_held": 0.2, "rarest_held": 0.0}
    chance = shipped.chance
    assert chance(_row(held), 5.0) > chance(_row(thin), 5.0) > chance(_row(little), 5.0)
    # The sentence holding the question is answered; the one holding little is withheld.
    assert chance(_row(held), 5.0) > shipped.abstain_below > chance(_row(little), 5.0)


def _held() -> dict[str, float]:
    """A first sentence that, in the best paragraph, holds the whole question."""
    return _features(coverage=1.0, paragraph_coverage=1.0, article_coverage=1.0,
                     words_held=1.0, rarest_held=1.0, proximity=0.8, relative_score=1.0,
                     article_score=1.0, top_paragraph=1.0, length=0.5)


def _features(**given: float) -> dict[str, float]:
    return dict.fromkeys(FEATURES, 0.0) | given


def _row(features: dict[str, float]) -> tuple[float, ...]:
    return tuple(features[name] for name in FEATURES)


def test_the_chance_grows_with_the_ranker_score() -> None:
    """The ranker's favourite by far is likelier right than one it barely prefers (the
    trees split the ranker's score between about 3.5 and 14 on the development rows)."""
    shipped = scorer()
    features = _row(_held())
    assert shipped.chance(features, 16.0) > shipped.chance(features, 2.0)
    assert 0.0 < shipped.chance(features, 2.0) < 1.0


def test_the_trees_are_walked_as_scikit_learn_walks_them() -> None:
    """A tree made complete (a leaf above the depth splits on nothing) gives the leaf of its
    branch; inputs are compared as float32, as scikit-learn compares them."""
    import numpy as np

    from briefing.query.scorer import TOP, AnswerTrees

    # One tree of depth 3: input 0 <= 0.5 goes left to a leaf (-1.0) made complete; right,
    # input 1 <= the float32 nearest 0.1 gives 2.0, else 3.0 (leaves made complete too).
    split = float(np.float32(0.1))
    tree = AnswerTrees(3, 0.25, [[0, 0, 1, 0, 0, 0, 0]],
                       [[0.5, TOP, split, TOP, TOP, TOP, TOP]],
                       [[-1.0, -1.0, -1.0, -1.0, 2.0, 2.0, 3.0, 3.0]])
    assert tree.logit((0.2, 9.0)) == 0.25 - 1.0
    assert tree.logit((0.7, 0.05)) == 0.25 + 2.0
    assert tree.logit((0.7, 0.2)) == 0.25 + 3.0
    # Above the split as a float64, on it as a float32: left, as in training.
    just_above = float(np.nextafter(np.float64(split), 1.0))
    assert just_above > split and tree.logit((0.7, just_above)) == 0.25 + 2.0


@pytest.mark.slow
def test_the_training_script_reproduces_the_shipped_weights(tmp_path: Path) -> None:
    if importlib.util.find_spec("sklearn") is None:
        pytest.skip("scikit-learn is not installed (pip install -e '.[train]')")
    data = eval_dir()
    for part in (("bbc", "bbc_qa_dev.json"), ("xquad", "xquad.en.json"),
                 ("piaf", "piaf-v1.0.json"), ("seed_qa_dev.json",)):
        if not data.joinpath(*part).exists():
            pytest.skip(f"evaluation data not found at {data} (set BRIEFING_EVAL_DIR)")
    out = tmp_path / "scorer.json"
    done = subprocess.run(
        [sys.executable, "-m", "benchmarks.train_scorer", str(data), "--out", str(out)],
        cwd=REPO, capture_output=True, text=True, timeout=1800, check=False,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    assert out.read_bytes() == WEIGHTS_FILE.read_bytes()


def test_the_ranker_learns_what_sets_the_answer_apart_within_its_question() -> None:
    """A softmax over each question's sentences: a feature that only the right sentence has
    wins over one a wrong sentence of the same question has more of (the lead restating the
    question), and a feature equal for all of a question's sentences learns nothing."""
    if importlib.util.find_spec("scipy") is None:
        pytest.skip("scipy is not installed (pip install -e '.[train]')")
    from benchmarks.train_scorer import Asked, Row, fit_ranker

    asked: list[Asked] = []
    rows: list[Row] = []
    for number in range(40):
        entry = Asked("xquad", f"q{number}", True, False, "number", [])
        asked.append(entry)
        easy = float(number % 2)  # the same for every sentence of the question
        for restates, detail in ((0.9, 0.0), (0.5, 1.0), (0.2, 0.0)):
            entry.rows.append(len(rows))
            rows.append(Row(number, (restates, detail, easy), detail == 1.0, False))
    restates, detail, easy = fit_ranker(asked, rows, 1.0, list(range(len(asked))))
    assert detail > 0 and detail > restates
    assert abs(easy) < 1e-6


def test_right_outcomes_what_the_news_weight_scan_reports() -> None:
    """A right answer where there is one and no answer where there is none are right outcomes;
    a withheld right answer and an answer to an unanswerable question are not."""
    from benchmarks.train_scorer import First, right_outcomes

    firsts = [
        # answerable: right and answered, right but withheld by a hard rule, wrong
        First("xquad", True, 0, True, False, 0.6),
        First("xquad", True, 1, True, True, 0.9),
        First("xquad", True, 2, False, False, 0.9),
        # no answer: withheld by the threshold, withheld by a hard rule, answered
        First("bbc", False, 3, False, False, 0.1),
        First("bbc", False, 4, False, True, 0.9),
        First("bbc", False, 5, False, False, 0.9),
    ]
    # The threshold is the lowest chance of a right answer the hard rules let through (0.6,
    # with RIGHT_ANSWERS_LOST of one answer none). xquad: 1 of 3 right, the news folders
    # (bbc and seed together): 2 of 3; piaf holds no question here and counts 0, as in
    # first_right.
    assert right_outcomes(firsts) == pytest.approx((1 / 3 + 0 + 2 / 3) / 3)
    # A question of the bundled corpus is pooled with the BBC's, not a collection of its own.
    seed = [*firsts, First("seed", True, 6, True, False, 0.9)]
    assert right_outcomes(seed) == pytest.approx((1 / 3 + 0 + 3 / 4) / 3)
