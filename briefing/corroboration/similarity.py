"""Provides how alike two sentences are, and whether their anchors can state one fact.

Features are weighted by rarity in general text, ln(1 + N / (df + 1)) over the reference
sentences (briefing.corroboration.reference), never by the folder's own counts: how alike two
sentences are depends on them alone, so an update file by file equals a build. However alike,
two sentences state one claim only when they share enough of one (corroborates()), their
subjects and names agree, and their values do (disagree()). Two
sentences in one language compare all their features, and also their stems by rapidfuzz
(token-set and partial ratios, which catch near-duplicates and light rewording). Across
languages only the features every language shares are compared (glossary concepts, names,
numbers), and the score is discounted when those cover little of either sentence.
Weights are added with math.fsum: exact, so a sum over a set is the same whatever order the
set iterates in (string hashes, and so that order, vary from one process to the next).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from math import fsum

import numpy as np
from rapidfuzz import fuzz

from briefing.corroboration.anchors import SentenceAnchors
from briefing.corroboration.reference import reference
from briefing.corroboration.values import Value

WEEKDAYS = frozenset({"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"})
# The rapidfuzz score counts only when both sentences are about as long: token_set_ratio is 100
# for any sentence whose words are a subset of the other's.
FUZZY_LENGTH_RATIO = 0.6
# Below this weighted overlap the (costlier) rapidfuzz ratios are not computed.
FUZZY_GATE = 0.25
# partial_ratio aligns the shorter string in the longer one: O(n*m), ~0.3 ms for two long
# sentences. Past this length (in stem characters) the token-set ratio decides alone.
PARTIAL_MAX_CHARACTERS = 160
# What two sentences must share of a claim (the reference weight, in nats, of the features
# they share beyond their speakers; corroborates()). On the BBC development set precision and
# recall do not move from 10 to 16 (0.993 / 0.805) nor do the briefing's top facts; at 8,
# "I'm looking forward to it." (two shared words, 9.6) is again a fact of 15 sources. 12, about
# three uncommon words, is the middle of that range.
CLAIM_EVIDENCE = 12.0
# How alike what two sentences say happened must be (weighted Dice of their predicates). The
# bundled corpus's wordings of the privacy inquiry are 0.28 alike ("plans to send a written
# request" / "has reached out to clarify"): at 0.45 they are two facts. Below 0.25 sentences
# sharing only dates corroborate ("at the end of 2005, start of 2006" / "2005, even 2006").
PREDICATE_FLOOR = 0.25


@dataclass(slots=True)
class Weighted:
    """A sentence's anchors with the weight totals the similarity needs."""

    anchors: SentenceAnchors
    shared_weight: float
    local_weight: float
    coverage: float  # the share of its weight any language can compare
    predicate: frozenset[str]  # of its features (those weighed), the predicate's
    predicate_weight: float


def feature_weights(sentences: Iterable[SentenceAnchors]) -> dict[str, float]:
    """The reference weight of every feature of the given sentences."""
    weight = reference().weight
    weights: dict[str, float] = {}
    for anchors in sentences:
        for features in (anchors.shared, anchors.local):
            for feature in features:
                if feature not in weights:
                    weights[feature] = weight(feature)
    return weights


def weighted(anchors: SentenceAnchors, weights: dict[str, float]) -> Weighted:
    shared = fsum(weights[f] for f in anchors.shared)
    local = fsum(weights[f] for f in anchors.local)
    predicate = anchors.predicate & (anchors.shared | anchors.local)
    return Weighted(anchors, shared, local, shared / ((shared + local) or 1.0), predicate,
                    fsum(weights[f] for f in predicate))


def predicate_likeness(a: Weighted, b: Weighted, weights: dict[str, float]) -> float:
    """Weighted Dice over the two predicates: whether they say the same thing happened
    (across languages, over the features any language shares)."""
    first, second = a.predicate, b.predicate
    if a.anchors.language != b.anchors.language:
        first = first & a.anchors.shared
        second = second & b.anchors.shared
        total = fsum(map(weights.__getitem__, first)) + fsum(map(weights.__getitem__, second))
    else:
        total = a.predicate_weight + b.predicate_weight
    if not total:
        return 0.0
    return 2 * fsum(map(weights.__getitem__, first & second)) / total


