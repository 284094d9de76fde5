"""Provides the analysis of corpus files for the index: paragraphs, languages, terms, words.

Large builds run it in worker processes (briefing.index.parallel), so it takes and returns
plain data only. The terms of a paragraph are `Analyzer.terms()` of its text and its words
are the surfaces `Analyzer.analyze()` keeps, computed once per distinct scanner chunk.

Terms, context terms and words also leave as arrays of ids numbered by the analysing process
(its `ProcessNumbering`); each batch of results lists the names its process numbered since its last
batch, so the builder maps a batch with one array lookup instead of one per token.
"""

from __future__ import annotations

import hashlib
import os
from array import array
from collections.abc import Sequence
from dataclasses import dataclass, field
from itertools import chain
from pathlib import Path

import numpy as np

from briefing.index.bm25 import TermIds
from briefing.index.metadata import document_info
from briefing.index.statements import SentenceKey, StatementNumbering
from briefing.models import DocumentInfo, ParagraphKind, SourceDocument
from briefing.text.analyzer import NEUTRAL, Analyzer, analyzer_for
from briefing.text.tokenize import CACHEABLE_LENGTH, chunk_pieces, has_digit, word_chunks

# Metadata lines (bylines, source lines) this short or shorter feed the context field.
META_LINE_WORDS = 12
# Past this many entries a chunk cache is dropped and refilled: bounded memory on odd input.
_CACHE_LIMIT = 500_000


# (number, line, start, end, kind, file_kind, section, title, language, page, repetition_key,
#  text, context): a paragraphs row without its file id.
ParagraphRow = tuple[object, ...]


@dataclass(frozen=True, slots=True)
class FileJob:
    """A file to read and analyse."""

    path: str
    relative: str
    size: int
    mtime_ns: int
    sha256: str | None = None  # already known when the caller hashed it


@dataclass(frozen=True, slots=True)
class AnalysedFile:
    """Everything the index stores about one file.

    Ids are those of the session that analysed it: `term_ids` holds every paragraph's terms
    in row order (`term_lengths` per row, 0 when not indexed), likewise for the context field;
    `word_ids` / `word_counts` give each word of the file and the paragraphs holding it.
    """

    job: FileJob
    sha256: str
    encoding: str
    notice: str | None
    document: DocumentInfo  # declared metadata, its title chosen (briefing.index.metadata)
    words: str  # the file's vocabulary, newline separated (stored as is)
    word_counts: bytes  # int32 per word: paragraphs holding it (stored as is)
    word_ids: bytes  # int32 per word
    rows: list[ParagraphRow]
    term_ids: bytes
    term_lengths: bytes  # (stored as is)
    context_ids: bytes
    context_lengths: bytes
    terms: str  # the file's distinct terms, newline separated (stored as is)
    file_term_ids: bytes  # term_ids as rows of `terms` (stored as is)
    # Corroboration statements (briefing.index.statements) of the rows that may be
    # indexed: per row how many, their sentences' session numbers, (start, end) pairs.
    statement_counts: bytes
    statement_ids: bytes
    statement_spans: bytes


@dataclass(frozen=True, slots=True)
class FailedFile:
    """A file that could not be read, and why."""

    job: FileJob
    reason: str


@dataclass(frozen=True, slots=True)
class Batch:
    """The results of some files, and the names their session numbered since its last batch."""

    session: tuple[str, int]  # (build key, process id)
    new_terms: list[str]
    new_contexts: list[str]
    new_words: list[str]
    new_sentences: list[SentenceKey]
    files: list[AnalysedFile | FailedFile] = field(default_factory=list)


