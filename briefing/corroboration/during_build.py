"""Provides the corroboration tables of a build, gathered while its files are analysed.

Sentence groups, conflicts and actors (briefing.corroboration) are part of the index, so a
question only looks them up. The analysing workers find each paragraph's statements; the
builder passes them on, file by file, to a `Facts`: on a large build a process of its own
(started small, before the workers), which analyses each new sentence's anchors as it comes,
then groups and ranks them while the builder scores and writes the postings, and sends back
only the table rows. Otherwise (small builds, or where forking is not safe) all of it runs
here. A corpus of SMALL_CORPUS_PARAGRAPHS indexed paragraphs or fewer is computed in one go
from the written paragraphs (store.precompute): a forked process does not pay for itself.
"""

from __future__ import annotations

import json
import mmap
import sqlite3
import struct
import time
from collections.abc import Callable, Hashable, Iterable, Iterator, Sequence
from typing import Any

import numpy as np

from briefing.corroboration.grouping import COMPARING, score_pairs
from briefing.corroboration.pipeline import Corroboration, corroborate
from briefing.corroboration.similarity import Contrast, Weighted
from briefing.corroboration.state import Previous, read_previous
from briefing.corroboration.table import StatementTable
from briefing.corroboration.tables import precompute
from briefing.index.fact_rows import (
    FactRows,
    SentenceRows,
    drop,
    write,
    write_rows,
    write_sentences,
)
from briefing.index.parallel import Aside, ignore_interrupts, stop
from briefing.index.report import Progress
from briefing.index.statements import SentenceKey

Paragraphs = Iterable[tuple[str | None, str] | None]

# Below this many candidate pairs, scoring them on a second core costs more than it saves.
SPLIT_PAIRS = 20_000
TELL_EVERY = 0.2  # seconds between the helper's progress messages: a bar's refresh
# Pairs scored per chunk taken (_Claims): at most this many (the two processes end within
# one chunk's time, a few tenths of a second, of each other), and at least MIN_CHUNKS chunks.
CHUNK_PAIRS = 8_192
MIN_CHUNKS = 16

# Up to this many paragraphs the tables are computed in one go (see the module docstring).
SMALL_CORPUS_PARAGRAPHS = 200


class Facts:
    """The statements of a build, and its fact tables, computed in this process.

    Given the previous index (reuse()), unchanged files keep their statements and sentence
    pairs from it: only the changed ones and their neighbours are analysed and paired.
    """

    def __init__(self) -> None:
        self._table = StatementTable()
        self._selected: tuple[np.ndarray, np.ndarray, list[str]] | None = None
        self._previous: Previous | None = None
        self._copied = False

    def __enter__(self) -> Facts:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    def close(self) -> None:
        """Stop whatever still runs (a no-op here)."""

    def learn(self, session: Hashable, keys: list[SentenceKey]) -> None:
        self._table.learn(session, keys)

    def add_file(self, session: Hashable, counts: bytes, ids: bytes, spans: bytes) -> None:
        self._table.add_file(session, counts, ids, spans)

    def add_paragraphs(self, paragraphs: Paragraphs) -> None:
        self._table.add_paragraphs(paragraphs)

    def reuse(self, connection: sqlite3.Connection | None) -> bool:
        """Take the previous index's corroboration, if it has one an update can use."""
        if connection is not None and not self._copied:
            try:
                self._previous = read_previous(connection)
            except (sqlite3.Error, ValueError, KeyError):  # damaged: compute it all again
                self._previous = None
        return self._previous is not None

    def copy_file(self, old_file: int, paragraphs: Paragraphs) -> None:
        """A file carried over unchanged: its statements come from the previous index, or,
        without one, from its paragraphs."""
        if self._previous is None:
            self.add_paragraphs(paragraphs)
            return
        self._copied = True
        self._table.copy_file(old_file, sum(1 for _ in paragraphs))

    def start(self, indexed: np.ndarray, files: np.ndarray, sources: list[str]) -> None:
        """Begin the tables of the rows marked `indexed` (StatementTable.select)."""
        self._selected = (indexed, files, sources)

    def write(self, connection: sqlite3.Connection, progress: Progress | None = None) -> None:
        """Write the tables once the paragraphs' doc_ids are written (after start())."""
        if self._selected is None or (
            self._previous is None and int(self._selected[0].sum()) <= SMALL_CORPUS_PARAGRAPHS
        ):
            precompute(connection)
            return
        statements = self._table.select(*self._selected, previous=self._previous)
        result = corroborate(statements, previous=self._previous,
                             text_of=_text_reader(connection, statements), progress=progress)
        _write_result(connection, result)