def similarity(a: Weighted, b: Weighted, weights: dict[str, float]) -> float:
    """0..1: how much two sentences say the same thing."""
    best, fuzzy = base_similarity(a, b, weights)
    if not fuzzy:
        return best
    return max(best, _fuzzy(a.anchors.fuzzy, b.anchors.fuzzy, best))


def _common(x: SentenceAnchors, y: SentenceAnchors) -> frozenset[str]:
    """The features two sentences share beyond their speakers: what they both claim."""
    common = (x.shared & y.shared) | (x.local & y.local)
    if x.spoken or y.spoken:
        common -= x.spoken | y.spoken
    return common


def content_evidence(x: SentenceAnchors, y: SentenceAnchors, weights: dict[str, float]) -> float:
    """The weight of what two sentences share beyond their speakers: what they both claim."""
    return fsum(map(weights.__getitem__, _common(x, y)))


def corroborates(a: Weighted, b: Weighted, weights: dict[str, float]) -> bool:
    """Whether two sentences can be shown to state one claim, however alike they read: they
    share at least CLAIM_EVIDENCE of what they claim (a stock phrase, "looking forward to
    it", or a speaker alone is no fact), more than values, and their predicates (what
    happened, beyond who and when) are at least PREDICATE_FLOOR alike ("Kenteris and Thanou
    were suspended" and "Kenteris and Thanou appeared before a tribunal" are two facts)."""
    common = _common(a.anchors, b.anchors)
    if fsum(map(weights.__getitem__, common)) < CLAIM_EVIDENCE:
        return False
    # Values alone say nothing of what they count ("5 is prime because 1 and 5 are its only
    # factors" and "le génome possède deux NTR aux extrémités 5' et 3'" share 2, 3 and 5).
    if all(feature.startswith("#") for feature in common):
        return False
    return predicate_likeness(a, b, weights) >= PREDICATE_FLOOR


def base_similarity(a: Weighted, b: Weighted, weights: dict[str, float]) -> tuple[float, bool]:
    """The similarity before rewording is considered, and whether it may raise it (rapidfuzz
    would then be asked: see fuzzy_many)."""
    x, y = a.anchors, b.anchors
    weight = weights.__getitem__
    shared = fsum(map(weight, x.shared & y.shared))
    if x.language != y.language:
        return _across_languages(a, b, shared), False
    # In one language every feature is compared: the language-free ones alone (the names and
    # concepts a topic shares) would make any two sentences of one story alike.
    local = fsum(map(weight, x.local & y.local))
    total = a.shared_weight + a.local_weight + b.shared_weight + b.local_weight
    best = 2 * (shared + local) / total if total else 0.0
    # Below the gate there is too little in common for any rewording to be a match.
    return best, best >= FUZZY_GATE


def _across_languages(a: Weighted, b: Weighted, shared: float) -> float:
    """Weighted Dice over the language-free features only, discounted by their coverage."""
    total = a.shared_weight + b.shared_weight
    if not total:
        return 0.0
    dice = 2 * shared / total
    # Little of what either sentence says can be compared: the score means less.
    return dice * min(1.0, 0.5 + min(a.coverage, b.coverage))


def _fuzzy(x: str, y: str, best: float) -> float:
    """The rapidfuzz likeness of two stem strings, if it would beat `best` (else 0)."""
    if not _comparable(x, y):
        return 0.0
    need = _need(best)
    ratio = fuzz.token_set_ratio(x, y, score_cutoff=need)
    if ratio and max(len(x), len(y)) <= PARTIAL_MAX_CHARACTERS:
        ratio = min(ratio, fuzz.partial_ratio(x, y, score_cutoff=need))
    return _likeness(ratio)


def _comparable(x: str, y: str) -> bool:
    if not x or not y:
        return False
    shorter, longer = sorted((len(x), len(y)))
    return shorter >= FUZZY_LENGTH_RATIO * longer


def _need(best: float) -> float:
    # Calibrated so that a light rewording (~0.8) is a match and a shared topic (~0.5) is not.
    return 100.0 * (0.5 + best / 2.0)


def _likeness(ratio: float) -> float:
    return max(0.0, (ratio / 100.0 - 0.5) * 2.0)


