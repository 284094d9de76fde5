"""Provides what a build keeps of its corroboration for the next update: the fact state.

Per distinct sentence (node, numbered by first occurrence): a hash of its text, its usable
features, and what the actors and the ranking need of it (NodeInfo, kept as the columns of
NodeInfos); per pair of sentences alike enough to be an edge, its similarity, whether their
anchors contradict, and any conflict of values between them (PairDetail); and where each
sentence occurs (Occurrences, as fact_sentences holds it). An update reads it back
(Previous), analyses and pairs only the sentences whose files, features or counts changed,
and keeps the rest. It is stored as a few blobs (briefing.index.fact_rows writes them,
fact_tables reads them), nearly all raw arrays: reading them back costs milliseconds, where
decoding tens of thousands of tuples from JSON cost a third of a second on BBC.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from itertools import compress
from typing import Any

import numpy as np

from briefing.corroboration.candidates import FeatureIndex

STATE_FORMAT = "briefing-fact-state/4"


def sentence_hash(language: str | None, text: str) -> int:
    """A stable 63-bit number of a sentence and its language (the same in every process)."""
    digest = hashlib.blake2b(f"{language or ''}\x00{text}".encode("utf-8", "surrogatepass"),
                             digest_size=8).digest()
    return int.from_bytes(digest, "little") >> 1


@dataclass(frozen=True, slots=True)
class NodeInfo:
    """What the ranking and the actors need of a sentence, without analysing it again."""

    language: str | None
    mentions: tuple[tuple[str, str, bool], ...]  # (key, as written, may be an actor)
    aliases: tuple[tuple[str, str], ...]  # (acronym key, name key)
    specificity: float
    roster: bool = False  # a line-up or a table of names, no claim (SentenceAnchors.roster)


@dataclass(frozen=True, slots=True)
class PairDetail:
    """Two sentences that report one event with different values: each side's version key,
    label (as written) and the label's span in its sentence."""

    left: int
    right: int
    sides: tuple[tuple[str, str, int, int], tuple[str, str, int, int]]
    similarity: float


_INT = np.int64
_STRING_ID = np.int32  # an index into NodeInfos.strings


