"""The fact state an update reads back (briefing.corroboration.state): stored as columns, read
back equal; an index of an older format is recomputed, not misread; and the actors counted over
the columns are those the loop over every mention of every sentence found."""

from __future__ import annotations

from collections import Counter

import numpy as np
import pytest

from briefing.corroboration import actors
from briefing.corroboration.pipeline import ACTORS, compute
from briefing.corroboration.state import STATE_FORMAT, FactState, NodeInfo, NodeInfos
from briefing.index.fact_rows import FactsParagraph
from tests.conftest import BUNDLED

AWKWARD = [
    NodeInfo("en", (("n:kakao", "Kakao", True), ("c:korea", "South Korea’s", True)),
             (("n:PIPC", "n:personal information protection commission"),), 2.5),
    NodeInfo(None, (), (), 0.0, True),  # no language, no mention, a roster
    # Text as written may hold any character: a unit separator, a lone surrogate.
    NodeInfo("fr", (("n:a\x1fb", "A\x1fB", False), ("n:\udc80", "\udc80", True)), (), 1e-300),
    NodeInfo("en", (("n:kakao", "KAKAO", True),), (), 0.1 + 0.2),
]


def _round_trip(infos: NodeInfos) -> NodeInfos:
    blobs = {name: bytes(value) for name, value in infos.payloads().items()}
    return NodeInfos.from_payloads(blobs)


def test_node_infos_come_back_as_they_were_stored() -> None:
    infos = NodeInfos.of(AWKWARD)
    assert [infos.info(n) for n in range(len(infos))] == AWKWARD
    back = _round_trip(infos)
    assert [back.info(n) for n in range(len(back))] == AWKWARD
    assert [back[n].language for n in range(len(back))] == [i.language for i in AWKWARD]
    assert back[0].mentions == AWKWARD[0].mentions and back[1].roster
    assert len(set(back.strings)) == len(back.strings)  # one id per string: ids compare


def test_merged_infos_keep_the_kept_rows_and_only_the_strings_they_use() -> None:
    old = NodeInfos.of(AWKWARD)
    fresh = NodeInfos.of([NodeInfo("de", (("n:bmw", "BMW", True), ("n:kakao", "Kakao", True)),
                                   (), 4.0)])
    merged = old.merged(fresh, np.array([3, ~0, 1]))
    assert [merged.info(n) for n in range(3)] == [AWKWARD[3], fresh.info(0), AWKWARD[1]]
    # AWKWARD[0] and [2] are gone, and their strings with them.
    assert "n:PIPC" not in merged.strings and "A\x1fB" not in merged.strings
    assert len(set(merged.strings)) == len(merged.strings)


def _bundled_paragraphs() -> list[FactsParagraph]:
    paragraphs: list[FactsParagraph] = []
    for path in sorted(BUNDLED.glob("*.txt")):
        for text in path.read_text("utf-8").split("\n\n"):
            if text.strip():
                paragraphs.append(FactsParagraph(len(paragraphs), path.name, "en", text.strip()))
    return paragraphs


@pytest.fixture(scope="module")
def bundled_state() -> FactState:
    return compute(_bundled_paragraphs()).state


def test_the_fact_state_comes_back_as_it_was_stored(bundled_state: FactState) -> None:
    state = bundled_state
    assert len(state.infos) > 100 and len(state.left) > 0
    back = FactState.from_payloads({k: bytes(v) for k, v in state.payloads().items()})
    assert back is not None
    for name in ("hashes", "left", "right", "weight", "contradicting"):
        assert np.array_equal(getattr(back, name), getattr(state, name)), name
    assert back.index.vocabulary == state.index.vocabulary
    assert np.array_equal(back.index.pointers, state.index.pointers)
    assert np.array_equal(back.index.ids, state.index.ids)
    assert back.details == state.details
    count = len(state.infos)
    assert [back.infos.info(n) for n in range(count)] == [
        state.infos.info(n) for n in range(count)]
    for name in ("doc_ids", "starts", "ends", "nodes", "files"):
        assert np.array_equal(getattr(back.occurrences, name), getattr(state.occurrences, name))
    assert back.occurrences.sources == state.occurrences.sources


def test_a_state_of_another_format_is_not_read(bundled_state: FactState) -> None:
    blobs = bundled_state.payloads()
    assert FactState.from_payloads(blobs) is not None
    older = {**blobs, "format": b"briefing-fact-state/3"}
    assert STATE_FORMAT != "briefing-fact-state/3" and FactState.from_payloads(older) is None
    assert FactState.from_payloads({}) is None


