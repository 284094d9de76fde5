"""Provides the one-screen briefing: the central facts, the key actors, the conflicts.

Facts come ranked from the index (store.precompute): by how many files report them, by
LexRank centrality and by how precisely they name who, how many and when, with repeats of an
already chosen fact pushed down. A fact whose sources disagree shows the disagreement.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from briefing.corroboration.views import conflicts, group_sources, source_ref
from briefing.index.fact_tables import FactStore, SentenceRef
from briefing.models import SourceRef
from briefing.reports import Actor, Briefing, Fact

ACTORS_SHOWN = 12
ACTORS_POOL = 50  # the folder's key actors a topic's are chosen from (pipeline.ACTORS)


def brief(store: FactStore, n: int, documents: int) -> Briefing:
    """The briefing of the corpus with its `n` most central facts."""
    ranked = store.ranked(max(0, n))
    stored = store.all_conflicts()
    every_conflict = conflicts(store, stored)
    by_group: dict[int, int] = {}
    for index, versions in enumerate(stored):
        for version in versions:
            for group in version.groups:
                by_group.setdefault(group, index)
    facts = []
    for group, representative, count, score in ranked:
        speaker = source_ref(store.sentence(representative))
        conflict = by_group.get(group)
        facts.append(
            Fact(
                text=speaker.text,
                source=speaker.source,
                paragraph=speaker.paragraph,
                line=speaker.line,
                language=speaker.language,
                score=round(score, 4),
                source_count=count,
                sources=tuple(group_sources(store, group, speaker)),
                conflict=every_conflict[conflict] if conflict is not None else None,
            )
        )
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
    facts: list[Fact] = []
    chosen: list[int] = []
    files: set[str] = set()
    for sentence, group, score in store.sentences_in(doc_ids):
        if len(facts) >= n:
            break
        if group in chosen:
            continue
        row = store.sentence(sentence)
        speaker = source_ref(row)
        if not holds(speaker.text, speaker.language):
            continue
        chosen.append(group)
        files.add(speaker.source)
        facts.append(_fact(store, row, speaker, group, score))
    touched = conflicts(store, store.conflicts_of(chosen))
    for fact in facts:
        files.update(s.source for s in fact.sources)
    actors = []
    for name, _, sources in store.actors(ACTORS_POOL):
        among = tuple(path for path in sources if path in files)
        if among:
            actors.append(Actor(name, len(among), among))
    actors.sort(key=lambda a: -a.source_count)
    return Briefing(tuple(facts), tuple(actors[:ACTORS_SHOWN]), tuple(touched), documents)


def _fact(store: FactStore, row: SentenceRef, speaker: SourceRef, group: int,
          score: float) -> Fact:
    return Fact(
        text=speaker.text,
        source=speaker.source,
        paragraph=speaker.paragraph,
        line=speaker.line,
        language=speaker.language,
        score=round(score, 4),
        source_count=store.source_count(group),
        sources=tuple(group_sources(store, group, speaker)),
        conflict=None,
    )
