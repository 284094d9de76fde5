"""Provides the corpus-wide computation: sentences -> groups, conflicts, ranked facts, actors.

It runs once per index build (briefing.corroboration.during_build, or tables.precompute from a
finished index). Identical sentences (wire copies, repeated boilerplate) are analysed once as
one node; every occurrence keeps its own place, so a fact printed in ten files has ten sources.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

import numpy as np

from briefing.corroboration.actors import FoundActor, rank_actors
from briefing.corroboration.anchors import SentenceAnchors
from briefing.corroboration.centrality import lexrank
from briefing.corroboration.conflicts import FoundConflict, find_conflicts
from briefing.corroboration.grouping import (
    Edges,
    candidate_pairs,
    group_nodes,
    node_features,
    score_edges,
)
from briefing.corroboration.similarity import Weighted, feature_weights, weighted
from briefing.corroboration.table import Statements, StatementTable
from briefing.index.fact_rows import FactRows, FactsParagraph, SentenceRows

RANKED_FACTS = 200  # facts kept in briefing order; `brief -n` shows the first N
ACTORS = 50
CENTRALITY_WEIGHT = 1.0  # a fact's score: its sources, plus up to this much for centrality
DETAIL_WEIGHT = 1.5  # and up to this much for naming who, how many and when
REDUNDANCY = 1.0  # what repeating a chosen fact costs, per unit of similarity


@dataclass(slots=True)
class Group:
    """A fact: the nodes that state it, the files they occur in, and its rank."""

    nodes: list[int] = field(default_factory=list)
    sources: set[int] = field(default_factory=set)  # indexes into Statements.sources
    representative: int = -1  # an occurrence
    score: float = 0.0
    rank: int | None = None


@dataclass(slots=True)
class Corroboration:
    """Everything precomputed for one corpus."""

    statements: Statements
    group_of_node: list[int]
    centrality: np.ndarray
    groups: list[Group]
    conflicts: list[FoundConflict]
    actors: list[FoundActor]
    main_language: str | None

    def sentence_rows(self) -> SentenceRows:
        return sentence_rows(self.statements, self.group_of_node)

    def rows(self) -> FactRows:
        return FactRows(
            self.group_of_node,
            [(g.representative, len(g.sources), round(g.score, 6), g.rank) for g in self.groups],
            [[(v.label, list(v.groups)) for v in c.versions] for c in self.conflicts],
            [(a.name, len(a.sources), a.mentions, list(a.sources)) for a in self.actors],
            self.main_language,
        )


def compute(paragraphs: Iterable[FactsParagraph]) -> Corroboration:
    """Group, rank and cross-check the statements of the given indexed paragraphs.

    The path of an index whose tables are missing, and of small corpora; a build of a large
    one collects the statements while it analyses the files, then calls corroborate().
    """
    table = StatementTable()
    sources: dict[str, int] = {}
    files: list[int] = []
    doc_ids: list[int] = []
    texts: list[tuple[str | None, str]] = []
    for row in paragraphs:
        files.append(sources.setdefault(row.source, len(sources)))
        doc_ids.append(row.doc_id)
        texts.append((row.language, row.text))
    table.add_paragraphs(texts)
    del texts
    statements = table.select(
        np.ones(len(files), dtype=bool),
        np.asarray(files, dtype=np.int64),
        list(sources),
        np.asarray(doc_ids, dtype=np.int64),
    )
    return corroborate(statements)


def sentence_rows(statements: Statements, group_of_node: list[int]) -> SentenceRows:
    """The fact_sentences rows of statements grouped so."""
    return SentenceRows(
        statements.doc_ids,
        statements.starts,
        statements.ends,
        np.asarray(group_of_node, dtype=np.int64)[statements.nodes],
        len(np.unique(statements.files)),
    )


# score_edges, or what gives the same edges otherwise (on several cores).
EdgeScorer = Callable[[Sequence[Weighted], dict[str, float], np.ndarray], Edges]


def corroborate(
    statements: Statements,
    score: EdgeScorer | None = None,
    grouped: Callable[[list[int]], None] | None = None,
) -> Corroboration:
    """Group, rank and cross-check statements (StatementTable.select).

    `score` gives score_edges' edges (perhaps on several cores: it comes after the work that
    needs no edges); by default, score_edges itself. `grouped` is told each node's group as
    soon as it is known, before the ranking, so that the sentences can be written meanwhile.
    """
    texts, languages, anchors = statements.texts, statements.languages, statements.anchors
    count = len(texts)
    mentions = np.bincount(statements.nodes, minlength=count).tolist()
    language_counts: Counter[str | None] = Counter()
    for node, times in enumerate(mentions):  # nodes come in order of first occurrence
        language_counts[languages[node]] += times
    main_language = language_counts.most_common(1)[0][0] if language_counts else None

    weights = feature_weights(anchors)
    nodes = [weighted(a, weights) for a in anchors]
    pairs = candidate_pairs([node_features(a) for a in anchors], weights)
    files_of_node = _files_of_nodes(statements)
    actors = rank_actors(
        anchors, files_of_node, mentions, statements.sources, main_language, ACTORS
    )
    detail = np.array([_specificity(a, weights) for a in anchors]) if anchors else np.zeros(0)
    edges = (score or score_edges)(nodes, weights, pairs)

    group_of = group_nodes(
        count,
        edges,
        files_of_node,
        [a.actions for a in anchors],
        [bool(a.agents) for a in anchors],
    )
    if grouped is not None:
        grouped(group_of)
    centrality = lexrank(count, edges.left, edges.right, edges.weight)

    groups = [Group() for _ in range(max(group_of, default=-1) + 1)]
    for node, group in enumerate(group_of):
        groups[group].nodes.append(node)
        groups[group].sources.update(files_of_node[node])

    def preference(node: int) -> tuple[float, ...]:
        """Which sentence best speaks for a group: main language, then most central."""
        return (0.0 if languages[node] == main_language else 1.0, -float(centrality[node]))

    first_occurrence = np.unique(statements.nodes, return_index=True)[1].tolist()
    for fact in groups:
        best = min(fact.nodes, key=lambda n: (*preference(n), n))
        fact.representative = first_occurrence[best]

    conflicts = find_conflicts(
        list(zip(edges.left.tolist(), edges.right.tolist(), edges.weight.tolist(), strict=True)),
        anchors,
        texts.__getitem__,
        group_of,
        files_of_node,
        preference,
    )
    _rank(groups, conflicts, centrality, detail, _group_likeness(edges, group_of))
    return Corroboration(
        statements, group_of, centrality, groups, conflicts, actors, main_language
    )


def _files_of_nodes(statements: Statements) -> list[frozenset[int]]:
    """The files each node occurs in."""
    count = len(statements.texts)
    width = len(statements.sources) or 1
    pairs = np.unique(statements.nodes * width + statements.files)
    bounds = np.searchsorted(pairs // width, np.arange(count + 1)).tolist()
    files = (pairs % width).tolist()
    return [frozenset(files[bounds[n] : bounds[n + 1]]) for n in range(count)]


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
    event_sources: dict[int, set[int]] = {}
    secondary: set[int] = set()
    for conflict in conflicts:
        sides = [
            (set().union(*(groups[g].sources for g in v.groups)), v) for v in conflict.versions
        ]
        sides.sort(key=lambda side: -len(side[0]))
        everyone = set().union(*(sources for sources, _ in sides))
        for member in sides[0][1].groups:
            event_sources.setdefault(member, set()).update(everyone)
        for _, version in sides[1:]:
            secondary.update(version.groups)
    for index, fact in enumerate(groups):
        central = max(float(centrality[n]) for n in fact.nodes) / top if top else 0.0
        precise = max(float(detail[n]) for n in fact.nodes) / most if most else 0.0
        sources = event_sources.get(index, fact.sources)
        fact.score = len(sources) + CENTRALITY_WEIGHT * central + DETAIL_WEIGHT * precise
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
