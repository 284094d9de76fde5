"""Provides the corpus-wide computation: sentences -> groups, conflicts, ranked facts, actors.

It runs once per index build or update (briefing.corroboration.during_build, or
tables.precompute from a finished index). Identical sentences (wire copies, repeated
boilerplate) are analysed once as one node; every occurrence keeps its own place. The costly
steps depend on each sentence alone, or on a pair of them: analysing a sentence (anchors),
finding and scoring its candidate pairs (candidates, similarity), and checking a pair for a
conflict of values. An update takes those from the previous index (briefing.corroboration.
state) for every sentence whose files, features and feature counts did not change, and does
them only for the others; then it assembles, as a build does and from the same pieces: the
groups of sentences that state one fact, files that are copies of one story, conflicts,
ranks and key actors. So an update gives what a build from scratch gives.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from math import fsum

import numpy as np

from briefing.corroboration.actors import FoundActor, rank_actors
from briefing.corroboration.anchors import SentenceAnchors, analyse
from briefing.corroboration.candidates import FeatureIndex, candidate_pairs, usable_weight
from briefing.corroboration.conflicts import FoundConflict, detail, find_conflicts
from briefing.corroboration.copies import copy_clusters
from briefing.corroboration.grouping import (
    COMPARING,
    GROUPING,
    Edges,
    group_nodes,
    node_features,
    score_pairs,
)
from briefing.corroboration.similarity import Weighted, feature_weights, weighted
from briefing.corroboration.state import (
    FactState,
    NodeInfo,
    NodeInfos,
    Occurrences,
    PairDetail,
    Previous,
    distinct,
    gather_rows,
)
from briefing.corroboration.stories import REDUNDANCY, story_likeness
from briefing.corroboration.table import Statements, StatementTable
from briefing.index.fact_rows import FactRows, FactsParagraph, SentenceRows
from briefing.index.report import Progress

RANKED_FACTS = 200  # facts kept in briefing order; `brief -n` shows the first N
# Actors stored, ranked: the brief shows the first 12, and a topic's brief those of its files,
# which may be named by few files of the folder ("Fiat" and "General Motors" in the BBC
# folder's GM story rank far below fiftieth).
ACTORS = 1_000
CENTRALITY_WEIGHT = 1.0  # a fact's score: its sources, plus up to this much for centrality
DETAIL_WEIGHT = 1.5  # and up to this much for naming who, how many and when


@dataclass(slots=True)
class Group:
    """A fact: the nodes that state it, the files they occur in, and its rank."""

    nodes: list[int] = field(default_factory=list)
    sources: set[int] = field(default_factory=set)  # indexes into Statements.sources
    stories: set[int] = field(default_factory=set)  # the same, copies of a story as one
    representative: int = -1  # an occurrence
    score: float = 0.0
    rank: int | None = None


@dataclass(slots=True)
class Corroboration:
    """Everything precomputed for one corpus."""

    statements: Statements
    group_of_node: list[int]
    groups: list[Group]
    conflicts: list[FoundConflict]
    actors: list[FoundActor]
    main_language: str | None
    state: FactState
    first_occurrence: list[int]
    story_of_file: list[int]

    def sentence_rows(self) -> SentenceRows:
        return sentence_rows(self.statements, self.group_of_node, self.story_of_file)

    def rows(self) -> FactRows:
        first = self.first_occurrence
        return FactRows(
            self.group_of_node,
            [
                (g.representative, len(g.stories), round(g.score, 6), g.rank, len(g.sources))
                for g in self.groups
            ],
            [
                [(v.label, list(v.groups), first[v.node], v.span[0], v.span[1])
                 for v in c.versions]
                for c in self.conflicts
            ],
            [(a.name, len(a.sources), a.mentions, list(a.sources)) for a in self.actors],
            self.main_language,
        )


def compute(paragraphs: Sequence[FactsParagraph]) -> Corroboration:
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


def sentence_rows(
    statements: Statements, group_of_node: list[int], story_of_file: list[int]
) -> SentenceRows:
    """The fact_sentences rows of statements grouped so."""
    return SentenceRows(
        statements.doc_ids,
        statements.starts,
        statements.ends,
        np.asarray(group_of_node, dtype=np.int64)[statements.nodes],
        len(set(story_of_file)),
        statements.nodes,
    )


# score_pairs, or what gives the same results otherwise (on several cores).
PairScorer = Callable[
    [Sequence[Weighted], dict[str, float], np.ndarray, Progress | None],
    tuple[np.ndarray, np.ndarray],
]
TextOf = Callable[[list[int]], dict[int, str]]  # node numbers -> their sentences


def _no_progress(_phase: str, _done: int, _total: int | None) -> None:
    pass


def corroborate(
    statements: Statements,
    score: PairScorer | None = None,
    grouped: Callable[[list[int]], None] | None = None,
    previous: Previous | None = None,
    text_of: TextOf | None = None,
    progress: Progress | None = None,
) -> Corroboration:
    """Group, rank and cross-check statements (StatementTable.select).

    `score` gives score_pairs' results (perhaps on several cores); `grouped` is told each
    node's group as soon as it is known, so that the sentences can be written meanwhile.
    With `previous` (the previous index's state), the sentences it knew and whose files and
    features did not change keep their pairs; `text_of` reads the sentences known only from
    it when they must be analysed again (partners of a changed one).
    """
    report = progress or _no_progress
    count = len(statements.hashes)
    files_of_node = _files_of_nodes(statements)
    anchors = list(statements.anchors)
    dirty = np.ones(count, dtype=bool)
    reuse: FactState | None = None
    if previous is not None:
        dirty, reuse = _changed(statements, files_of_node, previous)
    # Analyse what must be (a build analysed most of it while the files were read).
    _analyse(statements, anchors, np.flatnonzero(dirty).tolist(), text_of, report)
    report("finding similar sentences", 0, None)
    index, usable, infos = _features(statements, anchors, dirty, reuse, previous)
    if reuse is not None:
        # A feature now counted (or no longer) changes the pairs of every sentence that has it.
        before = reuse.index.usable(reuse.index.counts())
        changed = _features_changed(index, usable, before)
        dirty |= changed
    queries = None if dirty.all() else dirty
    pairs = candidate_pairs(index, usable, files_of_node, queries,
                            lambda done, total: report("finding similar sentences", done, total))
    # A sentence that names nothing, no number and no date, and has fewer than two words rare
    # in general text ("I'm looking forward to it.") cannot be shown to report the same event
    # as another: it corroborates nothing.
    rare_weight = index.totals(index.weights > 0)[0]
    anchored = infos.specificity > 0
    anchored |= rare_weight >= 2 * usable_weight()
    if len(pairs):
        pairs = pairs[anchored[pairs[:, 0]] & anchored[pairs[:, 1]]]
    partners = distinct(pairs.ravel()) if len(pairs) else np.zeros(0, dtype=np.int64)
    _analyse(statements, anchors, partners.tolist(), text_of, report)
    report(COMPARING, 0, len(pairs))
    weights = feature_weights(a for a in (anchors[n] for n in partners.tolist()) if a)
    nodes_weighted = _weighted(anchors, index, usable, weights, partners)
    scores, disagreeing = (score or score_pairs)(nodes_weighted, weights, pairs, report)
    edges, details = _edges(pairs, scores, disagreeing, statements, anchors, reuse, dirty)

    report(GROUPING, 0, None)
    story_of_file = copy_clusters(statements, len(statements.sources))
    stories_of: dict[frozenset[int], frozenset[int]] = {}  # most nodes share a file set
    stories_of_node = [
        stories_of.get(files) or stories_of.setdefault(
            files, frozenset(story_of_file[f] for f in files))
        for files in files_of_node
    ]
    group_of = group_nodes(count, edges, stories_of_node, report)
    if grouped is not None:
        grouped(group_of)
    languages = statements.languages
    mentions = np.bincount(statements.nodes, minlength=count).tolist()
    language_counts: Counter[str | None] = Counter()
    for node, times in enumerate(mentions):  # nodes come in order of first occurrence
        language_counts[languages[node]] += times
    main_language = language_counts.most_common(1)[0][0] if language_counts else None
    centrality = _degree(count, edges)

    groups = _assemble(group_of, files_of_node, story_of_file)

    def preference(node: int) -> tuple[float, ...]:
        """Which sentence best speaks for a group: main language, then most central."""
        return (0.0 if languages[node] == main_language else 1.0, -float(centrality[node]))

    first_occurrence = np.unique(statements.nodes, return_index=True)[1].tolist()
    for fact in groups:
        best = fact.nodes[0]
        if len(fact.nodes) > 1:
            best = min(fact.nodes, key=lambda n: (*preference(n), n))
        fact.representative = first_occurrence[best]

    def group_files(members: Sequence[int]) -> frozenset[int]:
        return frozenset().union(*(groups[g].stories for g in members))

    report("ranking facts and actors", 0, 3)
    conflicts = find_conflicts(details, group_of, files_of_node, preference, group_files)
    report("ranking facts and actors", 1, 3)
    specificity = infos.specificity
    roster = infos.roster.tolist()
    rosters = {g for g, fact in enumerate(groups) if all(roster[n] for n in fact.nodes)}
    _rank(groups, conflicts, _group_max(centrality, group_of, len(groups)),
          _group_max(specificity, group_of, len(groups)), _group_likeness(edges, group_of),
          rosters)
    report("ranking facts and actors", 2, 3)
    actors = rank_actors(infos, statements.nodes, statements.files, statements.sources,
                         main_language, ACTORS)
    report("ranking facts and actors", 3, 3)
    occurrences = Occurrences(statements.doc_ids, statements.starts, statements.ends,
                              statements.nodes, statements.files, statements.sources)
    state = FactState(statements.hashes, index, infos, edges.left, edges.right, edges.weight,
                      edges.contradicting_mask, details, occurrences)
    return Corroboration(statements, group_of, groups, conflicts, actors, main_language, state,
                         first_occurrence, story_of_file)


def _assemble(
    group_of: list[int], files_of_node: list[frozenset[int]], story_of_file: list[int]
) -> list[Group]:
    """The groups of nodes so numbered: their nodes in order, files and stories."""
    count = max(group_of, default=-1) + 1
    numbers = np.asarray(group_of, dtype=np.int64)
    order = np.argsort(numbers, kind="stable")
    bounds = np.searchsorted(numbers[order], np.arange(count + 1)).tolist()
    members = order.tolist()
    groups: list[Group] = []
    for g in range(count):
        nodes = members[bounds[g] : bounds[g + 1]]
        sources = set(files_of_node[nodes[0]]).union(*(files_of_node[n] for n in nodes[1:]))
        groups.append(Group(nodes, sources, {story_of_file[f] for f in sources}))
    return groups


def _files_of_nodes(statements: Statements) -> list[frozenset[int]]:
    """The files each node occurs in."""
    count = len(statements.hashes)
    width = len(statements.sources) or 1
    pairs = distinct(statements.nodes * width + statements.files)
    bounds = np.searchsorted(pairs // width, np.arange(count + 1)).tolist()
    files = (pairs % width).tolist()
    return [frozenset(files[bounds[n] : bounds[n + 1]]) for n in range(count)]


def _changed(
    statements: Statements, files_of_node: list[frozenset[int]], previous: Previous
) -> tuple[np.ndarray, FactState]:
    """The nodes to pair again: new ones, and those whose files are not what they were."""
    sources = statements.sources
    dirty = np.zeros(len(statements.hashes), dtype=bool)
    for node, before in enumerate(statements.previous.tolist()):
        if before < 0:
            dirty[node] = True
        elif previous.files_of_node[before] != frozenset(sources[f] for f in files_of_node[node]):
            dirty[node] = True
    return dirty, previous.state


def _analyse(
    statements: Statements,
    anchors: list[SentenceAnchors | None],
    nodes: list[int],
    text_of: TextOf | None,
    report: Progress,
) -> None:
    missing = [n for n in nodes if anchors[n] is None]
    if not missing:
        return
    unknown = [n for n in missing if statements.texts[n] is None]
    if unknown:
        if text_of is None:
            raise RuntimeError("sentences known only from a previous index")  # a bug
        read = text_of(unknown)
        for node in unknown:
            statements.texts[node] = read[node]
    for done, node in enumerate(missing):
        if done % 500 == 0:
            report("analysing sentences", done, len(missing))
        anchors[node] = analyse(statements.texts[node] or "", statements.languages[node])
    report("analysing sentences", len(missing), len(missing))


def _info(anchors: SentenceAnchors, weights: dict[str, float]) -> NodeInfo:
    return NodeInfo(
        anchors.language,
        (*((m.key, m.text, m.actor) for m in anchors.mentions),
         # An acronym's plural, and a name after a work's noun, as no actor's mentions: they
         # tell that the name is a common noun's or a work's (briefing.corroboration.actors).
         *(("n:" + acronym, acronym + "s", False) for acronym in anchors.plural_acronyms),
         *((key, written, False) for key, written in anchors.works)),
        anchors.aliases,
        _specificity(anchors, weights),
        anchors.roster,
    )


def _features(
    statements: Statements,
    anchors: list[SentenceAnchors | None],
    dirty: np.ndarray,
    reuse: FactState | None,
    previous: Previous | None,
) -> tuple[FeatureIndex, np.ndarray, NodeInfos]:
    """Every node's usable features (from the previous index where unchanged), the usable
    mask over them, and each node's NodeInfo."""
    fresh: list[int] = np.flatnonzero(dirty).tolist()
    weights = feature_weights(a for a in (anchors[n] for n in fresh) if a)
    if reuse is None:
        index = FeatureIndex.build([node_features(a) for a in anchors if a is not None])
        return index, index.usable(index.counts()), NodeInfos.of(
            _info(a, weights) for a in anchors if a is not None
        )
    fresh_index = FeatureIndex.build([node_features(anchors[n]) for n in fresh],  # type: ignore[arg-type]
                                     list(reuse.index.vocabulary))
    # Per node: its row of the previous index (>= 0), or ~k for the k-th fresh one; each
    # node's features and NodeInfo are taken from there, as whole slices of the columns.
    rows = np.asarray(statements.previous, dtype=np.int64).copy()
    rows[fresh] = ~np.arange(len(fresh), dtype=np.int64)
    old_pointers = reuse.index.pointers
    pointers, positions = gather_rows(
        np.concatenate((old_pointers[:-1], fresh_index.pointers + old_pointers[-1])),
        np.where(rows >= 0, rows, len(old_pointers) - 1 + ~rows),
    )
    ids = np.concatenate((reuse.index.ids, fresh_index.ids))[positions]
    # The fresh index's vocabulary extends the previous one, and its weights are those of
    # all of it (FeatureIndex.from_arrays): no need to weigh every feature again.
    index = FeatureIndex(fresh_index.vocabulary, pointers, ids, fresh_index.weights,
                         fresh_index.free)
    infos = reuse.infos.merged(
        NodeInfos.of(_info(anchors[n], weights) for n in fresh),  # type: ignore[arg-type]
        rows,
    )
    return index, index.usable(index.counts()), infos


def _features_changed(
    index: FeatureIndex, usable: np.ndarray, before: np.ndarray
) -> np.ndarray:
    """The nodes with a feature whose usability changed since the previous index."""
    flipped = np.zeros(len(index.vocabulary), dtype=bool)
    known = len(before)
    flipped[:known] = usable[:known] != before
    flipped[known:] = False  # features new to the vocabulary belong to new nodes only
    if not flipped.any():
        return np.zeros(index.nodes, dtype=bool)
    owners = index.owners()
    return np.bincount(owners[flipped[index.ids]], minlength=index.nodes) > 0


def _weighted(
    anchors: list[SentenceAnchors | None],
    index: FeatureIndex,
    usable: np.ndarray,
    weights: dict[str, float],
    nodes: np.ndarray,
) -> list[Weighted]:
    """Each node's anchors restricted to the features the reference finds rare enough (those
    the folder holds too often to pair sentences by still count), with their weights (only
    the nodes of candidate pairs are filled in)."""
    result: list[Weighted] = [None] * index.nodes  # type: ignore[list-item]
    rare = index.weights > 0
    del usable
    for node in nodes.tolist():
        found = anchors[node]
        assert found is not None
        keep = index.node_features(node, rare)
        restricted = replace(found, shared=found.shared & keep, local=found.local & keep)
        result[node] = weighted(restricted, weights)
    return result


def _edges(
    pairs: np.ndarray,
    scores: np.ndarray,
    disagreeing: np.ndarray,
    statements: Statements,
    anchors: list[SentenceAnchors | None],
    reuse: FactState | None,
    dirty: np.ndarray,
) -> tuple[Edges, list[PairDetail]]:
    """The edges: those just scored, and the previous ones between unchanged nodes; and the
    conflicts of values between the two sentences of an edge."""
    from briefing.corroboration.grouping import EDGE_FLOOR

    kept = np.abs(scores) >= EDGE_FLOOR
    left, right = pairs[kept, 0], pairs[kept, 1]
    weight, contradicting = scores[kept], disagreeing[kept]
    details: list[PairDetail] = []
    texts = statements.texts
    for i, j, similarity in zip(left.tolist(), right.tolist(), np.abs(weight).tolist(),
                                strict=True):
        found = detail(anchors[i], anchors[j], texts[i] or "", texts[j] or "", similarity)
        if found is not None:
            details.append(PairDetail(i, j, found, similarity))
    if reuse is not None:
        new_of_old = np.full(len(reuse.hashes), -1, dtype=np.int64)
        for node, old in enumerate(statements.previous.tolist()):
            if old >= 0 and not dirty[node]:
                new_of_old[old] = node
        a, b = new_of_old[reuse.left], new_of_old[reuse.right]
        stay = (a >= 0) & (b >= 0)
        # Renumbered nodes keep their order: a build numbers them by first occurrence too,
        # and a pair's order only matters for ties (left < right is restored below).
        lo, hi = np.minimum(a[stay], b[stay]), np.maximum(a[stay], b[stay])
        left = np.concatenate((left, lo))
        right = np.concatenate((right, hi))
        weight = np.concatenate((weight, reuse.weight[stay]))
        contradicting = np.concatenate((contradicting, reuse.contradicting[stay]))
        for old in reuse.details:
            x, y = int(new_of_old[old.left]), int(new_of_old[old.right])
            if x >= 0 and y >= 0:
                sides = old.sides if x < y else (old.sides[1], old.sides[0])
                details.append(PairDetail(min(x, y), max(x, y), sides, old.similarity))
    order = np.lexsort((right, left))
    edges = Edges(left[order], right[order], weight[order], contradicting[order])
    details.sort(key=lambda d: (d.left, d.right))
    return edges, details


def _degree(count: int, edges: Edges) -> np.ndarray:
    """Each node's centrality: the sum of the similarities of the sentences that corroborate
    it (weighted degree), which an update changes only around the sentences that changed."""
    if not count:
        return np.zeros(0)
    weight = np.where(edges.corroborating, edges.weight, 0.0)
    return np.bincount(edges.left, weight, count) + np.bincount(edges.right, weight, count)


# A fact names a few things: who, what or whom, when, how many. Past this many of its rarest
# anchors, more names make a list ("Other artists with works in the collection include ...",
# thirty painters), not a more precise fact: on a folder of unrelated articles, where no fact
# has a second source, summing them all put such lists first in the briefing. So only this
# many count, and a sentence naming more has its precision shared among them all: a list of
# twelve painters is a third as precise as a sentence naming four things.
SPECIFIC_ANCHORS = 4


def _specificity(anchors: SentenceAnchors, weights: dict[str, float]) -> float:
    """How precisely a sentence says who did what when: the rarity of its names, numbers,
    dates and actors' qualifiers, its SPECIFIC_ANCHORS rarest. A summary ("the country
    restricts the service") has little."""
    from briefing.corroboration.reference import reference

    weight = reference().weight
    features = {m.key for m in anchors.mentions}
    features.update(n.feature for n in anchors.numbers)
    features.update("c:" + d for d in anchors.dates)
    features.update("c:" + q for _, quals in anchors.agents for q in quals)
    rarest = sorted((weights[f] if f in weights else weight(f) for f in features),
                    reverse=True)[:SPECIFIC_ANCHORS]
    names = len({m.key for m in anchors.mentions})
    # fsum: exact, so the same whatever order the set gives (string hashes vary by process).
    return fsum(rarest) * SPECIFIC_ANCHORS / max(SPECIFIC_ANCHORS, names)


def _group_likeness(edges: Edges, group_of: list[int]) -> dict[tuple[int, int], float]:
    """The best similarity between a sentence of one group and one of another that may state
    one fact: at least LINK_FLOOR alike, and corroborating ("the defence ministry blocked"
    does not repeat "the industry ministry blocked")."""
    from briefing.corroboration.grouping import LINK_FLOOR

    likeness: dict[tuple[int, int], float] = {}
    alike = edges.corroborating & (edges.weight >= LINK_FLOOR)
    for i, j, weight in zip(edges.left[alike].tolist(), edges.right[alike].tolist(),
                            edges.weight[alike].tolist(), strict=True):
        a, b = sorted((group_of[i], group_of[j]))
        if a != b and weight > likeness.get((a, b), 0.0):
            likeness[(a, b)] = weight
    return likeness


def _group_max(values: np.ndarray, group_of: Sequence[int], count: int) -> list[float]:
    """The greatest of each group's nodes' values (one pass in numpy, not a loop per group)."""
    found = np.full(count, -np.inf)
    if len(values):
        np.maximum.at(found, np.asarray(group_of, dtype=np.int64), values)
    return found.tolist()


def _story_overlaps(groups: list[Group], candidates: list[int]) -> dict[tuple[int, int], float]:
    """Pairs of the candidate facts told by the same stories, with their story_likeness()."""
    telling: Counter[int] = Counter()
    for group in candidates:
        telling.update(groups[group].stories)
    total = len(telling)
    # The stories two facts share, as the product of a 0/1 matrix (facts x stories) with its
    # transpose: a story telling hundreds of facts made a Python loop over its pairs. Only
    # the stories telling two facts or more make pairs; they are taken a few thousand at a
    # time so that the matrix stays a few MB in a folder of any size.
    shared_stories = sorted(story for story, count in telling.items() if count > 1)
    shared = np.zeros((len(candidates), len(candidates)), dtype=np.float32)
    for start in range(0, len(shared_stories), _STORIES_AT_ONCE):
        column = {s: i for i, s in enumerate(shared_stories[start:start + _STORIES_AT_ONCE])}
        chunk = np.zeros((len(candidates), len(column)), dtype=np.float32)
        for row, group in enumerate(candidates):
            chunk[row, [column[s] for s in groups[group].stories if s in column]] = 1.0
        shared += chunk @ chunk.T
    overlaps = {}
    for a, b in zip(*np.nonzero(np.triu(shared, k=1)), strict=True):
        first, second = candidates[int(a)], candidates[int(b)]
        alike = story_likeness(int(shared[a, b]), len(groups[first].stories),
                               len(groups[second].stories), total)
        if alike:
            overlaps[(first, second)] = alike
    return overlaps


# Stories per block of the product above: 800 facts x 4,096 stories of float32 is 13 MB.
_STORIES_AT_ONCE = 4096


def _rank(
    groups: list[Group],
    conflicts: list[FoundConflict],
    centrality: list[float],
    detail_scores: list[float],
    likeness: dict[tuple[int, int], float],
    rosters: set[int],
) -> None:
    """Score every group (stories, then centrality) and rank the facts of the briefing.

    A line-up or a table of names (`rosters`) states no claim: it is never a fact of the
    briefing, however many files print it.
    A conflict's versions report one event: the version with the most sources is ranked with
    the sources of all of them; the others are shown beside it, never as facts of their own.
    The order is maximal marginal relevance: each next fact is the best score minus how much
    it repeats a fact already chosen, so a briefing does not say one thing three ways, nor
    tell one story twice: two facts are as alike as their sentences (`likeness`), or as the
    stories telling them overlap (briefing.corroboration.stories), whichever is more.
    """
    top = max(centrality, default=0.0)  # each group's greatest: the greatest of all
    most = max(detail_scores, default=0.0)
    event_sources: dict[int, set[int]] = {}
    secondary: set[int] = set()
    for conflict in conflicts:
        sides = [
            (set().union(*(groups[g].stories for g in v.groups)), v) for v in conflict.versions
        ]
        sides.sort(key=lambda side: (-len(side[0]), side[1].node))
        everyone = set().union(*(sources for sources, _ in sides))
        for member in sides[0][1].groups:
            event_sources.setdefault(member, set()).update(everyone)
        for _, version in sides[1:]:
            secondary.update(version.groups)
    for index, fact in enumerate(groups):
        central = centrality[index] / top if top else 0.0
        precise = detail_scores[index] / most if most else 0.0
        stories = event_sources.get(index, fact.stories)
        fact.score = len(stories) + CENTRALITY_WEIGHT * central + DETAIL_WEIGHT * precise
    candidates = sorted(
        (i for i in range(len(groups)) if i not in secondary and i not in rosters),
        key=lambda i: (-groups[i].score, i),
    )[: RANKED_FACTS * 4]
    # Scores are in sources: relative to the best one they weigh against a similarity (0..1)
    # as in Carbonell and Goldstein's MMR.
    best_score = max((groups[i].score for i in candidates), default=1.0) or 1.0
    # In group order, so that argmax's first maximum is the lowest group number of a tie.
    candidates.sort()
    place = {group: i for i, group in enumerate(candidates)}
    neighbours: dict[int, list[tuple[int, float]]] = {}
    alike = _story_overlaps(groups, candidates)
    for pair, seen in likeness.items():
        if pair in alike or pair[::-1] in alike:
            key = pair if pair in alike else pair[::-1]
            alike[key] = max(alike[key], seen)
        else:
            alike[pair] = seen
    for (a, b), seen in alike.items():
        if a in place and b in place:
            neighbours.setdefault(place[a], []).append((place[b], seen))
            neighbours.setdefault(place[b], []).append((place[a], seen))
    relative = np.array([groups[i].score for i in candidates], dtype=np.float64) / best_score
    redundancy = np.zeros(len(candidates), dtype=np.float64)
    value = relative - REDUNDANCY * redundancy
    for rank in range(min(RANKED_FACTS, len(candidates))):
        best = int(np.argmax(value))
        groups[candidates[best]].rank = rank
        value[best] = -np.inf
        for other, seen in neighbours.get(best, ()):
            if seen > redundancy[other] and value[other] != -np.inf:
                redundancy[other] = seen
                value[other] = relative[other] - REDUNDANCY * seen
