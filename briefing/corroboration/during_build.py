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
import sqlite3
import time
from collections.abc import Callable, Hashable, Iterable, Sequence
from typing import Any

import numpy as np

from briefing.corroboration.grouping import COMPARING, score_pairs
from briefing.corroboration.pipeline import Corroboration, corroborate
from briefing.corroboration.similarity import Weighted
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
SECOND_CORE = "(second core)"  # how the helper's phases are named while this one waits
TELL_EVERY = 0.2  # seconds between the helper's progress messages: a bar's refresh
# The helper's share of the pairs: a little more than half, as the builder, still writing
# its postings, slows this process down at first.
HELPER_SHARE = 0.55

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


def _scaled(progress: Progress | None, total: int, share: int) -> Progress | None:
    """The progress of `share` of the pairs compared, told as that of all `total`."""
    if progress is None:
        return None
    reported = progress

    def scaled(phase: str, done: int, of: int | None) -> None:
        if phase == COMPARING:
            reported(phase, done * total // max(1, share), total)
        else:
            reported(phase, done, of)

    return scaled


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
    """score_pairs, with the last HELPER_SHARE of the pairs scored in a forked process;
    `progress` hears this process's, its pairs scaled to all (both go at one pace), then,
    while it waits for the other, that one's phases, named "... (second core)"."""
    if len(pairs) < SPLIT_PAIRS:
        return score_pairs(nodes, weights, pairs, progress)
    split = int(len(pairs) * (1 - HELPER_SHARE))

    def helpers_share(tell: Callable[[Any], None]) -> bytes:
        scores, disagreeing = score_pairs(nodes, weights, pairs[split:], _every(tell),
                                          threads=1)
        return scores.tobytes() + disagreeing.tobytes()

    def heard(told: Any) -> None:
        if progress is not None:
            phase, done, total = told
            progress(f"{phase} {SECOND_CORE}", int(done), total)

    with Aside(helpers_share) as other:
        mine = _scaled(progress, len(pairs), split)
        scores, disagreeing = score_pairs(nodes, weights, pairs[:split], mine, threads=1)
        rest = other.result(heard)
    count = len(pairs) - split
    return (
        np.concatenate((scores, np.frombuffer(rest[: count * 8], dtype=np.float64))),
        np.concatenate((disagreeing, np.frombuffer(rest[count * 8 :], dtype=bool))),
    )


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
