"""Provides the on-disk index: one SQLite file per corpus, read only where a question needs it.

Why SQLite: it is in the standard library, transactional, safe with several processes, and a
question reads only the posting rows of its own terms (no unpickling, no re-parse of the whole
index). Posting arrays are stored as raw little-endian bytes (int32, float32), never pickled.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from briefing.index import sql
from briefing.index.kept import Kept
from briefing.index.schema import FORMAT, REQUIRED_TABLES, cache_of
from briefing.index.sql import CHUNK, in_chunks
from briefing.models import DocumentInfo, Paragraph, ParagraphKind, SkippedFile

if TYPE_CHECKING:  # numpy is imported where arrays are made: a one-shot question may not need it
    import numpy as np

# The first 96 MB are read through a memory map: at 100,000 paragraphs a question's twenty
# lookups cost 0.2-0.5 ms less, and the answering process stays near 110 MB (mapping the whole
# file would touch 240 MB over 200 questions).
MMAP_BYTES = 96 << 20
# SQLite's page cache (2 MB by default) keeps the pages a question reads again, the tree
# pages of the postings and fact tables above all: 16 MB cuts a question's reads of the file
# from about 130 to 39 at 100,000 paragraphs (0.6 -> 0.3 ms of system time; 64 MB reads 23
# but was no faster).
PAGE_CACHE_KIB = 16 << 10
# Posting rows read are kept until they add up to this much (then all are dropped): a
# session's common terms are read once, and memory stays bounded.
ROW_CACHE_BYTES = 8 << 20
# Paragraphs (with their context terms) and path ranges kept read (briefing.index.kept). A
# paragraph costs about 2 kB here.
PARAGRAPHS_KEPT = 4096
PREFIXES_KEPT = 4096

_PARAGRAPH_COLUMNS = (
    'p.number, p.line, p.start, p."end", p.kind, p.section, p.title, p.language, p.page, '
    "p.text, f.path, p.doc_id"
)


class CorruptIndex(sqlite3.DatabaseError):
    """The cache file is not an index we wrote, or not a whole one (a damaged database)."""


@dataclass(frozen=True, slots=True)
class FileRecord:
    """What the manifest knows of one indexed file."""

    id: int
    path: str
    size: int
    mtime_ns: int
    sha256: str
    encoding: str
    notice: str | None


@contextmanager
def stored(what: str) -> Iterator[None]:
    """Values read back from the file that do not make sense (bad JSON, a NULL where a number
    belongs, an unknown kind) mean the file is damaged: CorruptIndex, never a bug's error.
    Only code turning stored values into Python ones runs inside it."""
    try:
        yield
    except (ValueError, TypeError, KeyError, IndexError) as error:
        problem = f"{type(error).__name__}: {error}"
        raise CorruptIndex(f"{what} cannot be read back ({problem})") from error


def _all_there(wanted: Sequence[int], found: Mapping[int, object]) -> None:
    """Paragraph ids come from the postings: one the paragraphs table lacks is damage."""
    if len(found) != len(set(wanted)):
        missing = sorted(set(wanted) - set(found))[:3]
        raise CorruptIndex(f"postings name paragraphs the index does not hold: {missing}")


def _text(value: object) -> str | None:
    return None if value is None else str(value)


def _paragraph(row: Sequence[object]) -> Paragraph:
    number, line, start, end, kind, section, title, language, page, text, path, _ = row
    return Paragraph(
        source=str(path),
        number=int(number),  # type: ignore[call-overload]
        line=int(line),  # type: ignore[call-overload]
        start=int(start),  # type: ignore[call-overload]
        end=int(end),  # type: ignore[call-overload]
        text=str(text),
        kind=ParagraphKind(kind),
        section=section if section is None else str(section),
        title=title if title is None else str(title),
        language=language if language is None else str(language),
        page=None if page is None else int(page),  # type: ignore[call-overload]
    )


@dataclass(frozen=True, slots=True)
class WordBucket:
    """The vocabulary words of one length: their text, paragraph counts and letter masks."""

    length: int
    text: str  # the words, newline separated
    counts: np.ndarray  # int32, one per word
    masks: np.ndarray  # uint64, one per word (briefing.text.spelling.letter_masks)
    languages: np.ndarray  # uint16, one per word (briefing.index.schema.language_bit)

    def word(self, index: int) -> str:
        start = index * (self.length + 1)
        return self.text[start : start + self.length]

    def words(self, indexes: list[int]) -> list[str]:
        """word() of each index, in one comprehension (a typo check cuts out hundreds)."""
        text, width, step = self.text, self.length, self.length + 1
        return [text[i * step : i * step + width] for i in indexes]


@contextmanager
def read_transaction(connection: sqlite3.Connection) -> Iterator[None]:
    """One read transaction for the lookups of a question: outside one, SQLite locks the file
    and checks it for changes again at every statement (some 8 µs each, twenty a question).
    Inside one already, nothing is added."""
    if connection.in_transaction:
        yield
        return
    connection.execute("BEGIN")
    try:
        yield
    finally:
        if connection.in_transaction:  # a write inside may have committed it already
            connection.commit()


class IndexReader:
    """Read access to one published index file (or an in-memory one)."""

    def __init__(self, connection: sqlite3.Connection, cache: Path | None = None) -> None:
        self.connection = connection
        self.cache = cache  # the cache folder it lies in (others keep data there too); None
        #                     for an index in memory
        self._buckets: dict[int, WordBucket | None] = {}  # by word length
        self._manifest: list[FileRecord] | None = None  # files(), once read
        self._rows: dict[str, dict[str, tuple[bytes, bytes] | None]]  # by table, then term
        self._row_bytes: int
        self._forget_rows()
        self._paragraphs: Kept[int, tuple[Paragraph, frozenset[str]]] = Kept(PARAGRAPHS_KEPT)
        self._prefixed: Kept[str, tuple[str, ...]] = Kept(PREFIXES_KEPT)  # paths_starting()
        try:
            rows = connection.execute("SELECT key, value FROM meta").fetchall()
        except sqlite3.DatabaseError as error:
            raise CorruptIndex(str(error)) from error
        self.meta: dict[str, str] = {str(k): str(v) for k, v in rows}
        if self.meta.get("format") != FORMAT or self.meta.get("complete") != "1":
            raise CorruptIndex("not a complete briefing index")
        tables = {
            str(name)
            for (name,) in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
        }
        if not REQUIRED_TABLES <= tables:
            raise CorruptIndex(f"tables missing: {', '.join(sorted(REQUIRED_TABLES - tables))}")
        try:
            self.size = int(self.meta["documents"])
            self.average_length = float(self.meta["average_length"])
            self.languages: dict[str, int] = json.loads(self.meta["languages"])
            self.file_count = int(self.meta["files"])
        except (KeyError, ValueError) as error:
            raise CorruptIndex(f"bad metadata: {error}") from error

    @classmethod
    def open(cls, path: Path) -> IndexReader:
        """Open a published file read-only; raise CorruptIndex if it is not ours or not whole."""
        try:
            connection = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
            # A published index is never written or truncated in place (a rebuild renames a
            # new file over it), so mapping it is safe.
            connection.execute(f"PRAGMA mmap_size = {MMAP_BYTES}")
            connection.execute(f"PRAGMA cache_size = -{PAGE_CACHE_KIB}")
        except sqlite3.Error as error:
            raise CorruptIndex(str(error)) from error
        try:
            # Other cached data lives beside `indexes/`; an index file elsewhere has no cache.
            return cls(connection, cache_of(path) if path.parent.name == "indexes" else None)
        except CorruptIndex:
            connection.close()
            raise

    def close(self) -> None:
        self.connection.close()

    @property
    def analysis_version(self) -> str:
        return self.meta.get("analysis_version", "")

    def posting_rows(
        self, terms: Iterable[str], table: str = "postings"
    ) -> dict[str, tuple[bytes, bytes]]:
        """The raw rows of postings(): little-endian int32 paragraph ids, float32 weights.

        Rows read stay here for a while: a question reads its terms' rows once to weigh its
        words (document_frequencies) and again to rank, and a session's questions share terms.
        """
        if table not in ("postings", "context_postings"):
            raise ValueError(table)
        cache = self._rows[table]
        wanted = sorted(set(terms))
        missing = [term for term in wanted if term not in cache]
        for marks, chunk in in_chunks(missing):
            for term in chunk:
                cache[term] = None  # not in the index, unless a row turns up
            self._row_bytes += 64 * len(chunk)  # what an entry costs, row or not
            query = f"SELECT term, doc_ids, weights FROM {table} WHERE term IN ({marks})"
            for term, ids, weights in self.connection.execute(query, chunk):
                # Both arrays come from one row: unequal lengths mean a damaged file, which
                # would otherwise be read into wrong scores without a word.
                if len(ids) != len(weights) or len(ids) % 4:
                    self._forget_rows()  # this chunk's terms are not all known yet
                    raise CorruptIndex(f"damaged postings of {term!r}")
                self._row_bytes += len(ids) + len(weights)
                cache[str(term)] = (ids, weights)
        found = {term: row for term in wanted if (row := cache[term]) is not None}
        if self._row_bytes > ROW_CACHE_BYTES:
            self._forget_rows()
        return found

    def _forget_rows(self) -> None:
        self._rows = {"postings": {}, "context_postings": {}}
        self._row_bytes = 0

    def postings(
        self, terms: Iterable[str], table: str = "postings"
    ) -> dict[str, tuple[np.ndarray, np.ndarray]]:
        """Paragraph ids and BM25 weights of each term that is in the index.

        `table` is "postings" (the paragraph text) or "context_postings" (title, section and
        file metadata of each paragraph).
        """
        import numpy as np

        return {
            term: (np.frombuffer(ids, dtype="<i4"), np.frombuffer(weights, dtype="<f4"))
            for term, (ids, weights) in self.posting_rows(terms, table).items()
        }

    def document_frequencies(self, terms: Iterable[str], table: str = "postings") -> dict[str, int]:
        """How many paragraphs hold each term that is in the index (the length of its row)."""
        return {term: len(ids) // 4 for term, (ids, _) in self.posting_rows(terms, table).items()}

    def known_words(self, words: Iterable[str]) -> set[str]:
        found: set[str] = set()
        for marks, chunk in in_chunks(sorted(set(words))):
            query = f"SELECT word FROM words WHERE word IN ({marks})"
            found.update(str(w) for (w,) in self.connection.execute(query, chunk))
        return found

    def words_of_length(self, low: int, high: int) -> list[tuple[str, int]]:
        """Vocabulary words whose length is within [low, high], with their paragraph counts."""
        return [
            (bucket.word(i), int(count))
            for bucket in self.word_buckets(low, high)
            for i, count in enumerate(bucket.counts)
        ]

    def word_buckets(self, low: int, high: int) -> list[WordBucket]:
        """The vocabulary rows of the word lengths within [low, high] (those that exist).

        One row per length, so a typo check reads a few rows, not one per word, and splits none
        of them: the masks say which few words to cut out. Rows read stay here, since a
        question's typos and a session's questions share them.
        """
        missing = [n for n in range(low, high + 1) if n not in self._buckets]
        if missing:
            query = (
                f"SELECT length, words, dfs, masks, languages FROM word_lengths "
                f"WHERE length IN ({sql.marks(len(missing))})"
            )
            import numpy as np

            for length in missing:
                self._buckets[length] = None
            for length, text, counts, masks, languages in self.connection.execute(
                query, missing
            ):
                self._buckets[int(length)] = WordBucket(
                    int(length),
                    str(text),
                    np.frombuffer(counts, "<i4"),
                    np.frombuffer(masks, "<u8"),
                    np.frombuffer(languages, "<u2"),
                )
        return [b for n in range(low, high + 1) if (b := self._buckets[n]) is not None]

    def words_with_prefix(self, prefix: str, limit: int = 1) -> list[str]:
        query = "SELECT word FROM words WHERE word >= ? AND word < ? ORDER BY df DESC LIMIT ?"
        rows = self.connection.execute(query, (prefix, prefix + "\U0010ffff", limit))
        return [str(w) for (w,) in rows]

    def paragraphs_by_doc(self, doc_ids: Sequence[int]) -> dict[int, Paragraph]:
        """The indexed paragraphs of the given doc ids (every one must be there)."""
        found: dict[int, Paragraph] = {}
        wanted = [int(d) for d in doc_ids]
        for marks, chunk in in_chunks(wanted):
            query = (
                f"SELECT {_PARAGRAPH_COLUMNS} FROM paragraphs p JOIN files f ON f.id = p.file_id "
                f"WHERE p.doc_id IN ({marks})"
            )
            with stored("a paragraph"):
                found.update(
                    (int(row[-1]), _paragraph(row)) for row in self.connection.execute(query, chunk)
                )
        _all_there(wanted, found)
        return found

    def paragraphs_with_context(
        self, doc_ids: Sequence[int]
    ) -> dict[int, tuple[Paragraph, frozenset[str]]]:
        """paragraphs_by_doc() with each paragraph's context-field terms (its title, section
        and file metadata), in one query for those not read lately: what an answer's
        candidates need."""
        wanted = [int(d) for d in doc_ids]
        found = self._paragraphs.many(wanted, self._read_paragraphs_with_context)
        _all_there(wanted, found)
        return found

    def _read_paragraphs_with_context(
        self, doc_ids: list[int]
    ) -> dict[int, tuple[Paragraph, frozenset[str]]]:
        found: dict[int, tuple[Paragraph, frozenset[str]]] = {}
        for marks, chunk in in_chunks(doc_ids):
            query = (
                f"SELECT {_PARAGRAPH_COLUMNS}, p.context FROM paragraphs p "
                f"JOIN files f ON f.id = p.file_id WHERE p.doc_id IN ({marks})"
            )
            with stored("a paragraph"):
                for row in self.connection.execute(query, chunk):
                    found[int(row[-2])] = (_paragraph(row[:-1]), frozenset(str(row[-1]).split()))
        return found

    def document_paragraphs(self, source: str) -> list[Paragraph]:
        query = (
            f"SELECT {_PARAGRAPH_COLUMNS} FROM paragraphs p JOIN files f ON f.id = p.file_id "
            "WHERE f.path = ? ORDER BY p.id"
        )
        return [_paragraph(row) for row in self.connection.execute(query, (source,))]

    def files(self) -> list[FileRecord]:
        """The manifest, read once: a published index never changes in place, and the reader
        compares the folder with it every few seconds (7 ms a read at 2,225 files)."""
        if self._manifest is None:
            query = "SELECT id, path, size, mtime_ns, sha256, encoding, notice FROM files"
            with stored("the manifest"):
                self._manifest = [
                    FileRecord(int(i), str(p), int(s), int(m), str(h), str(e), _text(n))
                    for i, p, s, m, h, e, n in self.connection.execute(query)
                ]
        return list(self._manifest)

    def file_stats(self) -> dict[str, tuple[int, int]]:
        """Each indexed file's (size, mtime_ns): all the warm check reads of the manifest."""
        rows = self.connection.execute("SELECT path, size, mtime_ns FROM files")
        with stored("the manifest"):
            return {str(p): (int(s), int(m)) for p, s, m in rows}

    def skipped(self) -> list[SkippedFile]:
        rows = self.connection.execute("SELECT path, reason FROM skipped ORDER BY path")
        return [SkippedFile(str(p), str(r)) for p, r in rows]

    def skipped_ctimes(self) -> dict[str, int]:
        """The change time (st_ctime_ns) of each file skipped because reading it failed."""
        rows = self.connection.execute(
            "SELECT path, ctime_ns FROM skipped WHERE ctime_ns IS NOT NULL"
        )
        with stored("the skipped files"):
            return {str(p): int(c) for p, c in rows}

    def skipped_stats(self) -> dict[str, tuple[int, int] | None]:
        """Skipped paths with the stat data they had when reading them failed."""
        rows = self.connection.execute("SELECT path, size, mtime_ns FROM skipped")
        with stored("the skipped files"):
            return {str(p): None if s is None else (int(s), int(m)) for p, s, m in rows}

    # ----- document metadata (briefing.index.metadata) ------------------------------------

    def documents(self, paths: Iterable[str] | None = None) -> dict[str, DocumentInfo]:
        """Each indexed file's format, title, date and language (of the given paths, or all)."""
        query = "SELECT path, format, doc_title, date, language FROM files"
        rows: list[Sequence[object]] = []
        if paths is None:
            rows = self.connection.execute(query).fetchall()
        else:
            for marks, chunk in in_chunks(list(dict.fromkeys(paths))):
                rows.extend(self.connection.execute(f"{query} WHERE path IN ({marks})", chunk))
        return {
            str(path): DocumentInfo(str(kind), _text(title), _text(day), _text(language))
            for path, kind, title, day, language in rows
        }

    def notices(self) -> list[tuple[str, str, str]]:
        """(path, notice, encoding) of each file read with a caveat ("not UTF-8: decoded as
        cp1252"); every file decoded from another encoding than UTF-8 has one."""
        rows = self.connection.execute(
            "SELECT path, notice, encoding FROM files WHERE notice IS NOT NULL ORDER BY path"
        )
        return [(str(path), str(notice), str(encoding)) for path, notice, encoding in rows]

    def format_counts(self) -> dict[str, int]:
        """How many indexed files of each format ("text", "markdown", "html", "pdf")."""
        rows = self.connection.execute("SELECT format, COUNT(*) FROM files GROUP BY format")
        return {str(kind): int(count) for kind, count in sorted(rows)}

    # ----- what the search syntax restricts to (briefing.query.restriction) -----------------

    def paths(self) -> list[str]:
        """Every indexed file's path."""
        return [str(p) for (p,) in self.connection.execute("SELECT path FROM files")]

    def paths_starting(self, prefixes: Iterable[str]) -> list[str]:
        """The indexed paths that start with any of `prefixes`: ranges of the path index, one
        statement for up to CHUNK // 2 of them (no scan), for prefixes not asked lately.
        U+10FFFF sorts after every character SQLite's binary order can meet."""
        wanted = sorted(set(prefixes))
        found = self._prefixed.many(wanted, self._read_paths_starting)
        return sorted({path for prefix in wanted for path in found[prefix]})

    def _read_paths_starting(self, prefixes: list[str]) -> dict[str, tuple[str, ...]]:
        read: dict[str, list[str]] = {prefix: [] for prefix in prefixes}
        for start in range(0, len(prefixes), CHUNK // 2):
            chunk = prefixes[start : start + CHUNK // 2]
            query = " UNION ALL ".join(
                ["SELECT ?, path FROM files WHERE path >= ? AND path < ?"] * len(chunk)
            )
            values = [v for prefix in chunk for v in (prefix, prefix, prefix + "\U0010ffff")]
            for prefix, path in self.connection.execute(query, values):
                read[str(prefix)].append(str(path))
        return {prefix: tuple(paths) for prefix, paths in read.items()}

    def headline_doc_ids(self, doc_ids: Sequence[int]) -> set[int]:
        """Which of these indexed paragraphs are headlines (a title, indexed as paragraph 1).
        Read with their text and context (paragraphs_with_context): an answer reads most of
        them next."""
        read = self.paragraphs_with_context(doc_ids)
        return {d for d, (paragraph, _) in read.items() if paragraph.kind is ParagraphKind.HEADING}

    def doc_ids_of_files(self, paths: Sequence[str]) -> list[int]:
        """The indexed paragraphs of the given files."""
        found: list[int] = []
        for marks, chunk in in_chunks(list(paths)):
            rows = self.connection.execute(
                "SELECT p.doc_id FROM paragraphs p JOIN files f ON f.id = p.file_id "
                f"WHERE p.doc_id IS NOT NULL AND f.path IN ({marks})",
                chunk,
            )
            found.extend(int(d) for (d,) in rows)
        return found

    def doc_ids_in_languages(self, languages: Sequence[str]) -> list[int]:
        """The indexed paragraphs in any of the given languages."""
        found: list[int] = []
        for marks, chunk in in_chunks(list(languages)):
            rows = self.connection.execute(
                "SELECT doc_id FROM paragraphs "
                f"WHERE doc_id IS NOT NULL AND language IN ({marks})",
                chunk,
            )
            found.extend(int(d) for (d,) in rows)
        return found

    def doc_languages(self, doc_ids: Sequence[int]) -> dict[int, str | None]:
        """The language of each of the given indexed paragraphs."""
        found: dict[int, str | None] = {}
        for marks, chunk in in_chunks([int(d) for d in doc_ids]):
            rows = self.connection.execute(
                f"SELECT doc_id, language FROM paragraphs WHERE doc_id IN ({marks})", chunk
            )
            found.update((int(d), _text(language)) for d, language in rows)
        return found

    def headlines(self) -> list[str]:
        """Every distinct article headline of the indexed paragraphs."""
        rows = self.connection.execute(
            "SELECT DISTINCT title FROM paragraphs WHERE doc_id IS NOT NULL AND title IS NOT NULL"
        )
        return [str(t) for (t,) in rows]

    def doc_ids_under_headlines(self, headlines: Sequence[str]) -> list[int]:
        """The indexed paragraphs of the articles with the given headlines."""
        found: list[int] = []
        for marks, chunk in in_chunks(list(headlines)):
            rows = self.connection.execute(
                f"SELECT doc_id FROM paragraphs WHERE doc_id IS NOT NULL AND title IN ({marks})",
                chunk,
            )
            found.extend(int(d) for (d,) in rows)
        return found