def hash_file(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


class _ChunkTable(dict[str, int]):
    """Raw scanner chunk -> its row; row r's index terms and vocabulary words (session ids)
    are `term_ids[term_ends[r]:term_ends[r + 1]]` and likewise for words.

    Filled through __missing__, so a paragraph's chunks map to rows with C-level lookups, and
    their terms are gathered with numpy rather than one tuple per chunk.
    """

    __slots__ = ("_analyzer", "_session", "term_ids", "term_ends", "word_ids", "word_ends")

    def __init__(self, analyzer: Analyzer, session: ProcessNumbering) -> None:
        super().__init__()
        self._analyzer = analyzer
        self._session = session
        self._empty()

    def _empty(self) -> None:
        self.clear()
        self.term_ids, self.term_ends = array("i"), array("q", [0])
        self.word_ids, self.word_ends = array("i"), array("q", [0])

    def bound(self) -> None:
        """Drop the rows past the cache limit (bounded memory on odd input); call only when
        no row numbers are held."""
        if len(self.term_ends) > _CACHE_LIMIT or len(self.term_ids) > _CACHE_LIMIT * 8:
            self._empty()

    def __missing__(self, raw: str) -> int:
        analyzer, session = self._analyzer, self._session
        stopwords = analyzer.stopwords
        surfaces = [s for s, _, _, _ in chunk_pieces(raw) if s not in stopwords]
        self.term_ids.extend([session.terms[analyzer.stem(s)] for s in surfaces])
        self.word_ids.extend([session.words[s] for s in surfaces if not has_digit(s)])
        self.term_ends.append(len(self.term_ids))
        self.word_ends.append(len(self.word_ids))
        row = len(self.term_ends) - 2
        if len(raw) <= CACHEABLE_LENGTH:  # a long one (junk) gets a row but is not kept
            self[raw] = row
        return row


def _gather(flat: array, ends: array, rows: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The concatenated entries of the given rows of a (flat, ends) table, and their counts."""
    bounds = np.frombuffer(ends, dtype=np.int64)
    starts = bounds[rows]
    counts = bounds[rows + 1] - starts
    del bounds  # release the array's buffer: the table grows again on the next lookups
    total = int(counts.sum())
    shift = np.repeat(starts - (np.cumsum(counts) - counts), counts)
    positions = np.arange(total, dtype=np.int64) + shift
    return np.frombuffer(flat, dtype=np.intc)[positions], counts


class ProcessNumbering:
    """One process's numbering of terms, context terms and words during one build."""

    def __init__(self, key: str) -> None:
        self.key = (key, os.getpid())
        self.terms = TermIds()
        self.contexts = TermIds()
        self.words = TermIds()
        self.statements = StatementNumbering()
        self._reported = (0, 0, 0)
        self._chunks: dict[str, _ChunkTable] = {}
        self._contexts: dict[tuple[str, str], tuple[str, tuple[int, ...]]] = {}

    def chunks(self, analyzer: Analyzer) -> _ChunkTable:
        cache = self._chunks.get(analyzer.code)
        if cache is None:
            cache = self._chunks[analyzer.code] = _ChunkTable(analyzer, self)
        return cache

    def context(self, language: str | None, described: str) -> tuple[str, tuple[int, ...]]:
        """The context terms of a description (a headline repeats over a whole article)."""
        analyzer = analyzer_for(language)
        key = (analyzer.code, described)
        found = self._contexts.get(key)
        if found is None:
            if len(self._contexts) >= _CACHE_LIMIT:
                self._contexts.clear()
            terms = analyzer.terms(described)
            found = (" ".join(terms), tuple(map(self.contexts.__getitem__, terms)))
            self._contexts[key] = found
        return found

    def batch(self, files: list[AnalysedFile | FailedFile]) -> Batch:
        """The files, with the names numbered since the last batch."""
        terms, contexts, words = self._reported
        batch = Batch(
            self.key,
            self.terms.names[terms:],
            self.contexts.names[contexts:],
            self.words.names[words:],
            self.statements.new_sentences(),
            files,
        )
        self._reported = (len(self.terms.names), len(self.contexts.names), len(self.words.names))
        return batch


_session: ProcessNumbering | None = None


def _session_for(key: str) -> ProcessNumbering:
    """This process's session of a build (a new process or a new build starts afresh)."""
    global _session
    if _session is None or _session.key != (key, os.getpid()):
        _session = ProcessNumbering(key)
    return _session


def paragraph_terms(text: str, language: str | None) -> tuple[list[str], set[str]]:
    """The index terms of a paragraph, in order, and the set of its vocabulary words.

    Equal to `[t.term for t in analyze(text)]` and to the digit-free surfaces of the same.
    """
    session = ProcessNumbering("words")
    found = _body_terms(session, [text], [language])
    names, words = session.terms.names, session.words.names
    return [names[i] for i in found.term_ids.tolist()], {words[i] for i in found.word_ids.tolist()}


@dataclass(frozen=True, slots=True)
class _BodyTerms:
    """The terms of a file's body paragraphs, and its vocabulary, as session ids."""

    term_ids: np.ndarray  # every paragraph's terms, in order
    lengths: np.ndarray  # terms per paragraph
    word_ids: np.ndarray  # the file's distinct words
    word_counts: np.ndarray  # paragraphs holding each


def _body_terms(
    session: ProcessNumbering, texts: Sequence[str], languages: Sequence[str | None]
) -> _BodyTerms:
    """Terms and words of paragraphs, a whole language's paragraphs at a time.

    Per paragraph only the scanner runs; the chunks of all of them go through the chunk
    caches in one pass and the counting is done with arrays.
    """
    chunk_lists = [word_chunks(text) for text in texts]
    groups: dict[str, list[int]] = {}
    for i, language in enumerate(languages):
        groups.setdefault(analyzer_for(language).code, []).append(i)
    lengths = np.zeros(len(texts), dtype=np.int64)
    pieces: dict[int, np.ndarray] = {}  # first paragraph of a group -> its terms
    pairs: list[np.ndarray] = []  # (paragraph, word) keys
    word_space = 1 << 32
    for code, members in groups.items():
        table = session.chunks(analyzer_for(None if code == NEUTRAL else code))
        table.bound()
        flat = list(chain.from_iterable(chunk_lists[i] for i in members))
        chunk_counts = np.fromiter(
            (len(chunk_lists[i]) for i in members), dtype=np.int64, count=len(members)
        )
        paragraph_of_chunk = np.repeat(np.asarray(members, dtype=np.int64), chunk_counts)
        rows = np.fromiter(map(table.__getitem__, flat), dtype=np.int64, count=len(flat))
        pieces[members[0]], per_chunk = _gather(table.term_ids, table.term_ends, rows)
        # Each paragraph's chunks are consecutive: its length is a difference of sums.
        totals = np.concatenate(([0], np.cumsum(per_chunk)))
        ends = np.cumsum(chunk_counts)
        lengths[members] = totals[ends] - totals[ends - chunk_counts]
        word_ids, per_chunk = _gather(table.word_ids, table.word_ends, rows)
        pairs.append(np.repeat(paragraph_of_chunk, per_chunk) * word_space + word_ids)
    if len(groups) == 1:
        term_ids = next(iter(pieces.values()))
    else:  # paragraphs of several languages: put each one's terms back in paragraph order
        offsets: dict[int, int] = {}
        for members in groups.values():
            cursor = 0
            for i in members:
                offsets[i] = cursor
                cursor += int(lengths[i])
        sources = {i: pieces[members[0]] for members in groups.values() for i in members}
        term_ids = np.concatenate(
            [sources[i][offsets[i] : offsets[i] + lengths[i]] for i in range(len(texts))]
            or [np.zeros(0, dtype=np.intc)]
        )
    keys = np.sort(np.concatenate(pairs)) if pairs else np.zeros(0, dtype=np.int64)
    distinct = keys[np.concatenate(([True], keys[1:] != keys[:-1]))] if len(keys) else keys
    # Paragraphs holding each word: a count per session word id (np.unique's order: ascending).
    counts = np.bincount(distinct % word_space, minlength=len(session.words.names))
    word_ids = np.flatnonzero(counts)
    return _BodyTerms(term_ids, lengths, word_ids, counts[word_ids])


def _renumbered(ids: np.ndarray, space: int) -> tuple[np.ndarray, np.ndarray]:
    """np.unique(ids, return_inverse=True) of ids below `space`, by marking, not sorting."""
    seen = np.zeros(space, dtype=bool)
    seen[ids] = True
    used = np.flatnonzero(seen)
    rank = np.zeros(space, dtype=np.int64)
    rank[used] = np.arange(len(used))
    return used, rank[ids]


def file_metadata(document: SourceDocument) -> str:
    """Text that describes a whole file: its name's words and its short metadata lines.

    Boilerplate is never an answer, but a byline or a source line ("Moon Hye-ryeon, Arirang
    News.") still tells which outlet a paragraph comes from ("according to Arirang News").
    """
    stem = document.source.rsplit("/", 1)[-1].rsplit(".", 1)[0]
    name_words = [w for w in stem.replace("_", " ").replace("-", " ").split() if w.isalpha()]
    lines = [
        p.text
        for p in document.paragraphs
        if p.kind is ParagraphKind.BOILERPLATE and len(p.text.split()) <= META_LINE_WORDS
    ]
    return " ".join([*name_words, *lines])


def _analyse_document(
    session: ProcessNumbering,
    job: FileJob,
    digest: str,
    document: SourceDocument,
    languages: Sequence[str | None],
) -> AnalysedFile:
    from briefing.corpus.boilerplate import repetition_key

    metadata = file_metadata(document)
    # The body is indexed, and the headline too (paragraph 1, a title): searchable, quotable.
    body = [
        i for i, p in enumerate(document.paragraphs)
        if p.kind is ParagraphKind.BODY
        or (i == 0 and p.kind is ParagraphKind.HEADING and p.text in document.titles)
    ]
    found = _body_terms(
        session, [document.paragraphs[i].text for i in body], [languages[i] for i in body]
    )
    term_lengths = np.zeros(len(document.paragraphs), dtype=np.int32)
    term_lengths[body] = found.lengths
    context_ids, context_lengths = array("i"), array("i")
    statement_counts, statement_ids, statement_spans = array("i"), array("i"), array("i")
    statements = session.statements
    rows: list[ParagraphRow] = []
    body_kind = ParagraphKind.BODY
    for paragraph, language, length in zip(
        document.paragraphs, languages, term_lengths.tolist(), strict=True
    ):
        context = ""
        key = None
        described_ids: tuple[int, ...] = ()
        kind = paragraph.kind
        stated = 0
        if kind is body_kind:
            described = " ".join(filter(None, (paragraph.title, paragraph.section, metadata)))
            context, described_ids = session.context(language, described)
            key = repetition_key(paragraph.text)
            if length:  # a paragraph the index may hold (cross-file boilerplate is not known)
                stated = statements.add(paragraph.text, language, statement_ids, statement_spans)
        statement_counts.append(stated)
        context_ids.extend(described_ids)
        context_lengths.append(len(described_ids))
        rows.append(
            (
                paragraph.number,
                paragraph.line,
                paragraph.start,
                paragraph.end,
                kind.value,
                kind.value,
                paragraph.section,
                paragraph.title,
                language,
                paragraph.page,
                key,
                paragraph.text,
                context,
            )
        )
    # The file's terms, numbered within the file, so that a later build can reuse them.
    used, local = _renumbered(found.term_ids, len(session.terms.names))
    term_names, word_names = session.terms.names, session.words.names
    return AnalysedFile(
        job,
        digest,
        document.encoding,
        document.notice,
        document_info(document),
        "\n".join(map(word_names.__getitem__, found.word_ids.tolist())),
        found.word_counts.astype(np.intc).tobytes(),
        found.word_ids.astype(np.intc).tobytes(),
        rows,
        found.term_ids.astype(np.intc).tobytes(),
        term_lengths.astype(np.intc).tobytes(),
        context_ids.tobytes(),
        context_lengths.tobytes(),
        "\n".join(map(term_names.__getitem__, used.tolist())),
        local.astype("<i4").tobytes(),
        statement_counts.tobytes(),
        statement_ids.tobytes(),
        statement_spans.tobytes(),
    )


def analyse_files(key: str, root: str, jobs: Sequence[FileJob]) -> Batch:
    """Read, cut and analyse files; the language detections of all of them go in one batch.

    `key` names the build: ids are numbered afresh for each build and each process.
    """
    from briefing.corpus.decoding import UnreadableFile, os_reason
    from briefing.corpus.language import assign_languages_many
    from briefing.corpus.reading import load_document

    session = _session_for(key)
    loaded: list[tuple[FileJob, str, SourceDocument] | FailedFile] = []
    for job in jobs:
        path = Path(job.path)
        try:
            digest = job.sha256 or hash_file(path)
            document = load_document(Path(root), path)
        except UnreadableFile as error:
            loaded.append(FailedFile(job, error.reason))
            continue
        except OSError as error:  # vanished or became unreadable while indexing
            loaded.append(FailedFile(job, os_reason(error)))
            continue
        loaded.append((job, digest, document))
    documents = [item[2] for item in loaded if not isinstance(item, FailedFile)]
    languages = iter(assign_languages_many([[p.text for p in d.paragraphs] for d in documents]))
    results: list[AnalysedFile | FailedFile] = []
    for item in loaded:
        if isinstance(item, FailedFile):
            results.append(item)
        else:
            results.append(_analyse_document(session, *item, next(languages)))
    return session.batch(results)
