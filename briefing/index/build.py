"""Provides building and refreshing the cached index of a corpus folder.

A warm open only stats the files. Files whose stat data changed are hashed; only files whose
content changed are read and analysed again. The corpus-wide BM25 statistics are then
recomputed from the stored analysed terms, into a new file published by one atomic rename,
so a reader never sees a half-written index and an interrupted build leaves nothing trusted.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import sqlite3
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from briefing.index.bm25 import K1, B, Postings, build_postings
from briefing.index.store import FORMAT, SCHEMA, CorruptIndex, IndexReader
from briefing.models import ParagraphKind, SkippedFile, SourceDocument

# Bump whenever tokenising, stemming, paragraphing or scoring changes what is stored.
ANALYSIS_VERSION = "2"

Notify = Callable[[str], None]
Progress = Callable[[int, int], None]


class CorpusError(Exception):
    """The corpus cannot be indexed at all (missing, empty, nothing readable): exit code 2."""


@dataclass(slots=True)
class BuildReport:
    """What one open of the index did, for `briefing index` and notices."""

    files: int = 0
    reindexed: int = 0
    removed: int = 0
    rebuilt: bool = False
    saved: bool = True
    skipped: list[SkippedFile] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)
    seconds: float = 0.0


@dataclass(slots=True)
class _FileState:
    path: Path
    relative: str
    size: int
    mtime_ns: int


def index_path(root: Path) -> Path:
    """The cache file of a corpus folder: keyed by its resolved path and the analysis version."""
    from briefing.paths import cache_dir

    resolved = str(root.resolve())
    key = hashlib.sha256(f"{resolved}\0{ANALYSIS_VERSION}\0{FORMAT}".encode()).hexdigest()[:20]
    name = "".join(c if c.isalnum() or c in "-_" else "_" for c in root.resolve().name)[:40]
    return cache_dir() / "indexes" / f"{name or 'corpus'}-{key}.sqlite"


def _relative(root: Path, path: Path) -> str:
    if root.is_file():
        return path.name
    return path.relative_to(root).as_posix()


def _stat_files(root: Path) -> tuple[list[_FileState], list[SkippedFile]]:
    from briefing.corpus.files import discover

    paths, skipped = discover(root)
    states: list[_FileState] = []
    for path in paths:
        try:
            stat = path.stat()
        except OSError as error:
            skipped.append(SkippedFile(_relative(root, path), _os_reason(error)))
            continue
        states.append(_FileState(path, _relative(root, path), stat.st_size, stat.st_mtime_ns))
    return states, skipped


def _os_reason(error: OSError) -> str:
    return (error.strerror or str(error)).lower()


def _hash_file(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def open_index(
    root: Path,
    *,
    rebuild: bool = False,
    notify: Notify | None = None,
    progress: Progress | None = None,
) -> tuple[IndexReader, BuildReport]:
    """Open the index of `root`, building or refreshing the cache first when needed."""
    started = time.perf_counter()
    say = notify or (lambda _message: None)
    if not root.exists():
        raise CorpusError(f"corpus not found: {root}")
    if not (root.is_dir() or root.is_file()):
        raise CorpusError(f"corpus is not a folder or a file: {root}")
    states, skipped = _stat_files(root)
    if not states:
        if skipped:
            raise CorpusError(
                f"no file could be indexed in {root} ({len(skipped)} skipped, e.g. "
                f"{skipped[0].path}: {skipped[0].reason})"
            )
        raise CorpusError(f"no .txt or .md files in {root}")

    target = index_path(root)
    previous: IndexReader | None = None
    report = BuildReport(files=len(states))
    if target.exists() and not rebuild:
        try:
            previous = IndexReader.open(target)
            if previous.analysis_version != ANALYSIS_VERSION or previous.meta.get("root") != str(
                root.resolve()
            ):
                raise CorruptIndex("written for another corpus or analysis version")
        except CorruptIndex as error:
            say(f"notice: the index cache at {target} is unusable ({error}); rebuilding it")
            previous = None

    if previous is not None and _unchanged(previous, states, skipped):
        report.skipped = previous.skipped()
        report.seconds = time.perf_counter() - started
        return previous, report

    reader = _rebuild(root, target, states, skipped, previous, report, say, progress)
    if previous is not None:
        previous.close()
    report.seconds = time.perf_counter() - started
    return reader, report


def _unchanged(reader: IndexReader, states: list[_FileState], skipped: list[SkippedFile]) -> bool:
    """True when every file has the stat data the manifest recorded (the warm path)."""
    try:
        known: dict[str, tuple[int, int] | None] = {
            f.path: (f.size, f.mtime_ns) for f in reader.files()
        }
        known.update(reader.skipped_stats())
    except sqlite3.DatabaseError:
        return False
    now: dict[str, tuple[int, int] | None] = {s.path: None for s in skipped}
    now.update({s.relative: (s.size, s.mtime_ns) for s in states})
    return known == now


@contextlib.contextmanager
def _new_database(target: Path, say: Notify, report: BuildReport) -> Iterator[sqlite3.Connection]:
    """A fresh database in a temporary file beside `target`, or in memory if we cannot write.

    On success the temporary file replaces `target` in one rename; on any failure it is removed.
    """
    temporary: Path | None = None
    connection: sqlite3.Connection
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
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


class _PublishFailed(Exception):
    pass


def _rebuild(
    root: Path,
    target: Path,
    states: list[_FileState],
    skipped: list[SkippedFile],
    previous: IndexReader | None,
    report: BuildReport,
    say: Notify,
    progress: Progress | None,
) -> IndexReader:
    report.rebuilt = True
    try:
        with _new_database(target, say, report) as connection:
            _fill(connection, root, states, skipped, previous, report, progress)
            if not report.saved:
                return IndexReader(connection)
    except sqlite3.OperationalError as error:
        # Disk full or similar while writing the cache: answer from memory instead.
        say(f"notice: cannot save the index cache ({error}); using memory")
        report.saved = False
        return _rebuild_in_memory(root, states, skipped, previous, report, progress)
    except _PublishFailed:
        return _rebuild_in_memory(root, states, skipped, previous, report, progress)
    return IndexReader.open(target)


def _rebuild_in_memory(
    root: Path,
    states: list[_FileState],
    skipped: list[SkippedFile],
    previous: IndexReader | None,
    report: BuildReport,
    progress: Progress | None,
) -> IndexReader:
    connection = sqlite3.connect(":memory:")
    connection.executescript(SCHEMA)
    report.reindexed = 0
    report.skipped = []
    report.notices = []
    _fill(connection, root, states, skipped, previous, report, progress)
    connection.commit()
    return IndexReader(connection)


def _fill(
    connection: sqlite3.Connection,
    root: Path,
    states: list[_FileState],
    skipped: list[SkippedFile],
    previous: IndexReader | None,
    report: BuildReport,
    progress: Progress | None,
) -> None:
    """Write files and paragraphs (reusing unchanged ones), then the corpus-wide statistics."""
    from briefing.corpus.files import UnreadableFile, load_document

    old = {f.path: f for f in previous.files()} if previous is not None else {}
    all_skipped = list(skipped)
    unreadable: dict[str, tuple[int, int]] = {}
    for done, state in enumerate(states, start=1):
        if progress is not None:
            progress(done, len(states))
        record = old.get(state.relative)
        try:
            same_stat = record is not None and record.size == state.size
            if same_stat and record.mtime_ns == state.mtime_ns:  # type: ignore[union-attr]
                _copy_file(connection, previous, record.id, state)  # type: ignore[arg-type]
                continue
            digest = _hash_file(state.path)
            if record is not None and record.sha256 == digest:
                _copy_file(connection, previous, record.id, state)  # type: ignore[arg-type]
                continue
            document = load_document(root, state.path)
        except UnreadableFile as error:
            all_skipped.append(SkippedFile(state.relative, error.reason))
            unreadable[state.relative] = (state.size, state.mtime_ns)
            continue
        except OSError as error:  # vanished or became unreadable while indexing
            all_skipped.append(SkippedFile(state.relative, _os_reason(error)))
            unreadable[state.relative] = (state.size, state.mtime_ns)
            continue
        report.reindexed += 1
        if document.notice:
            report.notices.append(f"notice: {state.relative}: {document.notice}")
        _insert_document(connection, document, state, digest)
    report.removed = len(set(old) - {s.relative for s in states})
    connection.executemany(
        "INSERT INTO skipped (path, reason, size, mtime_ns) VALUES (?, ?, ?, ?)",
        [(s.path, s.reason, *unreadable.get(s.path, (None, None))) for s in all_skipped],
    )
    report.skipped = all_skipped
    (indexed,) = connection.execute("SELECT COUNT(*) FROM files").fetchone()
    if not indexed:
        first = all_skipped[0] if all_skipped else None
        example = f", e.g. {first.path}: {first.reason}" if first else ""
        raise CorpusError(
            f"no file could be indexed in {root} ({len(all_skipped)} skipped{example})"
        )
    _mark_repeated_boilerplate(connection)
    _write_statistics(connection, root, int(indexed))


def _copy_file(
    connection: sqlite3.Connection, previous: IndexReader, old_id: int, state: _FileState
) -> None:
    """Carry an unchanged file's analysed paragraphs over from the previous index."""
    source = previous.connection
    row = source.execute(
        "SELECT sha256, encoding, notice, titles, vocabulary FROM files WHERE id = ?", (old_id,)
    ).fetchone()
    cursor = connection.execute(
        "INSERT INTO files (path, size, mtime_ns, sha256, encoding, notice, titles, vocabulary) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        (state.relative, state.size, state.mtime_ns, *row),
    )
    file_id = cursor.lastrowid
    rows = source.execute(
        'SELECT number, line, start, "end", file_kind, section, title, language, page, '
        "repetition_key, text, terms, context FROM paragraphs WHERE file_id = ? ORDER BY id",
        (old_id,),
    )
    connection.executemany(_INSERT_PARAGRAPH, ((file_id, *r[:5], *r[4:]) for r in rows))


