"""Provides the search syntax applied to an index: a mask over its paragraphs.

Every restriction is a boolean array over the indexed paragraphs (doc ids), multiplied into
the score array, so a question without syntax costs nothing more and one with filters costs
a few lookups of the paragraphs concerned (the index's own queries: briefing.index.store):
- a phrase keeps the paragraphs whose analysed terms hold the phrase's terms in order
  (stopwords are left out on both sides, as everywhere); one that matches nothing is
  dropped, with a note, and its words are searched as plain words;
- an exclusion removes the paragraphs holding the word (every corpus language's stem);
- lang: keeps paragraphs of those languages; source: files whose path matches;
  title: articles whose headline, or documents whose title, holds the word;
- after:/before: keep documents dated strictly after/before the day, and count the
  undated documents they left out.
Phrases and excluded words come analysed with the question (briefing.query.question), once
per corpus language.
"""

from __future__ import annotations

import fnmatch
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from briefing.index.store import IndexReader
from briefing.models import QueryFilters
from briefing.text.analyzer import Analyzer, analyzer_for
from briefing.text.normalize import fold

if TYPE_CHECKING:
    import numpy as np


@dataclass(frozen=True, slots=True)
class AnalysedPhrase:
    """A phrase of the question (or an excluded word), analysed in each corpus language."""

    text: str
    terms: dict[str, tuple[str, ...]]  # analyzer code -> its terms there, stopwords left out

    def terms_for(self, analyzer: Analyzer) -> tuple[str, ...]:
        """Its terms in a paragraph analysed by `analyzer` (one of the corpus languages, or,
        for a language the corpus does not hold, analysed now)."""
        found = self.terms.get(analyzer.code)
        if found is None:
            return tuple(t.term for t in analyzer.analyze(self.text))
        return found


def analyse_phrase(text: str, analyzers: Sequence[Analyzer]) -> AnalysedPhrase:
    return AnalysedPhrase(
        text, {a.code: tuple(t.term for t in a.analyze(text)) for a in analyzers}
    )


@dataclass(slots=True)
class Restriction:
    """What the syntax of one question allows: a paragraph mask, the phrases kept, notes."""

    mask: np.ndarray | None = None  # bool per doc id; None: everything
    phrases: tuple[AnalysedPhrase, ...] = ()  # those that matched (restrict and highlight)
    undated_left_out: int = 0
    notes: list[str] = field(default_factory=list)


def _mask_of(size: int, doc_ids: Iterable[int]) -> np.ndarray:
    import numpy as np  # only a question with search syntax narrows by a mask

    mask = np.zeros(size, dtype=bool)
    ids = np.fromiter(doc_ids, dtype=np.int64)
    if ids.size:
        mask[ids] = True
    return mask


def _holds(analyzer: Analyzer, wanted: Sequence[str], needle: str, haystack: str) -> bool:
    """Whether haystack's terms include `wanted` (needle's terms) in order; with no terms
    (a needle of stopwords only), whether its folded text is in haystack's."""
    if not wanted:
        return fold(needle) in fold(haystack)
    # terms(): analyze()'s terms in order, through its per-chunk cache (a phrase can be
    # looked for in hundreds of paragraphs).
    terms = " " + " ".join(analyzer.terms(haystack)) + " "
    return " " + " ".join(wanted) + " " in terms


def phrase_doc_ids(
    reader: IndexReader,
    phrase: AnalysedPhrase,
    analyzers: Sequence[Analyzer],
    within: np.ndarray | None = None,
) -> set[int]:
    """The indexed paragraphs holding `phrase` (its analysed terms, in order)."""
    import numpy as np

    candidates: set[int] = set()
    holders: dict[str, set[int]] = {}  # paragraphs holding a one-term phrase, by its term
    for analyzer in analyzers:
        terms = list(phrase.terms_for(analyzer))
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
    unsure: list[int] = []
    # A phrase of one term holds wherever the paragraph's own language gives that term: the
    # postings say so without reading the paragraph (a quoted word can be in thousands).
    for doc_id, language in reader.doc_languages(sorted(candidates)).items():
        needle = phrase.terms_for(analyzer_for(language))
        if len(needle) == 1 and needle[0] in holders:
            if doc_id in holders[needle[0]]:
                matched.add(doc_id)
        else:
            unsure.append(doc_id)
    for doc_id, paragraph in reader.paragraphs_by_doc(unsure).items():
        analyzer = analyzer_for(paragraph.language)
        if _holds(analyzer, phrase.terms_for(analyzer), phrase.text, paragraph.text):
            matched.add(doc_id)
    return matched


