"""Provides building and refreshing the cached index of a corpus folder (briefing.index.opening
calls it when the files changed).

Files whose stat data changed are hashed; only files whose content changed are read and
analysed again. The corpus-wide BM25 statistics are then
recomputed from the stored analysed terms, into a new file published by one atomic rename,
so a reader never sees a half-written index and an interrupted build leaves nothing trusted.
"""

from __future__ import annotations

import contextlib
import json
import os
import sqlite3
import time
from collections.abc import Iterator
from itertools import chain
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from briefing.corpus.decoding import os_reason
from briefing.errors import CorpusError
from briefing.index.bm25 import K1, B, Postings, TermIds, postings_from_ids
from briefing.index.hooks import FactsCollector, FactsHook
from briefing.index.metadata import COMMONEST_LANGUAGE
from briefing.index.pages import ordinary_pages
from briefing.index.report import (
    READING_FILES,
    WRITING_INDEX,
    BuildReport,
    FileState,
    Notify,
    Progress,
)
from briefing.index.schema import ANALYSIS_VERSION, FORMAT, INDEXES, SCHEMA, cache_of
from briefing.index.store import FileRecord, IndexReader
from briefing.models import ParagraphKind, SkippedFile

if TYPE_CHECKING:  # building needs these; a warm open (every question) does not import them
    from briefing.index.analysis import AnalysedFile, Batch, FailedFile, FileJob


@contextlib.contextmanager
def _new_database(target: Path, say: Notify, report: BuildReport) -> Iterator[sqlite3.Connection]:
    """A fresh database in a temporary file beside `target`, or in memory if we cannot write.

    On success the temporary file replaces `target` in one rename; on any failure it is removed.
    The caller holds the build lock (briefing.index.build_lock): temporary files that builds
    killed outright left behind are removed first.
    """
    temporary: Path | None = None
    connection: sqlite3.Connection
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        import tempfile

        from briefing.index.build_lock import remove_stale_temporaries

        remove_stale_temporaries(target)

        handle, name = tempfile.mkstemp(prefix=target.stem + ".", suffix=".tmp", dir=target.parent)
        os.close(handle)
        temporary = Path(name)
        connection = sqlite3.connect(temporary)
    except (OSError, sqlite3.Error) as error:
        say(f"notice: cannot save the index cache in {target.parent} ({error}); using memory")
        report.saved = False
        temporary = None
        connection = sqlite3.connect(":memory:")
    try:
        connection.execute("PRAGMA journal_mode=OFF")  # a fresh private file: the rename is atomic
        connection.execute("PRAGMA synchronous=OFF")
        # Posting rows run to tens of kB: larger pages mean shorter overflow chains to walk
        # (a question's rows read 25% faster at 100,000 paragraphs than with 4 kB pages).
        connection.execute(f"PRAGMA page_size = {PAGE_BYTES}")
        connection.executescript(SCHEMA)
        yield connection
        connection.commit()
        if temporary is not None:
            connection.close()
            try:
                os.replace(temporary, target)
                temporary = None
            except OSError as error:
                say(f"notice: cannot save the index cache at {target} ({error}); using memory")
                report.saved = False
                raise _PublishFailed from error
    finally:
        if temporary is not None:
            with contextlib.suppress(OSError):
                connection.close()
            with contextlib.suppress(OSError):
                temporary.unlink()


PAGE_BYTES = 16384


class _PublishFailed(Exception):
    pass


def build_index(
    root: Path,
    target: Path,
    states: list[FileState],
    skipped: list[SkippedFile],
    previous: IndexReader | None,
    report: BuildReport,
    say: Notify,
    progress: Progress | None,
    facts_hook: FactsHook,
) -> IndexReader:
    report.rebuilt = True
    with ordinary_pages():  # see briefing.index.pages: huge pages stall a build
        try:
            with _new_database(target, say, report) as connection:
                _fill(connection, root, states, skipped, previous, report, progress, facts_hook,
                      cache_of(target))
                if not report.saved:
                    return IndexReader(connection)
        except sqlite3.OperationalError as error:
            # Disk full or similar while writing the cache: answer from memory instead.
            say(f"notice: cannot save the index cache ({error}); using memory")
            report.saved = False
            return _rebuild_in_memory(root, states, skipped, previous, report, progress, facts_hook)
        except _PublishFailed:
            return _rebuild_in_memory(root, states, skipped, previous, report, progress, facts_hook,
                                      cache_of(target))
        return IndexReader.open(target)


