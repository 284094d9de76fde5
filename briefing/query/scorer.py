"""Provides the learned sentence scorer: logistic regression over the evidence features.

The weights, the abstention threshold and the confidence bands are data
(briefing/query/scorer.json), written by benchmarks/train_scorer.py from the development
splits only (XQuAD-en dev, PIAF dev, bbc_qa_dev.json, seed_qa_dev.json) and reproduced by it
bit for bit. Scoring is one dot product per sentence in plain Python: no numpy, no library.
"""

from __future__ import annotations

import json
import math
from functools import cache
from typing import NamedTuple

from briefing.paths import PACKAGE_DIR

WEIGHTS_FILE = PACKAGE_DIR / "query" / "scorer.json"


class Scorer(NamedTuple):
    """A logistic regression over the evidence features (briefing.query.evidence.FEATURES).

    A named tuple: a one-shot question defines it, and a frozen dataclass costs four times as
    much to define."""

    features: tuple[str, ...]
    weights: tuple[float, ...]
    bias: float
    abstain_below: float  # an answer less likely than this is withheld
    high: float  # a probability from which an answer is right at least 85% of the time
    medium: float  # ... at least 60%

    def logit(self, features: tuple[float, ...]) -> float:
        """The log-odds that a sentence holds the answer."""
        return self.bias + sum(w * x for w, x in zip(self.weights, features, strict=True))

    def band(self, probability: float) -> str:
        if probability >= self.high:
            return "high"
        if probability >= self.medium:
            return "medium"
        return "low"


def probability(logit: float) -> float:
    if logit < -30.0:
        return 0.0
    return 1.0 / (1.0 + math.exp(-logit))


@cache
def scorer() -> Scorer:
    """The shipped scorer, read once (its features must be the evidence's, in order)."""
    from briefing.query.evidence import FEATURES

    data = json.loads(WEIGHTS_FILE.read_text(encoding="utf-8"))
    return from_json(data, FEATURES)


def from_json(data: dict[str, object], features: tuple[str, ...]) -> Scorer:
    named = tuple(str(name) for name in data["features"])  # type: ignore[attr-defined]
    if named != features:
        raise ValueError(
            f"{WEIGHTS_FILE.name} was trained on other features: run benchmarks/train_scorer.py"
        )
    weights = data["weights"]
    thresholds = data["thresholds"]
    assert isinstance(weights, list) and isinstance(thresholds, dict)
    return Scorer(
        named,
        tuple(float(w) for w in weights),
        float(data["bias"]),  # type: ignore[arg-type]
        float(thresholds["abstain_below"]),
        float(thresholds["high"]),
        float(thresholds["medium"]),
    )
