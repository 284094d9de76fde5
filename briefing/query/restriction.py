"""Provides the search syntax applied to an index: a mask over its paragraphs, and highlights.

Every restriction is a boolean array over the indexed paragraphs (doc ids), multiplied into
the score array, so a question without syntax costs nothing more and one with filters costs
a few SQL lookups of the paragraphs concerned:
- a phrase keeps the paragraphs whose analysed terms hold the phrase's terms in order
  (stopwords are left out on both sides, as everywhere); one that matches nothing is
  dropped, with a note, and its words are searched as plain words;
- an exclusion removes the paragraphs holding the word (every corpus language's stem);
- lang: keeps paragraphs of those languages; source: files whose path matches;
  title: articles whose headline, or documents whose title, holds the word;
- after:/before: keep documents dated strictly after/before the day, and count the
  undated documents they left out.
"""

from __future__ import annotations

import dataclasses
import fnmatch
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, TypeVar

from briefing.index.metadata import Catalog
from briefing.index.store import IndexReader
from briefing.models import Answer, QueryFilters, Span
from briefing.query.question import Query, corpus_analyzers, highlight_spans
from briefing.query.syntax import ParsedQuery
from briefing.text.analyzer import Analyzer, analyzer_for
from briefing.text.tokenize import tokenize

if TYPE_CHECKING:
    import numpy as np

    from briefing.reports import SearchHit

_CHUNK = 500


@dataclass(slots=True)
class Restriction:
    """What the syntax of one question allows: a paragraph mask, the phrases kept, notes."""

    mask: np.ndarray | None = None  # bool per doc id; None: everything
    phrases: tuple[str, ...] = ()  # the phrases that matched (and so restrict and highlight)
    undated_left_out: int = 0
    notes: list[str] = field(default_factory=list)


def _analyzers(reader: IndexReader) -> list[Analyzer]:
    return corpus_analyzers(reader)


def _chunks(values: Sequence[object]) -> Iterable[Sequence[object]]:
    for start in range(0, len(values), _CHUNK):
        yield values[start : start + _CHUNK]


def _mask_of(size: int, doc_ids: Iterable[int]) -> np.ndarray:
    import numpy as np  # only a question with search syntax narrows by a mask

    mask = np.zeros(size, dtype=bool)
    ids = np.fromiter(doc_ids, dtype=np.int64)
    if ids.size:
        mask[ids] = True
    return mask


def _docs_of_files(reader: IndexReader, file_ids: Sequence[int]) -> list[int]:
    found: list[int] = []
    for chunk in _chunks(list(file_ids)):
        marks = ",".join("?" * len(chunk))
        rows = reader.connection.execute(
            f"SELECT doc_id FROM paragraphs WHERE doc_id IS NOT NULL AND file_id IN ({marks})",
            list(chunk),
        )
        found.extend(int(d) for (d,) in rows)
    return found


def _holds(analyzer: Analyzer, needle: str, haystack: str) -> bool:
    """Whether haystack's terms include needle's terms in order (folded text if no terms)."""
    from briefing.text.normalize import fold

    wanted = [t.term for t in analyzer.analyze(needle)]
    if not wanted:
        return fold(needle) in fold(haystack)
    terms = " " + " ".join(t.term for t in analyzer.analyze(haystack)) + " "
    return " " + " ".join(wanted) + " " in terms