def _rebuild_in_memory(
    root: Path,
    states: list[FileState],
    skipped: list[SkippedFile],
    previous: IndexReader | None,
    report: BuildReport,
    progress: Progress | None,
    facts_hook: FactsHook,
    model_cache: Path | None = None,
) -> IndexReader:
    connection = sqlite3.connect(":memory:")
    connection.executescript(SCHEMA)
    report.reindexed = 0
    report.skipped = []
    report.notices = []
    _fill(connection, root, states, skipped, previous, report, progress, facts_hook, model_cache)
    connection.commit()
    return IndexReader(connection)


class _Collector:
    """The terms and words of every paragraph written, as corpus-wide ids, in row order.

    Analysed files arrive with ids of the process that analysed them (briefing.index.analysis);
    each batch says which names that process numbered since, so a file maps with one array
    lookup. Copied files map from their stored text.
    """

    def __init__(self, facts: FactsCollector) -> None:
        self.terms = TermIds()
        self.contexts = TermIds()
        self.words = TermIds()
        self.term_ids: list[np.ndarray] = []
        self.term_lengths: list[np.ndarray] = []
        self.context_ids: list[np.ndarray] = []
        self.context_lengths: list[np.ndarray] = []
        self.word_ids: list[np.ndarray] = []
        self.word_counts: list[np.ndarray] = []
        self.paragraphs = 0
        self._maps: dict[tuple[str, int], list[np.ndarray]] = {}
        self.facts = facts  # the corroboration statements go there
        self.sources: list[str] = []  # each file's path, in row order
        self.row_files: list[np.ndarray] = []  # each row's file, as an index of `sources`

    def learn(self, batch: Batch) -> None:
        """Number the names a batch's session introduced, for its files and later ones."""
        empty = np.zeros(0, dtype=np.int32)
        maps = self._maps.setdefault(batch.session, [empty, empty, empty])
        for i, (ids, names) in enumerate(
            (
                (self.terms, batch.new_terms),
                (self.contexts, batch.new_contexts),
                (self.words, batch.new_words),
            )
        ):
            if names:
                maps[i] = np.concatenate((maps[i], ids.ids(names)))
        self.facts.learn(batch.session, batch.new_sentences)

    def add_analysed(self, session: tuple[str, int], result: AnalysedFile) -> None:
        terms, contexts, words = self._maps[session]
        self.term_ids.append(terms[np.frombuffer(result.term_ids, dtype=np.intc)])
        self.term_lengths.append(np.frombuffer(result.term_lengths, dtype=np.intc))
        self.context_ids.append(contexts[np.frombuffer(result.context_ids, dtype=np.intc)])
        self.context_lengths.append(np.frombuffer(result.context_lengths, dtype=np.intc))
        self.word_ids.append(words[np.frombuffer(result.word_ids, dtype=np.intc)])
        self.word_counts.append(np.frombuffer(result.word_counts, dtype=np.intc))
        self.facts.add_file(
            session, result.statement_counts, result.statement_ids, result.statement_spans
        )
        self._add_rows(result.job.relative, len(result.rows))

    def _add_rows(self, source: str, count: int) -> None:
        self.row_files.append(np.full(count, len(self.sources), dtype=np.int64))
        self.sources.append(source)
        self.paragraphs += count

    def add_copied(
        self,
        source: str,
        old_id: int,
        stored: tuple[str, bytes, bytes, str, bytes],
        rows: list[tuple[str, str | None, str, str]],
    ) -> None:
        """A copied file (its id in the previous index): its stored terms and vocabulary, and
        its rows' (file kind, language, text, context)."""
        terms, term_ids, term_lengths, words, counts = stored
        names = self.terms.ids(_lines(terms))
        self.term_ids.append(names[np.frombuffer(term_ids, dtype="<i4")])
        lengths = np.frombuffer(term_lengths, dtype="<i4")
        self.term_lengths.append(lengths)
        body = ParagraphKind.BODY.value
        self.facts.copy_file(
            old_id,
            [
                (language, text) if kind == body and length else None
                for (kind, language, text, _), length in zip(rows, lengths.tolist(), strict=True)
            ],
        )
        contexts = [context for _, _, _, context in rows]
        split = [field.split() for field in contexts]
        self.context_ids.append(self.contexts.ids(list(chain.from_iterable(split))))
        self.context_lengths.append(np.fromiter(map(len, split), dtype=np.intc, count=len(split)))
        self.word_ids.append(self.words.ids(_lines(words)))
        self.word_counts.append(np.frombuffer(counts, dtype="<i4"))
        self._add_rows(source, len(contexts))


