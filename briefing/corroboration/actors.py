"""Provides the key actors of a corpus: the people, organisations and places it names.

Mentions come from the anchors (capitalised names and glossary countries and organisations):
a contraction ("I'm"), a pronoun, a number or a sentence's first word that general text
writes in lower case ("One", "Analysts") is never one. "South Korea", "South Korea’s" and
"Corée du Sud" are one actor through the glossary, "Kakao Corp" and "Kakao" through the
company-form rule, and an acronym defined in parentheses ("Personal Information Protection
Commission (PIPC)") is its name. A surname alone ("Blair", as in "Mr Blair") is the full
name ("Tony Blair") when one full name ending so has at least SURNAME_SHARE of the folder's
mentions of such names, and is itself common (FULL_NAME_SHARE: "In December Microsoft ..."
once does not make every "Microsoft" "December Microsoft"). A plural is its singular ("Tories"
and "Tory", "Liberal Democrats" and "Liberal Democrat"), and an acronym followed by common
words only is the acronym's organisation ("BBC News", "BBC One": the BBC).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection, Sequence
from dataclasses import dataclass

from briefing.corroboration.glossary import glossary
from briefing.corroboration.state import NodeInfo

SURNAME_SHARE = 0.9
# The full name must have at least this share of the surname's own mentions: a person named
# in full once in ten mentions at least (BBC: "Tony Blair" 183, "Blair" 343), not a company
# preceded once by a capitalised word ("December Microsoft" 1, "Microsoft" 235).
FULL_NAME_SHARE = 0.1
# A plural and its singular name one actor when this share of the files of the rarer form
# also hold the other: on BBC, party names share 20-66% ("Liberal Democrat(s)", "Tory",
# "Tories"), first names and surnames ending in s (William, Williams; Robert, Roberts) none.
PLURAL_SHARED_FILES = 0.15


@dataclass(frozen=True, slots=True)
class FoundActor:
    key: str
    name: str
    sources: tuple[str, ...]
    mentions: int


def _aliases(nodes: Sequence[NodeInfo]) -> dict[str, str]:
    """Acronym key -> name key, for acronyms defined one way only."""
    seen: dict[str, set[str]] = {}
    for info in nodes:
        for acronym, name in info.aliases:
            seen.setdefault(acronym, set()).add(name)
    return {acronym: next(iter(names)) for acronym, names in seen.items() if len(names) == 1}


def _surnames(mentions: Counter[str]) -> dict[str, str]:
    """Single-word name key -> the full name it stands for, where the folder is clear."""
    endings: dict[str, Counter[str]] = {}
    for key, times in mentions.items():
        words = key[2:].split(" ")
        if key.startswith("n:") and len(words) == 2 and words[-1][:1].isalpha():
            endings.setdefault("n:" + words[-1], Counter())[key] = times
    found: dict[str, str] = {}
    for short, names in endings.items():
        if short not in mentions:
            continue
        (name, times), = names.most_common(1)
        if (times >= SURNAME_SHARE * sum(names.values())
                and times >= FULL_NAME_SHARE * mentions[short]):
            found[short] = name
    return found


def _singular(word: str) -> str:
    """An English or French plural's singular, near enough to compare: "tories" -> "tory"."""
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 3 and word[-1] in "sx" and word[-2] not in "su":
        return word[:-1]
    return word


def _forms(mentions: Counter[str], files: dict[str, set[int]]) -> dict[str, str]:
    """Name key -> the key of the commoner form of one name: a plural and its singular written
    in the same articles ("Tories", "Tory": PLURAL_SHARED_FILES), an acronym's divisions named
    by common words ("BBC News" -> "BBC")."""
    from briefing.corroboration.reference import reference

    lowercase = reference().lowercase
    found: dict[str, str] = {}
    singulars: dict[str, list[str]] = {}
    for key in mentions:
        if key.startswith("n:"):
            words = key[2:].split(" ")
            singulars.setdefault(" ".join([*words[:-1], _singular(words[-1])]), []).append(key)
            first, rest = words[0], words[1:]
            acronym = "n:" + first
            if (rest and first.isupper() and acronym in mentions
                    and all(word in lowercase for word in rest)):
                found[key] = acronym
    for keys in singulars.values():
        if len(keys) < 2:
            continue
        commonest = max(keys, key=lambda k: (mentions[k], k))
        for key in keys:
            shared = len(files[key] & files[commonest])
            if key != commonest and shared >= PLURAL_SHARED_FILES * min(
                len(files[key]), len(files[commonest])
            ):
                found[key] = commonest
    return {key: found.get(target, target) for key, target in found.items()}


def rank_actors(
    nodes: Sequence[NodeInfo],
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
    counted: Counter[str] = Counter()
    places_of: dict[str, set[int]] = {}
    for info, places, times in zip(nodes, files_of_node, occurrences, strict=True):
        for key, _, actor in info.mentions:
            if actor and times:
                known = aliases.get(key, key)
                counted[known] += times
                places_of.setdefault(known, set()).update(places)
    forms = _forms(counted, places_of)
    merged: Counter[str] = Counter()
    for key, times in counted.items():
        merged[forms.get(key, key)] += times
    surnames = _surnames(merged)

    def resolved(key: str) -> str:
        key = aliases.get(key, key)
        key = forms.get(key, key)
        return surnames.get(key, key)

    files: dict[str, set[int]] = {}
    mentions: Counter[str] = Counter()
    written: dict[str, Counter[tuple[bool, str]]] = {}
    for info, places, times in zip(nodes, files_of_node, occurrences, strict=True):
        if not times:
            continue
        for mention_key, text, actor in info.mentions:
            if not actor:
                continue
            key = resolved(mention_key)
            files.setdefault(key, set()).update(places)
            mentions[key] += times
            if mention_key == key:
                spelled = written.setdefault(key, Counter())
                spelled[(info.language == main_language, text)] += times
    terms = glossary()
    # Only the actors that can make the first `limit` are named (a name is a vote over its
    # spellings): those ranked at or above the limit-th by files and mentions, ties kept.
    ranks = sorted((-len(places), -mentions[key]) for key, places in files.items())
    cut = ranks[limit - 1] if 0 < limit <= len(ranks) else (0, 0)
    found: list[FoundActor] = []
    for key, places in files.items():
        if (-len(places), -mentions[key]) > cut:
            continue
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