def phrase_doc_ids(
    reader: IndexReader, phrase: str, within: np.ndarray | None = None
) -> set[int]:
    """The indexed paragraphs holding `phrase` (its analysed terms, in order)."""
    import numpy as np

    candidates: set[int] = set()
    holders: dict[str, set[int]] = {}  # paragraphs holding a one-term phrase, by its term
    for analyzer in _analyzers(reader):
        terms = [t.term for t in analyzer.analyze(phrase)]
        if not terms:
            continue
        postings = reader.postings(terms)
        if any(term not in postings for term in terms):
            continue
        ids = postings[terms[0]][0]
        for term in terms[1:]:
            ids = np.intersect1d(ids, postings[term][0], assume_unique=True)
        if within is not None and ids.size:
            ids = ids[within[ids]]
        candidates.update(int(i) for i in ids)
        if len(terms) == 1:
            holders[terms[0]] = {int(i) for i in ids}
    if not candidates:
        return set()
    matched: set[int] = set()
    ordered = sorted(candidates)
    needles: dict[str | None, list[str]] = {}
    unsure: list[int] = []
    # A phrase of one term holds wherever the paragraph's own language gives that term: the
    # postings say so without reading the paragraph (a quoted word can be in thousands).
    for chunk in _chunks(ordered):
        for doc_id, language in _languages(reader, chunk).items():
            if language not in needles:
                needles[language] = [t.term for t in analyzer_for(language).analyze(phrase)]
            needle = needles[language]
            if len(needle) == 1 and needle[0] in holders:
                if doc_id in holders[needle[0]]:
                    matched.add(doc_id)
            else:
                unsure.append(doc_id)
    for chunk in _chunks(unsure):
        for doc_id, paragraph in reader.paragraphs_by_doc([int(d) for d in chunk]).items():
            if _holds(analyzer_for(paragraph.language), phrase, paragraph.text):
                matched.add(doc_id)
    return matched


def _languages(reader: IndexReader, doc_ids: Sequence[object]) -> dict[int, str | None]:
    marks = ",".join("?" * len(doc_ids))
    rows = reader.connection.execute(
        f"SELECT doc_id, language FROM paragraphs WHERE doc_id IN ({marks})", list(doc_ids)
    )
    return {int(d): None if lang is None else str(lang) for d, lang in rows}


def _word_doc_ids(reader: IndexReader, word: str) -> set[int]:
    """Paragraphs holding a word in any corpus language (a phrase when it has several)."""
    analyzers = _analyzers(reader)
    pieces = {tuple(t.term for t in a.analyze(word)) for a in analyzers}
    if all(len(p) <= 1 for p in pieces):
        terms = {p[0] for p in pieces if p}
        return {int(i) for ids, _ in reader.postings(terms).values() for i in ids}
    return phrase_doc_ids(reader, word)


def _source_matches(path: str, pattern: str) -> bool:
    path, pattern = path.casefold(), pattern.casefold()
    if not any(c in pattern for c in "*?["):
        return pattern in path
    name = path.rsplit("/", 1)[-1]
    return fnmatch.fnmatchcase(path, pattern) or fnmatch.fnmatchcase(name, pattern)


def _title_doc_ids(reader: IndexReader, catalog: Catalog, words: Sequence[str]) -> set[int]:
    """Paragraphs whose article headline, or whose document's title, holds every word."""
    from briefing.text.normalize import fold

    analyzers = _analyzers(reader)
    # A title can hold a word only if it holds the word's first letters (stemming keeps
    # them): most titles are ruled out by a substring test, without analysing them.
    prefixes = [fold(w)[:3] for w in words]

    def holds(title: str) -> bool:
        folded = fold(title)
        if not all(prefix in folded for prefix in prefixes):
            return False
        return all(any(_holds(a, w, title) for a in analyzers) for w in words)

    rows = reader.connection.execute(
        "SELECT DISTINCT title FROM paragraphs WHERE doc_id IS NOT NULL AND title IS NOT NULL"
    )
    titles = [str(t) for (t,) in rows if holds(str(t))]
    found: set[int] = set()
    for chunk in _chunks(titles):
        marks = ",".join("?" * len(chunk))
        rows = reader.connection.execute(
            f"SELECT doc_id FROM paragraphs WHERE doc_id IS NOT NULL AND title IN ({marks})",
            list(chunk),
        )
        found.update(int(d) for (d,) in rows)
    documents = [p for p, info in catalog.all().items() if info.title and holds(info.title)]
    found.update(_docs_of_files(reader, _file_ids(reader, documents)))
    return found


def _file_ids(reader: IndexReader, paths: Sequence[str]) -> list[int]:
    ids: list[int] = []
    for chunk in _chunks(list(paths)):
        marks = ",".join("?" * len(chunk))
        rows = reader.connection.execute(f"SELECT id FROM files WHERE path IN ({marks})",
                                         list(chunk))
        ids.extend(int(i) for (i,) in rows)
    return ids


