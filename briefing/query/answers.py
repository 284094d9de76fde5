"""Provides extractive answers: the best sentences of the best paragraphs, or an abstention.

A sentence is scored by how much of the question's IDF mass it covers (its own words, plus a
share of its neighbours': a sentence that opens with "It" or "These" is about the one before
it), by the question's phrases it repeats, by how close its matched words stand, by whether it
holds a number when the question asks "how many" or "when", and by its paragraph's BM25 rank.
A sentence that points back is shown with the sentence it points to.

The question is answered only when the best sentence covers enough of what was asked, less a
penalty for the question's words the corpus never mentions: a sentence that shares one word
("won") with a question about the World Cup is not an answer. Every weight and threshold was
tuned on the development splits of the public benchmarks (benchmarks/quality.py), never on
their test splits.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import NamedTuple, TypeVar, overload

from briefing.corpus.sanitize import clean_passage
from briefing.index.store import IndexReader
from briefing.models import Paragraph
from briefing.query.cues import anaphors, is_number, number_words, wants_number
from briefing.query.question import QueryWord, Question
from briefing.query.ranking import Ranked, rank_paragraphs
from briefing.text.analyzer import Word, analyzer_for
from briefing.text.passage import read_passage

# Past the fifth paragraph no better answer turned up on the development splits (with four,
# XQuAD answer@3 lost 0.003); the sixth keeps the bundled corpus's answer to "Which countries
# banned DeepSeek from government devices?" (5th by 0.02) once 004's opening sentence is text.
CANDIDATE_PARAGRAPHS = 6
WEAK_PASSAGES = 3
# Abstention: an answer's evidence is the share of the question's IDF mass it covers, less
# this share of the mass of words the corpus never holds (the mark of an off-topic question).
UNSEEN_PENALTY = 0.3
ANSWER_MIN_EVIDENCE = 0.2
# Confidence: evidence plus this much of the score's lead over the best other answer.
MARGIN_WEIGHT = 0.5
HIGH_CONFIDENCE = 0.9
MEDIUM_CONFIDENCE = 0.6
DUPLICATE_SIMILARITY = 90.0
AGREEMENT_SIMILARITY = 70.0  # a sentence this close to the top answer restates it
CONTEXT_CREDIT = 0.5
# Sentence scoring.
RANK_SHARE = 0.4  # the part of a sentence's coverage that scales with its paragraph's rank
NEIGHBOUR_CREDIT = 0.15  # share of the adjacent sentences' question words a sentence gets
ANAPHOR_CREDIT = 0.9  # ... of the previous sentence's, when it opens by pointing back to it
ANAPHOR_REACH = 2  # an anaphor counts among this many first words of a sentence
PROXIMITY_WEIGHT = 0.05
PHRASE_WEIGHT = 0.04  # per word pair of the question the sentence repeats, in order
PHRASE_LIMIT = 4
NUMBER_BONUS = 0.1  # the question asks for a quantity or a date, and the sentence has one
SHORT_SENTENCE_WORDS = 4
SHORT_SENTENCE_FACTOR = 0.7  # a fragment is rarely a whole answer


class ScoredSentence(NamedTuple):
    """A candidate answer (one sentence, or two when the second points back) in a passage.

    A tuple: every sentence of the candidate paragraphs makes one, and a frozen dataclass costs
    three times as much to build.
    """

    doc_id: int
    paragraph: Paragraph
    passage: str
    start: int
    end: int
    score: float
    coverage: float


@dataclass(frozen=True, slots=True)
class QuestionCues:
    """What the sentence scorer reads from the question itself, computed once per question."""

    surfaces: frozenset[str]  # its folded words
    phrases: frozenset[tuple[str, str]]  # adjacent word pairs, not both stopwords
    wants_number: bool
    phrase_words: frozenset[str]  # the words of its pairs that are not stopwords (each has one)

    @classmethod
    def of(cls, question: Question) -> QuestionCues:
        analyzer = analyzer_for(question.language)
        surfaces = question.surfaces
        phrases = frozenset(
            (a, b)
            for a, b in zip(surfaces, surfaces[1:], strict=False)
            if not (analyzer.is_question_stopword(a) and analyzer.is_question_stopword(b))
        )
        phrase_words = frozenset(
            word
            for pair in phrases
            for word in pair
            if not analyzer.is_question_stopword(word)
        )
        return cls(
            frozenset(surfaces), phrases, wants_number(surfaces, question.language), phrase_words
        )

    def phrase_terms(self, language: str | None) -> frozenset[str]:
        """The terms of phrase_words in a paragraph of `language`: a sentence whose terms hold
        none of them repeats no pair of the question."""
        stem = analyzer_for(language).stem
        return frozenset(stem(word) for word in self.phrase_words)


@dataclass(slots=True)
class _Sentence:
    """One sentence of a passage, with the question words it holds."""

    start: int
    end: int
    words: tuple[Word, ...]  # start and end relative to their chunk (briefing.text.passage)
    terms: frozenset[str]
    matched: dict[int, int]  # query word index -> the first of its positions among `words`
    points_back: bool


def _words_of(question: Question) -> dict[str, list[int]]:
    """Each searched term -> the indexes of the question words it stands for."""
    words_of: dict[str, list[int]] = {}
    for index, word in enumerate(question.words):
        for variant in word.variants:
            words_of.setdefault(variant, []).append(index)
    return words_of


def _read_sentences(
    passage: str, language: str | None, words_of: dict[str, list[int]]
) -> list[_Sentence]:
    read = read_passage(passage, language)
    pointers = anaphors(language)
    searched = words_of.keys()
    sentences: list[_Sentence] = []
    for (start, end), inside, terms, order in zip(
        read.sentences, read.words, read.terms, read.term_order, strict=True
    ):
        matched: dict[int, int] = {}
        for term in searched & terms:  # most often none, or a few
            position = order.index(term)
            for index in words_of[term]:
                if position < matched.get(index, position + 1):
                    matched[index] = position
        points_back = bool(sentences) and any(
            surface in pointers for _, surface, _, _ in inside[:ANAPHOR_REACH]
        )
        sentences.append(_Sentence(start, end, inside, terms, matched, points_back))
    return sentences


def _proximity(matched: dict[int, int]) -> float:
    """Matched words over the span they occupy: 1.0 when they stand side by side."""
    if len(matched) < 2:
        return 0.0
    first = min(matched.values())
    last = max(matched.values())
    return min(1.0, len(matched) / (last - first + 1))


def _phrases(words: tuple[Word, ...], cues: QuestionCues) -> int:
    """How many of the question's word pairs the sentence repeats (at most PHRASE_LIMIT)."""
    surfaces = [surface for _, surface, _, _ in words]
    pairs = set(zip(surfaces, surfaces[1:], strict=False))
    return min(PHRASE_LIMIT, len(pairs & cues.phrases))