def _lines(text: str) -> list[str]:
    return text.split("\n") if text else []


def _fill(
    connection: sqlite3.Connection,
    root: Path,
    states: list[FileState],
    skipped: list[SkippedFile],
    previous: IndexReader | None,
    report: BuildReport,
    progress: Progress | None,
    facts_hook: FactsHook,
    model_cache: Path | None,
) -> None:
    """Write files and paragraphs (reusing unchanged ones), then the corpus-wide statistics.

    `model_cache`: the cache folder, where the language model is kept uncompressed (None: the
    cache could not be written, use the packaged model)."""
    import secrets
    from collections import deque

    from briefing.index.analysis import FailedFile, FileJob, hash_file
    from briefing.index.parallel import analysed, pool_pays

    old = {f.path: f for f in previous.files()} if previous is not None else {}
    all_skipped = list(skipped)
    unreadable: dict[str, tuple[int, int, int]] = {}
    # What to do with each file, in order: copy its previous analysis, or analyse it.
    plan: list[tuple[FileState, FileRecord | None, FileJob | None]] = []
    for state in states:
        record = old.get(state.relative)
        if record is not None and (record.size, record.mtime_ns) == (state.size, state.mtime_ns):
            plan.append((state, record, None))
            continue
        digest = None
        if record is not None:
            try:
                digest = hash_file(state.path)
            except OSError as error:  # vanished or became unreadable while indexing
                all_skipped.append(SkippedFile(state.relative, os_reason(error)))
                unreadable[state.relative] = (state.size, state.mtime_ns, state.ctime_ns)
                continue
            if record.sha256 == digest:
                plan.append((state, record, None))
                continue
        job = FileJob(str(state.path), state.relative, state.size, state.mtime_ns, digest)
        plan.append((state, None, job))
    key = secrets.token_hex(8)
    jobs = [job for _, _, job in plan if job is not None]
    # A pooled build's corroboration facts get a process of their own, started before the
    # workers, while this one is small.
    with facts_hook(pool_pays(jobs)) as facts:
        batches = analysed(key, str(root), jobs, model_cache)  # the model loads meanwhile
        facts.reuse(previous.connection if previous is not None else None)
        collector = _Collector(facts)
        copied = [record.id for _, record, planned in plan if planned is None and record]
        copier = _Copier(connection, previous, copied) if previous is not None else None
        waiting: deque[tuple[tuple[str, int], AnalysedFile | FailedFile]] = deque()
        for done, (state, record, planned) in enumerate(plan, start=1):
            if progress is not None:
                progress(READING_FILES, done, len(plan))
            if planned is None:
                copier.copy(record.id, state, collector)  # type: ignore[union-attr]
                continue
            while not waiting:
                batch = next(batches)
                collector.learn(batch)
                waiting.extend((batch.session, result) for result in batch.files)
            session, result = waiting.popleft()
            if isinstance(result, FailedFile):
                all_skipped.append(SkippedFile(state.relative, result.reason))
                unreadable[state.relative] = (state.size, state.mtime_ns, state.ctime_ns)
                continue
            report.reindexed += 1
            if result.notice:
                report.notices.append(f"notice: {state.relative}: {result.notice}")
            if copier is not None:
                copier.flush()
            _insert_file(connection, result)
            collector.add_analysed(session, result)
        if copier is not None:
            copier.flush()
        batches.close()  # the workers' memory is not needed past here, nor their threads
        report.removed = len(set(old) - {s.relative for s in states})
        connection.executemany(
            "INSERT INTO skipped (path, reason, size, mtime_ns, ctime_ns) VALUES (?, ?, ?, ?, ?)",
            [(s.path, s.reason, *unreadable.get(s.path, (None, None, None))) for s in all_skipped],
        )
        report.skipped = all_skipped
        (indexed,) = connection.execute("SELECT COUNT(*) FROM files").fetchone()
        if not indexed:
            from briefing.corpus.discovery import nothing_to_index

            raise CorpusError(nothing_to_index(root, all_skipped), skipped=tuple(all_skipped))
        _mark_repeated_boilerplate(connection)
        _write_statistics(connection, root, int(indexed), collector, progress)


class _Copier:
    """Unchanged files carried over from the previous index, their analysed paragraphs
    included: read CHUNK files at a time, and written one statement per run of copied files
    (flush() before any other file is written, so that paragraph ids keep the plan's order)."""

    def __init__(self, connection: sqlite3.Connection, previous: IndexReader,
                 old_ids: list[int]) -> None:
        self._connection = connection
        self._source = previous.connection
        self._old_ids = old_ids  # in the order they will be copied
        self._next = 0
        self._files: dict[int, tuple[object, ...]] = {}
        self._rows: dict[int, list[tuple[object, ...]]] = {}
        self._pending: list[tuple[object, ...]] = []

    def copy(self, old_id: int, state: FileState, collector: _Collector) -> None:
        if old_id not in self._files:
            self._read_from(old_id)
        row = self._files.pop(old_id)
        rows = self._rows.pop(old_id, [])
        cursor = self._connection.execute(
            _INSERT_FILE, (state.relative, state.size, state.mtime_ns, *row)
        )
        file_id = cursor.lastrowid
        self._pending.extend((file_id, *r[:5], *r[4:]) for r in rows)
        terms, term_ids, term_lengths, words, counts = row[-5:]
        collector.add_copied(
            state.relative,
            old_id,
            (terms, term_ids, term_lengths, words, counts),  # type: ignore[arg-type]
            [(r[4], r[7], r[10], r[11]) for r in rows],  # type: ignore[misc]
        )

    def flush(self) -> None:
        if self._pending:
            self._connection.executemany(_INSERT_PARAGRAPH, self._pending)
            self._pending = []

    def _read_from(self, old_id: int) -> None:
        """Read the files from `old_id` on, in copy order, CHUNK of them."""
        from briefing.index.sql import CHUNK, marks

        while self._old_ids[self._next] != old_id:
            self._next += 1
        chunk = self._old_ids[self._next : self._next + CHUNK]
        self._next += len(chunk)
        inside = marks(len(chunk))
        for file_id, *row in self._source.execute(
            f"SELECT id, sha256, encoding, notice, {_DOCUMENT}, {_FILE_DATA} FROM files "
            f"WHERE id IN ({inside})",
            chunk,
        ):
            self._files[file_id] = tuple(row)
        for file_id, *row in self._source.execute(
            'SELECT file_id, number, line, start, "end", file_kind, section, title, language, '
            f"page, repetition_key, text, context FROM paragraphs WHERE file_id IN ({inside}) "
            "ORDER BY file_id, id",
            chunk,
        ):
            self._rows.setdefault(file_id, []).append(tuple(row))


_DOCUMENT = "format, doc_title, date, declared_language"  # briefing.index.metadata
_FILE_DATA = "terms, term_ids, term_lengths, vocabulary, vocabulary_counts"
_INSERT_FILE = (
    "INSERT INTO files (path, size, mtime_ns, sha256, encoding, notice, "
    f"{_DOCUMENT}, {_FILE_DATA}) VALUES ({', '.join('?' * 15)})"
)
_INSERT_PARAGRAPH = (
    'INSERT INTO paragraphs (file_id, number, line, start, "end", kind, file_kind, section, '
    "title, language, page, repetition_key, text, context) "
    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
)


def _insert_file(connection: sqlite3.Connection, result: AnalysedFile) -> None:
    job = result.job
    cursor = connection.execute(
        _INSERT_FILE,
        (
            job.relative,
            job.size,
            job.mtime_ns,
            result.sha256,
            result.encoding,
            result.notice,
            result.document.format,
            result.document.title,
            result.document.date,
            result.document.language,
            result.terms,
            result.file_term_ids,
            _little_endian(result.term_lengths),
            result.words,
            _little_endian(result.word_counts),
        ),
    )
    file_id = cursor.lastrowid
    connection.executemany(_INSERT_PARAGRAPH, ((file_id, *row) for row in result.rows))


