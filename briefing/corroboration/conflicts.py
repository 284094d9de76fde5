"""Provides conflict detection: sources that report one event but disagree on a value.

A conflict needs the same fact told with a different value:
- the same event: the two sentences are alike (DETAIL_SIMILARITY), share an action, name the
  same people and organisations, and give no different date (a different year, month or
  weekday is a different event: "sales in January" and "sales in December");
- the same role: the differing value measures the same thing (a count of the same noun,
  money in one currency, a percentage), and every other value they share agrees;
- or two lists of names that overlap but differ ("Australia and Taiwan" / "Australia and
  Japan"), between sentences that share an action (LIST_SIMILARITY).
Different actors doing the same thing ("the defence ministry blocked", "the foreign ministry
blocked") are two facts, never a conflict. Pairs are checked once, when scored (detail()); a
conflict is then the groups whose sentences disagree so, each side a version with its
sentence and the value set apart, and no file on two sides (find_conflicts()).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from briefing.corroboration.anchors import SentenceAnchors
from briefing.corroboration.similarity import (
    WEEKDAYS,
    different_agents,
    different_bodies,
    different_subjects,
    list_substitution,
)
from briefing.corroboration.state import PairDetail
from briefing.corroboration.values import Value

# How alike (briefing.corroboration.similarity) two sentences must be to report one event
# with different values. Set on the bundled corpus and the BBC development folder: below 0.5
# most number pairs were two events of one story.
DETAIL_SIMILARITY = 0.5
# Lists of names conflict between less alike sentences, as the names that differ are most of
# what they say: any edge (grouping.EDGE_FLOOR). The bundled corpus's Australia/Taiwan vs
# Australia/Japan pairs score 0.16-0.35, its lists that share a name but tell other events
# ("Samsung, SK and LG" / "SoftBank, SK") 0.07-0.12.
LIST_SIMILARITY = 0.25

Side = tuple[str, str, int, int]  # version key, label as written, its span in the sentence


@dataclass(frozen=True, slots=True)
class Version:
    """One side of a conflict: the groups that say it, the value and where it is said."""

    key: str  # what the version says, comparable across languages
    label: str
    groups: tuple[int, ...]
    node: int  # the sentence the label was taken from
    span: tuple[int, int]  # the label in that sentence


@dataclass(frozen=True, slots=True)
class FoundConflict:
    versions: tuple[Version, ...]
    evidence: float  # files on its sides, then how alike its sentences are


def _role(value: Value, across: bool = False) -> str:
    """What a value measures; across languages a count's noun is a stem of either language
    ("people", "morts"), so only its kind is compared."""
    return value.kind if across and value.kind == "count" else value.role


def _dated_apart(x: SentenceAnchors, y: SentenceAnchors) -> bool:
    """Whether the sentences give different years, months or weekdays."""
    years = [{v.amount for v in s.numbers if v.kind == "year"} for s in (x, y)]
    if years[0] and years[1] and not years[0] & years[1]:
        return True
    for weekdays in (True, False):
        left = {d for d in x.dates if (d in WEEKDAYS) == weekdays}
        right = {d for d in y.dates if (d in WEEKDAYS) == weekdays}
        if left and right and not left & right:
            return True
    return any(v.kind in ("date", "time") for v in x.numbers) and any(
        v.kind in ("date", "time") for v in y.numbers
    ) and not ({v.amount for v in x.numbers if v.kind in ("date", "time")}
               & {v.amount for v in y.numbers if v.kind in ("date", "time")})


def _value_sides(x: SentenceAnchors, y: SentenceAnchors, x_text: str, y_text: str
                 ) -> tuple[Side, Side] | None:
    """The one role both sentences give a value for, with values that differ, if every other
    role they share agrees."""
    across = x.language != y.language

    def role(value: Value) -> str:
        return _role(value, across)

    roles = {role(v) for v in x.numbers if v.kind in ("count", "money", "percent")}
    roles &= {role(v) for v in y.numbers if v.kind in ("count", "money", "percent")}
    differing = []
    for shared in sorted(roles):
        left = [v for v in x.numbers if role(v) == shared]
        right = [v for v in y.numbers if role(v) == shared]
        if not {v.amount for v in left} & {v.amount for v in right}:
            differing.append((left[0], right[0]))
    if len(differing) != 1:
        return None
    a, b = differing[0]
    if a.kind != "count" and not across and _measure_apart(x.language, x_text, a, y_text, b):
        return None
    measured = a.kind if a.kind == "count" else a.role  # one key in every language
    return (
        (f"{measured}={a.amount}", x_text[a.start : a.end], a.start, a.end),
        (f"{measured}={b.amount}", y_text[b.start : b.end], b.start, b.end),
    )


# A share or a sum says what it measures in the words just before it ("Retail sales dropped
# by 1%", "Average earnings rose by 4.3%"): the last MEASURE_WORDS of its clause that are no
# stopwords. (A count names its noun after it, in its role.)
MEASURE_WORDS = 4
_CLAUSE_MARKS = ",;:()\""


def _measured(language: str, text: str, value: Value) -> frozenset[str]:
    """The stems of the words that say what a share or a sum measures."""
    from briefing.text.analyzer import analyzer_for

    before = text[: value.start]
    cut = max(before.rfind(mark) for mark in _CLAUSE_MARKS) + 1
    terms = analyzer_for(language).analyze(before[cut:])
    words = [term.term for term in terms if not any(c.isdigit() for c in term.term)]
    return frozenset(words[-MEASURE_WORDS:])


def _measure_apart(language: str, x_text: str, a: Value, y_text: str, b: Value) -> bool:
    """Whether two shares or sums, in one language, measure different things: the words
    before each say what, and none of them is the other's."""
    left, right = _measured(language, x_text, a), _measured(language, y_text, b)
    return bool(left and right) and left.isdisjoint(right)