def _surnames_one_by_one(mentions: Counter[str], files: dict[str, set[int]]) -> dict[str, str]:
    endings: dict[str, Counter[str]] = {}
    for key, times in mentions.items():
        words = key[2:].split(" ")
        if key.startswith("n:") and len(words) == 2 and words[-1][:1].isalpha():
            endings.setdefault("n:" + words[-1], Counter())[key] = times
    found: dict[str, str] = {}
    for short, names in endings.items():
        if short in mentions:
            (name, times), = names.most_common(1)
            if (times >= actors.SURNAME_SHARE * sum(names.values())
                    and times >= actors.FULL_NAME_SHARE * mentions[short]
                    and len(files[name] & files[short])
                    >= actors.SURNAME_FILES * len(files[short])):
                found[short] = name
    return found


def _forms_one_by_one(mentions: Counter[str], files: dict[str, set[int]]) -> dict[str, str]:
    from briefing.corroboration.reference import reference

    lowercase = reference().lowercase
    found: dict[str, str] = {}
    singulars: dict[str, list[str]] = {}
    for key in mentions:
        if key.startswith("n:"):
            words = key[2:].split(" ")
            singular = " ".join([*words[:-1], actors._singular(words[-1])])
            singulars.setdefault(singular, []).append(key)
            first, rest = words[0], words[1:]
            if (rest and first.isupper() and "n:" + first in mentions
                    and all(word in lowercase for word in rest)):
                found[key] = "n:" + first
    for keys in singulars.values():
        commonest = max(keys, key=lambda k: (mentions[k], k))
        for key in keys:
            shared = len(files[key] & files[commonest])
            if key != commonest and shared >= actors.PLURAL_SHARED_FILES * min(
                len(files[key]), len(files[commonest])
            ):
                found[key] = commonest
    return {key: found.get(target, target) for key, target in found.items()}


def _actors_one_by_one(
    nodes: list[NodeInfo], files_of_node: list[frozenset[int]], occurrences: list[int],
    sources: list[str], main_language: str | None, limit: int,
) -> list[actors.FoundActor]:
    """rank_actors as it was before the columns: every mention of every sentence in turn,
    every name key looked at (the oracle of the numpy counting)."""
    seen: dict[str, set[str]] = {}
    for info in nodes:
        for acronym, name in info.aliases:
            seen.setdefault(acronym, set()).add(name)
    aliases = {a: next(iter(n)) for a, n in seen.items() if len(n) == 1}
    counted: Counter[str] = Counter()
    places_of: dict[str, set[int]] = {}
    for info, places, times in zip(nodes, files_of_node, occurrences, strict=True):
        for key, _, actor in info.mentions:
            if actor and times:
                known = aliases.get(key, key)
                counted[known] += times
                places_of.setdefault(known, set()).update(places)
    forms = _forms_one_by_one(counted, places_of)
    merged: Counter[str] = Counter()
    for key, times in counted.items():
        merged[forms.get(key, key)] += times
    merged_places: dict[str, set[int]] = {}
    for key, places in places_of.items():
        merged_places.setdefault(forms.get(key, key), set()).update(places)
    surnames = _surnames_one_by_one(merged, merged_places)

    def resolved(key: str) -> str:
        key = aliases.get(key, key)
        key = forms.get(key, key)
        return surnames.get(key, key)

    files: dict[str, set[int]] = {}
    mentions: Counter[str] = Counter()
    written: dict[str, Counter[tuple[bool, str]]] = {}
    for info, places, times in zip(nodes, files_of_node, occurrences, strict=True):
        for mention_key, text, actor in info.mentions if times else ():
            if actor:
                key = resolved(mention_key)
                files.setdefault(key, set()).update(places)
                mentions[key] += times
                if mention_key == key:
                    spelled = written.setdefault(key, Counter())
                    spelled[(info.language == main_language, text)] += times
    ranks = sorted((-len(places), -mentions[key]) for key, places in files.items())
    cut = ranks[limit - 1] if 0 < limit <= len(ranks) else (0, 0)
    found: list[actors.FoundActor] = []
    for key, places in files.items():
        if (-len(places), -mentions[key]) > cut:
            continue
        if key.startswith("c:"):
            name = actors.glossary().concept(key[2:]).name
        else:
            spellings = written.get(key) or Counter({(True, key[2:]): 1})
            (_, name), _ = max(spellings.items(), key=lambda item: (item[0][0], item[1]))
        found.append(actors.FoundActor(key, name, tuple(sorted(sources[i] for i in places)),
                                       mentions[key]))
    found.sort(key=lambda a: (-len(a.sources), -a.mentions, a.name.casefold()))
    return found[:limit]


