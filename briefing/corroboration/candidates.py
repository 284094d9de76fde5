"""Provides the candidate pairs of sentences: those that may be alike enough to be an edge.

Sentences are compared on their usable features: those rare enough in general text to tell
facts apart (reference df at most USABLE_REFERENCE_DF; "said" and "year" are not) and in
at most FOLDER_CAP distinct sentences of the folder, and FOLDER_SHARE of them (an unknown
name in every article of a folder tells nothing either). A pair is a candidate when it shares
a usable feature, shares no file (a file does not corroborate itself) and their weighted
overlap, computed exactly with numpy from the features' postings, reaches what similarity()
needs to make an edge of them. Everything here depends on the two sentences and on each
feature's count in the folder, so an update recomputes the pairs of the sentences whose
features, counts or files changed, and finds what a build would.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np

from briefing.corroboration.reference import reference

USABLE_REFERENCE_DF = 1_000  # of the reference's 42,000 sentences: about one in 40
FOLDER_CAP = 200  # distinct sentences of the folder, at most ...
FOLDER_SHARE = 0.1  # ... and at most this share of them ("DeepSeek" in a folder about it),
FOLDER_FLOOR = 10  # but a feature of this many is always usable (a folder of 50 sentences)
# A pair below this weighted overlap cannot be an edge: the least of the edge floor and the
# gate past which rapidfuzz may raise a pair's likeness (briefing.corroboration.similarity).
CANDIDATE_FLOOR = 0.25
_SLACK = 1e-9  # the numpy sums may round apart from the Python ones by this much


def usable_weight() -> float:
    return reference().weight_of_count(USABLE_REFERENCE_DF)


@dataclass(slots=True)
class FeatureIndex:
    """Every node's features (those of usable weight) as ids, and their postings."""

    vocabulary: list[str]
    pointers: np.ndarray  # CSR: node n's features are ids[pointers[n]:pointers[n+1]]
    ids: np.ndarray
    weights: np.ndarray  # per feature id
    free: np.ndarray  # per feature id: compared across languages (not a stem)

    @classmethod
    def build(cls, features: Sequence[frozenset[str]], vocabulary: list[str] | None = None
              ) -> FeatureIndex:
        """The index of the nodes' features; `vocabulary` (which it extends) numbers them."""
        names = list(vocabulary or [])
        number = {name: i for i, name in enumerate(names)}
        weight = reference().weight
        least = usable_weight()
        pointers = np.zeros(len(features) + 1, dtype=np.int64)
        found: list[int] = []
        for node, items in enumerate(features):
            for feature in sorted(items):
                fid = number.get(feature)
                if fid is None:
                    if weight(feature) < least:
                        continue
                    fid = number[feature] = len(names)
                    names.append(feature)
                found.append(fid)
            pointers[node + 1] = len(found)
        return cls.from_arrays(names, pointers, np.asarray(found, dtype=np.int64))

    @classmethod
    def from_arrays(cls, vocabulary: list[str], pointers: np.ndarray, ids: np.ndarray
                    ) -> FeatureIndex:
        weight = reference().weight
        least = usable_weight()
        weights = np.array([weight(name) for name in vocabulary], dtype=np.float64)
        # A feature the reference now weighs less (a newer reference.txt) counts for nothing.
        weights[weights < least] = 0.0
        free = np.array([not name.startswith("s:") for name in vocabulary], dtype=bool)
        return cls(vocabulary, pointers, ids, weights, free)

    @property
    def nodes(self) -> int:
        return len(self.pointers) - 1

    def owners(self) -> np.ndarray:
        """The node of each entry of `ids`."""
        return np.repeat(np.arange(self.nodes, dtype=np.int64), np.diff(self.pointers))

    def counts(self) -> np.ndarray:
        """In how many nodes each feature is."""
        return np.bincount(self.ids, minlength=len(self.vocabulary))

    def usable(self, counts: np.ndarray) -> np.ndarray:
        """Per feature id: whether it counts, given each feature's node count."""
        cap = min(FOLDER_CAP, max(FOLDER_FLOOR, int(FOLDER_SHARE * self.nodes)))
        return (counts <= cap) & (self.weights > 0)

    def totals(self, usable: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Per node: the weight of its usable features, and of those compared across
        languages."""
        kept = usable[self.ids]
        gains = self.weights[self.ids] * kept
        owners = self.owners()
        total = np.bincount(owners, weights=gains, minlength=self.nodes)
        free = np.bincount(owners, weights=gains * self.free[self.ids], minlength=self.nodes)
        return total, free

    def node_features(self, node: int, usable: np.ndarray) -> frozenset[str]:
        chosen = self.ids[self.pointers[node] : self.pointers[node + 1]]
        return frozenset(self.vocabulary[f] for f in chosen.tolist() if usable[f])


# Common features are few (hundreds: those in more sentences than FOLDER_CAP), so each
# sentence's can be a bitset; grouped by weight into this many tiers, a pair's shared weight is
# bounded by each tier's shared bits times the tier's largest weight.
WEIGHT_TIERS = 8
_PAIRS_PER_CHUNK = 250_000  # pairs bounded at once (memory: chunk x words x 8 bytes, twice)


class _CommonBound:
    """Upper bounds of the weight two sentences may share in the folder's common features."""

    def __init__(self, index: FeatureIndex, common: np.ndarray) -> None:
        self.index = index
        self.common = common
        kept = common[index.ids]
        owners = index.owners()[kept]
        gains = index.weights[index.ids][kept]
        self.total = np.bincount(owners, weights=gains, minlength=index.nodes)
        free_gains = gains * index.free[index.ids][kept]
        self.free_total = np.bincount(owners, weights=free_gains, minlength=index.nodes)
        features = np.flatnonzero(common)
        self.words = 0
        self.bits = np.zeros((index.nodes, 0), dtype=np.uint64)
        if not len(features):
            return
        # Tiers by weight (rank order), each feature a bit within its tier's words.
        ranked = features[np.argsort(index.weights[features], kind="stable")]
        tiers = np.array_split(ranked, min(WEIGHT_TIERS, len(ranked)))
        self.tier_weight = [float(index.weights[t].max()) for t in tiers]
        self.tier_free = [float((index.weights[t] * index.free[t]).max()) for t in tiers]
        slots: list[tuple[int, int]] = []  # per tier: first word, word count
        word_of = np.zeros(len(common), dtype=np.int64)
        bit_of = np.zeros(len(common), dtype=np.uint64)
        words = 0
        for tier in tiers:
            count = (len(tier) + 63) // 64
            slots.append((words, count))
            positions = np.arange(len(tier))
            word_of[tier] = words + positions // 64
            bit_of[tier] = np.left_shift(np.uint64(1), (positions % 64).astype(np.uint64))
            words += count
        self.slots = slots
        self.words = words
        self.bits = np.zeros((index.nodes, words), dtype=np.uint64)
        feature_ids = index.ids[kept]
        np.bitwise_or.at(self.bits, (owners, word_of[feature_ids]), bit_of[feature_ids])

    def loose(self, left: np.ndarray, right: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """The lesser of the two sentences' common weights (and of those across languages)."""
        return (np.minimum(self.total[left], self.total[right]),
                np.minimum(self.free_total[left], self.free_total[right]))

    def tight(self, left: np.ndarray, right: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Per tier, the bits both sentences have times the tier's largest weight: never less
        than what they share (and no more than `loose`)."""
        shared = np.zeros(len(left), dtype=np.float64)
        shared_free = np.zeros(len(left), dtype=np.float64)
        if not self.words:
            return shared, shared_free
        for at in range(0, len(left), _PAIRS_PER_CHUNK):
            both = (self.bits[left[at : at + _PAIRS_PER_CHUNK]]
                    & self.bits[right[at : at + _PAIRS_PER_CHUNK]])
            counts = np.bitwise_count(both)
            for (first, size), weight, free in zip(self.slots, self.tier_weight,
                                                   self.tier_free, strict=True):
                in_tier = counts[:, first : first + size].sum(axis=1)
                shared[at : at + _PAIRS_PER_CHUNK] += in_tier * weight
                shared_free[at : at + _PAIRS_PER_CHUNK] += in_tier * free
        loose, loose_free = self.loose(left, right)
        return np.minimum(shared, loose), np.minimum(shared_free, loose_free)


def candidate_pairs(
    index: FeatureIndex,
    usable: np.ndarray,
    files: Sequence[frozenset[int]],
    queries: np.ndarray | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> np.ndarray:
    """(k, 2) pairs i < j of candidates (see the module docstring), sorted; with `queries`
    (a mask over nodes) only the pairs with at least one node among them. `progress` hears
    (step, steps) as it goes."""
    count = index.nodes
    owners = index.owners()
    keep = usable[index.ids]
    feature_of, node_of = index.ids[keep], owners[keep]
    order = np.lexsort((node_of, feature_of))
    feature_of, node_of = feature_of[order], node_of[order]
    if not len(feature_of):
        return np.zeros((0, 2), dtype=np.int64)
    bounds = np.flatnonzero(np.diff(feature_of)) + 1
    starts = np.concatenate(([0], bounds))
    sizes = np.diff(np.concatenate((starts, [len(feature_of)])))
    weights = index.weights
    if queries is not None:
        touched = np.zeros(len(starts), dtype=bool)
        hit = queries[node_of]
        np.logical_or.at(touched, np.searchsorted(starts, np.flatnonzero(hit), side="right") - 1,
                         True)
    # The steps: the features (shared by as many nodes at a time), then three over all pairs.
    steps = len(starts) + 3

    def step(done: int) -> None:
        if progress is not None:
            progress(done, steps)

    # Every (pair, feature) shared, as a key left * count + right and the feature: millions
    # at 100k paragraphs, so made straight into two arrays and summed by sorting, not with
    # np.unique and lists to concatenate (each a copy as large: a build spent more time
    # faulting in their fresh pages than computing).
    chosen_of: list[tuple[int, np.ndarray]] = []
    paired = 0
    for size in np.unique(sizes).tolist():
        chosen = starts[sizes == size]
        if queries is not None:
            chosen = chosen[touched[sizes == size]]
        if size >= 2 and len(chosen):
            chosen_of.append((size, chosen))
    occurrences = sum(len(chosen) * size * (size - 1) // 2 for size, chosen in chosen_of)
    keys = np.empty(occurrences, dtype=np.int64)
    features = np.empty(occurrences, dtype=np.int32)  # feature ids: far fewer than 2**31
    filled = 0
    for size, chosen in chosen_of:
        step(paired)
        paired += len(chosen)
        matrix = node_of[chosen[:, None] + np.arange(size)]
        upper, lower = np.triu_indices(size, k=1)
        left, right = matrix[:, upper].ravel(), matrix[:, lower].ravel()
        feature = np.repeat(feature_of[chosen], len(upper))
        if queries is not None:
            wanted = queries[left] | queries[right]
            left, right, feature = left[wanted], right[wanted], feature[wanted]
        end = filled + len(left)
        np.multiply(left, count, out=keys[filled:end])
        keys[filled:end] += right
        features[filled:end] = feature
        filled = end
    keys, features = keys[:filled], features[:filled]
    if not filled:
        return np.zeros((0, 2), dtype=np.int64)
    step(len(starts))
    # Sorted stably, each pair's features are summed in the order they were met: the sums
    # np.bincount over np.unique's inverse gave, to the last bit.
    order = np.argsort(keys, kind="stable")
    keys = keys[order]
    features = features[order]
    del order
    first = np.empty(len(keys), dtype=bool)
    first[0] = True
    np.not_equal(keys[1:], keys[:-1], out=first[1:])
    inverse = np.cumsum(first)
    inverse -= 1
    unique = keys[first]
    del keys, first
    gains = weights[features]
    shared = np.bincount(inverse, weights=gains)
    gains *= index.free[features]
    shared_free = np.bincount(inverse, weights=gains)
    del gains, features, inverse
    step(len(starts) + 1)
    left, right = unique // count, unique % count
    # A sentence's weight counts every feature the reference finds rare enough, those too
    # common in the folder to pair sentences by included (else a sentence whose one usable
    # feature is "eight" would match any other): they may be shared too (at most the lesser
    # of the two sentences' weights of them), and the pair is then scored exactly.
    total, free = index.totals(index.weights > 0)
    common_features = (index.weights > 0) & ~usable
    bound = _CommonBound(index, common_features)
    # The pairs sharing usable features, kept while what they may share of the common ones
    # (at most the lesser of the two sentences' weights of them, then, tighter, by a bitset of
    # those features) can still lift them to the floor. Every pair kept is scored exactly.
    for shares in (bound.loose, bound.tight):
        common, common_free = shares(left, right)
        with np.errstate(divide="ignore", invalid="ignore"):
            dice = np.nan_to_num(2 * (shared + common) / (total[left] + total[right]))
            across = np.nan_to_num(
                2 * (shared_free + common_free) / (free[left] + free[right])
            )
        alike = np.maximum(dice, across) >= CANDIDATE_FLOOR - _SLACK
        left, right = left[alike], right[alike]
        shared, shared_free = shared[alike], shared_free[alike]
        step(steps - (1 if shares == bound.loose else 0))
    apart = np.fromiter(
        (not files[i] & files[j] for i, j in zip(left.tolist(), right.tolist(), strict=True)),
        dtype=bool,
        count=len(left),
    )
    return np.stack([left[apart], right[apart]], axis=1)

