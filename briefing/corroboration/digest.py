"""Provides the one-screen briefing: the central facts, the key actors, the conflicts.

Facts come ranked from the index (store.precompute): by how many files report them, by
LexRank centrality and by how precisely they name who, how many and when, with repeats of an
already chosen fact pushed down. A fact whose sources disagree shows the disagreement.
"""

from __future__ import annotations

from briefing.corroboration.views import conflicts, group_sources, source_ref
from briefing.index.fact_tables import FactStore
from briefing.reports import Actor, Briefing, Fact

ACTORS_SHOWN = 12


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
