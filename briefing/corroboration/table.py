"""Provides the statement table of a corpus: every statement's place, its sentence's anchors.

A build fills it file by file, in row order: with the statements the analysing processes
found (briefing.index.statements), analysing each new sentence's anchors as it arrives while
the workers go on (a sentence's anchors depend on it alone); with the paragraphs of a file it
reads itself; or, on an update, with a file carried over unchanged, whose statements and
sentences come from the previous index (briefing.corroboration.state.Previous) unread.
"""

from __future__ import annotations

from array import array
from collections.abc import Hashable, Iterable
from dataclasses import dataclass

import numpy as np

from briefing.corroboration.anchors import SentenceAnchors, analyse
from briefing.corroboration.state import Previous, sentence_hash
from briefing.index.statements import SentenceKey, StatementNumbering

_OWN = ("own", 0)  # the session of paragraphs this process reads itself (add_paragraphs)


@dataclass(frozen=True, slots=True)
class Statements:
    """The statements of the indexed paragraphs.

    Nodes are the distinct (language, sentence) pairs, numbered in order of first occurrence;
    occurrences are in paragraph (doc_id) order, then by start. A sentence known only from the
    previous index has no text or anchors here (None) until asked (see pipeline).
    """

    texts: list[str | None]  # per node
    languages: list[str | None]
    anchors: list[SentenceAnchors | None]
    hashes: np.ndarray  # per node: sentence_hash
    previous: np.ndarray  # per node: its number in the previous index, or -1
    doc_ids: np.ndarray  # per occurrence
    starts: np.ndarray
    ends: np.ndarray
    nodes: np.ndarray
    files: np.ndarray  # index into `sources`
    sources: list[str]  # file paths