def _little_endian(native: bytes) -> bytes:
    """int32 in this machine's order (array('i')) as stored: little-endian."""
    return np.frombuffer(native, dtype=np.intc).astype("<i4").tobytes()


def _mark_repeated_boilerplate(connection: sqlite3.Connection) -> None:
    """A short paragraph whose text appears in two or more files is boilerplate everywhere."""
    connection.execute(
        "UPDATE paragraphs SET kind = ? WHERE repetition_key IN ("
        " SELECT repetition_key FROM paragraphs WHERE repetition_key IS NOT NULL"
        " GROUP BY repetition_key HAVING COUNT(DISTINCT file_id) > 1)",
        (ParagraphKind.BOILERPLATE.value,),
    )


def _write_postings(connection: sqlite3.Connection, table: str, postings: Postings) -> None:
    offsets = postings.offsets.tolist()
    doc_ids = postings.doc_ids.astype("<i4", copy=False)
    weights = postings.weights.astype("<f4", copy=False)
    connection.executemany(
        f"INSERT INTO {table} (term, doc_ids, weights) VALUES (?, ?, ?)",
        (
            (
                term,
                doc_ids[offsets[i] : offsets[i + 1]].tobytes(),
                weights[offsets[i] : offsets[i + 1]].tobytes(),
            )
            for i, term in enumerate(postings.terms)
        ),
    )


def _indexed_postings(
    ids: list[np.ndarray], lengths: list[np.ndarray], indexed: np.ndarray, terms: TermIds
) -> tuple[Postings, float]:
    """The postings of the indexed paragraphs (a mask over every paragraph written).

    Empties `ids` as it goes: the per-file arrays are not kept beside their concatenation.
    """
    every_length = np.concatenate(lengths) if lengths else np.zeros(0, dtype=np.int64)
    tokens = np.concatenate(ids) if ids else np.zeros(0, dtype=np.int32)
    ids.clear()
    if not indexed.all():
        tokens = tokens[np.repeat(indexed, every_length)]
    return postings_from_ids(terms.names, tokens, every_length[indexed], K1, B)


def _write_statistics(
    connection: sqlite3.Connection,
    root: Path,
    file_count: int,
    collector: _Collector,
    progress: Progress | None = None,
) -> None:
    """Number the indexed paragraphs, score every posting, write the vocabulary and the
    corroboration tables (those in another process meanwhile, when it pays)."""
    rows = connection.execute("SELECT id, kind, language FROM paragraphs ORDER BY id").fetchall()
    if len(rows) != collector.paragraphs:
        raise RuntimeError("paragraphs written and analysed differ")  # a bug, never data
    lengths = np.concatenate(collector.term_lengths) if rows else np.zeros(0, dtype=np.int64)
    indexable = (ParagraphKind.BODY.value, ParagraphKind.HEADING.value)  # headings: titles only
    body = np.fromiter(
        (kind in indexable for _, kind, _ in rows), dtype=bool, count=len(rows)
    )
    # A body paragraph of only stopwords adds nothing; one marked boilerplate since is out.
    indexed = body & (lengths > 0)
    files = np.concatenate(collector.row_files) if rows else np.zeros(0, dtype=np.int64)
    collector.facts.start(indexed, files, collector.sources)  # while the postings are written
    step = progress or (lambda _phase, _done, _total: None)
    step(WRITING_INDEX, 0, 3)
    average_length = _write_bm25(connection, rows, indexed, collector, step)
    connection.executescript(INDEXES)  # while the facts may still be under way
    connection.execute(COMMONEST_LANGUAGE)  # once the indexed paragraphs are known
    step(WRITING_INDEX, 3, 3)
    collector.facts.write(connection, progress)
    languages: dict[str, int] = {}
    for i in np.flatnonzero(indexed).tolist():
        code = rows[i][2] or "und"
        languages[code] = languages.get(code, 0) + 1
    meta = {
        "format": FORMAT,
        "analysis_version": ANALYSIS_VERSION,
        "root": str(root.resolve()),
        "documents": str(int(indexed.sum())),
        "files": str(file_count),
        "average_length": repr(average_length),
        "k1": repr(K1),
        "b": repr(B),
        "languages": json.dumps(languages, sort_keys=True),
        "built": str(int(time.time())),
        "complete": "1",  # written last: a reader trusts only a complete file
    }
    connection.executemany("INSERT INTO meta (key, value) VALUES (?, ?)", meta.items())


