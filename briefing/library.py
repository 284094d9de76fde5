"""Provides the Library: one corpus folder, opened: the single door of every front end.

`briefing.open(folder)` gives a Library; `ask`, `search`, `brief`, `status` and `index` are all
there is. The command line and the reader are two clients of it, as is any Python program, so
a question is answered the same way everywhere. A question is analysed once (a `Question`,
briefing.query.question) and every stage reads that: ranking, answer selection, restriction,
highlighting, corroboration. Each result object is made once, with everything it carries.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterable, Sequence
from dataclasses import replace
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, TypeVar

from briefing.corpus.sanitize import clean_label, clean_passage, visible
from briefing.defaults import ANSWERS, FACTS, RESULTS, SORTS
from briefing.errors import BriefingError, CorpusError, QuestionError
from briefing.index.report import BuildReport, Notify, Progress
from briefing.index.store import IndexReader, read_transaction
from briefing.models import Answer, AskResult, DocumentInfo, Paragraph, SourceRef

if TYPE_CHECKING:
    from briefing.corroboration.attach import Corroborated, Stated
    from briefing.index.fact_tables import FactStore
    from briefing.index.hooks import FactsCollector
    from briefing.models import CorpusStats, IndexReport
    from briefing.query.answers import Chosen
    from briefing.query.question import Question
    from briefing.query.ranking import Ranked
    from briefing.reports import Briefing, DocumentView, IndexStatus, SearchHit, SearchResult

T = TypeVar("T")

__all__ = ["Library", "open_library"]


def open_library(
    corpus: str | Path | None = None,
    *,
    cache_dir: str | Path | None = None,
    on_notice: Notify | None = None,
) -> Library:
    """Open a corpus folder (or a single file): `briefing.open`.

    `corpus` None means `$BRIEFING_CORPUS`, else the bundled corpus; `cache_dir` None means
    `$BRIEFING_CACHE_DIR`, else the platform's user cache folder. `on_notice` is told, in
    one line each, what the index noticed (a damaged cache rebuilt, a cache it cannot save).
    Nothing is read yet: the index is opened (built, or refreshed) on first use, or by
    `Library.index()`. Raises CorpusError at once for a folder that does not exist.
    """
    from briefing.paths import resolve_corpus

    root = resolve_corpus(corpus)
    try:
        str(root.expanduser().absolute()).encode("utf-8")
    except UnicodeEncodeError:
        raise CorpusError(
            f"the corpus path is not valid UTF-8, please rename it: {visible(str(root))}"
        ) from None
    if not root.exists():
        raise CorpusError(f"corpus not found: {root}")
    if not (root.is_dir() or root.is_file()):
        raise CorpusError(f"corpus is not a folder or a file: {root}")
    cache = Path(cache_dir).expanduser() if cache_dir is not None else None
    return Library(root, cache_dir=cache, on_notice=on_notice)


class Library:
    """An opened corpus: its folder, its index, and the questions one can ask of it.

    Not thread-safe: the index is a SQLite connection, usable from the thread that first
    used it (the reader runs every call on one thread of its own).
    """

    def __init__(
        self, root: Path, *, cache_dir: Path | None = None, on_notice: Notify | None = None
    ) -> None:
        self.root = root
        self._cache = cache_dir
        self._notify = on_notice
        self._reader: IndexReader | None = None
        self._opened: BuildReport | None = None  # what the last open of the index did
        self._facts: FactStore | None = None
        self._closed = False
        self._last: Question | None = None  # the last question asked (for document())
        self._parsed: tuple[tuple[str, bool], Question] | None = None  # the last one read
        # Each file's metadata, cleaned, as questions ask for it (reset with the index).
        self._documents_read: dict[str, DocumentInfo | None] = {}

    # ----- the library itself -------------------------------------------------------------

    @property
    def name(self) -> str:
        """The corpus folder's name (the file's, for a single file)."""
        return self.root.resolve().name or str(self.root)

    def close(self) -> None:
        """Close the index. The library cannot be used after."""
        self._closed = True
        self._facts = None
        if self._reader is not None:
            self._reader.close()
            self._reader = None

    def __enter__(self) -> Library:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"<briefing.Library {str(self.root)!r}>"

    # ----- the index ----------------------------------------------------------------------

    def index(self, rebuild: bool = False, progress: Progress | None = None) -> IndexReport:
        """Build the index, or bring it up to date with the folder (only changed files are
        read again), and say what it did and holds.

        `progress(phase, done, total)` is called as a build goes, with a human label of each
        phase ("reading files"); total None when not known.
        """
        self._check_open()
        reader, report = self._open_index(rebuild, progress)
        self._use(reader, report)
        return self._guarded(lambda reader: self._report(reader, report))

    def status(self) -> IndexStatus:
        """What changed in the folder since it was last indexed (new, changed and removed
        files), without indexing anything."""
        from briefing.index.freshness import folder_status, stored_index

        self._check_open()
        if self._reader is not None:
            return self._guarded(lambda reader: folder_status(self.root, reader))
        stored = stored_index(self.root, self._cache)
        try:
            return folder_status(self.root, stored)
        finally:
            if stored is not None:
                stored.close()

    def changed(self) -> bool:
        """Whether the folder differs from the open index: a stat walk, no file read."""
        from briefing.index.freshness import has_changed

        return self._guarded(lambda reader: has_changed(self.root, reader))

    @property
    def stats(self) -> CorpusStats:
        """What the index holds: documents, paragraphs, languages, skipped files, notices."""
        return self._guarded(self._stats)

    # ----- questions ----------------------------------------------------------------------

    def ask(
        self,
        question: str,
        k: int = ANSWERS,
        *,
        syntax: bool = True,
        sort: str = "relevance",
    ) -> AskResult:
        """Answer a question with up to `k` extractive answers, or abstain (`answered` False,
        the closest passages in `weak`).

        `syntax` reads phrases, exclusions and filters in the question (see the README's
        search syntax); `sort="date"` lists the answers newest first. A question that cannot
        be searched raises QuestionError with the reason.
        """
        parsed = self._checked(question, sort, syntax)
        return self._guarded(lambda reader: self._ask(reader, parsed, k, sort, 0)[0])

    def search(
        self, query: str, n: int = RESULTS, *, sort: str = "relevance", syntax: bool = True
    ) -> SearchResult:
        """The `n` best passages for a query, best first (`sort="date"`: newest first)."""
        parsed = self._checked(query, sort, syntax)
        return self._guarded(
            lambda reader: self._search(reader, self._analyse(reader, parsed), n, sort)
        )

    def answers_and_passages(
        self, question: str, k: int = ANSWERS, n: int = RESULTS, *, syntax: bool = True
    ) -> tuple[AskResult, SearchResult]:
        """`ask(question, k)` and `search(question, n)` from one analysis and one ranking:
        what a reader shows for a question."""
        parsed = self._checked(question, "relevance", syntax)

        def run(reader: IndexReader) -> tuple[AskResult, SearchResult]:
            result, found = self._ask(reader, parsed, k, "relevance", n)
            assert found is not None  # asked for passages
            return result, found

        return self._guarded(run)

    def check(self, question: str, *, syntax: bool = True) -> None:
        """Raise QuestionError if `question` cannot be searched (empty, no words, too long,
        only filters); read no index."""
        self._checked(question, SORTS[0], syntax)

    def warm_up(self) -> None:
        """Prepare for many questions (a batch, a reading session): rank them with numpy,
        loaded now, and read the corroboration tables now rather than at the first answer."""
        from briefing.query.ranking import load_arrays

        load_arrays()
        self._guarded(self._fact_store)

    def brief(self, topic: str | int | None = None, n: int = FACTS) -> Briefing:
        """The one-screen briefing: the `n` most central facts with their sources, the key
        actors, and where sources disagree. A fact's `text` can be asked as a question.

        With a `topic` (search syntax applies: "ID cards", "source:politics/"), only the
        passages it matches are briefed, each fact a sentence holding its words; a topic
        matching nothing gives a Briefing with no facts, actors or conflicts."""
        from briefing.corroboration.digest import brief, brief_topic

        if isinstance(topic, int):  # brief(n), as callers wrote it before topics
            n, topic = topic, ""
        if topic is None or not topic.strip():
            return self._guarded(lambda reader: _named(reader, brief(
                self._fact_store(reader), max(0, n), reader.file_count)))
        parsed = self._topic(topic)

        def run(reader: IndexReader) -> Briefing:
            from briefing.query.highlight import term_spans
            from briefing.reports import Briefing

            question = self._analyse(reader, parsed)
            doc_ids = _topic_passages(reader, question)
            if not doc_ids:
                return Briefing((), (), (), reader.file_count, passages=0)

            def holds(text: str, language: str | None) -> bool:
                return all(term_spans(text, language, w.variants) for w in question.words)

            return _named(reader, brief_topic(self._fact_store(reader), doc_ids, holds,
                                              max(0, n), reader.file_count))

        return self._guarded(run)

    # ----- reading ------------------------------------------------------------------------

    def document(self, source: str, question: str | None = None) -> DocumentView:
        """Every paragraph of one indexed file, in order, with `question`'s words located in
        them (from its analysed terms: no search runs)."""
        from briefing.query.highlight import highlights
        from briefing.reports import DocumentView

        def run(reader: IndexReader) -> DocumentView:
            paragraphs = tuple(_clean_paragraph(p) for p in reader.document_paragraphs(source))
            texts = tuple(clean_passage(p.text) for p in paragraphs)
            asked = self._analysed(reader, question) if question else None
            matches = tuple(
                highlights(text, p.language, asked.highlighted, asked.phrases)
                if asked is not None and asked.error is None
                else ()
                for p, text in zip(paragraphs, texts, strict=True)
            )
            return DocumentView(source, paragraphs, texts, matches)

        return self._guarded(run)

    def complete(self, prefix: str) -> str | None:
        """The commonest corpus word starting with `prefix` (for word completion)."""
        from briefing.text.normalize import fold

        folded = fold(prefix)
        if len(folded) < 2:
            return None
        words = self._guarded(lambda reader: reader.words_with_prefix(folded, 1))
        return words[0] if words else None

    def path_of(self, source: str) -> Path:
        """The file behind a source name (the corpus may be a single file)."""
        root = self.root.resolve()
        path = root if root.is_file() else (root / source).resolve()
        if root.is_dir() and root not in path.parents:
            raise CorpusError(f"not a file of this corpus: {visible(source)}")
        return path

    # ----- internals ----------------------------------------------------------------------

    def _check_open(self) -> None:
        if self._closed:
            raise BriefingError("this library is closed")

    def _checked(self, text: str, sort: str, syntax: bool) -> Question:
        """The question as given, once it is known to be searchable at all (before any index
        is opened: a bad question never costs a build)."""
        from briefing.query.question import parse

        self._check_open()
        if not isinstance(text, str):
            raise TypeError(f"a question is a str, not {type(text).__name__}")
        if sort not in SORTS:
            raise ValueError(f"sort must be one of {', '.join(SORTS)}, not {sort!r}")
        last = self._parsed
        if last is not None and last[0] == (text, syntax):
            parsed = last[1]  # check() read it a moment ago: a question is read once
        else:
            parsed = parse(text, syntax=syntax)
            self._parsed = ((text, syntax), parsed)
        if parsed.error is not None:
            raise QuestionError(
                parsed.error, question=parsed.text, filters=parsed.filters, notes=parsed.notes
            )
        return parsed

    def _topic(self, topic: str) -> Question:
        """A topic to brief, parsed: like a question, except that filters alone are a topic
        ("source:politics/": every passage they allow)."""
        from dataclasses import replace

        from briefing.query.question import ONLY_FILTERS, parse

        self._check_open()
        if not isinstance(topic, str):
            raise TypeError(f"a topic is a str, not {type(topic).__name__}")
        parsed = parse(topic)
        if parsed.error == ONLY_FILTERS:
            return replace(parsed, error=None)
        if parsed.error is not None:  # said of the topic: "the topic has no words to search"
            raise QuestionError(parsed.error.replace("the question", "the topic", 1),
                                question=parsed.text, filters=parsed.filters, notes=parsed.notes)
        return parsed

    def _open_index(
        self, rebuild: bool, progress: Progress | None
    ) -> tuple[IndexReader, BuildReport]:
        """open_index, but a cache file that breaks while it is read is rebuilt, never trusted.

        A file that is not a database is caught by the store; one that is a database with the
        wrong tables, values or blobs fails later, while being compared or copied.
        """
        from briefing.index.opening import open_index
        from briefing.index.schema import index_path

        def run(again: bool) -> tuple[IndexReader, BuildReport]:
            return open_index(
                self.root, rebuild=again, notify=self._notify, progress=progress,
                facts=_collect_facts, cache=self._cache,
            )

        cached = not rebuild and index_path(self.root, self._cache).exists()
        try:
            return run(rebuild)
        except sqlite3.DatabaseError as error:
            if not cached:
                raise
            self._say(f"notice: the index cache is damaged ({error}); rebuilding it")
            return run(True)

    def _use(self, reader: IndexReader, report: BuildReport) -> None:
        if self._reader is not None and self._reader is not reader:
            self._reader.close()
        self._reader, self._opened, self._facts = reader, report, None
        self._documents_read = {}

    def _say(self, message: str) -> None:
        if self._notify is not None:
            self._notify(message)

    def _guarded(self, action: Callable[[IndexReader], T]) -> T:
        """Run a read of the index in one read transaction (SQLite otherwise locks and checks
        the file again at every statement); the index is opened first if it is not yet.

        If the cache turns out to be damaged (an sqlite3 error, or the store's own checks:
        CorruptIndex), it is rebuilt once and the read retried; a second failure on the fresh
        index is raised. Any other exception is a bug, never taken for damage.
        """
        self._check_open()
        if self._reader is None:
            self._use(*self._open_index(False, None))
        reader = self._reader
        assert reader is not None
        try:
            with read_transaction(reader.connection):
                return action(reader)
        except sqlite3.DatabaseError as error:
            self._say(f"notice: the index cache is damaged ({error}); rebuilding it")
            self._use(*self._open_index(True, None))
            assert self._reader is not None
            with read_transaction(self._reader.connection):
                return action(self._reader)

    def _fact_store(self, reader: IndexReader) -> FactStore:
        """The corroboration tables of the index (computed now if the index lacks them)."""
        from briefing.corroboration.tables import open_facts

        if self._facts is None or self._facts.connection is not reader.connection:
            self._facts = open_facts(reader.connection)
        return self._facts

    def _stats(
        self, reader: IndexReader, notices: list[tuple[str, str, str]] | None = None
    ) -> CorpusStats:
        from briefing.models import CorpusStats

        if notices is None:
            notices = reader.notices()
        return CorpusStats(
            name=self.name,
            root=str(self.root.resolve()),
            documents=reader.file_count,
            paragraphs=reader.size,
            languages=dict(reader.languages),
            skipped=tuple(reader.skipped()),
            notices=tuple(f"{visible(path)}: {notice}" for path, notice, _ in notices),
        )

    def _report(self, reader: IndexReader, report: BuildReport) -> IndexReport:
        from briefing.models import IndexReport

        notices = reader.notices()
        return IndexReport(
            corpus=self._stats(reader, notices),
            reindexed=report.reindexed,
            removed=report.removed,
            rebuilt=report.rebuilt,
            saved=report.saved,
            seconds=report.seconds,
            skipped=tuple(report.skipped),
            notices=tuple(report.notices),
            formats=reader.format_counts(),
            decoded=tuple(
                (path, encoding)
                for path, _, encoding in notices
                if encoding not in ("utf-8", "pdf")  # PDF text is extracted, not decoded
            ),
        )

    def _analyse(self, reader: IndexReader, parsed: Question) -> Question:
        from briefing.query.question import analyse

        question = analyse(reader, parsed)
        if question.error is not None:  # _checked() let it through: it cannot happen
            raise QuestionError(question.error, question=question.text)
        self._last = question
        return question

    def _analysed(self, reader: IndexReader, text: str) -> Question:
        """The question asked last, if it is `text`, else `text` analysed now."""
        from briefing.query.question import analyse

        last = self._last
        if last is not None and last.text == text:
            return last
        return analyse(reader, text)

    def _ask(
        self, reader: IndexReader, parsed: Question, k: int, sort: str, passages: int
    ) -> tuple[AskResult, SearchResult | None]:
        from briefing.corroboration.attach import conflicts_of, corroborate
        from briefing.query.answers import (
            CANDIDATE_PARAGRAPHS,
            HEADLINE_ROOM,
            MadeOnDemand,
            answer_candidates,
            find_answers,
        )
        from briefing.query.ranking import rank_paragraphs

        question = self._analyse(reader, parsed)
        reach = CANDIDATE_PARAGRAPHS + HEADLINE_ROOM
        ranked = rank_paragraphs(reader, question, max(passages, reach))
        # Twice the answers asked for: those that state one fact are merged (corroboration).
        candidates = answer_candidates(reader, ranked[:reach])
        found = find_answers(reader, question, max(1, k) * 2, candidates)
        facts = self._fact_store(reader)
        stated = MadeOnDemand(_stated(chosen) for chosen in found.answers)
        kept, groups = corroborate(facts, stated, max(1, k))
        weak_kept, _ = corroborate(facts, [_stated(chosen) for chosen in found.weak])
        answers = [found.answers[c.position] for c in kept]
        weak = [found.weak[c.position] for c in weak_kept]
        documents = self._documents(reader, [c.sentence.paragraph.source
                                             for c in (*answers, *weak)])
        shown = _sorted(
            [_answer(question, c, made, documents) for c, made in zip(answers, kept,
                                                                      strict=True)], sort)
        shown_weak = _sorted(
            [_answer(question, c, made, documents) for c, made in zip(weak, weak_kept,
                                                                      strict=True)], sort)
        conflicts = conflicts_of(facts, groups)
        result = AskResult(
            question=question.text,
            answered=found.answered,
            searched_terms=question.searched_terms,
            corrections=question.corrections,
            answers=shown,
            weak=shown_weak,
            documents=reader.file_count,
            filters=question.filters,
            notes=question.notes,
            undated_left_out=question.undated_left_out,
            conflicts=conflicts,
            expected=question.expected.value if question.expected is not None else "other",
            namesakes=_namesakes(reader, [
                *(s.source for a in (*shown, *shown_weak) for s in a.sources),
                *(path for c in conflicts for v in c.versions for path in v.sources),
            ]),
        )
        if not passages:
            return result, None
        return result, self._search(reader, question, passages, sort, ranked)

    def _search(
        self,
        reader: IndexReader,
        question: Question,
        n: int,
        sort: str,
        ranked: Ranked | None = None,
    ) -> SearchResult:
        from briefing.query.highlight import highlights
        from briefing.query.ranking import rank_paragraphs
        from briefing.reports import SearchHit, SearchResult

        if ranked is None:
            ranked = rank_paragraphs(reader, question, max(1, n))  # the same ranking as `ask`
        ranked = ranked[: max(1, n)]
        paragraphs = reader.paragraphs_by_doc([doc_id for doc_id, _ in ranked])
        documents = self._documents(reader, [paragraphs[doc_id].source for doc_id, _ in ranked])
        hits = []
        for doc_id, score in ranked:
            paragraph = paragraphs[doc_id]
            passage = clean_passage(paragraph.text)
            hits.append(
                SearchHit(
                    source=paragraph.source,
                    paragraph=paragraph.number,
                    line=paragraph.line,
                    title=clean_label(paragraph.title),
                    section=clean_label(paragraph.section),
                    score=round(score, 6),
                    passage=passage,
                    highlights=highlights(
                        passage, paragraph.language, question.highlighted, question.phrases
                    ),
                    language=paragraph.language,
                    page=paragraph.page,
                    passage_offset=paragraph.start,
                    document=documents.get(paragraph.source),
                )
            )
        return SearchResult(
            query=question.text,
            searched_terms=question.searched_terms,
            corrections=question.corrections,
            results=_sorted(hits, sort),
            filters=question.filters,
            notes=question.notes,
            undated_left_out=question.undated_left_out,
        )

    def _documents(self, reader: IndexReader, paths: Iterable[str]) -> dict[str, DocumentInfo]:
        """The metadata of some indexed files, each label one clean line (read once per open
        of the index: a session's questions keep citing the same files)."""
        known = self._documents_read
        wanted = [path for path in dict.fromkeys(paths) if path not in known]
        if wanted:
            found = reader.documents(wanted)
            for path in wanted:
                info = found.get(path)
                known[path] = None if info is None else _clean_document(info)
        return {path: info for path in paths if (info := known[path]) is not None}


TOPIC_PASSAGES = 500  # the passages a topic's briefing reads, best first


def _topic_passages(reader: IndexReader, question: Question) -> list[int]:
    """The doc ids of the passages a topic matches: its best-ranked ones, or, for a topic of
    filters alone ("source:politics/"), every passage they allow."""
    if question.words:
        from briefing.query.ranking import rank_paragraphs

        return [doc_id for doc_id, _ in rank_paragraphs(reader, question, TOPIC_PASSAGES)]
    mask = question.mask
    if mask is None:
        return []
    import numpy as np

    return np.flatnonzero(mask).tolist()


def _collect_facts(parallel: bool) -> FactsCollector:
    """The corroboration tables' collector for a build (the index's hook; see FactsHook)."""
    from briefing.corroboration.during_build import facts_for  # numpy: only to build

    return facts_for(parallel)


def _namesakes(reader: IndexReader, shown: Iterable[str]) -> tuple[str, ...]:
    """The folder's files that could share a name with a shown one: those starting with its
    shortest name (a few index lookups, not the whole folder)."""
    from briefing.output.names import name_start

    return tuple(reader.paths_starting({name_start(path) for path in shown}))


def _named(reader: IndexReader, briefing: Briefing) -> Briefing:
    """A briefing with the namesakes of the files it shows."""
    shown = [s.source for f in briefing.facts for s in f.sources]
    shown += [path for c in briefing.conflicts for v in c.versions for path in v.sources]
    shown += [path for actor in briefing.actors for path in actor.sources]
    return replace(briefing, namesakes=_namesakes(reader, shown))


def _stated(chosen: Chosen) -> Stated:
    from briefing.corroboration.attach import Stated

    sentence = chosen.sentence
    paragraph = sentence.paragraph
    own = SourceRef(
        paragraph.source,
        paragraph.number,
        sentence.passage[sentence.start : sentence.end],
        paragraph.language,
        paragraph.line,
        sentence.start,
        sentence.end,
    )
    return Stated(own, paragraph.start)


def _answer(
    question: Question,
    chosen: Chosen,
    corroborated: Corroborated,
    documents: dict[str, DocumentInfo],
) -> Answer:
    from briefing.query.highlight import highlights

    sentence = chosen.sentence
    paragraph = sentence.paragraph
    return Answer(
        text=sentence.passage[sentence.start : sentence.end],
        score=round(chosen.chance, 6),  # the learned chance that it answers
        confidence=chosen.confidence,
        source=paragraph.source,
        paragraph=paragraph.number,
        line=paragraph.line,
        title=clean_label(paragraph.title),
        section=clean_label(paragraph.section),
        passage=sentence.passage,
        start=sentence.start,
        end=sentence.end,
        highlights=highlights(
            sentence.passage, paragraph.language, question.highlighted, question.phrases
        ),
        language=paragraph.language,
        page=paragraph.page,
        passage_offset=paragraph.start,
        document=documents.get(paragraph.source),
        sources=corroborated.sources,
        source_count=corroborated.source_count,
        span=chosen.span,
    )


Dated = TypeVar("Dated", "Answer", "SearchHit")


def _sorted(items: Sequence[Dated], sort: str) -> tuple[Dated, ...]:
    """In relevance order, or (`sort="date"`) newest document first, undated last, each group
    in its relevance order."""
    if sort != "date":
        return tuple(items)
    undated = "0000-00-00"
    return tuple(sorted(
        items,
        key=lambda i: i.document.date if i.document and i.document.date else undated,
        reverse=True,
    ))


def _clean_document(info: DocumentInfo) -> DocumentInfo:
    """A file's metadata with every label one clean line: the file wrote them, and a title can
    carry escape sequences as well as any sentence."""
    cleaned = (clean_label(info.title), clean_label(info.date), clean_label(info.language))
    if cleaned == (info.title, info.date, info.language):
        return info
    return DocumentInfo(info.format, *cleaned)


def _clean_paragraph(paragraph: Paragraph) -> Paragraph:
    """A paragraph whose title and section are one clean line each (its text as written:
    offsets refer to it)."""
    import dataclasses

    labels = (clean_label(paragraph.title), clean_label(paragraph.section))
    if labels == (paragraph.title, paragraph.section):
        return paragraph
    return dataclasses.replace(paragraph, title=labels[0], section=labels[1])
