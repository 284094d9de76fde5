"""Provides the learned answer scorer: which sentence answers, and how likely it is right.

Two linear models over the evidence features (briefing.query.evidence.FEATURES):
- the ranker orders a question's candidate sentences. It was fitted as a softmax over each
  question's sentences (the answer against the others of the same question), so it learns
  what sets the answer apart from its neighbours, not what makes a question easy;
- the answer model gives the chance that a sentence the ranker put first is right, from its
  features and its ranker score (logistic regression over each development question's first
  sentence). It alone decides abstention and the confidence bands.

The weights, the abstention threshold and the bands are data (briefing/query/scorer.json),
written by benchmarks/train_scorer.py from the development splits only (XQuAD-en dev, PIAF
dev, bbc_qa_dev.json, seed_qa_dev.json) and reproduced by it bit for bit. Scoring is a dot
product per sentence in plain Python: no numpy, no library.
"""

from __future__ import annotations

import json
import math
from functools import cache
from operator import mul
from typing import NamedTuple

from briefing.paths import PACKAGE_DIR

WEIGHTS_FILE = PACKAGE_DIR / "query" / "scorer.json"


class Scorer(NamedTuple):
    """The ranker and the answer model over the evidence features, and their thresholds.

    A named tuple: a one-shot question defines it, and a frozen dataclass costs four times as
    much to define."""

    features: tuple[str, ...]
    weights: tuple[float, ...]  # the ranker's, one per feature
    answer_weights: tuple[float, ...]  # the answer model's, one per feature
    answer_score_weight: float  # ... and the ranker's score
    answer_bias: float
    abstain_below: float  # an answer less likely than this is withheld
    high: float  # a chance from which an answer is right at least 85% of the time
    medium: float  # ... at least 60%

    def rank(self, features: tuple[float, ...]) -> float:
        """A sentence's ranker score: higher is likelier the answer among its question's.
        (map over the two tuples: a third faster than a generator, every sentence pays it;
        from_json checks that the lengths agree.)"""
        return sum(map(mul, self.weights, features))

    def chance(self, features: tuple[float, ...], score: float) -> float:
        """The chance that a sentence with these features and ranker score answers."""
        logit = self.answer_bias + self.answer_score_weight * score + sum(
            map(mul, self.answer_weights, features)
        )
        return probability(logit)

    def band(self, chance: float) -> str:
        if chance >= self.high:
            return "high"
        if chance >= self.medium:
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
    ranker, answer, thresholds = data["ranker"], data["answer"], data["thresholds"]
    assert isinstance(ranker, dict) and isinstance(answer, dict) and isinstance(thresholds, dict)
    if not len(ranker["weights"]) == len(answer["weights"]) == len(named):
        raise ValueError(f"{WEIGHTS_FILE.name} holds a weight per feature: it does not")
    return Scorer(
        named,
        tuple(float(w) for w in ranker["weights"]),
        tuple(float(w) for w in answer["weights"]),
        float(answer["score_weight"]),
        float(answer["bias"]),
        float(thresholds["abstain_below"]),
        float(thresholds["high"]),
        float(thresholds["medium"]),
    )