@dataclass(slots=True)
class NodeInfos:
    """Every node's NodeInfo as flat columns (CSR like FeatureIndex): an update reads them
    back as a few arrays instead of tens of thousands of tuples, and the actors are counted
    over them in numpy. Keys, spellings and languages are ids into `strings`, which holds each
    string once, so that two ids are equal exactly when their strings are."""

    strings: list[str]
    languages: np.ndarray  # per node: string id, -1 for None
    mention_bounds: np.ndarray  # node n's mentions are [mention_bounds[n], mention_bounds[n+1])
    mention_keys: np.ndarray  # per mention: string id of its key
    mention_texts: np.ndarray  # ... of its text as written
    mention_actors: np.ndarray  # ... whether it may be an actor
    alias_bounds: np.ndarray  # node n's aliases, likewise
    alias_acronyms: np.ndarray  # per alias: string id of the acronym key
    alias_names: np.ndarray  # ... of the name key
    specificity: np.ndarray  # per node, float64
    roster: np.ndarray  # per node, bool
    _languages: list[str | None] | None = field(default=None, repr=False, compare=False)

    @classmethod
    def of(cls, infos: Iterable[NodeInfo]) -> NodeInfos:
        """The columns of some NodeInfos, in order."""
        number: dict[str, int] = {}

        def sid(text: str) -> int:
            found = number.get(text)
            if found is None:
                found = number[text] = len(number)
            return found

        languages: list[int] = []
        mention_bounds, keys, texts, actors = [0], [], [], []
        alias_bounds, acronyms, names = [0], [], []
        specificity: list[float] = []
        roster: list[bool] = []
        for info in infos:
            languages.append(-1 if info.language is None else sid(info.language))
            for key, text, actor in info.mentions:
                keys.append(sid(key))
                texts.append(sid(text))
                actors.append(actor)
            mention_bounds.append(len(keys))
            for acronym, name in info.aliases:
                acronyms.append(sid(acronym))
                names.append(sid(name))
            alias_bounds.append(len(acronyms))
            specificity.append(info.specificity)
            roster.append(info.roster)
        return cls(
            list(number),
            np.array(languages, dtype=_STRING_ID),
            np.array(mention_bounds, dtype=_INT),
            np.array(keys, dtype=_STRING_ID),
            np.array(texts, dtype=_STRING_ID),
            np.array(actors, dtype=bool),
            np.array(alias_bounds, dtype=_INT),
            np.array(acronyms, dtype=_STRING_ID),
            np.array(names, dtype=_STRING_ID),
            np.array(specificity, dtype=np.float64),
            np.array(roster, dtype=bool),
        )

    def __len__(self) -> int:
        return len(self.specificity)

    def __getitem__(self, node: int) -> NodeView:
        return NodeView(self, node)

    def __iter__(self) -> Iterator[NodeView]:
        return (NodeView(self, node) for node in range(len(self)))

    def info(self, node: int) -> NodeInfo:
        """One node's NodeInfo (made on demand: the columns are what is kept)."""
        strings = self.strings
        first, last = int(self.mention_bounds[node]), int(self.mention_bounds[node + 1])
        mentions = tuple(
            (strings[k], strings[t], a)
            for k, t, a in zip(self.mention_keys[first:last].tolist(),
                               self.mention_texts[first:last].tolist(),
                               self.mention_actors[first:last].tolist(), strict=True)
        )
        first, last = int(self.alias_bounds[node]), int(self.alias_bounds[node + 1])
        aliases = tuple(
            (strings[a], strings[n])
            for a, n in zip(self.alias_acronyms[first:last].tolist(),
                            self.alias_names[first:last].tolist(), strict=True)
        )
        return NodeInfo(self.language(node), mentions, aliases, float(self.specificity[node]),
                        bool(self.roster[node]))

    def language(self, node: int) -> str | None:
        if self._languages is None:  # an update asks it of every node it keeps
            self._languages = self.language_list()
        return self._languages[node]

    def language_list(self) -> list[str | None]:
        """Every node's language, in order."""
        table: list[str | None] = [*self.strings, None]  # -1 picks the None
        return [table[i] for i in self.languages.tolist()]

    def merged(self, fresh: NodeInfos, rows: np.ndarray) -> NodeInfos:
        """The infos of nodes each taken from these (rows[n] >= 0: that row) or from `fresh`
        (rows[n] = ~k: its row k): what an update keeps and what it analysed again."""
        number = {text: i for i, text in enumerate(self.strings)}
        strings = list(self.strings)
        for text in fresh.strings:
            if text not in number:
                number[text] = len(strings)
                strings.append(text)
        # Fresh string ids in the joined table; the -1 of a missing language stays -1.
        renumber = np.array([*(number[t] for t in fresh.strings), -1], dtype=_STRING_ID)
        joined = NodeInfos(
            strings,
            np.concatenate((self.languages, renumber[fresh.languages])),
            np.concatenate((self.mention_bounds[:-1], fresh.mention_bounds
                            + self.mention_bounds[-1])),
            np.concatenate((self.mention_keys, renumber[fresh.mention_keys])),
            np.concatenate((self.mention_texts, renumber[fresh.mention_texts])),
            np.concatenate((self.mention_actors, fresh.mention_actors)),
            np.concatenate((self.alias_bounds[:-1], fresh.alias_bounds
                            + self.alias_bounds[-1])),
            np.concatenate((self.alias_acronyms, renumber[fresh.alias_acronyms])),
            np.concatenate((self.alias_names, renumber[fresh.alias_names])),
            np.concatenate((self.specificity, fresh.specificity)),
            np.concatenate((self.roster, fresh.roster)),
        )
        rows = np.asarray(rows, dtype=_INT)
        return joined.take(np.where(rows >= 0, rows, len(self) + ~rows))

    def take(self, rows: np.ndarray) -> NodeInfos:
        """The infos of the given rows, in that order, with only the strings they use."""
        mention_bounds, mentions = gather_rows(self.mention_bounds, rows)
        alias_bounds, aliases = gather_rows(self.alias_bounds, rows)
        languages = self.languages[rows]
        columns = [languages, self.mention_keys[mentions], self.mention_texts[mentions],
                   self.alias_acronyms[aliases], self.alias_names[aliases]]
        # Drop the strings no node uses any more (a removed file's names), so that the table
        # does not grow with every update; the others keep their order.
        used = np.zeros(len(self.strings) + 1, dtype=bool)  # the last: a missing language
        for column in columns:
            used[column] = True
        used[-1] = False
        strings = list(compress(self.strings, used.tolist()))
        renumber = (np.cumsum(used) - 1).astype(_STRING_ID)
        renumber[-1] = -1
        renumbered = [renumber[column] for column in columns]
        return NodeInfos(
            strings, renumbered[0], mention_bounds, renumbered[1], renumbered[2],
            self.mention_actors[mentions], alias_bounds, renumbered[3], renumbered[4],
            self.specificity[rows], self.roster[rows],
        )

    def payloads(self) -> dict[str, bytes]:
        # JSON for the strings: any character may be in a name as written (no separator is
        # safe), and lone surrogates round-trip as escapes.
        found = {"info_strings": json.dumps(self.strings).encode()}
        for name, dtype in _INFO_COLUMNS.items():
            found["info_" + name] = np.asarray(getattr(self, name), dtype=dtype).tobytes()
        return found

    @classmethod
    def from_payloads(cls, blobs: dict[str, bytes]) -> NodeInfos:
        columns: dict[str, Any] = {
            name: np.frombuffer(blobs["info_" + name], dtype=dtype)
            for name, dtype in _INFO_COLUMNS.items()
        }
        return cls(json.loads(blobs["info_strings"]), **columns)


