"""Provides conflict detection: groups that report one event but disagree on a detail.

Two groups conflict when a sentence of each shares an action with the other and:
- they list names that overlap but differ ("Australia and Taiwan" / "Australia and Japan");
- or they are alike, name the same actors, and give different numbers of one kind or
  different weekdays or months ("12 killed" / "15 morts").
Different actors doing the same thing ("the defense ministry blocked", "the foreign ministry
blocked") are two facts, never a conflict. Each version is labelled with the words that
differ, as one of its sources writes them.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from briefing.corroboration.anchors import SentenceAnchors
from briefing.corroboration.glossary import glossary
from briefing.corroboration.similarity import (
    dates_differ,
    different_agents,
    different_bodies,
    list_substitution,
    numbers_differ,
)

# Numbers or dates conflict only between sentences at least this alike otherwise.
DETAIL_SIMILARITY = 0.4
# Lists conflict between sentences at least this alike (they already share names).
LIST_SIMILARITY = 0.2
LABEL_WORDS = 3  # a number's label: itself and up to this many words after it


@dataclass(frozen=True, slots=True)
class Version:
    """One side of a conflict: the groups that say it, and the differing words."""

    key: str  # what the version says, comparable across languages
    label: str
    groups: tuple[int, ...]
    node: int  # the sentence the label was taken from


@dataclass(frozen=True, slots=True)
class FoundConflict:
    versions: tuple[Version, ...]


def _list_label(text: str, anchors: SentenceAnchors, index: int) -> tuple[str, str]:
    items = anchors.lists[index]
    first, last = anchors.mentions[items[0]], anchors.mentions[items[-1]]
    key = "list:" + "|".join(sorted({anchors.mentions[i].key for i in items}))
    return key, text[first.start : last.end]


def _number_label(text: str, anchors: SentenceAnchors, index: int) -> tuple[str, str]:
    number = anchors.numbers[index]
    tail = text[number.end :].split()[:LABEL_WORDS]
    words: list[str] = []
    for word in tail:  # up to the end of the clause
        words.append(word.rstrip(",;:."))
        if word[-1:] in ",;:.":
            break
    label = " ".join([text[number.start : number.end], *words]).strip()
    return f"number:{number.kind}:{number.value}", label


def _date_label(key: str) -> tuple[str, str]:
    return f"date:{key}", glossary().concept(key).name


def detail_conflict(
    x: SentenceAnchors, y: SentenceAnchors, x_text: str, y_text: str, similarity: float
) -> tuple[tuple[str, str], tuple[str, str]] | None:
    """The (key, label) of each side when two sentences conflict, else None."""
    if not x.actions & y.actions:
        return None
    pair = list_substitution(x, y)
    if pair is not None and similarity >= LIST_SIMILARITY:
        return _list_label(x_text, x, pair[0]), _list_label(y_text, y, pair[1])
    if similarity < DETAIL_SIMILARITY or different_bodies(x, y) or different_agents(x, y):
        return None
    numbers = numbers_differ(x, y)
    if numbers is not None:
        return _number_label(x_text, x, numbers[0]), _number_label(y_text, y, numbers[1])
    dates = dates_differ(x, y)
    if dates is not None:
        return _date_label(dates[0]), _date_label(dates[1])
    return None


def find_conflicts(
    pairs: Sequence[tuple[int, int, float]],
    anchors: Sequence[SentenceAnchors],
    text: Callable[[int], str],
    group_of: Sequence[int],
    files: Sequence[frozenset[int]],
    preference: Callable[[int], tuple[float, ...]],
) -> list[FoundConflict]:
    """Conflicts between groups, from scored sentence pairs (i, j, similarity).

    `files[node]` are the files a sentence occurs in: sources differ only across files (one
    article's two lists are two facts). `preference(node)` orders the sentences a label may be
    taken from (lowest first).
    """
    # A side is (group, version key); each has candidate labels (preference, node, label).
    sides: dict[tuple[int, str], list[tuple[tuple[float, ...], int, str]]] = {}
    links: list[tuple[tuple[int, str], tuple[int, str]]] = []
    for i, j, similarity in pairs:
        if group_of[i] == group_of[j] or files[i] & files[j]:
            continue
        found = detail_conflict(anchors[i], anchors[j], text(i), text(j), similarity)
        if found is None:
            continue
        (key_i, label_i), (key_j, label_j) = found
        if key_i == key_j:
            continue
        left, right = (group_of[i], key_i), (group_of[j], key_j)
        for side, node, label in ((left, i, label_i), (right, j, label_j)):
            sides.setdefault(side, []).append((preference(node), node, label))
        links.append((left, right))
    # Conflicts are the connected sides; versions within one are merged by their key.
    parent: dict[tuple[int, str], tuple[int, str]] = {side: side for side in sides}

    def root(side: tuple[int, str]) -> tuple[int, str]:
        while parent[side] != side:
            parent[side] = parent[parent[side]]
            side = parent[side]
        return side

    for left, right in links:
        parent[root(left)] = root(right)
    clusters: dict[tuple[int, str], list[tuple[int, str]]] = {}
    for side in sides:
        clusters.setdefault(root(side), []).append(side)
    conflicts: list[FoundConflict] = []
    for members in clusters.values():
        by_key: dict[str, list[tuple[int, str]]] = {}
        for side in members:
            by_key.setdefault(side[1], []).append(side)
        if len(by_key) < 2:
            continue
        versions = []
        for key, version_sides in by_key.items():
            _, node, label = min(
                (label for side in version_sides for label in sides[side]),
                key=lambda item: (item[0], item[1]),
            )
            groups = tuple(sorted({group for group, _ in version_sides}))
            versions.append(Version(key, label, groups, node))
        conflicts.append(FoundConflict(tuple(versions)))
    return conflicts
