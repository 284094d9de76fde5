"""Provides the corpus-wide computation: sentences -> groups, conflicts, ranked facts, actors.

It runs once per index build (store.precompute). Identical sentences (wire copies, repeated
boilerplate) are analysed once as one node; every occurrence keeps its own place, so a fact
printed in ten files is reported by ten sources.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

import numpy as np

from briefing.corroboration.actors import FoundActor, rank_actors
from briefing.corroboration.anchors import SentenceAnchors, analyse, mid_sentence_capitals
from briefing.corroboration.centrality import lexrank
from briefing.corroboration.conflicts import FoundConflict, find_conflicts
from briefing.corroboration.grouping import (
    Edges,
    candidate_pairs,
    group_nodes,
    node_features,
    score_edges,
)
from briefing.corroboration.sentences import FAST_SPLIT_PARAGRAPHS, is_statement, sentence_spans
from briefing.corroboration.similarity import feature_weights, weighted
from briefing.sanitize import clean_passage

RANKED_FACTS = 200  # facts kept in briefing order; `brief -n` shows the first N
ACTORS = 50
CENTRALITY_WEIGHT = 1.0  # a fact's score: its sources, plus up to this much for centrality
DETAIL_WEIGHT = 1.5  # and up to this much for naming who, how many and when
REDUNDANCY = 1.0  # what repeating a chosen fact costs, per unit of similarity


@dataclass(frozen=True, slots=True)
class ParagraphRow:
    """An indexed paragraph, as the index stores it."""

    doc_id: int
    source: str
    language: str | None
    text: str


@dataclass(frozen=True, slots=True)
class Occurrence:
    """One place a sentence occurs: its paragraph and span in the cleaned passage."""

    doc_id: int
    start: int
    end: int
    node: int
    source: str


@dataclass(slots=True)
class Group:
    """A fact: the nodes that state it, where they occur, and its rank."""

    nodes: list[int] = field(default_factory=list)
    occurrences: list[int] = field(default_factory=list)
    sources: set[str] = field(default_factory=set)
    representative: int = -1  # an occurrence
    score: float = 0.0
    rank: int | None = None


@dataclass(slots=True)
class Corroboration:
    """Everything precomputed for one corpus."""

    occurrences: list[Occurrence]
    group_of_node: list[int]
    centrality: np.ndarray
    groups: list[Group]
    conflicts: list[FoundConflict]
    actors: list[FoundActor]
    main_language: str | None


def compute(paragraphs: Iterable[ParagraphRow], paragraph_count: int) -> Corroboration:
    """Group, rank and cross-check the statements of the given indexed paragraphs."""
    fast = paragraph_count > FAST_SPLIT_PARAGRAPHS
    node_of: dict[tuple[str | None, str], int] = {}
    texts: list[str] = []
    languages: list[str | None] = []
    occurrences: list[Occurrence] = []
    for row in paragraphs:
        passage = clean_passage(row.text)
        for start, end in sentence_spans(passage, row.language, fast):
            sentence = passage[start:end]
            if not is_statement(sentence):
                continue
            node = node_of.setdefault((row.language, sentence), len(texts))
            if node == len(texts):
                texts.append(sentence)
                languages.append(row.language)
            occurrences.append(Occurrence(row.doc_id, start, end, node, row.source))
    language_counts = Counter(languages[o.node] for o in occurrences)
    main_language = language_counts.most_common(1)[0][0] if language_counts else None

    capitals = mid_sentence_capitals(texts)
    anchors: list[SentenceAnchors] = [
        analyse(text, language, capitals) for text, language in zip(texts, languages, strict=True)
    ]
    weights = feature_weights(anchors)
    nodes = [weighted(a, weights) for a in anchors]
    pairs = candidate_pairs([node_features(a) for a in anchors], weights)
    edges = score_edges(nodes, weights, pairs)

    files_of_node: list[set[str]] = [set() for _ in texts]
    places: list[list[str]] = [[] for _ in texts]
    for occurrence in occurrences:
        files_of_node[occurrence.node].add(occurrence.source)
        places[occurrence.node].append(occurrence.source)
    file_ids = {name: i for i, name in enumerate(sorted({o.source for o in occurrences}))}
    group_of = group_nodes(
        len(texts),
        edges,
        [frozenset(file_ids[f] for f in files) for files in files_of_node],
        [a.actions for a in anchors],
        [bool(a.agents) for a in anchors],
    )
    centrality = lexrank(len(texts), edges.left, edges.right, edges.weight)

    groups = [Group() for _ in range(max(group_of, default=-1) + 1)]
    for node, group in enumerate(group_of):
        groups[group].nodes.append(node)
    for index, occurrence in enumerate(occurrences):
        group = groups[group_of[occurrence.node]]
        group.occurrences.append(index)
        group.sources.add(occurrence.source)

    def preference(node: int) -> tuple[float, ...]:
        """Which sentence best speaks for a group: main language, then most central."""
        return (0.0 if languages[node] == main_language else 1.0, -float(centrality[node]))

    first_occurrence: dict[int, int] = {}
    for index, occurrence in enumerate(occurrences):
        first_occurrence.setdefault(occurrence.node, index)
    for group in groups:
        best = min(group.nodes, key=lambda n: (*preference(n), n))
        group.representative = first_occurrence[best]

    conflicts = find_conflicts(
        list(zip(edges.left.tolist(), edges.right.tolist(), edges.weight.tolist(), strict=True)),
        anchors,
        texts.__getitem__,
        group_of,
        files_of_node,
        preference,
    )
    detail = np.array([_specificity(a, weights) for a in anchors]) if anchors else np.zeros(0)
    _rank(groups, conflicts, centrality, detail, _group_likeness(edges, group_of))
    actors = rank_actors(anchors, places, main_language, ACTORS)
    return Corroboration(
        occurrences, group_of, centrality, groups, conflicts, actors, main_language
    )


def _specificity(anchors: SentenceAnchors, weights: dict[str, float]) -> float:
    """How precisely a sentence says who did what when: the rarity of its names, numbers,
    dates and actors' qualifiers. A summary ("the country restricts the service") has little."""
    features = {m.key for m in anchors.mentions}
    features.update(n.feature for n in anchors.numbers)
    features.update("c:" + d for d in anchors.dates)
    features.update("c:" + q for _, quals in anchors.agents for q in quals)
    return sum(weights.get(f, 0.0) for f in features)


