"""Provides the attribution of a sentence: who says it and to whom, apart from what is said.

News reports a claim with its source: '"All credit to them," he told BBC Sport.', 'Lib Dem
home affairs spokesman Mark Oaten said: "..."', '..., according to Yonhap News Agency.'.
The reporting verb and the outlet told ("BBC Sport", "BBC Radio 4's Today programme") say
nothing of the claim: they are left out of the sentence's anchors altogether, or every
quote given to one outlet would corroborate every other. The speaker ("he", "Mark Oaten")
is who claims it: kept, but two sentences that share only their speaker state two claims
(similarity.content_evidence).

A speaker is the short run of words between the clause's start and its reporting verb
('Mark Oaten said'), or after a verb that opens its clause ('..., said Mr Smith.', '..., a
indiqué l'agence Yonhap.', 'according to Yonhap'); a run holding a number is a claim, not a
speaker ('84% of net users say ...'). An outlet is the capitalised words right after "told"
('told the BBC News website'), with one common word ending them ("programme", "website").
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

# Reporting verbs, folded: forms that introduce what someone says.
SAY = frozenset({
    "say", "says", "said", "saying", "tell", "tells", "told", "telling", "added", "adds",
    "reported", "dit", "declare", "indique", "ajoute", "affirme", "explique", "precise",
    "selon",
})
# Any word that may start an attribution: a sentence with none of them has no attribution.
REPORTING = SAY | {"according"}
# Those after which the outlet told is named ("told BBC Sport").
TOLD = frozenset({"tell", "tells", "told", "telling"})
_ACCORDING = ("according", "to")  # "according to Yonhap": the speaker follows
_AUXILIARIES = frozenset({"has", "have", "had", "a", "ont", "avait", "avaient"})
_ARTICLES = frozenset({"the", "a", "an", "l", "la", "le", "les", "au", "aux"})  # "a": à too
# A speaker is at most this many words: 'Conservative shadow foreign secretary Michael
# Ancram' has six. A longer run before the verb is a clause of its own.
SPEAKER_WORDS = 7
# What ends a clause between two words.
_BOUNDARY = frozenset(",;:\"“”«»()[]—–")


@dataclass(frozen=True, slots=True)
class Attribution:
    """Token indexes: the reporting verbs and outlets (no part of the claim) and speakers."""

    dropped: frozenset[int]
    speakers: frozenset[int]


def _boundary(gap: str) -> bool:
    return any(c in _BOUNDARY for c in gap) or " - " in gap


class Words:
    """What the attribution reads of a sentence's words, as parallel lists: each one folded,
    whether capitalised (or in capitals, and no number), a number, a function word; and the
    text before it."""

    __slots__ = ("surfaces", "capitals", "numerics", "stops", "gaps")

    def __init__(self, surfaces: Sequence[str], capitals: Sequence[bool],
                 numerics: Sequence[bool], stops: Sequence[bool], gaps: Sequence[str]) -> None:
        self.surfaces, self.capitals, self.numerics = surfaces, capitals, numerics
        self.stops, self.gaps = stops, gaps

    def __len__(self) -> int:
        return len(self.surfaces)


def attribution(words: Words) -> Attribution:
    """The attribution of a sentence's words."""
    gaps = words.gaps
    dropped: set[int] = set()
    speakers: set[int] = set()
    count = len(words)
    index = 0
    surfaces = words.surfaces
    while index < count:
        surface = surfaces[index]
        told = surface in TOLD
        opens = surface == "selon"
        if surface == _ACCORDING[0] and index + 1 < count and surfaces[index + 1] == "to":
            dropped.add(index)
            index += 1
            opens = True
        elif surface not in SAY:
            index += 1
            continue
        verb = index
        dropped.add(verb)
        after = verb + 1
        if told:
            outlet = _outlet(words, gaps, after)
            dropped.update(outlet)
            after = max(outlet, default=verb) + 1
        start = _clause_start(gaps, verb)
        while start < verb and surfaces[start] in _AUXILIARIES:
            start += 1  # ", a indiqué ...": the verb opens its clause
        if start == verb or opens:
            speakers.update(_run(words, gaps, after, forward=True))
        else:
            speakers.update(_run(words, gaps, verb - 1, forward=False))
        index = after
    return Attribution(frozenset(dropped), frozenset(speakers - dropped))


def _clause_start(gaps: Sequence[str], at: int) -> int:
    start = at
    while start > 0 and not _boundary(gaps[start]):
        start -= 1
    return start


def _outlet(words: Words, gaps: Sequence[str], first: int) -> list[int]:
    """The outlet named after a verb at `first`: articles, then capitalised words and numbers
    ("BBC Radio 4's Today"), then at most one common word ending them ("programme")."""
    count = len(words)
    index = first
    while index < count and words.surfaces[index] in _ARTICLES:
        index += 1
    found: list[int] = []
    while index < count and (words.capitals[index] or words.numerics[index]) and (
        not found or not _boundary(gaps[index])
    ):
        found.append(index)
        index += 1
    if not any(words.capitals[i] for i in found):
        return []
    if index < count and not words.stops[index] and not _boundary(gaps[index]):
        closes = index + 1 >= count or _boundary(gaps[index + 1]) or words.stops[index + 1]
        if closes:
            found.append(index)
    return found


def _run(words: Words, gaps: Sequence[str], at: int, forward: bool) -> list[int]:
    """The speaker next to a verb: words from `at` away from it up to a clause boundary, if
    they are few and hold no number."""
    step = 1 if forward else -1
    found: list[int] = []
    index = at
    while 0 <= index < len(words):
        if forward and found and _boundary(gaps[index]):
            break
        found.append(index)
        if not forward and _boundary(gaps[index]):
            break
        index += step
    if len(found) > SPEAKER_WORDS or any(words.numerics[i] for i in found):
        return []
    return found