def _has_number(words: tuple[Word, ...], language: str | None, asked: frozenset[str]) -> bool:
    """Whether a sentence states a quantity or a date (answer_cues.is_number) that the
    question does not: a word of letters only is one only if it is a number word, so only
    the others are looked into."""
    named = number_words(language)
    return any(
        is_number(surface, language)
        for _, surface, _, _ in words
        if (not surface.isalpha() or surface in named) and surface not in asked
    )


def _sentence_candidates(
    doc_id: int,
    paragraph: Paragraph,
    relative_rank: float,
    question: Question,
    context: frozenset[str],
    cues: QuestionCues,
    words_of: dict[str, list[int]],
) -> list[ScoredSentence]:
    passage = clean_passage(paragraph.text)
    language = paragraph.language
    sentences = _read_sentences(passage, language, words_of)
    total = question.total_idf or 1.0
    idf = [w.idf for w in question.words]

    # Words the paragraph's title, section or source line holds count, at a discount, for
    # every sentence in it: "according to Arirang News" is answered by Arirang's paragraphs.
    # A word found only in metadata (never in any paragraph) can only be matched there:
    # full credit; a word the sentence could have held but does not: half.
    def credit(word: QueryWord) -> float:
        return word.idf * (CONTEXT_CREDIT if word.known else 1.0)

    in_context = {i for i, w in enumerate(question.words) if w.variants & context}

    def coverage(held: set[int]) -> float:
        matched = sum(idf[i] for i in held)
        return (matched + sum(credit(question.words[i]) for i in in_context - held)) / total

    rank_factor = (1.0 - RANK_SHARE) + RANK_SHARE * relative_rank
    phrase_terms = cues.phrase_terms(language) if cues.phrases else frozenset()
    scored: list[ScoredSentence] = []
    for index, sentence in enumerate(sentences):
        held = set(sentence.matched)
        previous = set(sentences[index - 1].matched) if index else set()
        following = set(sentences[index + 1].matched) if index + 1 < len(sentences) else set()
        back = ANAPHOR_CREDIT if sentence.points_back else NEIGHBOUR_CREDIT
        carried = back * sum(idf[i] for i in previous - held) + NEIGHBOUR_CREDIT * sum(
            idf[i] for i in following - held - previous
        )
        own = coverage(held)
        score = (own + carried / total) * rank_factor
        score += PROXIMITY_WEIGHT * _proximity(sentence.matched)
        if not phrase_terms.isdisjoint(sentence.terms):
            score += PHRASE_WEIGHT * _phrases(sentence.words, cues)
        if cues.wants_number and _has_number(sentence.words, language, cues.surfaces):
            score += NUMBER_BONUS
        if len(sentence.words) < SHORT_SENTENCE_WORDS:
            score *= SHORT_SENTENCE_FACTOR
        start = sentence.start
        if sentence.points_back and previous - held:
            # "It is the county seat of Duval County" needs the sentence naming "it".
            start = sentences[index - 1].start
            own = coverage(held | previous)
        scored.append(
            ScoredSentence(doc_id, paragraph, passage, start, sentence.end, score, own)
        )
    return scored