@pytest.mark.parametrize("main_language", ["en", None, "fr"])
def test_actors_counted_over_the_columns_are_those_of_the_loop(
    bundled_state: FactState, main_language: str | None
) -> None:
    state = bundled_state
    places = state.occurrences
    count = len(state.infos)
    bounds, files = places.files_of_nodes(count)
    files_of_node = [frozenset(files[bounds[n] : bounds[n + 1]].tolist()) for n in range(count)]
    occurrences = np.bincount(places.nodes, minlength=count).tolist()
    nodes = [state.infos.info(n) for n in range(count)]
    for limit in (1, 5, ACTORS, 10_000):
        expected = _actors_one_by_one(nodes, files_of_node, occurrences, places.sources,
                                      main_language, limit)
        found = actors.rank_actors(state.infos, places.nodes, places.files, places.sources,
                                   main_language, limit)
        assert found == expected
    assert len(expected) > 50  # every actor, in order, ties and all


def test_actors_of_forms_surnames_and_acronyms_are_those_of_the_loop() -> None:
    """Names that merge (plural and singular, an acronym's division, a surname, a defined
    acronym), sentences in several files and repeated, spellings in two languages, ties."""
    names = [("n:tory", "Tory"), ("n:tories", "Tories"), ("n:BBC", "BBC"),
             ("n:BBC news", "BBC News"), ("n:tony blair", "Tony Blair"), ("n:blair", "Blair"),
             ("n:PIPC", "PIPC"), ("n:williams", "Williams"), ("n:william", "William"),
             ("n:blair", "BLAIR"), ("c:france", "la France"), ("n:fox", "Fox"),
             ("n:foxs", "Foxs"), ("n:fo", "Fo")]
    nodes: list[NodeInfo] = []
    node_of: list[int] = []
    file_of: list[int] = []
    for number in range(300):
        picked = [names[(number * step) % len(names)] for step in (1, 3, 7)][: 1 + number % 3]
        nodes.append(NodeInfo(
            "en" if number % 4 else "fr",
            tuple((key, text, number % 11 != 0) for key, text in picked),
            (("n:PIPC", "n:personal information protection commission"),) if number == 5
            else (),
            1.0,
        ))
        for copy in range(number % 3):  # some sentences occur in no file, some in several
            node_of.append(number)
            file_of.append((number * 7 + copy * 13) % 40)
    sources = [f"{i:03d}.txt" for i in range(40)]
    count = len(nodes)
    nodes_array, files_array = np.array(node_of), np.array(file_of)
    files_of_node = [frozenset(files_array[nodes_array == n].tolist()) for n in range(count)]
    occurrences = np.bincount(nodes_array, minlength=count).tolist()
    infos = NodeInfos.of(nodes)
    for main_language in ("en", "fr", None):
        for limit in (1, 3, 6, 100):
            expected = _actors_one_by_one(nodes, files_of_node, occurrences, sources,
                                          main_language, limit)
            found = actors.rank_actors(infos, nodes_array, files_array, sources,
                                       main_language, limit)
            assert found == expected
    keys = {a.key for a in expected}  # limit 100: every actor
    assert {"n:tory", "n:williams", "n:tony blair", "n:BBC", "c:france"} <= keys
    assert not {"n:tories", "n:william", "n:blair", "n:BBC news", "n:PIPC"} & keys  # merged


@pytest.mark.parametrize("mentions", [
    # "codex" is the singular of "codexs", and has its own ("code"): it is in one group only.
    {"n:codexs": 1, "n:codex": 5, "n:code": 1},
    {"n:tories": 3, "n:tory": 2, "n:BBC news": 1, "n:BBC": 4, "n:bus": 2, "n:glass": 1,
     "n:parties": 2, "n:party": 2, "c:party": 9, "n:un x": 1, "n:un": 1, "n:trailing ": 1},
])
def test_forms_look_only_at_the_keys_that_can_have_one(mentions: dict[str, int]) -> None:
    counted = Counter(mentions)
    files = {key: {0, len(key) % 3} for key in counted}
    assert actors._forms(counted, lambda key: files[key]) == _forms_one_by_one(counted, files)
