"""Provides how alike two sentences are, and whether their anchors can state one fact.

Features are weighted by rarity, ln(1 + N / df), over the corpus's distinct sentences. Two
sentences in one language compare all their features, and also their stems by rapidfuzz
(token-set and partial ratios, which catch near-duplicates and light rewording). Across
languages only the features every language shares are compared (glossary concepts, names,
numbers), and the score is discounted when those cover little of either sentence.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from rapidfuzz import fuzz

from briefing.corroboration.anchors import SentenceAnchors

WEEKDAYS = frozenset({"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"})
# The rapidfuzz score counts only when both sentences are about as long: token_set_ratio is 100
# for any sentence whose words are a subset of the other's.
FUZZY_LENGTH_RATIO = 0.6
# Below this weighted overlap the (costlier) rapidfuzz ratios are not computed.
FUZZY_GATE = 0.25
# partial_ratio aligns the shorter string in the longer one: O(n*m), ~0.3 ms for two long
# sentences. Past this length (in stem characters) the token-set ratio decides alone.
PARTIAL_MAX_CHARACTERS = 160


@dataclass(slots=True)
class Weighted:
    """A sentence's anchors with the weight totals the similarity needs."""

    anchors: SentenceAnchors
    shared_weight: float
    local_weight: float


def feature_weights(sentences: Iterable[SentenceAnchors]) -> dict[str, float]:
    """ln(1 + N / df) of every feature, df counted over the given (distinct) sentences."""
    counts: dict[str, int] = {}
    total = 0
    for anchors in sentences:
        total += 1
        for feature in anchors.shared:
            counts[feature] = counts.get(feature, 0) + 1
        for feature in anchors.local:
            counts[feature] = counts.get(feature, 0) + 1
    return {feature: math.log1p(total / count) for feature, count in counts.items()}


def weighted(anchors: SentenceAnchors, weights: dict[str, float]) -> Weighted:
    return Weighted(
        anchors,
        sum(weights[f] for f in anchors.shared),
        sum(weights[f] for f in anchors.local),
    )


def similarity(a: Weighted, b: Weighted, weights: dict[str, float]) -> float:
    """0..1: how much two sentences say the same thing."""
    x, y = a.anchors, b.anchors
    shared = sum(weights[f] for f in x.shared & y.shared)
    across = _across_languages(a, b, shared)
    if x.language != y.language:
        return across
    # In one language a paraphrase is never less alike than its translation would be.
    local = sum(weights[f] for f in x.local & y.local)
    total = a.shared_weight + a.local_weight + b.shared_weight + b.local_weight
    dice = 2 * (shared + local) / total if total else 0.0
    best = max(dice, across)
    if best < FUZZY_GATE:
        return best  # too little in common for any rewording to be a match
    return max(best, _fuzzy(x.fuzzy, y.fuzzy, best))


def _across_languages(a: Weighted, b: Weighted, shared: float) -> float:
    """Weighted Dice over the language-free features only, discounted by their coverage."""
    total = a.shared_weight + b.shared_weight
    if not total:
        return 0.0
    dice = 2 * shared / total
    # Little of what either sentence says can be compared: the score means less.
    coverage = min(
        a.shared_weight / ((a.shared_weight + a.local_weight) or 1.0),
        b.shared_weight / ((b.shared_weight + b.local_weight) or 1.0),
    )
    return dice * min(1.0, 0.5 + coverage)


def _fuzzy(x: str, y: str, best: float) -> float:
    """The rapidfuzz likeness of two stem strings, if it would beat `best` (else 0)."""
    if not x or not y:
        return 0.0
    shorter, longer = sorted((len(x), len(y)))
    if shorter < FUZZY_LENGTH_RATIO * longer:
        return 0.0
    # Calibrated so that a light rewording (~0.8) is a match and a shared topic (~0.5) is not.
    need = 100.0 * (0.5 + best / 2.0)
    ratio = fuzz.token_set_ratio(x, y, score_cutoff=need)
    if ratio and longer <= PARTIAL_MAX_CHARACTERS:
        ratio = min(ratio, fuzz.partial_ratio(x, y, score_cutoff=need))
    return max(0.0, (ratio / 100.0 - 0.5) * 2.0)