def fuzzy_many(
    pairs: Sequence[tuple[str, str, float]],
    threads: int = -1,
    step: Callable[[int, int], None] | None = None,
) -> list[float]:
    """_fuzzy(x, y, best) of each (x, y, best), equal to it, for many pairs at once; `step`
    hears (buckets done, buckets) as it goes.

    rapidfuzz scores a whole list in C. A score at or above a call's cutoff is the score
    without it, so each bucket of pairs with similar needs shares the lowest cutoff among
    them (to skip what cannot match early), and each pair is held to its own need after.
    """
    results = [0.0] * len(pairs)
    wanted = [i for i, (x, y, _) in enumerate(pairs) if _comparable(x, y)]
    needs = [_need(pairs[i][2]) for i in wanted]
    order = sorted(range(len(wanted)), key=needs.__getitem__)
    token_set = [0.0] * len(wanted)
    first = _buckets(order)
    steps = len(first) * 2  # the same number of partial_ratio buckets at most, after
    for done, bucket in enumerate(first):
        if step is not None:
            step(done, steps)
        scores = _scores([pairs[wanted[k]] for k in bucket], fuzz.token_set_ratio,
                         needs[bucket[0]], threads)
        for k, score in zip(bucket, scores, strict=True):
            token_set[k] = score if score >= needs[k] else 0.0
    partial = [k for k in order if token_set[k] and max(
        len(pairs[wanted[k]][0]), len(pairs[wanted[k]][1])) <= PARTIAL_MAX_CHARACTERS]
    for done, bucket in enumerate(_buckets(partial), start=len(first)):
        if step is not None:
            step(done, steps)
        scores = _scores([pairs[wanted[k]] for k in bucket], fuzz.partial_ratio,
                         needs[bucket[0]], threads)
        for k, score in zip(bucket, scores, strict=True):
            token_set[k] = min(token_set[k], score if score >= needs[k] else 0.0)
    for k, i in enumerate(wanted):
        results[i] = _likeness(token_set[k])
    if step is not None:
        step(steps, steps)
    return results