class NodeView:
    """One node of NodeInfos, with NodeInfo's fields read from the columns when asked: a
    caller that wants one field of every node (its language) does not make the others."""

    __slots__ = ("_infos", "_node")

    def __init__(self, infos: NodeInfos, node: int) -> None:
        self._infos = infos
        self._node = node

    @property
    def language(self) -> str | None:
        return self._infos.language(self._node)

    @property
    def mentions(self) -> tuple[tuple[str, str, bool], ...]:
        return self._infos.info(self._node).mentions

    @property
    def aliases(self) -> tuple[tuple[str, str], ...]:
        return self._infos.info(self._node).aliases

    @property
    def specificity(self) -> float:
        return float(self._infos.specificity[self._node])

    @property
    def roster(self) -> bool:
        return bool(self._infos.roster[self._node])


_INFO_COLUMNS: dict[str, type] = {
    "languages": _STRING_ID,
    "mention_bounds": _INT,
    "mention_keys": _STRING_ID,
    "mention_texts": _STRING_ID,
    "mention_actors": np.bool_,
    "alias_bounds": _INT,
    "alias_acronyms": _STRING_ID,
    "alias_names": _STRING_ID,
    "specificity": np.float64,
    "roster": np.bool_,
}


def distinct(values: np.ndarray) -> np.ndarray:
    """The distinct values, sorted: np.unique's result, by a sort and a mask (numpy 2's
    np.unique hashes, about 15 times slower on the 50,000 ints of a BBC update)."""
    ordered = np.sort(values)
    if not len(ordered):
        return ordered
    return ordered[np.concatenate(([True], ordered[1:] != ordered[:-1]))]


