"""Provides what a build keeps of its corroboration for the next update: the fact state.

Per distinct sentence (node, numbered by first occurrence): a hash of its text, its usable
features, and what the actors and the ranking need of it (NodeInfo); per pair of sentences
alike enough to be an edge, its similarity, whether their anchors contradict, and any
conflict of values between them (PairDetail). An update reads it back (Previous), analyses
and pairs only the sentences whose files, features or counts changed, and keeps the rest.
It is stored as a few blobs (briefing.index.fact_rows writes them, fact_tables reads them).
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from briefing.corroboration.candidates import FeatureIndex

STATE_FORMAT = "briefing-fact-state/3"


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


@dataclass(slots=True)
class FactState:
    hashes: np.ndarray  # per node, int64
    index: FeatureIndex
    infos: list[NodeInfo]
    left: np.ndarray  # edges: node pairs left < right, sorted
    right: np.ndarray
    weight: np.ndarray
    contradicting: np.ndarray  # bool per edge
    details: list[PairDetail] = field(default_factory=list)

    def payloads(self) -> dict[str, bytes]:
        """The state as named blobs."""
        return {
            "format": STATE_FORMAT.encode(),
            "hashes": np.asarray(self.hashes, dtype=np.int64).tobytes(),
            "vocabulary": "\x1f".join(self.index.vocabulary).encode("utf-8", "surrogatepass"),
            "pointers": np.asarray(self.index.pointers, dtype=np.int64).tobytes(),
            "ids": np.asarray(self.index.ids, dtype=np.int64).tobytes(),
            "infos": json.dumps(
                [[i.language, i.mentions, i.aliases, i.specificity, i.roster]
                 for i in self.infos]
            ).encode(),
            "left": np.asarray(self.left, dtype=np.int64).tobytes(),
            "right": np.asarray(self.right, dtype=np.int64).tobytes(),
            "weight": np.asarray(self.weight, dtype=np.float64).tobytes(),
            "contradicting": np.asarray(self.contradicting, dtype=bool).tobytes(),
            "details": json.dumps(
                [[d.left, d.right, d.sides, d.similarity] for d in self.details]
            ).encode(),
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
        infos = [
            NodeInfo(language, tuple((k, w, bool(a)) for k, w, a in mentions),
                     tuple((a, n) for a, n in aliases), float(specificity), bool(roster))
            for language, mentions, aliases, specificity, roster in json.loads(blobs["infos"])
        ]
        details = [
            PairDetail(int(left), int(right), (tuple(sides[0]), tuple(sides[1])), float(s))
            for left, right, sides, s in json.loads(blobs["details"])
        ]
        return cls(
            np.frombuffer(blobs["hashes"], dtype=np.int64),
            index,
            infos,
            np.frombuffer(blobs["left"], dtype=np.int64),
            np.frombuffer(blobs["right"], dtype=np.int64),
            np.frombuffer(blobs["weight"], dtype=np.float64),
            np.frombuffer(blobs["contradicting"], dtype=bool),
            details,
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
    rows: dict[int, list[int | None]] = {}
    row_ids: dict[int, list[int]] = {}
    for file_id, row_id, doc_id in fact_tables.previous_rows(connection):
        rows.setdefault(file_id, []).append(doc_id)
        row_ids.setdefault(file_id, []).append(row_id)
    statements: dict[int, list[tuple[int, int, int]]] = {}
    for doc_id, start, end, node in fact_tables.previous_statements(connection):
        statements.setdefault(doc_id, []).append((start, end, node))
    paths: list[set[str]] = [set() for _ in range(len(state.hashes))]
    for node, path in fact_tables.node_paths(connection):
        paths[node].add(path)

    def texts(ids: list[int]) -> dict[int, str]:
        return fact_tables.row_texts(connection, ids)

    return Previous(state, rows, statements, [frozenset(p) for p in paths], texts, row_ids)