_INSERT_PARAGRAPH = (
    'INSERT INTO paragraphs (file_id, number, line, start, "end", kind, file_kind, section, '
    "title, language, page, repetition_key, text, terms, context) "
    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
)
# Metadata lines (bylines, source lines) this short or shorter feed the context field.
_META_LINE_WORDS = 12


def _file_metadata(document: SourceDocument) -> str:
    """Text that describes a whole file: its name's words and its short metadata lines.

    Boilerplate is never an answer, but a byline or a source line ("Moon Hye-ryeon, Arirang
    News.") still tells which outlet a paragraph comes from ("according to Arirang News").
    """
    stem = document.source.rsplit("/", 1)[-1].rsplit(".", 1)[0]
    name_words = [w for w in stem.replace("_", " ").replace("-", " ").split() if w.isalpha()]
    lines = [
        p.text
        for p in document.paragraphs
        if p.kind is ParagraphKind.BOILERPLATE and len(p.text.split()) <= _META_LINE_WORDS
    ]
    return " ".join([*name_words, *lines])


def _insert_document(
    connection: sqlite3.Connection, document: SourceDocument, state: _FileState, digest: str
) -> None:
    from briefing.corpus.boilerplate import repetition_key
    from briefing.text.analyzer import analyzer_for
    from briefing.text.language import assign_languages

    paragraphs = document.paragraphs
    languages = assign_languages([p.text for p in paragraphs])
    metadata = _file_metadata(document)
    vocabulary: dict[str, int] = {}
    rows = []
    for paragraph, language in zip(paragraphs, languages, strict=True):
        terms: list[str] = []
        context: list[str] = []
        if paragraph.kind is ParagraphKind.BODY:
            analyzer = analyzer_for(language)
            analysed = analyzer.analyze(paragraph.text)
            described = " ".join(filter(None, (paragraph.title, paragraph.section, metadata)))
            context = analyzer.terms(described)
            terms = [t.term for t in analysed]
            for word in {t.surface for t in analysed if not any(c.isdigit() for c in t.surface)}:
                vocabulary[word] = vocabulary.get(word, 0) + 1
        rows.append(
            (
                paragraph.number,
                paragraph.line,
                paragraph.start,
                paragraph.end,
                paragraph.kind.value,
                paragraph.kind.value,
                paragraph.section,
                paragraph.title,
                language,
                paragraph.page,
                repetition_key(paragraph.text) if paragraph.kind is ParagraphKind.BODY else None,
                paragraph.text,
                " ".join(terms),
                " ".join(context),
            )
        )
    cursor = connection.execute(
        "INSERT INTO files (path, size, mtime_ns, sha256, encoding, notice, titles, vocabulary) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        (
            state.relative,
            state.size,
            state.mtime_ns,
            digest,
            document.encoding,
            document.notice,
            json.dumps(list(document.titles), ensure_ascii=False),
            json.dumps(vocabulary, ensure_ascii=False),
        ),
    )
    file_id = cursor.lastrowid
    connection.executemany(_INSERT_PARAGRAPH, ((file_id, *row) for row in rows))