def gather_rows(bounds: np.ndarray, rows: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """CSR rows picked: the new bounds, and the positions of their items in the old ones."""
    starts = bounds[rows]
    lengths = bounds[rows + 1] - starts
    new_bounds = np.zeros(len(rows) + 1, dtype=_INT)
    np.cumsum(lengths, out=new_bounds[1:])
    positions = np.repeat(starts - new_bounds[:-1], lengths) + np.arange(new_bounds[-1])
    return new_bounds, positions


@dataclass(slots=True)
class Occurrences:
    """Where the nodes occur, as fact_sentences stores them (one entry per row, in id order):
    kept in the state too, so that an update reads them as arrays, not as rows."""

    doc_ids: np.ndarray  # int64
    starts: np.ndarray
    ends: np.ndarray
    nodes: np.ndarray
    files: np.ndarray  # indexes into `sources`
    sources: list[str]  # file paths

    def files_of_nodes(self, count: int) -> tuple[np.ndarray, np.ndarray]:
        """Each node's distinct files: CSR bounds (count + 1) and the file indexes, sorted."""
        width = len(self.sources) or 1
        pairs = distinct(self.nodes * width + self.files)
        return np.searchsorted(pairs // width, np.arange(count + 1)), pairs % width


_OCCURRENCE_COLUMNS = ("doc_ids", "starts", "ends", "nodes", "files")


@dataclass(slots=True)
class FactState:
    hashes: np.ndarray  # per node, int64
    index: FeatureIndex
    infos: NodeInfos
    left: np.ndarray  # edges: node pairs left < right, sorted
    right: np.ndarray
    weight: np.ndarray
    contradicting: np.ndarray  # bool per edge
    details: list[PairDetail]
    occurrences: Occurrences

    def payloads(self) -> dict[str, bytes]:
        """The state as named blobs."""
        places = self.occurrences
        return {
            "format": STATE_FORMAT.encode(),
            "hashes": np.asarray(self.hashes, dtype=np.int64).tobytes(),
            "vocabulary": "\x1f".join(self.index.vocabulary).encode("utf-8", "surrogatepass"),
            "pointers": np.asarray(self.index.pointers, dtype=np.int64).tobytes(),
            "ids": np.asarray(self.index.ids, dtype=np.int64).tobytes(),
            **self.infos.payloads(),
            "left": np.asarray(self.left, dtype=np.int64).tobytes(),
            "right": np.asarray(self.right, dtype=np.int64).tobytes(),
            "weight": np.asarray(self.weight, dtype=np.float64).tobytes(),
            "contradicting": np.asarray(self.contradicting, dtype=bool).tobytes(),
            "details": json.dumps(
                [[d.left, d.right, d.sides, d.similarity] for d in self.details]
            ).encode(),
            **{
                "occurrence_" + name: np.asarray(getattr(places, name), dtype=np.int64).tobytes()
                for name in _OCCURRENCE_COLUMNS
            },
            "sources": json.dumps(places.sources).encode(),
        }

    @classmethod
    def from_payloads(cls, blobs: dict[str, bytes]) -> FactState | None:
        """The state of stored blobs, or None when they are missing or of another format."""
        if blobs.get("format") != STATE_FORMAT.encode():
            return None
        text = blobs["vocabulary"].decode("utf-8", "surrogatepass")
        vocabulary = text.split("\x1f") if text else []
        index = FeatureIndex.from_arrays(
            vocabulary,
            np.frombuffer(blobs["pointers"], dtype=np.int64),
            np.frombuffer(blobs["ids"], dtype=np.int64),
        )
        details = [
            PairDetail(int(left), int(right), (tuple(sides[0]), tuple(sides[1])), float(s))
            for left, right, sides, s in json.loads(blobs["details"])
        ]
        doc_ids, starts, ends, nodes, files = (
            np.frombuffer(blobs["occurrence_" + name], dtype=np.int64)
            for name in _OCCURRENCE_COLUMNS
        )
        occurrences = Occurrences(doc_ids, starts, ends, nodes, files,
                                  json.loads(blobs["sources"]))
        return cls(
            np.frombuffer(blobs["hashes"], dtype=np.int64),
            index,
            NodeInfos.from_payloads(blobs),
            np.frombuffer(blobs["left"], dtype=np.int64),
            np.frombuffer(blobs["right"], dtype=np.int64),
            np.frombuffer(blobs["weight"], dtype=np.float64),
            np.frombuffer(blobs["contradicting"], dtype=bool),
            details,
            occurrences,
        )


@dataclass(slots=True)
class Previous:
    """The previous index's corroboration, as an update reads it."""

    state: FactState
    # Per previous file id: its rows' previous doc_ids, in row order (None: not indexed).
    rows: dict[int, list[int | None]]
    # Per previous doc_id: its statements' (start, end, previous node), by start.
    statements: dict[int, list[tuple[int, int, int]]]
    files_of_node: list[frozenset[str]]  # the paths each previous node occurs in
    texts: Any  # texts(row ids) -> {row id: stored paragraph text}, of the previous index
    row_ids: dict[int, list[int]]  # per previous file id: its rows' ids, in order


def read_previous(connection: Any) -> Previous | None:
    """The corroboration of a previous index, or None when it has none an update can use."""
    from briefing.index import fact_tables

    blobs = fact_tables.state_blobs(connection)
    state = FactState.from_payloads(blobs) if blobs else None
    if state is None:
        return None
    table = np.array(fact_tables.previous_rows(connection), dtype=np.int64).reshape(-1, 3)
    rows: dict[int, list[int | None]] = {}
    row_ids: dict[int, list[int]] = {}
    files, ids = table[:, 0].tolist(), table[:, 1].tolist()
    docs: list[int | None] = [None if d < 0 else d for d in table[:, 2].tolist()]
    for first, last in _runs(table[:, 0]):  # a file's rows are mostly one run
        rows.setdefault(files[first], []).extend(docs[first:last])
        row_ids.setdefault(files[first], []).extend(ids[first:last])
    places = state.occurrences
    statements: dict[int, list[tuple[int, int, int]]] = {}
    spans = list(zip(places.starts.tolist(), places.ends.tolist(), places.nodes.tolist(),
                     strict=True))
    occurrence_docs = places.doc_ids.tolist()
    for first, last in _runs(places.doc_ids):  # in doc_id order: a paragraph's are one run
        statements.setdefault(occurrence_docs[first], []).extend(spans[first:last])
    bounds, node_files = places.files_of_nodes(len(state.hashes))
    paths = places.sources
    alone = [frozenset((path,)) for path in paths]  # most nodes are in one file: shared sets
    listed = node_files.tolist()
    files_of_node = [
        alone[listed[a]] if b == a + 1 else frozenset(paths[f] for f in listed[a:b])
        for a, b in zip(bounds[:-1].tolist(), bounds[1:].tolist(), strict=True)
    ]

    def texts(ids: list[int]) -> dict[int, str]:
        return fact_tables.row_texts(connection, ids)

    return Previous(state, rows, statements, files_of_node, texts, row_ids)


def _runs(values: np.ndarray) -> Iterator[tuple[int, int]]:
    """The (first, last + 1) positions of each run of equal values."""
    if not len(values):
        return iter(())
    cuts = (np.flatnonzero(values[1:] != values[:-1]) + 1).tolist()
    return zip([0, *cuts], [*cuts, len(values)], strict=True)