def restrict(reader: IndexReader, catalog: Catalog, filters: QueryFilters) -> Restriction:
    """The paragraphs a question's filters, exclusions and phrases allow."""
    size = reader.size
    result = Restriction()
    mask: np.ndarray | None = None

    def narrow(allowed: np.ndarray) -> None:
        nonlocal mask
        mask = allowed if mask is None else mask & allowed

    if filters.sources or filters.after or filters.before:
        files = reader.connection.execute("SELECT path FROM files").fetchall()
        paths = [str(p) for (p,) in files]
        if filters.sources:
            paths = [p for p in paths if any(_source_matches(p, g) for g in filters.sources)]
        if filters.after or filters.before:
            infos = catalog.infos(paths)
            dated = [p for p in paths if infos.get(p) and infos[p].date]
            result.undated_left_out = len(paths) - len(dated)
            paths = [
                p for p in dated
                if (not filters.after or infos[p].date > filters.after)  # type: ignore[operator]
                and (not filters.before or infos[p].date < filters.before)  # type: ignore[operator]
            ]
        narrow(_mask_of(size, _docs_of_files(reader, _file_ids(reader, paths))))
    if filters.languages:
        marks = ",".join("?" * len(filters.languages))
        rows = reader.connection.execute(
            f"SELECT doc_id FROM paragraphs WHERE doc_id IS NOT NULL AND language IN ({marks})",
            list(filters.languages),
        )
        narrow(_mask_of(size, (int(d) for (d,) in rows)))
    if filters.titles:
        narrow(_mask_of(size, _title_doc_ids(reader, catalog, filters.titles)))
    if filters.excluded:
        excluded: set[int] = set()
        for word in filters.excluded:
            excluded |= _word_doc_ids(reader, word)
        narrow(~_mask_of(size, excluded))
    kept: list[str] = []
    for phrase in filters.phrases:
        matched = phrase_doc_ids(reader, phrase, mask)
        if not matched:
            result.notes.append(f'no passage holds the phrase "{phrase}": searched its words')
            continue
        kept.append(phrase)
        narrow(_mask_of(size, matched))
    result.mask = mask
    result.phrases = tuple(kept)
    return result


def phrase_spans(text: str, language: str | None, phrases: Sequence[str]) -> list[Span]:
    """Spans of `text` where a phrase occurs (first word to last word, stopwords between)."""
    if not phrases:
        return []
    analyzer = analyzer_for(language)
    tokens = [t for t in analyzer.analyze(text, keep_stopwords=True)
              if not analyzer.is_stopword(t.surface)]
    terms = [t.term for t in tokens]
    spans: list[Span] = []
    for phrase in phrases:
        wanted = [t.term for t in analyzer.analyze(phrase)]
        if not wanted:
            continue
        width = len(wanted)
        for i in range(len(terms) - width + 1):
            if terms[i : i + width] == wanted:
                spans.append((tokens[i].start, tokens[i + width - 1].end))
    return spans


def merge_spans(spans: Iterable[Span]) -> tuple[Span, ...]:
    merged: list[Span] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return tuple(merged)


Item = TypeVar("Item", "Answer", "SearchHit")  # strings: see briefing.reports


def finish(
    items: Sequence[Item],
    catalog: Catalog,
    query: Query,
    parsed: ParsedQuery,
    restriction: Restriction,
    sort: str = "relevance",
) -> tuple[Item, ...]:
    """Answers or hits with their document's metadata, phrase-following highlights, in order.

    `sort="date"` puts the newest documents first (undated ones last, each group in its
    relevance order).
    """
    if not items:
        return ()
    infos = catalog.infos(item.source for item in items)
    highlight_query: Query | None = None
    if restriction.phrases:
        # Words typed only inside a phrase are highlighted where the phrase is, not alone.
        loose = {token.surface for token in tokenize(parsed.loose)}
        words = tuple(w for w in query.words if w.surface in loose)
        highlight_query = dataclasses.replace(query, words=words)
    finished: list[Item] = []
    for item in items:
        changes: dict[str, object] = {"document": infos.get(item.source)}
        if highlight_query is not None:
            spans = highlight_spans(item.passage, item.language, highlight_query)
            spans += phrase_spans(item.passage, item.language, restriction.phrases)
            changes["highlights"] = merge_spans(spans)
        finished.append(dataclasses.replace(item, **changes))  # type: ignore[arg-type]
    if sort == "date":
        undated = "0000-00-00"
        finished.sort(key=lambda i: i.document.date if i.document and i.document.date else undated,
                      reverse=True)
    return tuple(finished)