def _mark_repeated_boilerplate(connection: sqlite3.Connection) -> None:
    """A short paragraph whose text appears in two or more files is boilerplate everywhere."""
    connection.execute(
        "UPDATE paragraphs SET kind = ? WHERE repetition_key IN ("
        " SELECT repetition_key FROM paragraphs WHERE repetition_key IS NOT NULL"
        " GROUP BY repetition_key HAVING COUNT(DISTINCT file_id) > 1)",
        (ParagraphKind.BOILERPLATE.value,),
    )


def _write_postings(connection: sqlite3.Connection, table: str, postings: Postings) -> None:
    offsets = postings.offsets
    connection.executemany(
        f"INSERT INTO {table} (term, df, doc_ids, weights) VALUES (?, ?, ?, ?)",
        (
            (
                term,
                int(postings.document_frequency[i]),
                postings.doc_ids[offsets[i] : offsets[i + 1]].astype("<i4").tobytes(),
                postings.weights[offsets[i] : offsets[i + 1]].astype("<f4").tobytes(),
            )
            for i, term in enumerate(postings.terms)
        ),
    )


def _write_statistics(connection: sqlite3.Connection, root: Path, file_count: int) -> None:
    """Number the indexed paragraphs, score every posting, and write the vocabulary."""
    rows = connection.execute(
        "SELECT id, terms, language, context FROM paragraphs WHERE kind = ? ORDER BY id",
        (ParagraphKind.BODY.value,),
    ).fetchall()
    rows = [row for row in rows if row[1]]  # a body paragraph of only stopwords adds nothing
    connection.executemany(
        "UPDATE paragraphs SET doc_id = ? WHERE id = ?",
        ((doc_id, row[0]) for doc_id, row in enumerate(rows)),
    )
    postings, average_length = build_postings([row[1].split(" ") for row in rows])
    _write_postings(connection, "postings", postings)
    contexts, _ = build_postings([row[3].split() for row in rows])
    _write_postings(connection, "context_postings", contexts)
    vocabulary: dict[str, int] = {}
    for (words,) in connection.execute("SELECT vocabulary FROM files"):
        for word, count in json.loads(words).items():
            vocabulary[word] = vocabulary.get(word, 0) + int(count)
    connection.executemany(
        "INSERT INTO words (word, length, df) VALUES (?, ?, ?)",
        ((w, len(w), c) for w, c in vocabulary.items()),
    )
    languages: dict[str, int] = {}
    for row in rows:
        code = row[2] or "und"
        languages[code] = languages.get(code, 0) + 1
    meta = {
        "format": FORMAT,
        "analysis_version": ANALYSIS_VERSION,
        "root": str(root.resolve()),
        "documents": str(len(rows)),
        "files": str(file_count),
        "average_length": repr(average_length),
        "k1": repr(K1),
        "b": repr(B),
        "languages": json.dumps(languages, sort_keys=True),
        "built": str(int(time.time())),
        "complete": "1",  # written last: a reader trusts only a complete file
    }
    connection.executemany("INSERT INTO meta (key, value) VALUES (?, ?)", meta.items())