def _folded(sentence: ScoredSentence) -> str:
    """A sentence's folded words, space-separated: what two sentences are compared by."""
    read = read_passage(sentence.passage, sentence.paragraph.language)
    return " ".join(read.surfaces(sentence.start, sentence.end))


def _distinct(sentences: list[ScoredSentence], count: int) -> Iterator[ScoredSentence]:
    """The first `count` sentences that match the question and repeat no earlier one, found
    as they are asked for."""
    from rapidfuzz import fuzz

    folded: list[str] = []  # each kept text folded once
    for sentence in sentences:
        if sentence.coverage <= 0:
            continue
        text = _folded(sentence)
        if any(fuzz.token_set_ratio(text, other) >= DUPLICATE_SIMILARITY for other in folded):
            continue
        folded.append(text)
        yield sentence
        if len(folded) == count:
            return


T = TypeVar("T")
_END = object()


class MadeOnDemand(Sequence[T]):
    """Items made when first read: the engine asks for twice the answers it shows (those
    stating one fact are merged), and most often the first ones are all it reads."""

    def __init__(self, source: Iterator[T]) -> None:
        self._made: list[T] = []
        self._source: Iterator[T] | None = source

    def _make(self, count: int | None) -> None:
        """Make items until there are `count` (None: all of them)."""
        while self._source is not None and (count is None or len(self._made) < count):
            item = next(self._source, _END)
            if item is _END:
                self._source = None
            else:
                self._made.append(item)  # type: ignore[arg-type]

    def __len__(self) -> int:
        self._make(None)
        return len(self._made)

    def __bool__(self) -> bool:
        self._make(1)
        return bool(self._made)

    @overload
    def __getitem__(self, index: int) -> T: ...

    @overload
    def __getitem__(self, index: slice) -> list[T]: ...

    def __getitem__(self, index: int | slice) -> T | list[T]:
        if isinstance(index, slice):
            end = index.stop
            self._make(None if end is None or end < 0 or (index.start or 0) < 0 else end)
        else:
            self._make(None if index < 0 else index + 1)
        return self._made[index]

    def __iter__(self) -> Iterator[T]:
        position = 0
        while True:
            self._make(position + 1)
            if position >= len(self._made):
                return
            yield self._made[position]
            position += 1


