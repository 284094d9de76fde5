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
    # Thresholds chosen on the development data, in the order the bands need.
    assert 0.0 < shipped.abstain_below < shipped.medium < shipped.high < 1.0
    assert shipped.band(shipped.high) == "high" and shipped.band(shipped.medium) == "medium"
    assert shipped.band(shipped.medium - 1e-9) == "low"
    assert probability(0.0) == 0.5 and probability(-100.0) == 0.0


def test_more_evidence_weighs_more() -> None:
    """The learned weights say what the evidence means: holding more of the question, and a
    value of the expected type, make a sentence likelier to answer."""
    weights = dict(zip(FEATURES, scorer().weights, strict=True))
    assert weights["coverage"] + weights["words_held"] > 0
    assert weights["fits"] + weights["exact"] > 0
    assert weights["unseen"] < 0 and weights["name_missing"] < 0


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