def _group_likeness(edges: Edges, group_of: list[int]) -> dict[tuple[int, int], float]:
    """The best similarity between a sentence of one group and one of another."""
    likeness: dict[tuple[int, int], float] = {}
    for i, j, weight in zip(edges.left.tolist(), edges.right.tolist(), edges.weight.tolist(),
                            strict=True):
        a, b = sorted((group_of[i], group_of[j]))
        if a != b and weight > likeness.get((a, b), 0.0):
            likeness[(a, b)] = weight
    return likeness


def _rank(
    groups: list[Group],
    conflicts: list[FoundConflict],
    centrality: np.ndarray,
    detail: np.ndarray,
    likeness: dict[tuple[int, int], float],
) -> None:
    """Score every group (sources, then centrality) and rank the facts of the briefing.

    A conflict's versions report one event: the version with the most sources is ranked with
    the sources of all of them; the others are shown beside it, never as facts of their own.
    The order is maximal marginal relevance: each next fact is the best score minus how much
    it repeats a fact already chosen, so a briefing does not say one thing three ways.
    """
    top = float(centrality.max()) if len(centrality) else 0.0
    most = float(detail.max()) if len(detail) else 0.0
    event_sources: dict[int, set[str]] = {}
    secondary: set[int] = set()
    for conflict in conflicts:
        sides = [
            (set().union(*(groups[g].sources for g in v.groups)), v) for v in conflict.versions
        ]
        sides.sort(key=lambda side: -len(side[0]))
        everyone = set().union(*(sources for sources, _ in sides))
        for group in sides[0][1].groups:
            event_sources.setdefault(group, set()).update(everyone)
        for _, version in sides[1:]:
            secondary.update(version.groups)
    for index, group in enumerate(groups):
        central = max(float(centrality[n]) for n in group.nodes) / top if top else 0.0
        precise = max(float(detail[n]) for n in group.nodes) / most if most else 0.0
        sources = event_sources.get(index, group.sources)
        group.score = len(sources) + CENTRALITY_WEIGHT * central + DETAIL_WEIGHT * precise
    candidates = sorted(
        (i for i in range(len(groups)) if i not in secondary),
        key=lambda i: (-groups[i].score, i),
    )[: RANKED_FACTS * 4]
    redundancy = dict.fromkeys(candidates, 0.0)
    for rank in range(min(RANKED_FACTS, len(candidates))):
        best = max(redundancy, key=lambda i: (groups[i].score - REDUNDANCY * redundancy[i], -i))
        groups[best].rank = rank
        del redundancy[best]
        for other in redundancy:
            seen = likeness.get((min(best, other), max(best, other)), 0.0)
            redundancy[other] = max(redundancy[other], seen)
