"""Provides the one-screen briefing: the central facts, the key actors, the conflicts.

Facts come ranked from the index (store.precompute): by how many files report them, by
LexRank centrality and by how precisely they name who, how many and when, with repeats of an
already chosen fact pushed down. A fact whose sources disagree shows the disagreement.
A fact is read alone, so it is shown by a sentence that does not open by pointing back
("These would replace current powers..."): another of its sentences, or none and the next fact.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from briefing.corroboration.stories import REDUNDANCY, story_likeness
from briefing.corroboration.views import (
    FETCHED,
    MAX_SOURCES,
    conflicts,
    group_sources,
    source_ref,
)
from briefing.index.fact_tables import FactStore, StoredVersion
from briefing.models import Conflict, SourceRef
from briefing.reports import Actor, Briefing, Fact
from briefing.text.anaphors import opens_by_pointing_back

ACTORS_SHOWN = 12
ACTORS_POOL = 1_000  # the folder's key actors a topic's are chosen from (pipeline.ACTORS)
# Ranked facts read, per fact shown, to find those that can be read alone: of the BBC
# folder's first 100, 11 are represented by a sentence that points back, and 3 have no other.
READ_PER_FACT = 2
# Facts of a topic read, per fact shown, to choose among for diversity: the BBC folder's
# "ID cards" told its 8 facts in 5 articles from the first 8, in 8 from the first 32.
TOPIC_POOL_PER_FACT = 4


def brief(store: FactStore, n: int, documents: int) -> Briefing:
    """The briefing of the corpus with its `n` most central facts."""
    ranked = store.ranked(max(0, n) * READ_PER_FACT)
    stored = store.all_conflicts()
    every_conflict = conflicts(store, stored)
    in_conflict = _conflict_of_group(stored)
    facts: list[Fact] = []
    for group, representative, count, score in ranked:
        if len(facts) >= n:
            break
        speaker = _standing_alone(store, group, source_ref(store.sentence(representative)))
        if speaker is None:
            continue
        conflict = in_conflict.get(group)
        facts.append(_fact(store, speaker, group, score, count,
                           every_conflict[conflict] if conflict is not None else None))
    actors = tuple(
        Actor(name, count, tuple(sources)) for name, count, sources in store.actors(ACTORS_SHOWN)
    )
    return Briefing(tuple(facts), actors, tuple(every_conflict), documents)


def brief_topic(
    store: FactStore,
    doc_ids: Sequence[int],
    holds: Callable[[str, str | None], bool],
    n: int,
    documents: int,
) -> Briefing:
    """The briefing of the paragraphs `doc_ids` (those a topic matches): the best-scored
    facts stated there, each by a sentence that `holds` the topic's words, the conflicts
    touching them, and the key actors among their files."""
    pool: list[tuple[SourceRef, int, float]] = []
    seen: set[int] = set()
    for sentence, group, score in store.sentences_in(doc_ids):
        if len(pool) >= max(0, n) * TOPIC_POOL_PER_FACT:
            break
        if group in seen:
            continue
        speaker = source_ref(store.sentence(sentence))
        if not holds(speaker.text, speaker.language) or opens_by_pointing_back(
            speaker.text, speaker.language
        ):
            continue
        seen.add(group)
        pool.append((speaker, group, score))
    picked = _diverse(store, pool, n, documents)
    chosen = [group for _, group, _ in picked]
    files = {speaker.source for speaker, _, _ in picked}
    stored = store.conflicts_of(chosen)
    touched = conflicts(store, stored)
    in_conflict = _conflict_of_group(stored)
    facts = [
        _fact(store, speaker, group, score, store.source_count(group),
              touched[in_conflict[group]] if group in in_conflict else None)
        for speaker, group, score in picked
    ]
    for fact in facts:
        files.update(s.source for s in fact.sources)
    actors = []
    for name, _, sources in store.actors(ACTORS_POOL):
        among = tuple(path for path in sources if path in files)
        if among:
            actors.append(Actor(name, len(among), among))
    actors.sort(key=lambda a: -a.source_count)
    return Briefing(tuple(facts), tuple(actors[:ACTORS_SHOWN]), tuple(touched), documents,
                    passages=len(doc_ids))


def _diverse(
    store: FactStore, pool: list[tuple[SourceRef, int, float]], n: int, documents: int
) -> list[tuple[SourceRef, int, float]]:
    """The `n` facts of a topic's pool (best-scored first) chosen by maximal marginal
    relevance over the stories telling them, as the folder's brief is ranked: a second fact
    of one article gives way to another article's (briefing.corroboration.stories)."""
    if len(pool) <= 1:
        return pool[:n]
    files = [
        {row.source for row in store.members(group, MAX_SOURCES, FETCHED)}
        for _, group, _ in pool
    ]
    best = max(score for _, _, score in pool) or 1.0
    redundancy = [0.0] * len(pool)
    left = list(range(len(pool)))
    chosen: list[int] = []
    while left and len(chosen) < n:
        pick = max(left, key=lambda i: (pool[i][2] / best - REDUNDANCY * redundancy[i], -i))
        left.remove(pick)
        chosen.append(pick)
        for other in left:
            shared = len(files[pick] & files[other])
            alike = story_likeness(shared, len(files[pick]), len(files[other]), documents)
            redundancy[other] = max(redundancy[other], alike)
    return [pool[i] for i in chosen]


def _standing_alone(store: FactStore, group: int, representative: SourceRef
                    ) -> SourceRef | None:
    """The sentence a fact is shown by: its representative, else the first of its other
    sentences that can be read alone, in the representative's language (the folder's main
    one) if any is; None when each points back to a sentence before. A sentence written in
    capitals ("JAPAN'S TRADE SURPLUS ROSE ...") gives way to one of its group's in ordinary
    case, in its language, that stands alone."""
    shouted = representative.text.isupper()
    if not shouted and not opens_by_pointing_back(representative.text, representative.language):
        return representative
    alone = [s for s in group_sources(store, group)
             if not opens_by_pointing_back(s.text, s.language)]
    if shouted:
        written = [s for s in alone
                   if s.language == representative.language and not s.text.isupper()]
        if written:
            return written[0]
        if representative in alone:
            return representative
    return next((s for s in alone if s.language == representative.language),
                alone[0] if alone else None)


def _conflict_of_group(stored: Sequence[list[StoredVersion]]) -> dict[int, int]:
    """The conflict (its place in `stored`) each group stands on a side of, the first one."""
    found: dict[int, int] = {}
    for index, versions in enumerate(stored):
        for version in versions:
            for group in version.groups:
                found.setdefault(group, index)
    return found


def _fact(store: FactStore, speaker: SourceRef, group: int, score: float, count: int,
          conflict: Conflict | None) -> Fact:
    return Fact(
        text=speaker.text,
        source=speaker.source,
        paragraph=speaker.paragraph,
        line=speaker.line,
        language=speaker.language,
        score=round(score, 4),
        source_count=count,
        sources=tuple(group_sources(store, group, speaker)),
        conflict=conflict,
    )