def _runner_up(sentences: list[ScoredSentence], top: ScoredSentence) -> float:
    """The score of the best answer that says something else than `top` (0 if none does).

    Another article stating the same fact backs the top answer up; only a different
    sentence competing with it makes the answer less certain.
    """
    from rapidfuzz import fuzz

    text = _folded(top)
    for sentence in sentences:
        if sentence is top or sentence.coverage <= 0:
            continue
        other = _folded(sentence)
        if fuzz.token_set_ratio(text, other) < AGREEMENT_SIMILARITY:
            return sentence.score
    return 0.0


def unseen_share(question: Question) -> float:
    """The share of the question's IDF mass in words the corpus holds nowhere."""
    unseen = sum(w.idf for w in question.words if not (w.known or w.in_context))
    return unseen / (question.total_idf or 1.0)


def confidence_band(evidence: float, lead: float) -> str:
    """A band a person can read, from the answer's evidence and its lead over the next one.

    On the development questions about one in three answers fell in each band, and the top
    answer held the gold answer about 86% of the time when high, 62% medium, 35% low.
    """
    value = evidence + MARGIN_WEIGHT * lead
    if value >= HIGH_CONFIDENCE:
        return "high"
    if value >= MEDIUM_CONFIDENCE:
        return "medium"
    return "low"


class Chosen(NamedTuple):
    """A sentence chosen as an answer, or a weak passage (confidence None)."""

    sentence: ScoredSentence
    confidence: str | None


class Found(NamedTuple):
    """What a question finds: answers best first, made as they are read, or weak passages.

    A tuple, as every question makes one (see ScoredSentence)."""

    answered: bool
    answers: Sequence[Chosen] = ()
    weak: Sequence[Chosen] = ()


def find_answers(
    reader: IndexReader, question: Question, k: int, ranked: Ranked | None = None
) -> Found:
    """The `k` best distinct answers to an analysed question, or an abstention with the
    closest passages (weak). `ranked`: its CANDIDATE_PARAGRAPHS best paragraphs, when the
    caller ranked them already."""
    if not question.words or not any(w.known or w.in_context for w in question.words):
        return Found(False)
    if ranked is None:
        ranked = rank_paragraphs(reader, question, CANDIDATE_PARAGRAPHS)
    if not ranked:
        return Found(False)
    candidates = reader.paragraphs_with_context([doc_id for doc_id, _ in ranked])
    cues = QuestionCues.of(question)
    words_of = _words_of(question)
    best_score = ranked[0][1]
    per_paragraph: list[ScoredSentence] = []
    sentences: list[ScoredSentence] = []
    for doc_id, score in ranked:
        paragraph, context = candidates[doc_id]
        scored = _sentence_candidates(
            doc_id, paragraph, score / best_score, question, context, cues, words_of
        )
        if scored:
            sentences.extend(scored)
            per_paragraph.append(max(scored, key=lambda s: s.score))
    sentences.sort(key=lambda s: (-s.score, s.doc_id, s.start))
    penalty = UNSEEN_PENALTY * unseen_share(question)
    if not sentences or sentences[0].coverage - penalty < ANSWER_MIN_EVIDENCE:
        return Found(False, weak=[Chosen(s, None) for s in per_paragraph[:WEAK_PASSAGES]])
    distinct = _distinct(sentences, k)
    top = next(distinct)  # sentences[0]: its coverage passed the bar above
    runner_up = _runner_up(sentences, top)

    def made() -> Iterator[Chosen]:
        yield Chosen(top, confidence_band(top.coverage - penalty, top.score - runner_up))
        for s in distinct:
            yield Chosen(s, confidence_band(s.coverage - penalty, s.score - top.score))

    return Found(True, MadeOnDemand(made()))
