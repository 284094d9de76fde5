"""Provides the statement table of a corpus: every statement's place, its sentence's anchors.

A build fills it file by file, in row order, with the statements the analysing processes
found (briefing.index.statements), and analyses each new sentence's anchors as it
arrives, while the workers go on. Whether a sentence's first word starts a name depends on
the whole corpus (anchors.mid_sentence_capitals), so that analysis guesses from the sentences
seen so far and records what it asked; `select` re-analyses the few whose guess the finished
corpus contradicts, so the anchors are exactly those of analyse() with the corpus's capitals.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Iterator
from dataclasses import dataclass

import numpy as np

from briefing.corroboration.anchors import SentenceAnchors, analyse, mid_sentence_capitals
from briefing.index.statements import SentenceKey, StatementNumbering

_OWN = ("own", 0)  # the session of paragraphs this process reads itself (add_paragraphs)


@dataclass(frozen=True, slots=True)
class Statements:
    """The statements of the indexed paragraphs.

    Nodes are the distinct (language, sentence) pairs, numbered in order of first occurrence;
    occurrences are in paragraph (doc_id) order, then by start.
    """

    texts: list[str]  # per node
    languages: list[str | None]
    anchors: list[SentenceAnchors]
    doc_ids: np.ndarray  # per occurrence
    starts: np.ndarray
    ends: np.ndarray
    nodes: np.ndarray
    files: np.ndarray  # index into `sources`
    sources: list[str]  # file paths


class _CapitalsProbe:
    """The capitals seen so far, remembering each word asked about and the answer given."""

    def __init__(self, seen: set[str]) -> None:
        self._seen = seen
        self.answers: list[tuple[str, bool]] = []

    def __contains__(self, word: object) -> bool:
        answer = word in self._seen
        self.answers.append((str(word), answer))
        return answer

    def __iter__(self) -> Iterator[str]:
        return iter(self._seen)

    def __len__(self) -> int:
        return len(self._seen)


class StatementTable:
    """Statements of every paragraph written, with corpus-wide sentence numbers, in row order."""

    def __init__(self) -> None:
        self.own = StatementNumbering()
        self._numbers: dict[SentenceKey, int] = {}
        self._keys: list[SentenceKey] = []
        self._anchors: list[SentenceAnchors | None] = []
        self._asked: list[tuple[tuple[str, bool], ...]] = []
        self._capitals: list[frozenset[str]] = []  # mid_sentence_capitals of each
        self._seen: set[str] = set()
        self._pending: list[int] = []
        self._maps: dict[Hashable, np.ndarray] = {}
        self._counts: list[np.ndarray] = []
        self._ids: list[np.ndarray] = []
        self._spans: list[np.ndarray] = []

    def learn(self, session: Hashable, keys: list[SentenceKey]) -> None:
        """Number the sentences a session introduced (StatementNumbering.new_sentences)."""
        if not keys:
            return
        numbers = self._numbers
        found = np.empty(len(keys), dtype=np.int64)
        for i, key in enumerate(keys):
            number = numbers.get(key)
            if number is None:
                number = numbers[key] = len(self._keys)
                self._keys.append(key)
                self._anchors.append(None)
                self._asked.append(())
                capitals = frozenset(mid_sentence_capitals([key[1]]))
                self._capitals.append(capitals)
                self._seen.update(capitals)
                self._pending.append(number)
            found[i] = number
        known = self._maps.get(session)
        self._maps[session] = found if known is None else np.concatenate((known, found))

    def add_file(self, session: Hashable, counts: bytes, ids: bytes, spans: bytes) -> None:
        """A file's statements: per row how many, their session numbers, (start, end) pairs."""
        self._counts.append(np.frombuffer(counts, dtype=np.intc).astype(np.int64))
        local = np.frombuffer(ids, dtype=np.intc)
        mapping = self._maps.get(session)
        self._ids.append(mapping[local] if mapping is not None else local.astype(np.int64))
        self._spans.append(np.frombuffer(spans, dtype=np.intc).reshape(-1, 2))

    def add_paragraphs(self, paragraphs: Iterable[tuple[str | None, str] | None]) -> None:
        """A file read in this process: (language, text) of each row, None for a row that is
        never indexed (not body text, or no terms)."""
        from array import array

        counts, ids, spans = array("i"), array("i"), array("i")
        for paragraph in paragraphs:
            counts.append(0 if paragraph is None else self.own.add(paragraph[1], paragraph[0],
                                                                    ids, spans))
        self.learn(_OWN, self.own.new_sentences())
        self.add_file(_OWN, counts.tobytes(), ids.tobytes(), spans.tobytes())

    def analyse_some(self, limit: int = 64) -> bool:
        """Analyse the anchors of up to `limit` sentences learnt and not analysed yet, with a
        guess of the corpus's capitals that select() checks; False when there were none."""
        pending = self._pending[-limit:]
        del self._pending[-limit:]
        for number in pending:
            language, text = self._keys[number]
            probe = _CapitalsProbe(self._seen)
            self._anchors[number] = analyse(text, language, probe)
            self._asked[number] = tuple(probe.answers)
        return bool(pending)

    def select(
        self,
        indexed: np.ndarray,
        files: np.ndarray,
        sources: list[str],
        doc_ids: np.ndarray | None = None,
    ) -> Statements:
        """The statements of the rows marked `indexed` (one flag per row written, in order);
        `files[row]` is the row's file, as an index into `sources`; `doc_ids` number the
        indexed rows (by default 0, 1, ... in order, as the index does). The last call: the
        table lets go of what it collected."""
        counts = np.concatenate(self._counts) if self._counts else np.zeros(0, dtype=np.int64)
        if len(counts) != len(indexed):
            raise RuntimeError("rows written and rows with statements differ")  # a bug
        keep = np.repeat(indexed, counts)
        ids = np.concatenate(self._ids)[keep] if self._ids else np.zeros(0, dtype=np.int64)
        spans = np.concatenate(self._spans)[keep] if self._spans else np.zeros((0, 2), np.intc)
        kept = counts[indexed]
        if doc_ids is None:
            doc_ids = np.arange(len(kept), dtype=np.int64)
        occurrence_docs = np.repeat(doc_ids, kept)
        occurrence_files = np.repeat(np.asarray(files, dtype=np.int64)[indexed], kept)
        unique, first = np.unique(ids, return_index=True)
        order = unique[np.argsort(first, kind="stable")]  # nodes by first occurrence
        node_of = np.full(len(self._keys), -1, dtype=np.int64)
        node_of[order] = np.arange(len(order))
        chosen = order.tolist()
        keys = [self._keys[g] for g in chosen]
        texts = [text for _, text in keys]
        capitals: set[str] = set().union(*(self._capitals[g] for g in chosen))
        anchors = [self._anchors_of(g, capitals) for g in chosen]
        self._release()
        return Statements(
            texts,
            [language for language, _ in keys],
            anchors,
            occurrence_docs,
            spans[:, 0].astype(np.int64),
            spans[:, 1].astype(np.int64),
            node_of[ids],
            occurrence_files,
            sources,
        )

    def _release(self) -> None:
        self._numbers, self._keys, self._maps = {}, [], {}
        self._anchors, self._asked, self._capitals = [], [], []
        self._counts, self._ids, self._spans = [], [], []

    def _anchors_of(self, number: int, capitals: set[str]) -> SentenceAnchors:
        found = self._anchors[number]
        if found is None or any((word in capitals) != said for word, said in self._asked[number]):
            language, text = self._keys[number]
            found = analyse(text, language, capitals)
        return found
