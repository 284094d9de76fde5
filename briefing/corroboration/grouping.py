"""Provides the grouping of sentences that state the same fact, across files and languages.

Candidate pairs (briefing.corroboration.candidates) are scored, then merged by average
linkage: two groups join when their sentences are alike on average and every pair is at least
loosely alike, never when two of their sentences contradict each other's anchors, and never
past MAX_GROUP sentences. Then two facts each told by two stories or more (copies of a story
count once) are one when exactly one story tells both (a lead and its body, in two outlets'
words: "the privacy watchdog intends to inquire" and "the Personal Information Protection
Commission plans to send a request"), and their sentences are all edges, BRIDGE_JOIN alike
at best; two stories that each tell both tell two facts. Ties are broken by sentence number,
which is the order of first occurrence in the folder, so an update numbers and groups them as
a build does.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from briefing.corroboration.anchors import SentenceAnchors
from briefing.corroboration.similarity import (
    Contrast,
    Weighted,
    base_similarity,
    contradict,
    contrast,
    corroborates,
    fuzzy_many,
)
from briefing.index.report import Progress

EDGE_FLOOR = 0.25  # a pair less alike than this is no edge (see candidates.CANDIDATE_FLOOR)
JOIN_THRESHOLD = 0.5  # the best pair of two groups must be this alike to try joining them
AVERAGE_THRESHOLD = 0.36  # and all their pairs this alike on average
LINK_FLOOR = 0.3  # and every pair at least this alike
MAX_GROUP = 64  # distinct sentences in one group
# Progress steps while comparing: about 0.1 s of work each (10 µs a pair on the BBC folder).
PAIRS_PER_STEP = 10_000
COMPARING = "comparing sentences"
COMPARING_WORDINGS = "comparing wordings"
CHECKING_VALUES = "checking values"  # of the pairs alike enough to be edges
GROUPING = "grouping facts"
EDGES_PER_STEP = 20_000  # grouping: about 0.1 s of work each at 100,000 paragraphs
# Two facts a file tells both join when their best pair is this alike (a fact and its
# retelling by another outlet share less than its copies: 0.28-0.44 on the bundled corpus).
BRIDGE_JOIN = 0.4


@dataclass(frozen=True, slots=True)
class Edges:
    """Scored candidate pairs (i < j) of distinct sentences, and which ones contradict.

    A pair alike enough to be an edge that does not corroborate (similarity.corroborates)
    has its similarity negated: it is no evidence that the two state one fact, but it may
    still show a conflict, or bridge two wordings of one fact (group_nodes)."""

    left: np.ndarray
    right: np.ndarray
    weight: np.ndarray  # the similarity, negative where the pair does not corroborate
    contradicting_mask: np.ndarray  # bool per edge: their anchors contradict

    @property
    def contradicting(self) -> frozenset[tuple[int, int]]:
        mask = self.contradicting_mask
        return frozenset(zip(self.left[mask].tolist(), self.right[mask].tolist(), strict=True))

    @property
    def corroborating(self) -> np.ndarray:
        """Per edge: whether its two sentences support each other as one fact."""
        return (self.weight > 0) & ~np.asarray(self.contradicting_mask, dtype=bool)


def score_pairs(
    nodes: Sequence[Weighted],
    weights: dict[str, float],
    pairs: np.ndarray,
    progress: Progress | None = None,
    threads: int = -1,
    contrasts: dict[int, Contrast] | None = None,
) -> tuple[np.ndarray, np.ndarray]:
    """similarity() of each pair, negated where the two do not corroborate each other (and
    scored without rewording then), and whether their anchors contradict (asked of edges
    only), as arrays.

    The rapidfuzz ratios of all pairs are asked at once (on `threads` threads, -1: all).
    Pairs may be scored in slices, anywhere: each pair's result depends on it alone (slices
    scored in one process may share `contrasts`, each node's, made once).
    `progress` hears COMPARING (pairs compared, every PAIRS_PER_STEP), then COMPARING_WORDINGS
    (the buckets of rapidfuzz's ratios), then CHECKING_VALUES (edges checked for a conflict).
    """
    scores: list[float] = []
    asked: list[int] = []
    questions: list[tuple[str, str, float]] = []
    apart: list[bool] = []
    pair_list = pairs.tolist()
    for number, (i, j) in enumerate(pair_list):
        if progress is not None and number % PAIRS_PER_STEP == 0:
            progress(COMPARING, number, len(pair_list))
        best, fuzzy = base_similarity(nodes[i], nodes[j], weights)
        # Most candidates stay below an edge, rewording or not: asked of the others only.
        unsupported = (fuzzy or best >= EDGE_FLOOR) and not corroborates(
            nodes[i], nodes[j], weights
        )
        apart.append(unsupported)
        if fuzzy and not unsupported:
            asked.append(len(scores))
            questions.append((nodes[i].anchors.fuzzy, nodes[j].anchors.fuzzy, best))
        scores.append(best)
    if progress is not None:
        progress(COMPARING, len(pair_list), len(pair_list))
    wordings = None if progress is None else (
        lambda done, total: progress(COMPARING_WORDINGS, done, total))
    for k, likeness in zip(asked, fuzzy_many(questions, threads, wordings), strict=True):
        scores[k] = max(scores[k], likeness)
    if contrasts is None:
        contrasts = {}

    def contrast_of(node: int) -> Contrast:
        found = contrasts.get(node)
        if found is None:
            found = contrasts[node] = contrast(nodes[node].anchors)
        return found

    edges = [k for k, score in enumerate(scores) if score >= EDGE_FLOOR]
    disagreeing = [False] * len(scores)
    for number, k in enumerate(edges):
        if progress is not None and number % PAIRS_PER_STEP == 0:
            progress(CHECKING_VALUES, number, len(edges))
        i, j = pair_list[k]
        disagreeing[k] = contradict(contrast_of(i), contrast_of(j))
    if progress is not None:
        progress(CHECKING_VALUES, len(edges), len(edges))
    signed = [-score if unsupported else score for score, unsupported in zip(scores, apart,
                                                                              strict=True)]
    return np.array(signed, dtype=np.float64), np.array(disagreeing, dtype=bool)


def group_nodes(
    count: int,
    edges: Edges,
    stories: Sequence[frozenset[int]] | None = None,
    progress: Progress | None = None,
) -> list[int]:
    """A group number for every node (numbered 0.. in order of each group's first node);
    `stories[node]`, the stories each node is in (copies.copy_clusters), lets a story that
    tells two facts join them. `progress` hears GROUPING (pairs weighed, of the two passes'),
    every EDGES_PER_STEP."""
    contradicting = edges.contradicting
    mask = ~np.asarray(edges.contradicting_mask, dtype=bool)
    lefts, rights, weights = edges.left[mask], edges.right[mask], edges.weight[mask]
    # Best pair first, ties by pair: sorted(score.items(), key=(-score, pair)), in numpy.
    order = np.lexsort((rights, lefts, -np.abs(weights)))
    every = list(zip(lefts[order].tolist(), rights[order].tolist(),
                     np.abs(weights[order]).tolist(), (weights[order] > 0).tolist(), strict=True))
    ranked = [(i, j, value) for i, j, value, supported in every if supported]
    score = {(i, j): value for i, j, value in ranked}
    # Pairs that do not corroborate keep two groups apart, as contradicting ones do.
    apart = contradicting | {(i, j) for i, j, _, supported in every if not supported}
    owner = list(range(count))
    members = _Members()  # a node's group until it joins one: itself

    def join(a: int, b: int) -> None:
        if len(members[a]) < len(members[b]) or (
            len(members[a]) == len(members[b]) and b < a
        ):
            a, b = b, a
        for node in members[b]:
            owner[node] = a
        members[a].extend(members.pop(b))

    steps = len(ranked) + (len(every) if stories is not None else 0)
    for number, (i, j, best) in enumerate(ranked):
        if progress is not None and number % EDGES_PER_STEP == 0:
            progress(GROUPING, number, steps)
        if best < JOIN_THRESHOLD:
            break
        a, b = owner[i], owner[j]
        if a != b and _may_join(members[a], members[b], score, apart):
            join(a, b)
    if stories is not None:
        alike = {(i, j): value for i, j, value, _ in every}
        told: dict[int, frozenset[int]] = {}  # group -> the stories telling it, until it joins

        def stories_of(group: int) -> frozenset[int]:
            found = told.get(group)
            if found is None:
                found = told[group] = frozenset().union(*(stories[n] for n in members[group]))
            return found

        for number, (i, j, best, _) in enumerate(every, start=len(ranked)):
            if progress is not None and number % EDGES_PER_STEP == 0:
                progress(GROUPING, number, steps)
            if best < BRIDGE_JOIN:
                break
            a, b = owner[i], owner[j]
            if a == b or len(members[a]) + len(members[b]) > MAX_GROUP:
                continue
            # Two facts told by two stories or more each, sharing one story: perhaps one
            # fact that story tells in both wordings (most pairs stop here).
            first, second = stories_of(a), stories_of(b)
            if (len(first) >= 2 and len(second) >= 2 and len(first & second) == 1
                    and _may_bridge(members[a], members[b], alike, contradicting, stories)):
                join(a, b)
                told.pop(a, None)
                told.pop(b, None)
    if progress is not None:
        progress(GROUPING, steps, steps)
    numbers: dict[int, int] = {}
    return [numbers.setdefault(owner[node], len(numbers)) for node in range(count)]


class _Members(dict[int, list[int]]):
    """Group -> its nodes; a node no pair touched is a group of its own (made when asked)."""

    def __missing__(self, node: int) -> list[int]:
        found = self[node] = [node]
        return found


def _may_join(
    first: list[int],
    second: list[int],
    score: dict[tuple[int, int], float],
    contradicting: frozenset[tuple[int, int]],
) -> bool:
    if len(first) + len(second) > MAX_GROUP:
        return False
    total = 0.0
    for x in first:
        for y in second:
            pair = (x, y) if x < y else (y, x)
            if pair in contradicting:
                return False
            value = score.get(pair, 0.0)
            if value < LINK_FLOOR:
                return False  # too unlike
            total += value
    return total / (len(first) * len(second)) >= AVERAGE_THRESHOLD


def _may_bridge(
    first: list[int],
    second: list[int],
    score: dict[tuple[int, int], float],
    contradicting: frozenset[tuple[int, int]],
    stories: Sequence[frozenset[int]],
) -> bool:
    """Whether two facts, each told by two stories or more and sharing one (the caller
    checks, and that together they hold at most MAX_GROUP sentences), are one, told by that
    story in both wordings: every pair of their sentences from different stories is an edge
    (corroborating or not: two wordings share less), none of them contradicting, and they are
    at least LINK_FLOOR alike on average."""
    total, pairs = 0.0, 0
    for x in first:
        for y in second:
            if stories[x] & stories[y]:
                continue  # one story's two wordings: never compared
            pair = (x, y) if x < y else (y, x)
            if pair in contradicting or pair not in score:
                return False
            total += score[pair]
            pairs += 1
    return pairs > 0 and total / pairs >= LINK_FLOOR


def node_features(anchors: SentenceAnchors) -> frozenset[str]:
    return anchors.shared | anchors.local