def _buckets(order: list[int], count: int = 16) -> list[list[int]]:
    size = max(1, -(-len(order) // count))
    return [order[start : start + size] for start in range(0, len(order), size)]


def _scores(
    pairs: list[tuple[str, str, float]],
    scorer: Callable[..., float],
    cutoff: float,
    threads: int,
) -> list[float]:
    from rapidfuzz import process

    found = process.cpdist(
        [x for x, _, _ in pairs],
        [y for _, y, _ in pairs],
        scorer=scorer,
        score_cutoff=cutoff,
        dtype=np.float64,
        workers=threads,
    )
    return found.tolist()


def _lists(anchors: SentenceAnchors) -> list[frozenset[str]]:
    return [
        frozenset(anchors.mentions[i].key for i in items)
        for items in anchors.lists
        if len(items) >= 2
    ]


def _unmatched(keys: set[str], others: set[str]) -> set[str]:
    """The names of `keys` that none of `others` names: "Olly Barkley" and "Barkley" are one
    person, written in full or by surname."""
    return {
        key for key in keys
        if key not in others
        and not any(key.endswith(" " + o[2:]) or o.endswith(" " + key[2:]) for o in others)
    }


def _kind(key: str) -> str:
    """What sort of name a key is: a glossary entity's kind ("country"), or for another name
    its length in words ("Verizon" and "Qwest" are alike, "Sydney Games" and "Thanou" not)."""
    if key.startswith("c:"):
        from briefing.corroboration.glossary import glossary

        concept = glossary().concepts.get(key[2:])
        return concept.kind if concept is not None else "?"
    return f"{key.count(' ') + 1} words"


def substituted(
    left: frozenset[str], right: frozenset[str], left_names: frozenset[str],
    right_names: frozenset[str],
) -> bool:
    """Whether two lists of as many names overlap, and each has a name of one sort that the
    other sentence never names: one replaced by another ("Australia and Taiwan" / "Australia
    and Japan"; not "De Niro, Streisand and Stiller" / "Stiller, Hoffman and Streisand" when
    the first sentence is about Hoffman, nor a cast of four and one of three)."""
    if len(left) != len(right) or not left & right:
        return False
    only_left = _unmatched(set(left - right), set(right_names))
    only_right = _unmatched(set(right - left), set(left_names))
    return bool({_kind(k) for k in only_left} & {_kind(k) for k in only_right})


def list_substitution(x: SentenceAnchors, y: SentenceAnchors) -> tuple[int, int] | None:
    """Lists of names that overlap but differ (substituted()): the indexes of the two lists
    in x.lists and y.lists, else None."""
    x_names, y_names = x.names, y.names
    for i, left in enumerate(x.lists):
        if len(left) < 2:
            continue
        left_keys = frozenset(x.mentions[k].key for k in left)
        for j, right in enumerate(y.lists):
            if len(right) < 2:
                continue
            right_keys = frozenset(y.mentions[k].key for k in right)
            if substituted(left_keys, right_keys, x_names, y_names):
                return i, j
    return None


def value_kind(value: Value, across: bool = False) -> str:
    """What two values must agree on when both sentences give one: counts of one thing ("500
    jobs" and "550 jobs", whatever "two years" they also count), money in one currency, years
    with years. Across languages a count's noun is a stem of either, so counts with counts."""
    if value.kind == "money" or (value.kind == "count" and not across):
        return value.role
    return value.kind


def numbers_differ(x: SentenceAnchors, y: SentenceAnchors) -> tuple[int, int] | None:
    """A value of one kind in each sentence, the two sets of values disjoint: the indexes of
    the first of each (dates and times of day are left to dates_differ)."""
    across = x.language != y.language

    def kind_of(value: Value) -> str:
        return value_kind(value, across)

    for kind in {kind_of(n) for n in x.numbers} & {kind_of(n) for n in y.numbers}:
        if kind in ("date", "time"):
            continue
        left = {n.amount for n in x.numbers if kind_of(n) == kind}
        right = {n.amount for n in y.numbers if kind_of(n) == kind}
        if not left & right:
            i = next(k for k, n in enumerate(x.numbers) if kind_of(n) == kind)
            j = next(k for k, n in enumerate(y.numbers) if kind_of(n) == kind)
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
    return key in sentence.names or (
        key.startswith("n:") and any(_same_name(key, n) for n in sentence.names
                                     if n.startswith("n:"))
    )


def different_agents(x: SentenceAnchors, y: SentenceAnchors) -> bool:
    """Whether one sentence's actor goes unnamed in the other: "the industry ministry
    blocked ..." and "South Korea restricts ..." are two statements, not one fact."""
    for first, second in ((x, y), (y, x)):
        if first.agents and not any(_names_agent(second, a) for a in first.agents):
            return True
    return False


def _same_name(key: str, other: str) -> bool:
    """Whether two name keys may name one actor: the words of one are among the other's
    ("Arnold", "Andrea Arnold"; "William Trowbridge", "New Yorker William Trowbridge")."""
    if key == other:
        return True
    left, right = _name_words(key), _name_words(other)
    return left <= right or right <= left


@lru_cache(maxsize=1 << 17)  # a folder's distinct names: asked about a million times a build
def _name_words(key: str) -> frozenset[str]:
    return frozenset(key[2:].split(" "))


def _subject_named(subjects: Sequence[str], names: frozenset[str]) -> bool:
    # A subject among the names as it is needs no word sets (the pairs' most common case).
    if any(s in names and s.startswith("n:") for s in subjects):
        return True
    return any(_same_name(s, n) for s in subjects for n in names if n.startswith("n:"))


def different_subjects(x: SentenceAnchors, y: SentenceAnchors) -> bool:
    """Whether each sentence opens with a name the other never names: "Simon Taylor has been
    named in the squad" and "Euan Murray has been named in the squad" are two facts."""
    return bool(x.subjects and y.subjects) and not (
        _subject_named(x.subjects, y.names) or _subject_named(y.subjects, x.names)
    )


def _claimed_names(anchors: SentenceAnchors) -> frozenset[str]:
    return frozenset(k for k in anchors.names if k.startswith("n:") and k not in anchors.spoken)


def _apart(left: frozenset[str], right: frozenset[str]) -> bool:
    if not left or not right or not left.isdisjoint(right):  # a name in both: not apart
        return False
    return not any(_same_name(a, b) for a in left for b in right)


def names_apart(x: SentenceAnchors, y: SentenceAnchors) -> bool:
    """Whether both sentences name people or organisations (beyond their speakers) and none in
    common: "The club from Elmstead will play ..." and "The club from Cinderby will play ..."
    are two facts, however alike they read."""
    return _apart(_claimed_names(x), _claimed_names(y))


def disagree(x: SentenceAnchors, y: SentenceAnchors) -> bool:
    """Whether two sentences cannot state one fact: their anchors contradict each other, or
    they are about different actors."""
    return bool(
        list_substitution(x, y)
        or numbers_differ(x, y)
        or dates_differ(x, y)
        or different_bodies(x, y)
        or different_agents(x, y)
        or different_subjects(x, y)
        or names_apart(x, y)
    )


@dataclass(frozen=True, slots=True)
class Contrast:
    """What disagree() compares of one sentence, gathered once per sentence (contrast())."""

    language: str
    lists: tuple[frozenset[str], ...]  # the names of each list of two or more
    numbers: dict[str, frozenset[str]]  # values by value_kind, dates and times left out
    numbers_across: dict[str, frozenset[str]]  # by value_kind across languages
    weekdays: frozenset[str]
    months: frozenset[str]  # other date concepts
    bodies: dict[str, tuple[frozenset[str], ...]]  # head -> each of its qualifier sets
    agents: tuple[tuple[str, frozenset[str]], ...]
    subjects: tuple[str, ...]
    names: frozenset[str]
    claimed_names: frozenset[str]
    qualifiers: frozenset[str]  # of every body it names


def contrast(anchors: SentenceAnchors) -> Contrast:
    numbers: dict[str, set[str]] = {}
    across: dict[str, set[str]] = {}
    for number in anchors.numbers:
        if number.kind not in ("date", "time"):
            numbers.setdefault(value_kind(number), set()).add(number.amount)
            across.setdefault(value_kind(number, True), set()).add(number.amount)
    bodies: dict[str, list[frozenset[str]]] = {}
    for head, qualifiers in anchors.bodies:
        if qualifiers:
            bodies.setdefault(head, []).append(qualifiers)
    return Contrast(
        anchors.language,
        tuple(frozenset(keys) for keys in _lists(anchors)),
        {kind: frozenset(values) for kind, values in numbers.items()},
        {kind: frozenset(values) for kind, values in across.items()},
        frozenset(d for d in anchors.dates if d in WEEKDAYS),
        frozenset(d for d in anchors.dates if d not in WEEKDAYS),
        {head: tuple(sets) for head, sets in bodies.items()},
        anchors.agents,
        anchors.subjects,
        anchors.names,
        _claimed_names(anchors),
        frozenset().union(*(qualifiers for _, qualifiers in anchors.bodies)),
    )


def contradict(x: Contrast, y: Contrast) -> bool:
    """disagree() of the two sentences, from their contrasts: the same answer, faster."""
    if x.lists and y.lists and any(
        substituted(left, right, x.names, y.names) for left in x.lists for right in y.lists
    ):
        return True
    ours, theirs = ((x.numbers, y.numbers) if x.language == y.language
                    else (x.numbers_across, y.numbers_across))
    if ours and theirs and any(not ours[kind] & theirs[kind] for kind in ours.keys() & theirs):
        return True
    for left, right in ((x.weekdays, y.weekdays), (x.months, y.months)):
        if left and right and not left & right:
            return True
    if x.bodies and y.bodies and any(
        not any(a & b for a in x.bodies[head] for b in y.bodies[head])
        for head in x.bodies.keys() & y.bodies.keys()
    ):
        return True
    if x.subjects and y.subjects and not (
        _subject_named(x.subjects, y.names) or _subject_named(y.subjects, x.names)
    ):
        return True
    if _apart(x.claimed_names, y.claimed_names):
        return True
    return _unnamed(x, y) or _unnamed(y, x)


def _unnamed(first: Contrast, second: Contrast) -> bool:
    """Whether none of `first`'s actors is named by `second` (different_agents)."""
    return bool(first.agents) and not any(
        qualifiers & second.qualifiers if key.startswith("b:") else (
            key in second.names or (key.startswith("n:") and _subject_named((key,), second.names))
        )
        for key, qualifiers in first.agents
    )