def _list_side(text: str, anchors: SentenceAnchors, index: int) -> Side:
    items = anchors.lists[index]
    first, last = anchors.mentions[items[0]], anchors.mentions[items[-1]]
    key = "list:" + "|".join(sorted({anchors.mentions[i].key for i in items}))
    return key, text[first.start : last.end], first.start, last.end


def detail(
    x: SentenceAnchors, y: SentenceAnchors, x_text: str, y_text: str, similarity: float
) -> tuple[Side, Side] | None:
    """Each side's (key, label, start, end) when two sentences report one event with
    different values, else None."""
    if not x.actions & y.actions:
        return None
    if (different_bodies(x, y) or different_agents(x, y) or different_subjects(x, y)
            or _dated_apart(x, y)):
        return None
    pair = list_substitution(x, y)
    if pair is not None and similarity >= LIST_SIMILARITY:
        if not _about_one_entity(x, y, pair):
            return None  # lists in two events: "84% use Google, Ask Jeeves, MSN and Yahoo"
        return _list_side(x_text, x, pair[0]), _list_side(y_text, y, pair[1])
    if similarity < DETAIL_SIMILARITY:
        return None
    if not _same_entities(x, y):
        return None
    return _value_sides(x, y, x_text, y_text)


def _same_entities(x: SentenceAnchors, y: SentenceAnchors) -> bool:
    """Whether two sentences name the same people and organisations (some), or, naming none,
    the same places: else they report two events. A place only one of them names may be
    implied by the other ("Freddie Mac, the country's other largest mortgage firm")."""
    people = [{k for k in s.names if k.startswith("n:")} for s in (x, y)]
    if people[0] or people[1]:
        return people[0] == people[1]
    return bool(x.names) and x.names == y.names


def _about_one_entity(x: SentenceAnchors, y: SentenceAnchors, pair: tuple[int, int]) -> bool:
    """Whether two sentences whose lists differ name one entity besides their lists: what the
    lists do (or undergo) to it is the event ("Australia and Taiwan / Australia and Japan
    banned DeepSeek")."""
    listed = {x.mentions[k].key for k in x.lists[pair[0]]}
    listed |= {y.mentions[k].key for k in y.lists[pair[1]]}
    return bool((x.names - listed) & (y.names - listed))