class RemoteFacts(Facts):
    """Facts computed in a forked process, fed through a pipe: only bytes and JSON pass.

    If that process fails, the tables are computed here from the written paragraphs.
    """

    def __init__(self) -> None:  # no table here: the other process holds it
        import multiprocessing

        context = multiprocessing.get_context("fork")
        self._connection, theirs = context.Pipe()
        # Not a daemon, so that it may fork a helper; close() (leaving `with`) stops it.
        self._process: Any = context.Process(
            target=_serve, args=(theirs, self._connection), daemon=False
        )
        try:
            self._process.start()
        finally:
            theirs.close()
        self._small = False
        self._local: Facts | None = None  # an update's facts, computed here (reuse())

    def close(self) -> None:
        if self._process is not None:
            stop(self._process)
            self._process = None
            self._connection.close()

    def _send(self, kind: bytes, header: object, *payloads: bytes) -> None:
        if self._process is None:
            return
        try:
            self._connection.send_bytes(_pack(kind, header, payloads))
        except OSError:  # the process is gone: write() computes the tables here
            self.close()

    def learn(self, session: Hashable, keys: list[SentenceKey]) -> None:
        if self._local is not None:
            self._local.learn(session, keys)
        elif keys:
            self._send(b"L", [session, keys])

    def add_file(self, session: Hashable, counts: bytes, ids: bytes, spans: bytes) -> None:
        if self._local is not None:
            self._local.add_file(session, counts, ids, spans)
        else:
            self._send(b"F", session, counts, ids, spans)

    def add_paragraphs(self, paragraphs: Paragraphs) -> None:
        if self._local is not None:
            self._local.add_paragraphs(paragraphs)
        else:
            self._send(b"P", list(paragraphs))

    def reuse(self, connection: sqlite3.Connection | None) -> bool:
        """An update: with the previous index's corroboration, its work is small and is done
        here; the facts process stops."""
        local = Facts()
        if not local.reuse(connection):
            return False
        self.close()
        self._local = local
        return True

    def copy_file(self, old_file: int, paragraphs: Paragraphs) -> None:
        if self._local is not None:
            self._local.copy_file(old_file, paragraphs)
        else:
            self.add_paragraphs(paragraphs)

    def start(self, indexed: np.ndarray, files: np.ndarray, sources: list[str]) -> None:
        if self._local is not None:
            self._local.start(indexed, files, sources)
            return
        self._small = int(indexed.sum()) <= SMALL_CORPUS_PARAGRAPHS
        if self._small:
            self.close()
            return
        indexed_bytes = np.asarray(indexed, dtype=bool).tobytes()
        self._send(b"S", sources, indexed_bytes, np.asarray(files, dtype=np.int64).tobytes())

    def write(self, connection: sqlite3.Connection, progress: Progress | None = None) -> None:
        """Write the sentences as soon as their groups come, then the other rows."""
        if self._local is not None:
            self._local.write(connection, progress)
            return
        written = False
        try:
            if self._small or self._process is None:
                raise EOFError
            kind, header, payloads = self._receive(progress)
            if kind != b"G":
                raise EOFError
            count, sources = header
            write_sentences(connection, SentenceRows.from_payloads(payloads, sources))
            written = True
            kind, header, payloads = self._receive(progress)
            if kind != b"+":
                raise EOFError
            names = header[1]
            write_rows(connection, FactRows.from_plain(header[0]), count, sources,
                       dict(zip(names, payloads, strict=True)))
            return
        except (EOFError, OSError, ValueError):  # the process failed: compute the tables here
            if written:
                drop(connection)
        finally:
            self.close()
        precompute(connection)

    def _receive(self, progress: Progress | None) -> tuple[bytes, Any, list[bytes]]:
        """The next answer of the facts process, passing its progress reports on."""
        while True:
            kind, header, payloads = _unpack(self._connection.recv_bytes())
            if kind != b"p":
                return kind, header, payloads
            if progress is not None:
                phase, done, total = header
                progress(str(phase), int(done), total)


def _text_reader(connection: sqlite3.Connection, statements: Any) -> Any:
    """text_of() for corroborate(): sentences read from the index being written."""
    from briefing.corpus.sanitize import clean_passage
    from briefing.index.fact_tables import doc_texts

    first = np.unique(statements.nodes, return_index=True)[1]

    def text_of(nodes: list[int]) -> dict[int, str]:
        places = [int(first[n]) for n in nodes]
        docs = doc_texts(connection, sorted({int(statements.doc_ids[p]) for p in places}))
        found: dict[int, str] = {}
        for node, place in zip(nodes, places, strict=True):
            passage = clean_passage(docs[int(statements.doc_ids[place])])
            found[node] = passage[int(statements.starts[place]) : int(statements.ends[place])]
        return found

    return text_of