def _write_bm25(
    connection: sqlite3.Connection,
    rows: list[tuple[int, str, str | None]],
    indexed: np.ndarray,
    collector: _Collector,
    step: Progress,
) -> float:
    """Number the indexed paragraphs, write their scored postings and the vocabulary; return
    the average paragraph length. `step` hears WRITING_INDEX 1 and 2 of 3 as they are done."""
    positions = np.flatnonzero(indexed).tolist()
    connection.executemany(
        "UPDATE paragraphs SET doc_id = ? WHERE id = ?",
        ((doc_id, rows[i][0]) for doc_id, i in enumerate(positions)),
    )
    postings, average_length = _indexed_postings(
        collector.term_ids, collector.term_lengths, indexed, collector.terms
    )
    _write_postings(connection, "postings", postings)
    del postings
    step(WRITING_INDEX, 1, 3)
    contexts, _ = _indexed_postings(
        collector.context_ids, collector.context_lengths, indexed, collector.contexts
    )
    _write_postings(connection, "context_postings", contexts)
    del contexts
    step(WRITING_INDEX, 2, 3)
    _write_words(connection, collector, [language for _, _, language in rows])
    return average_length


def _write_words(
    connection: sqlite3.Connection, collector: _Collector, row_languages: list[str | None]
) -> None:
    """The vocabulary with each word's paragraph count and languages, by word and by length."""
    from briefing.text.spelling import letter_masks

    words = collector.words.names
    if collector.word_ids:
        counts = np.bincount(
            np.concatenate(collector.word_ids),
            weights=np.concatenate(collector.word_counts),
            minlength=len(words),
        ).astype(np.int64)
    else:
        counts = np.zeros(0, dtype=np.int64)
    languages = _word_languages(collector, row_languages, len(words))
    frequencies = counts.tolist()
    word_lengths = [len(w) for w in words]
    connection.executemany(
        "INSERT INTO words (word, length, df, languages) VALUES (?, ?, ?, ?)",
        zip(words, word_lengths, frequencies, languages.tolist(), strict=True),
    )
    buckets: dict[int, list[int]] = {}
    for i, length in enumerate(word_lengths):
        buckets.setdefault(length, []).append(i)
    connection.executemany(
        "INSERT INTO word_lengths (length, words, dfs, masks, languages) VALUES (?, ?, ?, ?, ?)",
        (
            (
                length,
                "\n".join(words[i] for i in members),
                counts[members].astype("<i4").tobytes(),
                letter_masks([words[i] for i in members]).tobytes(),
                languages[members].astype("<u2").tobytes(),
            )
            for length, members in sorted(buckets.items())
        ),
    )


def _word_languages(
    collector: _Collector, row_languages: list[str | None], word_count: int
) -> np.ndarray:
    """Each word's language bits (briefing.index.schema.language_bit): those of the paragraphs
    of the files holding it. Words are counted per file, so a file of two languages gives its
    words both; a folder holds few languages, so this is one pass over the files per language."""
    from briefing.index.schema import language_bit

    masks = np.zeros(word_count, dtype=np.uint16)
    if not collector.word_ids:
        return masks
    bits = {code: language_bit(code) for code in set(row_languages)}
    row_bits = np.fromiter(
        (bits[code] for code in row_languages), dtype=np.uint16, count=len(row_languages)
    )
    file_bits = np.zeros(len(collector.word_ids), dtype=np.uint16)
    if len(row_bits):
        np.bitwise_or.at(file_bits, np.concatenate(collector.row_files), row_bits)
    for bit in sorted(set(bits.values())):
        holders = np.flatnonzero(file_bits & bit).tolist()
        if holders:
            seen = np.zeros(word_count, dtype=bool)
            seen[np.concatenate([collector.word_ids[f] for f in holders])] = True
            masks[seen] |= np.uint16(bit)
    return masks