def _lists(anchors: SentenceAnchors) -> list[frozenset[str]]:
    return [
        frozenset(anchors.mentions[i].key for i in items)
        for items in anchors.lists
        if len(items) >= 2
    ]


def list_substitution(x: SentenceAnchors, y: SentenceAnchors) -> tuple[int, int] | None:
    """Lists of names that overlap but differ ("Australia and Taiwan" / "Australia and
    Japan"): the indexes of the two lists in x.lists and y.lists, else None."""
    for i, left in enumerate(x.lists):
        if len(left) < 2:
            continue
        left_keys = {x.mentions[k].key for k in left}
        for j, right in enumerate(y.lists):
            if len(right) < 2:
                continue
            right_keys = {y.mentions[k].key for k in right}
            if left_keys & right_keys and left_keys - right_keys and right_keys - left_keys:
                return i, j
    return None


def numbers_differ(x: SentenceAnchors, y: SentenceAnchors) -> tuple[int, int] | None:
    """A number of one kind in each sentence, the two values disjoint: their indexes."""
    for kind in {n.kind for n in x.numbers} & {n.kind for n in y.numbers}:
        if kind in ("date", "year"):
            continue
        left = {n.value for n in x.numbers if n.kind == kind}
        right = {n.value for n in y.numbers if n.kind == kind}
        if not left & right:
            i = next(k for k, n in enumerate(x.numbers) if n.kind == kind)
            j = next(k for k, n in enumerate(y.numbers) if n.kind == kind)
            return i, j
    return None


def dates_differ(x: SentenceAnchors, y: SentenceAnchors) -> tuple[str, str] | None:
    """Weekdays (or months) named by both sentences, and different: the two keys."""
    for group in (WEEKDAYS, None):
        left = {d for d in x.dates if (d in WEEKDAYS) == (group is not None)}
        right = {d for d in y.dates if (d in WEEKDAYS) == (group is not None)}
        if left and right and not left & right:
            return min(left), min(right)
    return None


def different_bodies(x: SentenceAnchors, y: SentenceAnchors) -> bool:
    """Whether the sentences name different bodies of one kind: the defense ministry and the
    foreign ministry (two actors), not the industry ministry and the Ministry of Industry."""
    for head in {h for h, q in x.bodies if q} & {h for h, q in y.bodies if q}:
        left = [q for h, q in x.bodies if h == head and q]
        right = [q for h, q in y.bodies if h == head and q]
        if not any(a & b for a in left for b in right):
            return True
    return False


def _names_agent(sentence: SentenceAnchors, agent: tuple[str, frozenset[str]]) -> bool:
    key, qualifiers = agent
    if key.startswith("b:"):  # a body is named when one of its qualifiers is (any noun)
        return any(qualifiers & quals for _, quals in sentence.bodies)
    return key in sentence.names


def different_agents(x: SentenceAnchors, y: SentenceAnchors) -> bool:
    """Whether one sentence's actor goes unnamed in the other: "the industry ministry
    blocked ..." and "South Korea restricts ..." are two statements, not one fact."""
    for first, second in ((x, y), (y, x)):
        if first.agents and not any(_names_agent(second, a) for a in first.agents):
            return True
    return False


def disagree(x: SentenceAnchors, y: SentenceAnchors) -> bool:
    """Whether two sentences cannot state one fact: their anchors contradict each other, or
    they are about different actors."""
    return bool(
        list_substitution(x, y)
        or numbers_differ(x, y)
        or dates_differ(x, y)
        or different_bodies(x, y)
        or different_agents(x, y)
    )


def names_disjoint(x: SentenceAnchors, y: SentenceAnchors, common: Sequence[str] = ()) -> bool:
    """Whether each sentence names someone, and no one in common beyond `common` names."""
    left = x.names - set(common)
    right = y.names - set(common)
    return bool(left) and bool(right) and not left & right