class StatementTable:
    """Statements of every paragraph written, with corpus-wide sentence numbers, in row order."""

    def __init__(self) -> None:
        self.own = StatementNumbering()
        self._numbers: dict[SentenceKey, int] = {}
        self._keys: list[SentenceKey] = []
        self._anchors: list[SentenceAnchors | None] = []
        self._pending: list[int] = []
        self._maps: dict[Hashable, np.ndarray] = {}
        # Per file, in row order: ("rows", counts, ids, spans) or ("copied", old file id, rows).
        self._entries: list[tuple[object, ...]] = []

    def learn(self, session: Hashable, keys: list[SentenceKey]) -> None:
        """Number the sentences a session introduced (StatementNumbering.new_sentences)."""
        if not keys:
            return
        found = np.fromiter((self._number(key) for key in keys), dtype=np.int64,
                            count=len(keys))
        known = self._maps.get(session)
        self._maps[session] = found if known is None else np.concatenate((known, found))

    def _number(self, key: SentenceKey) -> int:
        number = self._numbers.get(key)
        if number is None:
            number = self._numbers[key] = len(self._keys)
            self._keys.append(key)
            self._anchors.append(None)
            self._pending.append(number)
        return number

    def add_file(self, session: Hashable, counts: bytes, ids: bytes, spans: bytes) -> None:
        """A file's statements: per row how many, their session numbers, (start, end) pairs."""
        local = np.frombuffer(ids, dtype=np.intc)
        mapping = self._maps.get(session)
        self._entries.append((
            "rows",
            np.frombuffer(counts, dtype=np.intc).astype(np.int64),
            mapping[local] if mapping is not None else local.astype(np.int64),
            np.frombuffer(spans, dtype=np.intc).reshape(-1, 2),
        ))

    def add_paragraphs(self, paragraphs: Iterable[tuple[str | None, str] | None]) -> None:
        """A file read in this process: (language, text) of each row, None for a row that is
        never indexed (not body text, or no terms)."""
        counts, ids, spans = array("i"), array("i"), array("i")
        for paragraph in paragraphs:
            counts.append(0 if paragraph is None else self.own.add(paragraph[1], paragraph[0],
                                                                    ids, spans))
        self.learn(_OWN, self.own.new_sentences())
        self.add_file(_OWN, counts.tobytes(), ids.tobytes(), spans.tobytes())

    def copy_file(self, old_file: int, rows: int) -> None:
        """A file carried over from the previous index: its `rows` rows are those of its
        previous id, in order (select() reads their statements from `previous`)."""
        self._entries.append(("copied", old_file, rows))

    def analyse_some(self, limit: int = 64) -> bool:
        """Analyse the anchors of up to `limit` sentences learnt and not analysed yet; False
        when there were none."""
        pending = self._pending[-limit:]
        del self._pending[-limit:]
        for number in pending:
            language, text = self._keys[number]
            self._anchors[number] = analyse(text, language)
        return bool(pending)

    def select(
        self,
        indexed: np.ndarray,
        files: np.ndarray,
        sources: list[str],
        doc_ids: np.ndarray | None = None,
        previous: Previous | None = None,
    ) -> Statements:
        """The statements of the rows marked `indexed` (one flag per row written, in order);
        `files[row]` is the row's file, as an index into `sources`; `doc_ids` number the
        indexed rows (by default 0, 1, ... in order, as the index does). The last call: the
        table lets go of what it collected."""
        if doc_ids is None:
            doc_ids = np.arange(int(np.count_nonzero(indexed)), dtype=np.int64)
        row_doc = np.full(len(indexed), -1, dtype=np.int64)
        row_doc[np.asarray(indexed, dtype=bool)] = doc_ids
        occurrence_docs: list[int] = []
        occurrence_starts: list[int] = []
        occurrence_ends: list[int] = []
        occurrence_keys: list[int] = []  # >= 0: a key of this table; < 0: ~previous node
        row = 0
        for entry in self._entries:
            if entry[0] == "rows":
                _, counts, ids, spans = entry
                ends = np.cumsum(counts)  # type: ignore[call-overload]
                starts = ends - counts
                for offset, (first, last) in enumerate(zip(starts.tolist(), ends.tolist(),
                                                           strict=True)):
                    doc = int(row_doc[row + offset])
                    if doc < 0 or first == last:
                        continue
                    for k in range(first, last):
                        occurrence_docs.append(doc)
                        occurrence_starts.append(int(spans[k][0]))  # type: ignore[index]
                        occurrence_ends.append(int(spans[k][1]))  # type: ignore[index]
                        occurrence_keys.append(int(ids[k]))  # type: ignore[index]
                row += len(counts)  # type: ignore[arg-type]
                continue
            _, old_file, count = entry
            assert previous is not None  # copy_file is only called with a previous index
            old_docs = previous.rows.get(int(old_file), [])  # type: ignore[call-overload]
            old_ids = previous.row_ids.get(int(old_file), [])  # type: ignore[call-overload]
            for offset in range(int(count)):  # type: ignore[call-overload]
                doc = int(row_doc[row + offset])
                if doc < 0:
                    continue
                old_doc = old_docs[offset] if offset < len(old_docs) else None
                if old_doc is None:  # indexed now, not before: read it (boilerplate rules)
                    self._read_row(previous, old_ids[offset], doc, occurrence_docs,
                                   occurrence_starts, occurrence_ends, occurrence_keys)
                    continue
                for start, end, node in previous.statements.get(old_doc, ()):
                    occurrence_docs.append(doc)
                    occurrence_starts.append(start)
                    occurrence_ends.append(end)
                    occurrence_keys.append(~node)
            row += int(count)  # type: ignore[call-overload]
        if row != len(indexed):
            raise RuntimeError("rows written and rows with statements differ")  # a bug
        return self._statements(
            occurrence_docs, occurrence_starts, occurrence_ends, occurrence_keys,
            np.asarray(files, dtype=np.int64)[row_doc >= 0], row_doc, sources,
            previous,
        )

    def _read_row(self, previous: Previous, row_id: int, doc: int, docs: list[int],
                  starts: list[int], ends: list[int], keys: list[int]) -> None:
        text = previous.texts([row_id]).get(row_id, "")
        ids, spans = array("i"), array("i")
        self.own.add(text, None, ids, spans)
        for k, number in enumerate(ids):
            key = self.own.key(number)
            docs.append(doc)
            starts.append(spans[2 * k])
            ends.append(spans[2 * k + 1])
            keys.append(self._number(key))

    def _statements(
        self,
        docs: list[int],
        starts: list[int],
        ends: list[int],
        keys: list[int],
        indexed_files: np.ndarray,
        row_doc: np.ndarray,
        sources: list[str],
        previous: Previous | None,
    ) -> Statements:
        hashes: list[int] = []
        texts: list[str | None] = []
        languages: list[str | None] = []
        anchors: list[SentenceAnchors | None] = []
        before: list[int] = []
        node_of_hash: dict[int, int] = {}
        nodes = np.empty(len(keys), dtype=np.int64)
        key_hash: dict[int, int] = {}
        old_node: dict[int, int] = {}
        if previous is not None:
            old_node = {int(h): n for n, h in enumerate(previous.state.hashes.tolist())}
        for position, key in enumerate(keys):
            if key >= 0:
                number = key_hash.get(key)
                if number is None:
                    language, text = self._keys[key]
                    number = key_hash[key] = sentence_hash(language, text)
            else:
                number = int(previous.state.hashes[~key])  # type: ignore[union-attr]
            node = node_of_hash.get(number)
            if node is None:
                node = node_of_hash[number] = len(hashes)
                hashes.append(number)
                if key >= 0:
                    language, text = self._keys[key]
                    texts.append(text)
                    languages.append(language)
                    anchors.append(self._anchors[key])
                else:
                    texts.append(None)
                    languages.append(previous.state.infos[~key].language)  # type: ignore[union-attr]
                    anchors.append(None)
                before.append(old_node.get(number, -1))
            elif key >= 0 and texts[node] is None:
                language, text = self._keys[key]
                texts[node] = text
                anchors[node] = self._anchors[key]
            nodes[position] = node
        doc_array = np.asarray(docs, dtype=np.int64)
        files_of_doc = indexed_files  # per doc_id in order
        statements = Statements(
            texts,
            languages,
            anchors,
            np.asarray(hashes, dtype=np.int64),
            np.asarray(before, dtype=np.int64),
            doc_array,
            np.asarray(starts, dtype=np.int64),
            np.asarray(ends, dtype=np.int64),
            nodes,
            files_of_doc[_doc_positions(doc_array, row_doc)] if len(doc_array) else doc_array,
            sources,
        )
        self._release()
        return statements

    def _release(self) -> None:
        self._numbers, self._keys, self._maps = {}, [], {}
        self._anchors, self._entries = [], []


def _doc_positions(docs: np.ndarray, row_doc: np.ndarray) -> np.ndarray:
    """The index of each doc_id among the indexed rows' doc_ids (in row order)."""
    indexed_docs = row_doc[row_doc >= 0]
    order = np.argsort(indexed_docs, kind="stable")
    return order[np.searchsorted(indexed_docs[order], docs)]