def _word_doc_ids(
    reader: IndexReader, word: AnalysedPhrase, analyzers: Sequence[Analyzer]
) -> set[int]:
    """Paragraphs holding a word in any corpus language (a phrase when it has several)."""
    pieces = {word.terms_for(a) for a in analyzers}
    if all(len(p) <= 1 for p in pieces):
        terms = {p[0] for p in pieces if p}
        return {int(i) for ids, _ in reader.postings(terms).values() for i in ids}
    return phrase_doc_ids(reader, word, analyzers)


def _source_matches(path: str, pattern: str) -> bool:
    path, pattern = path.casefold(), pattern.casefold()
    if not any(c in pattern for c in "*?["):
        return pattern in path
    name = path.rsplit("/", 1)[-1]
    return fnmatch.fnmatchcase(path, pattern) or fnmatch.fnmatchcase(name, pattern)


def _title_doc_ids(
    reader: IndexReader, words: Sequence[AnalysedPhrase], analyzers: Sequence[Analyzer]
) -> set[int]:
    """Paragraphs whose article headline, or whose document's title, holds every word."""
    # A title can hold a word only if it holds the word's first letters (stemming keeps
    # them): most titles are ruled out by a substring test, without analysing them.
    prefixes = [fold(w.text)[:3] for w in words]

    def holds(title: str) -> bool:
        folded = fold(title)
        if not all(prefix in folded for prefix in prefixes):
            return False
        return all(
            any(_holds(a, w.terms_for(a), w.text, title) for a in analyzers) for w in words
        )

    found = set(reader.doc_ids_under_headlines([t for t in reader.headlines() if holds(t)]))
    titled = [path for path, info in reader.documents().items() if info.title and holds(info.title)]
    found.update(reader.doc_ids_of_files(titled))
    return found


def restrict(
    reader: IndexReader,
    filters: QueryFilters,
    phrases: Sequence[AnalysedPhrase],
    excluded: Sequence[AnalysedPhrase],
    titles: Sequence[AnalysedPhrase],
    analyzers: Sequence[Analyzer],
) -> Restriction:
    """The paragraphs a question's filters, exclusions and phrases allow."""
    size = reader.size
    result = Restriction()
    mask: np.ndarray | None = None

    def narrow(allowed: np.ndarray) -> None:
        nonlocal mask
        mask = allowed if mask is None else mask & allowed

    if filters.sources or filters.after or filters.before:
        paths = reader.paths()
        if filters.sources:
            paths = [p for p in paths if any(_source_matches(p, g) for g in filters.sources)]
        if filters.after or filters.before:
            days = {path: info.date for path, info in reader.documents(paths).items()}
            dated = [p for p in paths if days.get(p)]
            result.undated_left_out = len(paths) - len(dated)
            paths = [
                p for p in dated
                if (not filters.after or str(days[p]) > filters.after)
                and (not filters.before or str(days[p]) < filters.before)
            ]
        narrow(_mask_of(size, reader.doc_ids_of_files(paths)))
    if filters.languages:
        narrow(_mask_of(size, reader.doc_ids_in_languages(filters.languages)))
    if titles:
        narrow(_mask_of(size, _title_doc_ids(reader, titles, analyzers)))
    if excluded:
        left_out: set[int] = set()
        for word in excluded:
            left_out |= _word_doc_ids(reader, word, analyzers)
        narrow(~_mask_of(size, left_out))
    kept: list[AnalysedPhrase] = []
    for phrase in phrases:
        matched = phrase_doc_ids(reader, phrase, analyzers, mask)
        if not matched:
            result.notes.append(f'no passage holds the phrase "{phrase.text}": searched its words')
            continue
        kept.append(phrase)
        narrow(_mask_of(size, matched))
    if result.undated_left_out:
        count = result.undated_left_out
        noun = "document" if count == 1 else "documents"
        result.notes.append(f"after:/before: left out {count} {noun} with no known date")
    result.mask = mask
    result.phrases = tuple(kept)
    return result
