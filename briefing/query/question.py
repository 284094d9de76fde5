"""Provides query analysis and ranking: question -> searched words -> scored paragraphs.

A query word is analysed once per corpus language (its Snowball stem in each), so a question
needs no language detection: an English paragraph matches the English stem, a French one the
French stem. A paragraph's score for a word is the best of that word's variants, and the
paragraph's BM25 score is the sum over words, read from precomputed posting arrays.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING

from briefing.index.bm25 import lucene_idf
from briefing.index.store import IndexReader
from briefing.models import Correction, Span
from briefing.text.analyzer import NEUTRAL, Analyzer, analyzer_for
from briefing.text.passage import read_passage
from briefing.text.tokenize import tokenize

# Typo tolerance: only words longer than this, and only matches at least this similar.
MIN_CORRECTABLE_LENGTH = 4
CORRECTION_CUTOFF = 80.0
CORRECTION_LIMIT = 2

if TYPE_CHECKING:
    import numpy as np


@dataclass(frozen=True, slots=True)
class QueryWord:
    """One searched word of a question."""

    text: str  # as typed (its span of the question)
    surface: str  # folded
    variants: frozenset[str]  # index terms to look up, one per corpus language, deduplicated
    idf: float  # the word's weight for coverage: its best variant's IDF
    known: bool  # found in the paragraph text (after correction, if any)
    corrected_to: tuple[str, ...] = ()
    in_context: bool = False  # found in some paragraph's title, section or file metadata


@dataclass(frozen=True, slots=True)
class Query:
    """A question analysed against one index."""

    question: str
    words: tuple[QueryWord, ...]
    corrections: tuple[Correction, ...]
    # Paragraphs the search syntax allows (bool per doc id; briefing.query.restriction); None: all.
    mask: np.ndarray | None = field(default=None, compare=False)
    # The corpus language the question is written in (its stopwords decided it), if any.
    language: str | None = None

    @property
    def searched_terms(self) -> tuple[str, ...]:
        """Surface words searched, after correction and stopwords, in question order."""
        seen: list[str] = []
        for word in self.words:
            for surface in word.corrected_to or (word.surface,):
                if surface not in seen:
                    seen.append(surface)
        return tuple(seen)

    @property
    def all_variants(self) -> frozenset[str]:
        return frozenset(v for w in self.words for v in w.variants)

    @property
    def total_idf(self) -> float:
        return sum(w.idf for w in self.words)


def corpus_analyzers(reader: IndexReader) -> list[Analyzer]:
    """One analyzer per language present in the index (neutral for unknown ones)."""
    codes = sorted(reader.languages) or ["und"]
    analyzers: dict[str, Analyzer] = {}
    for code in codes:
        analyzer = analyzer_for(None if code == "und" else code)
        analyzers.setdefault(analyzer.code, analyzer)
    return list(analyzers.values())


def question_language(
    reader: IndexReader, analyzers: list[Analyzer], surfaces: list[str]
) -> Analyzer:
    """The corpus language whose stopwords the question uses most (ties: the commonest).

    Stopwords are language-specific: "comment" is a French question word but an English
    noun, so only the question's own language decides what is left out.
    """
    share = reader.languages

    def weight(analyzer: Analyzer) -> tuple[int, int]:
        hits = sum(analyzer.is_stopword(s) for s in surfaces)
        return hits, share.get(analyzer.code, 0)

    return max(analyzers, key=weight)


def analyse_query(reader: IndexReader, question: str) -> Query:
    """Tokenise, drop stopwords (unless nothing else is left), stem per language, fix typos."""
    analyzers = corpus_analyzers(reader)
    tokens = tokenize(question)
    language = question_language(reader, analyzers, [t.surface for t in tokens])

    def is_stopword(surface: str) -> bool:
        return language.is_question_stopword(surface)

    unique: dict[str, str] = {}
    stop: set[str] = set()
    for index, token in enumerate(tokens):
        unique.setdefault(token.surface, question[token.start : token.end])
        # A hyphenated compound made only of stopwords ("a-t-elle", "est-ce") is one too.
        parts = [
            t.surface
            for t in tokens[index + 1 :]
            if t.start >= token.start and t.end <= token.end
        ]
        if is_stopword(token.surface) or (parts and all(is_stopword(p) for p in parts)):
            stop.add(token.surface)
    content = {s: t for s, t in unique.items() if s not in stop}
    chosen = content or unique  # a question of only stopwords is searched as it is

    def variants_of(surface: str) -> frozenset[str]:
        return frozenset(a.stem(surface) for a in analyzers)

    candidate_variants = {s: variants_of(s) for s in chosen}
    frequencies = reader.document_frequencies(
        v for variants in candidate_variants.values() for v in variants
    )
    context_frequencies = reader.document_frequencies(
        (v for variants in candidate_variants.values() for v in variants), "context_postings"
    )
    size = reader.size
    words: list[QueryWord] = []
    corrections: list[Correction] = []
    for surface, typed in chosen.items():
        variants = candidate_variants[surface]
        present = {v for v in variants if v in frequencies}
        in_context = {v for v in variants if v in context_frequencies}
        corrected: tuple[str, ...] = ()
        if (
            not present
            and not in_context
            and _correctable(surface)
            and not reader.known_words([surface])
        ):
            from briefing.text.question_language import written_in

            # The language the question is written in, whatever the folder's languages: a
            # French word of a French question is not "corrected" into an English word (17 us).
            asked_in = written_in([t.surface for t in tokens], reader.languages, question)
            # A capital past the question's first word marks a name ("Qui a battu Borrusia").
            named = typed[:1].isupper() and bool(tokens) and surface != tokens[0].surface
            # A correction into a function word ("world" -> "would") searches nothing useful.
            corrected = tuple(
                word
                for word in correct_word(reader, surface, asked_in, typed, named)
                if not any(a.is_question_stopword(word) for a in analyzers)
            )
            if corrected:
                corrections.append(Correction(typed, corrected))
                variants = frozenset(v for word in corrected for v in variants_of(word))
                frequencies.update(reader.document_frequencies(variants))
                present = {v for v in variants if v in frequencies}
        if present:
            idf = max(lucene_idf(size, frequencies[v]) for v in present)
        elif in_context:
            idf = max(lucene_idf(size, context_frequencies[v]) for v in in_context)
        else:
            idf = lucene_idf(size, 0)  # unseen: as informative as a word can be, and missing
        words.append(
            QueryWord(
                typed,
                surface,
                frozenset(present | in_context),
                idf,
                bool(present),
                corrected,
                bool(in_context),
            )
        )
    code = None if language.code == NEUTRAL else language.code
    return Query(question, tuple(words), tuple(corrections), language=code)


def _correctable(surface: str) -> bool:
    return len(surface) >= MIN_CORRECTABLE_LENGTH and not any(c.isdigit() for c in surface)


def correct_word(
    reader: IndexReader,
    surface: str,
    language: str | None = None,
    typed: str | None = None,
    named: bool = False,
) -> tuple[str, ...]:
    """The closest vocabulary words to an unknown word, best first, or () if none is close.

    Only words within two letters of its length are compared (a length bucket), and of those
    only the ones whose letters could reach the cutoff (briefing.text.spelling: a lossless
    filter that leaves about 2% of them); they are scored with `fuzz.ratio` and a cutoff,
    which is both faster and more accurate than WRatio, and must stay close in spelling
    (`close_spelling`: one or two edits, never a shorter word the typo merely contains).

    `language` is the question's (None: unknown): words of the folder's text in that language
    come first. A word found only in text of other languages is a correction only when the
    word is no word of the question's language (briefing.text.lexicon, with `typed`, the word
    as typed, for its accents), or, for a language without a word list, when it is `named`.
    """
    import re

    from rapidfuzz import fuzz, process

    from briefing.index.schema import language_bit
    from briefing.text.normalize import fold
    from briefing.text.spelling import close_spelling, could_match, indel_budget, mask_of

    hyphens = "[-\u2010\u2011]"
    if typed is not None and re.search(hyphens, typed):
        # A hyphenated compound the folder lacks ("fait-il", "Kilroy-Silck") is searched as
        # the parts it holds; its unknown parts are corrected on their own, as words.
        parts = [fold(part) for part in re.split(hyphens, typed) if part]
        known = reader.known_words(parts)
        held = tuple(dict.fromkeys(part for part in parts if part in known))
        if held:
            return held
    length = len(surface)
    mask = mask_of(surface)
    choices: list[str] = []
    frequencies: list[int] = []
    languages: list[int] = []
    for bucket in reader.word_buckets(max(1, length - 2), length + 2):
        budget = indel_budget(length, bucket.length, CORRECTION_CUTOFF)
        found = could_match(bucket.masks, mask, budget)
        # Some hundreds of words pass the filter: their counts in one numpy gather (a lookup
        # per word cost more than scoring them).
        choices.extend(bucket.words(found.tolist()))
        frequencies.extend(bucket.counts[found].tolist())
        languages.extend(bucket.languages[found].tolist())
    if not choices:
        return ()
    matches = [
        match
        for match in process.extract(
            surface, choices, scorer=fuzz.ratio, score_cutoff=CORRECTION_CUTOFF, limit=None
        )
        if close_spelling(surface, match[0])
    ]
    if matches and language is not None:
        bit = language_bit(language)
        own = [m for m in matches if languages[m[2]] & bit]
        if own:
            matches = own
        elif not _may_cross_languages(surface, typed, language, named):
            return ()
    if not matches:
        return ()
    best = matches[0][1]
    # Ties and near-ties: prefer the commoner word, keep at most two.
    close = [(w, score, frequencies[i]) for w, score, i in matches if score >= best - 2.0]
    close.sort(key=lambda m: (-m[1], -m[2], m[0]))
    return tuple(m[0] for m in close[:CORRECTION_LIMIT])


def _may_cross_languages(surface: str, typed: str | None, language: str, named: bool) -> bool:
    """Whether an unknown word of a question in `language` may become a word the folder holds
    only in other languages: when it is no word of that language (a misspelt name, most
    often), or, without a word list for it, when it is written as a name."""
    from briefing.text.lexicon import is_word_of

    known = is_word_of((surface, typed or ""), language)
    return named if known is None else not known


def highlight_spans(text: str, language: str | None, query: Query) -> list[Span]:
    """Spans of `text` whose analysed term is one the query searched, merged when they overlap."""
    wanted = query.all_variants
    return list(_highlights(text, language, wanted)) if wanted else []


@lru_cache(maxsize=64)
def _highlights(text: str, language: str | None, wanted: frozenset[str]) -> tuple[Span, ...]:
    # Found in the sentences that hold a searched term (briefing.text.passage); cached, as a
    # question's answers often share a passage.
    return tuple(merge_spans(read_passage(text, language).spans(wanted)))


def merge_spans(spans: Iterable[Span]) -> list[Span]:
    """Spans sorted, those that overlap or touch merged ("etats-unis" and its parts: one)."""
    merged: list[Span] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged
