"""Provides the key actors of a corpus: the organisations, people and countries it names.

Mentions come from the anchors (capitalised names and glossary countries and organisations),
so a sentence's first word is no actor unless the corpus capitalises it mid-sentence too.
"South Korea", "South Korea’s" and "Corée du Sud" are one actor through the glossary,
"Kakao Corp" and "Kakao" through the company-form rule, and an acronym defined in
parentheses ("Personal Information Protection Commission (PIPC)") is its name.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection, Sequence
from dataclasses import dataclass

from briefing.corroboration.anchors import SentenceAnchors
from briefing.corroboration.glossary import glossary


@dataclass(frozen=True, slots=True)
class FoundActor:
    key: str
    name: str
    sources: tuple[str, ...]
    mentions: int


def _aliases(nodes: Sequence[SentenceAnchors]) -> dict[str, str]:
    """Acronym key -> name key, for acronyms defined one way only."""
    seen: dict[str, set[str]] = {}
    for anchors in nodes:
        for acronym, name in anchors.aliases:
            seen.setdefault(acronym, set()).add(name)
    return {acronym: next(iter(names)) for acronym, names in seen.items() if len(names) == 1}


def rank_actors(
    nodes: Sequence[SentenceAnchors],
    files_of_node: Sequence[Collection[int]],
    occurrences: Sequence[int],
    sources: Sequence[str],
    main_language: str | None,
    limit: int,
) -> list[FoundActor]:
    """The `limit` actors named by the most files (then most often), best first.

    `files_of_node[node]` are the files (indexes into `sources`) the node's sentence occurs
    in, `occurrences[node]` how many times it occurs.
    """
    aliases = _aliases(nodes)
    files: dict[str, set[int]] = {}
    mentions: Counter[str] = Counter()
    written: dict[str, Counter[tuple[bool, str]]] = {}
    for anchors, places, times in zip(nodes, files_of_node, occurrences, strict=True):
        if not times:
            continue
        for mention in anchors.mentions:
            if not mention.actor:
                continue
            key = aliases.get(mention.key, mention.key)
            files.setdefault(key, set()).update(places)
            mentions[key] += times
            if mention.key == key:
                spelled = written.setdefault(key, Counter())
                spelled[(anchors.language == main_language, mention.text)] += times
    terms = glossary()
    found: list[FoundActor] = []
    for key, places in files.items():
        if key.startswith("c:"):
            name = terms.concept(key[2:]).name
        else:
            # The commonest spelling, in the corpus's main language when it has one.
            spellings = written.get(key) or Counter({(True, key[2:]): 1})
            (_, name), _ = max(spellings.items(), key=lambda item: (item[0][0], item[1]))
        named = tuple(sorted(sources[i] for i in places))
        found.append(FoundActor(key, name, named, mentions[key]))
    found.sort(key=lambda a: (-len(a.sources), -a.mentions, a.name.casefold()))
    return found[:limit]
