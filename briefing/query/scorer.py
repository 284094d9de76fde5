"""Provides the learned answer scorer: which sentence answers, and how likely it is right.

Two linear models over the evidence features (briefing.query.evidence.FEATURES):
- the ranker orders a question's candidate sentences. It was fitted as a softmax over each
  question's sentences (the answer against the others of the same question), so it learns
  what sets the answer apart from its neighbours, not what makes a question easy;
- the answer model gives the chance that a sentence the ranker put first is right, from its
  features and its ranker score: small gradient-boosted trees over each development
  question's first sentence (AnswerTrees). It alone decides abstention and the confidence
  bands. Trees, not a line: a near miss (the right names, not the asked detail) looks like an
  answer on every feature alone, and only their combination tells it.

The weights, the trees, the abstention threshold and the bands are data
(briefing/query/scorer.json), written by benchmarks/train_scorer.py from the development
splits only (XQuAD-en dev, PIAF dev, bbc_qa_dev.json, seed_qa_dev.json) and reproduced by it
bit for bit. Ranking is a dot product per sentence, and the trees are walked only for the
sentences shown, in plain Python: no numpy, no library.
"""

from __future__ import annotations

import json
import math
import struct
from collections.abc import Sequence
from functools import cache
from operator import mul
from typing import NamedTuple

from briefing.paths import PACKAGE_DIR

WEIGHTS_FILE = PACKAGE_DIR / "query" / "scorer.json"


class AnswerTrees:
    """Gradient-boosted regression trees over a sentence's features and ranker score, each
    made complete to `depth` (a leaf above it splits on nothing: threshold TOP), in heap
    order: node i's children are 2i + 1 (input <= threshold) and 2i + 2. The chance is the
    logistic of `bias` plus one leaf per tree (the learning rate is in the leaves).

    Walked in plain Python, written out for DEPTH: a one-shot question loads no numpy for
    short postings (briefing.query.ranking); 100 trees take 18 us a sentence (200 took 33,
    where a loop over the levels took 56 and numpy, all trees at once, 60)."""

    __slots__ = ("bias", "depth", "feature", "leaf", "threshold")

    def __init__(self, depth: int, bias: float, feature: Sequence[Sequence[int]],
                 threshold: Sequence[Sequence[float]], leaf: Sequence[Sequence[float]]) -> None:
        if depth != DEPTH:
            raise ValueError(f"answer trees of depth {depth}: the walk is written for {DEPTH}")
        self.depth = depth
        self.bias = bias
        self.feature = tuple(tuple(int(i) for i in row) for row in feature)
        self.threshold = tuple(tuple(float(t) for t in row) for row in threshold)
        self.leaf = tuple(tuple(float(v) for v in row) for row in leaf)

    def logit(self, inputs: Sequence[float]) -> float:
        # float32 first: scikit-learn compares its inputs as float32, and its thresholds lie
        # between float32 values; the same inputs take the same branches as in training.
        x = struct.unpack(f"{len(inputs)}f", struct.pack(f"{len(inputs)}f", *inputs))
        chosen = [self.bias]
        for feature, threshold, leaf in zip(self.feature, self.threshold, self.leaf,
                                            strict=True):
            node = 1 + (x[feature[0]] > threshold[0])
            node = 2 * node + 1 + (x[feature[node]] > threshold[node])
            node = 2 * node + 1 + (x[feature[node]] > threshold[node])
            chosen.append(leaf[node - 7])
        return math.fsum(chosen)


TOP = 1e300  # the threshold of a split that sends everything left (a leaf above `depth`)
DEPTH = 3  # the trees' depth (benchmarks/train_scorer.py ANSWER_DEPTH: where it comes from)


class Scorer(NamedTuple):
    """The ranker and the answer model over the evidence features, and their thresholds.

    A named tuple: a one-shot question defines it, and a frozen dataclass costs four times as
    much to define."""

    features: tuple[str, ...]
    weights: tuple[float, ...]  # the ranker's, one per feature
    answer: AnswerTrees  # the answer model, over the features and the ranker's score
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
        return probability(self.answer.logit((*features, score)))

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
    if len(ranker["weights"]) != len(named):
        raise ValueError(f"{WEIGHTS_FILE.name} holds a weight per feature: it does not")
    depth = int(answer["depth"])
    trees = AnswerTrees(depth, float(answer["bias"]), answer["feature"], answer["threshold"],
                        answer["leaf"])
    if any(len(row) != 2**depth - 1 or max(row) > len(named) for row in trees.feature) or any(
        len(row) != 2**depth for row in trees.leaf
    ):  # the inputs are the features, then the score
        raise ValueError(f"{WEIGHTS_FILE.name}'s trees are not complete over the evidence")
    return Scorer(
        named,
        tuple(float(w) for w in ranker["weights"]),
        trees,
        float(thresholds["abstain_below"]),
        float(thresholds["high"]),
        float(thresholds["medium"]),
    )
