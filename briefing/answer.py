"""Provides extractive answers: the best sentences of the best paragraphs, or an abstention.

A sentence is scored by how much of the question's IDF mass it covers, by how close its
matched words stand, and by its paragraph's BM25 rank. The question is answered only when
the best sentence covers enough of what was asked: a sentence that shares one word ("won")
with a question about something the corpus never mentions is not an answer.
"""

from __future__ import annotations

from dataclasses import dataclass

from briefing.index.store import IndexReader
from briefing.models import Answer, Paragraph
from briefing.sanitize import clean_passage
from briefing.search import Query, QueryWord, highlight_spans, paragraph_scores, top_documents
from briefing.text.analyzer import analyzer_for
from briefing.text.normalize import fold
from briefing.text.sentences import split_sentences

CANDIDATE_PARAGRAPHS = 12
WEAK_PASSAGES = 3
# Calibrated on the development questions (README, "Answers and confidence").
ANSWER_MIN_COVERAGE = 0.5
HIGH_CONFIDENCE = 0.85
MEDIUM_CONFIDENCE = 0.65
DUPLICATE_SIMILARITY = 90.0
SHORT_SENTENCE_WORDS = 4
CONTEXT_CREDIT = 0.5


@dataclass(frozen=True, slots=True)
class ScoredSentence:
    """A candidate answer sentence inside a cleaned passage."""

    doc_id: int
    paragraph: Paragraph
    passage: str
    start: int
    end: int
    score: float
    coverage: float


def _sentence_candidates(
    doc_id: int,
    paragraph: Paragraph,
    relative_rank: float,
    query: Query,
    context: frozenset[str],
) -> list[ScoredSentence]:
    passage = clean_passage(paragraph.text)
    analyzer = analyzer_for(paragraph.language)
    terms = analyzer.analyze(passage, keep_stopwords=True)
    total = query.total_idf or 1.0
    # Words the paragraph's title, section or source line holds count, at a discount, for
    # every sentence in it: "according to Arirang News" is answered by Arirang's paragraphs.
    # A word found only in metadata (never in any paragraph) can only be matched there:
    # full credit; a word the sentence could have held but does not: half.
    def credit(word: QueryWord) -> float:
        return word.idf * (CONTEXT_CREDIT if word.known else 1.0)

    context_idf = sum(credit(w) for w in query.words if w.variants & context)
    scored: list[ScoredSentence] = []
    for start, end in split_sentences(passage, paragraph.language):
        inside = [t for t in terms if start <= t.start < end]
        positions: dict[int, list[int]] = {}
        for position, term in enumerate(inside):
            for index, word in enumerate(query.words):
                if term.term in word.variants:
                    positions.setdefault(index, []).append(position)
        matched = sum(query.words[i].idf for i in positions)
        in_context_only = context_idf - sum(
            credit(query.words[i]) for i in positions if query.words[i].variants & context
        )
        coverage = (matched + in_context_only) / total
        proximity = 0.0
        if len(positions) >= 2:
            first = min(p[0] for p in positions.values())
            last = max(p[0] for p in positions.values())
            proximity = len(positions) / (last - first + 1)
        score = coverage * (0.6 + 0.4 * relative_rank) + 0.1 * min(proximity, 1.0)
        if len(inside) < SHORT_SENTENCE_WORDS:
            score *= 0.7  # a fragment is rarely a whole answer
        scored.append(ScoredSentence(doc_id, paragraph, passage, start, end, score, coverage))
    return scored


def _is_duplicate(sentence: ScoredSentence, kept: list[ScoredSentence]) -> bool:
    from rapidfuzz import fuzz

    text = fold(sentence.passage[sentence.start : sentence.end])
    for other in kept:
        other_text = fold(other.passage[other.start : other.end])
        if fuzz.token_set_ratio(text, other_text) >= DUPLICATE_SIMILARITY:
            return True
    return False


def confidence_band(sentence: ScoredSentence) -> str:
    """A band a person can read, from the share of the question the sentence covers."""
    if sentence.coverage >= HIGH_CONFIDENCE:
        return "high"
    if sentence.coverage >= MEDIUM_CONFIDENCE:
        return "medium"
    return "low"


def _to_answer(sentence: ScoredSentence, query: Query, confidence: str | None) -> Answer:
    paragraph = sentence.paragraph
    return Answer(
        text=sentence.passage[sentence.start : sentence.end],
        score=round(sentence.score, 6),
        confidence=confidence,
        source=paragraph.source,
        paragraph=paragraph.number,
        line=paragraph.line,
        title=paragraph.title,
        section=paragraph.section,
        passage=sentence.passage,
        start=sentence.start,
        end=sentence.end,
        highlights=tuple(highlight_spans(sentence.passage, paragraph.language, query)),
        language=paragraph.language,
        page=paragraph.page,
        passage_offset=paragraph.start,
    )


def find_answers(
    reader: IndexReader, query: Query, k: int
) -> tuple[bool, list[Answer], list[Answer]]:
    """(answered, answers, weak passages) for an analysed question."""
    if not query.words or not any(w.known or w.in_context for w in query.words):
        return False, [], []
    ranked = top_documents(paragraph_scores(reader, query), CANDIDATE_PARAGRAPHS)
    if not ranked:
        return False, [], []
    paragraphs = reader.paragraphs_by_doc([doc_id for doc_id, _ in ranked])
    contexts = reader.context_terms([doc_id for doc_id, _ in ranked])
    best_score = ranked[0][1]
    per_paragraph: list[ScoredSentence] = []
    sentences: list[ScoredSentence] = []
    for doc_id, score in ranked:
        candidates = _sentence_candidates(
            doc_id, paragraphs[doc_id], score / best_score, query, contexts.get(doc_id, frozenset())
        )
        if candidates:
            sentences.extend(candidates)
            per_paragraph.append(max(candidates, key=lambda s: s.score))
    sentences.sort(key=lambda s: (-s.score, s.doc_id, s.start))
    if not sentences or sentences[0].coverage < ANSWER_MIN_COVERAGE:
        weak = [_to_answer(s, query, None) for s in per_paragraph[:WEAK_PASSAGES]]
        return False, [], weak
    kept: list[ScoredSentence] = []
    for sentence in sentences:
        if sentence.coverage <= 0 or _is_duplicate(sentence, kept):
            continue
        kept.append(sentence)
        if len(kept) == k:
            break
    return True, [_to_answer(s, query, confidence_band(s)) for s in kept], []