def _write_result(connection: sqlite3.Connection, result: Corroboration) -> None:
    write(connection, result.sentence_rows(), result.rows(), result.state.payloads())


def facts_for(parallel: bool) -> Facts:
    """A facts process for a parallel build (when one can start), else facts computed here."""
    if parallel:
        try:
            return RemoteFacts()
        except OSError:  # no memory or process slots left
            pass
    return Facts()


def _serve(connection: Any, builders_end: Any) -> None:
    """The facts process: apply the builder's messages; analyse anchors while none waits."""
    ignore_interrupts()
    builders_end.close()  # so that the builder's exit, however sudden, ends this loop
    table = StatementTable()
    try:  # any failure ends this process quietly: the builder then computes the tables
        while True:
            if not connection.poll() and table.analyse_some(32):
                continue
            kind, header, payloads = _unpack(connection.recv_bytes())
            if kind == b"L":
                session, keys = header
                table.learn(tuple(session), [(language, text) for language, text in keys])
            elif kind == b"F":
                table.add_file(tuple(header), *payloads)
            elif kind == b"P":
                table.add_paragraphs(None if row is None else tuple(row) for row in header)
            elif kind == b"S":
                indexed = np.frombuffer(payloads[0], dtype=bool)
                files = np.frombuffer(payloads[1], dtype=np.int64)
                _answer(connection, table, indexed, files, header)
                return
    except Exception:  # the builder stopped (EOFError), or a bug it will meet itself
        return


def _answer(
    connection: Any,
    table: StatementTable,
    indexed: np.ndarray,
    files: np.ndarray,
    sources: list[str],
) -> None:
    """Send "G" [sentences, sources] with the sentence columns as soon as they are grouped,
    then "+" with the other rows; or "-" when anything fails."""
    try:
        statements = table.select(indexed, files, sources)

        def progress(phase: str, done: int, total: int | None) -> None:
            connection.send_bytes(_pack(b"p", [phase, done, total], []))

        result = corroborate(statements, _score_on_two_cores, progress=progress)
        rows = result.sentence_rows()
        connection.send_bytes(
            _pack(b"G", [len(rows.groups), rows.source_count], rows.payloads())
        )
        state = result.state.payloads()
        answer = _pack(b"+", [result.rows().plain(), list(state)], list(state.values()))
    except Exception:  # the builder computes the tables itself, and reports what fails
        answer = _pack(b"-", None, [])
    connection.send_bytes(answer)


def _pack(kind: bytes, header: object, payloads: Sequence[bytes]) -> bytes:
    """One message: its kind, a JSON header, raw payloads (their lengths in the header)."""
    # ASCII JSON: a text's lone surrogates (undecodable bytes) pass as escapes.
    head = json.dumps([header, [len(p) for p in payloads]]).encode()
    return b"".join((kind, len(head).to_bytes(4, "little"), head, *payloads))


def _unpack(message: bytes) -> tuple[bytes, Any, list[bytes]]:
    size = int.from_bytes(message[1:5], "little")
    header, lengths = json.loads(message[5 : 5 + size])
    payloads: list[bytes] = []
    offset = 5 + size
    for length in lengths:
        payloads.append(message[offset : offset + length])
        offset += length
    return message[:1], header, payloads