def find_conflicts(
    details: Sequence[PairDetail],
    group_of: Sequence[int],
    files: Sequence[frozenset[int]],
    preference: Callable[[int], tuple[float, ...]],
    group_files: Callable[[Sequence[int]], frozenset[int]],
) -> list[FoundConflict]:
    """Conflicts between groups, from the pairs whose values differ, best evidence first.

    `files[node]` are the files a sentence occurs in; `preference(node)` orders the sentences
    a label may be taken from (lowest first); `group_files(groups)` are the files (copies
    counted once) of some groups.
    """
    sides: dict[tuple[int, str], list[tuple[tuple[float, ...], int, str, tuple[int, int]]]] = {}
    links: list[tuple[tuple[int, str], tuple[int, str], float]] = []
    for found in details:
        i, j = found.left, found.right
        if group_of[i] == group_of[j] or files[i] & files[j]:
            continue
        (key_i, label_i, start_i, end_i), (key_j, label_j, start_j, end_j) = found.sides
        if key_i == key_j:
            continue
        left, right = (group_of[i], key_i), (group_of[j], key_j)
        sides.setdefault(left, []).append((preference(i), i, label_i, (start_i, end_i)))
        sides.setdefault(right, []).append((preference(j), j, label_j, (start_j, end_j)))
        links.append((left, right, found.similarity))
    parent: dict[tuple[int, str], tuple[int, str]] = {side: side for side in sides}

    def root(side: tuple[int, str]) -> tuple[int, str]:
        while parent[side] != side:
            parent[side] = parent[parent[side]]
            side = parent[side]
        return side

    best: dict[tuple[int, str], float] = {}
    for left, right, _ in links:
        a, b = root(left), root(right)
        if a != b:
            parent[max(a, b)] = min(a, b)
    for left, _, similarity in links:
        top = root(left)
        best[top] = max(best.get(top, 0.0), similarity)
    clusters: dict[tuple[int, str], list[tuple[int, str]]] = {}
    for side in sorted(sides):
        clusters.setdefault(root(side), []).append(side)
    neighbours: dict[tuple[int, str], set[tuple[int, str]]] = {}
    for left, right, _ in links:
        neighbours.setdefault(left, set()).add(right)
        neighbours.setdefault(right, set()).add(left)
    conflicts: list[FoundConflict] = []
    for top, members in clusters.items():
        # One event: the side most often contradicted and the sides that contradict it
        # directly, not every chain of them ("Sony and Microsoft" / "Microsoft, Sony and
        # Nintendo" / "Apple and Microsoft" are three events).
        hub = max(members, key=lambda side: (len(neighbours[side]), -members.index(side)))
        members = [side for side in members if side == hub or side in neighbours[hub]]
        by_key: dict[str, list[tuple[int, str]]] = {}
        for side in members:
            by_key.setdefault(side[1], []).append(side)
        if len(by_key) < 2:
            continue
        versions = []
        for key, version_sides in sorted(by_key.items()):
            _, node, label, span = min(
                (item for side in version_sides for item in sides[side]),
                key=lambda item: (item[0], item[1]),
            )
            groups = tuple(sorted({group for group, _ in version_sides}))
            versions.append(Version(key, label, groups, node, span))
        versions = _apart(versions, group_files)
        if len(versions) < 2:
            continue
        evidence = sum(len(group_files(v.groups)) for v in versions) + best[top]
        conflicts.append(FoundConflict(tuple(versions), evidence))
    conflicts.sort(key=lambda c: (-c.evidence, c.versions[0].node))
    return conflicts


def _apart(
    versions: list[Version], group_files: Callable[[Sequence[int]], frozenset[int]]
) -> list[Version]:
    """The versions with no file on two sides: a group whose files also say another version
    (one article giving both values, or a copy of it) is left out of the conflict."""
    files = [group_files(v.groups) for v in versions]
    kept = []
    for index, version in enumerate(versions):
        others = frozenset().union(*(f for k, f in enumerate(files) if k != index))
        if not files[index] & others:
            kept.append(version)
    return kept