def _score_on_two_cores(
    nodes: Sequence[Weighted],
    weights: dict[str, float],
    pairs: np.ndarray,
    progress: Progress | None = None,
) -> tuple[np.ndarray, np.ndarray]:
    """score_pairs, in chunks taken by this process from the front and by a forked one from
    the back until they meet (_Claims): both end together however unequal their pace (the
    forked one copies the pages it touches). `progress` hears COMPARING, the pairs both have
    scored, from this process, then from the other while this one waits for it."""
    if len(pairs) < SPLIT_PAIRS:
        return score_pairs(nodes, weights, pairs, progress)
    size = max(1, min(CHUNK_PAIRS, -(-len(pairs) // MIN_CHUNKS)))
    claims = _Claims(-(-len(pairs) // size))
    contrasts: dict[int, Contrast] = {}  # each process's own, kept from chunk to chunk

    shown = [0]  # this process's last count: a step never goes back

    def told(report: Progress | None) -> None:
        # The two processes' counts are read one after the other while the other may write
        # its own: once in a full test run (stop 40) a step read fewer chunks than the one
        # before it, and a progress bar going back reads as a fault.
        if report is not None:
            shown[0] = max(shown[0], min(len(pairs), claims.done() * size))
            report(COMPARING, shown[0], len(pairs))

    def scored(chunk: int) -> tuple[np.ndarray, np.ndarray]:
        return score_pairs(nodes, weights, pairs[chunk * size : (chunk + 1) * size],
                           threads=1, contrasts=contrasts)

    def helpers_share(tell: Callable[[Any], None]) -> bytes:
        report = _every(tell)
        parts: list[tuple[np.ndarray, np.ndarray]] = []
        lowest = claims.count
        for chunk in claims.from_back():
            parts.append(scored(chunk))
            lowest = chunk
            claims.finished_back()
            told(report)
        parts.reverse()
        scores = np.concatenate([np.zeros(0)] + [score for score, _ in parts])
        disagreeing = np.concatenate([np.zeros(0, dtype=bool)] + [d for _, d in parts])
        return lowest.to_bytes(8, "little") + scores.tobytes() + disagreeing.tobytes()

    def heard(_message: Any) -> None:  # the other's messages may be stale: read the count
        told(progress)

    mine: list[tuple[np.ndarray, np.ndarray]] = []
    with Aside(helpers_share) as other:
        told(progress)
        for chunk in claims.from_front():
            mine.append(scored(chunk))
            claims.finished_front()
            told(progress)
        theirs = other.result(heard)
    told(progress)
    # The other's chunks begin at `lowest`; any it scored too of this process's are dropped.
    start = min(len(pairs), int.from_bytes(theirs[:8], "little") * size)
    count = len(pairs) - start
    skip = min(len(pairs), len(mine) * size) - start
    rest_scores = np.frombuffer(theirs[8 : 8 + count * 8], dtype=np.float64)[skip:]
    rest_disagreeing = np.frombuffer(theirs[8 + count * 8 :], dtype=bool)[skip:]
    return (
        np.concatenate([score for score, _ in mine] + [rest_scores]),
        np.concatenate([d for _, d in mine] + [rest_disagreeing]),
    )


class _Claims:
    """Chunks 0..count-1 of some work, taken by two processes (the second forked after this
    is made): one from the front, the other from the back, each taking its next chunk only
    if the other has not. Both may take the one where they meet (either result will do);
    none is left out: each stops only at a chunk the other has taken, and a process goes on
    through every chunk it takes. Shared memory, no lock: each writes only its own slots."""

    _FRONT, _BACK, _FRONT_DONE, _BACK_DONE = range(4)

    def __init__(self, count: int) -> None:
        self.count = count
        self._shared = mmap.mmap(-1, 32)  # anonymous and shared: a fork sees the writes
        self._set(self._BACK, count)

    def _get(self, slot: int) -> int:
        return int(struct.unpack_from("<q", self._shared, 8 * slot)[0])

    def _set(self, slot: int, value: int) -> None:
        struct.pack_into("<q", self._shared, 8 * slot, value)

    def from_front(self) -> Iterator[int]:
        chunk = 0
        while chunk < self._get(self._BACK):
            self._set(self._FRONT, chunk + 1)
            yield chunk
            chunk += 1

    def from_back(self) -> Iterator[int]:
        """The chunks from the back; run again (the forked process failed), from the back
        again, down to those the front took."""
        chunk = self.count - 1
        while chunk >= self._get(self._FRONT):
            self._set(self._BACK, chunk)
            yield chunk
            chunk -= 1

    def finished_front(self) -> None:
        self._set(self._FRONT_DONE, self._get(self._FRONT_DONE) + 1)

    def finished_back(self) -> None:
        self._set(self._BACK_DONE, self._get(self._BACK_DONE) + 1)

    def done(self) -> int:
        """Chunks scored so far by both (one scored twice counts twice: at most one)."""
        return self._get(self._FRONT_DONE) + self._get(self._BACK_DONE)


def _every(tell: Callable[[Any], None]) -> Progress:
    """A progress that tells [phase, done, total] at most every TELL_EVERY seconds, and at
    the end of each phase: the other process reads them only once its own share is done."""
    last = [0.0]

    def told(phase: str, done: int, total: int | None) -> None:
        now = time.monotonic()
        if now - last[0] >= TELL_EVERY or done == total:
            last[0] = now
            tell([phase, done, total])

    return told
